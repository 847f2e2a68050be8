// Setup, sign-in, sign-out, token refresh and invitation activation: the console's public routes.
// Tokens are returned in the body (API clients) and as cookies (the dashboard).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { acceptInvitation, checkInvitation } from "../../auth/invitations";
import { passwordSchema } from "../../auth/passwords";
import { type IssuedTokens, login, refreshSession, revokeSession } from "../../auth/sessions";
import { getSetupStatus, runSetup } from "../../auth/setup";
import type { HonoEnv } from "../../hono-env";
import { authenticate } from "../../auth/sessions";
import { Unauthorized } from "../../lib/errors";
import { randomString } from "../../lib/ids";
import { json, publicAccess, resultSchema } from "../access";

const tokensSchema = z
  .object({
    result: z.literal("success"),
    data: z.object({ access_token: z.string(), refresh_token: z.string() }),
  })
  .openapi("Tokens");

function sessionMeta(c: Context<HonoEnv>) {
  return { userAgent: c.req.header("user-agent"), ip: c.req.header("cf-connecting-ip") ?? null };
}

function issueCookies(c: Context<HonoEnv>, t: IssuedTokens) {
  const secure = new URL(c.req.url).protocol === "https:";
  const base = { secure, sameSite: "Lax" as const, path: "/" };
  setCookie(c, "access_token", t.accessToken, { ...base, httpOnly: true, expires: new Date(t.accessExpiresAt) });
  setCookie(c, "refresh_token", t.refreshToken, {
    ...base,
    httpOnly: true,
    path: "/console/api",
    expires: new Date(t.refreshExpiresAt),
  });
  setCookie(c, "csrf_token", randomString(32), { ...base, expires: new Date(t.refreshExpiresAt) });
  return c.json({ result: "success" as const, data: { access_token: t.accessToken, refresh_token: t.refreshToken } }, 200);
}

const email = z.email().max(255);

export function authRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/setup",
      tags: ["auth"],
      summary: "Whether first-run setup has happened",
      ...publicAccess,
      responses: {
        200: json(z.object({ step: z.enum(["not_started", "finished"]), setup_at: z.number().int().optional() })),
      },
    }),
    async (c) => c.json(await getSetupStatus(c.var.ctx), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/setup",
      tags: ["auth"],
      summary: "Create the owner account and first workspace (once)",
      ...publicAccess,
      request: {
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.strictObject({
                email,
                name: z.string().trim().min(1).max(30),
                password: passwordSchema,
                language: z.string().optional(),
                init_password: z.string().optional(),
              }),
            },
          },
        },
      },
      responses: { 201: json(resultSchema, "Set up") },
    }),
    async (c) => {
      await runSetup(c.var.ctx, c.req.valid("json"));
      return c.json({ result: "success" as const }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/login",
      tags: ["auth"],
      summary: "Sign in with e-mail and password",
      ...publicAccess,
      request: {
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.strictObject({
                email,
                password: z.string().min(1).max(1024),
                remember_me: z.boolean().optional(),
                invite_token: z.string().nullish(),
                language: z.string().optional(),
              }),
            },
          },
        },
      },
      responses: { 200: json(tokensSchema) },
    }),
    async (c) => issueCookies(c, await login(c.var.ctx, c.req.valid("json"), sessionMeta(c))),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/refresh-token",
      tags: ["auth"],
      summary: "Exchange a refresh token (body or cookie) for new tokens",
      ...publicAccess,
      request: {
        body: {
          required: false,
          content: { "application/json": { schema: z.strictObject({ refresh_token: z.string().optional() }) } },
        },
      },
      responses: { 200: json(tokensSchema) },
    }),
    async (c) => {
      const fromBody = c.req.header("content-type")?.includes("json") ? c.req.valid("json")?.refresh_token : undefined;
      const token = fromBody ?? getCookie(c, "refresh_token");
      if (!token) throw Unauthorized("No refresh token.");
      return issueCookies(c, await refreshSession(c.var.ctx, token));
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/logout",
      tags: ["auth"],
      summary: "End the current session",
      ...publicAccess,
      responses: { 200: json(resultSchema) },
    }),
    async (c) => {
      const header = c.req.header("authorization")?.match(/^bearer\s+(\S+)$/i)?.[1];
      const token = header ?? getCookie(c, "access_token");
      if (token) {
        try {
          const s = await authenticate(c.var.ctx, token);
          await revokeSession(c.var.ctx, s.accountId, s.sessionId);
        } catch {
          // Signing out of an already-ended session is still a successful sign-out.
        }
      }
      for (const [name, path] of [
        ["access_token", "/"],
        ["refresh_token", "/console/api"],
        ["csrf_token", "/"],
      ] as const) {
        deleteCookie(c, name, { path });
      }
      return c.json({ result: "success" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/activate/check",
      tags: ["auth"],
      summary: "Check an invitation link",
      ...publicAccess,
      request: { query: z.object({ token: z.string().min(1).max(200) }) },
      responses: {
        200: json(
          z.object({
            is_valid: z.boolean(),
            data: z
              .object({
                workspace_id: z.string(),
                workspace_name: z.string(),
                email: z.string(),
                role: z.string(),
                account_exists: z.boolean(),
              })
              .nullable(),
          }),
        ),
      },
    }),
    async (c) => c.json(await checkInvitation(c.var.ctx, c.req.valid("query").token), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/activate",
      tags: ["auth"],
      summary: "Accept an invitation (creates the account if new) and sign in",
      ...publicAccess,
      request: {
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.strictObject({
                token: z.string().min(1).max(200),
                name: z.string().trim().min(1).max(30).optional(),
                password: z.string().min(1).max(256),
                interface_language: z.string().optional(),
                timezone: z.string().optional(),
              }),
            },
          },
        },
      },
      responses: { 200: json(tokensSchema) },
    }),
    async (c) => {
      const body = c.req.valid("json");
      // New accounts must pick a password that meets the rules; existing ones prove theirs.
      const check = await checkInvitation(c.var.ctx, body.token);
      if (check.data && !check.data.account_exists) passwordSchema.parse(body.password);
      return issueCookies(c, await acceptInvitation(c.var.ctx, body, sessionMeta(c)));
    },
  );

  return app;
}
