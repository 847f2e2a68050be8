// Console authentication: a Bearer access token or the HttpOnly session cookie (with the
// `X-CSRF-Token` header mirroring the `csrf_token` cookie on writes), then the route's permission.
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { assertCan, type Permission } from "../auth/roles";
import { authenticate } from "../auth/sessions";
import { withWorkspace } from "../context";
import type { HonoEnv } from "../hono-env";
import { Forbidden, Unauthorized } from "../lib/errors";
import { timingSafeEqual } from "../lib/crypto";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** `account`: signed in, no workspace needed; otherwise a permission in the current workspace. */
export type Access = Permission | "account";

export function requireSession(access: Access) {
  return createMiddleware<HonoEnv>(async (c, next) => {
    const header = c.req.header("authorization");
    let token: string | undefined;
    let via: "bearer" | "cookie" = "bearer";
    if (header) {
      const m = header.match(/^bearer\s+(\S+)$/i);
      if (!m) throw Unauthorized("Authorization header must be provided and start with 'Bearer'");
      token = m[1];
    } else {
      token = getCookie(c, "access_token");
      via = "cookie";
    }
    if (!token) throw Unauthorized("Sign in required.");
    if (via === "cookie" && !SAFE_METHODS.has(c.req.method)) {
      const expected = getCookie(c, "csrf_token") ?? "";
      const given = c.req.header("x-csrf-token") ?? "";
      if (!expected || !timingSafeEqual(expected, given)) throw Unauthorized("CSRF token is missing or invalid.");
    }
    const ctx = c.var.ctx;
    const session = await authenticate(ctx, token);
    c.set("session", session);
    c.set("authVia", via);
    if (access !== "account") {
      if (!session.workspace) throw Forbidden("You are not a member of any workspace.");
      assertCan(session.workspace.role, access);
      c.set(
        "wctx",
        withWorkspace(ctx, { accountId: session.accountId, email: session.email, name: session.name }, session.workspace),
      );
    }
    await next();
  });
}
