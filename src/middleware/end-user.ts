// WebApp authentication with a passport (`Authorization: Bearer <passport>` from /api/passport),
// as Dify's web `validate_jwt_token`: the passport must verify, its app must still exist with
// the site enabled under the same code and a published version. Sets `c.var.webapp`: the app,
// its published config, a tenant context and the browser's end user.
import { createMiddleware } from "hono/factory";
import type { AppRow } from "../apps/apps";
import { getPublishedConfig } from "../apps/apps";
import { cachedForApp } from "../apps/app-cache";
import { type EndUser, endUserFor } from "../apps/end-users";
import type { ModelConfig } from "../apps/model-config";
import { getPassportApp, verifyPassport } from "../apps/passport";
import { forTenant, type TenantCtx } from "../context";
import type { HonoEnv } from "../hono-env";
import { KilnError, Unauthorized } from "../lib/errors";

export interface WebAppCaller {
  app: AppRow;
  config: ModelConfig;
  version: number;
  tctx: TenantCtx;
  endUser: EndUser;
}

/** The Hono environment of routes behind a passport. */
export interface WebAppEnv {
  Bindings: HonoEnv["Bindings"];
  Variables: HonoEnv["Variables"] & { webapp: WebAppCaller };
}

export const requireEndUser = createMiddleware<WebAppEnv>(async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const m = header.match(/^bearer\s+(\S+)$/i);
  if (!m) throw Unauthorized("App token is missing: send `Authorization: Bearer <passport>` from /api/passport.");
  const ctx = c.var.ctx;
  const claims = await verifyPassport(ctx.config.APP_SECRET, m[1], ctx.now());
  const site = await cachedForApp(`webapp:${claims.app_id}`, ctx, async () => {
    const app = await getPassportApp(ctx, claims);
    if (!app) throw new KilnError("not_found", 404, "This WebApp no longer exists.");
    const tctx = forTenant(ctx, app.workspaceId);
    // Unpublished apps are not cached: the error is cheap and the first publish should show at once.
    return { appId: app.id, value: { app, ...(await getPublishedConfig(tctx, app)) } };
  });
  const { app } = site;
  if (app.workspaceId !== claims.workspace_id) throw new KilnError("not_found", 404, "This WebApp no longer exists.");
  if (app.siteCode !== claims.app_code) throw new KilnError("bad_request", 400, "Site URL is no longer valid.");
  if (!app.enableSite) throw new KilnError("forbidden", 403, "Site is disabled.");
  // Browser end users are anonymous in Dify's sense (no account behind them), though each has
  // its own session.
  const endUser = { ...(await endUserFor(app.id, "browser", claims.session_id)), isAnonymous: true };
  c.set("webapp", { ...site, tctx: forTenant(ctx, app.workspaceId), endUser });
  await next();
});
