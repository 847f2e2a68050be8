// Service API authentication with an app key (`Authorization: Bearer app-…`), as Dify's
// validate_app_token: the key must be known and of type app, the app must exist with its API
// enabled and a published version. Sets `c.var.service`.
import { createMiddleware } from "hono/factory";
import { getApp, getPublishedConfig } from "../apps/apps";
import { cachedForApp } from "../apps/app-cache";
import { authenticateApiKey } from "../auth/api-keys";
import { forTenant } from "../context";
import type { HonoEnv } from "../hono-env";
import { sha256Hex } from "../lib/crypto";
import { KilnError, Unauthorized } from "../lib/errors";

export const requireAppKey = createMiddleware<HonoEnv>(async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const m = header.match(/^bearer\s+(\S+)$/i);
  if (!m) throw Unauthorized("Authorization header must be provided and start with 'Bearer'");
  const token = m[1];
  const ctx = c.var.ctx;
  const service = await cachedForApp(`key:${await sha256Hex(token)}`, ctx, async () => {
    const key = await authenticateApiKey(ctx, token, "app");
    if (!key.appId) throw Unauthorized("Access token is invalid");
    const tctx = forTenant(ctx, key.workspaceId);
    const app = await getApp(tctx, key.appId).catch(() => {
      throw new KilnError("forbidden", 403, "The app no longer exists.");
    });
    if (!app.enableApi) throw new KilnError("forbidden", 403, "The app's API service has been disabled.");
    const published = await getPublishedConfig(tctx, app);
    return { appId: app.id, value: { keyId: key.id, app, ...published } };
  });
  c.set("service", { ...service, tctx: forTenant(ctx, service.app.workspaceId) });
  await next();
});
