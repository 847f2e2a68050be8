// Service API authentication with an app key (`Authorization: Bearer app-…`), as Dify's
// validate_app_token: the key must be known and of type app, the app must exist with its API
// enabled and a published version. Sets `c.var.service`.
import { createMiddleware } from "hono/factory";
import { and, eq } from "drizzle-orm";
import { cachedForApp } from "../apps/app-cache";
import { publishedConfigOf } from "../apps/apps";
import { acceptApiKey } from "../auth/api-keys";
import { forTenant } from "../context";
import { apiKeys, appConfigs, apps } from "../db/schema";
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
    if (!token.startsWith("app-")) throw Unauthorized("Access token is invalid");
    // The key, its app and the published config in one D1 round trip: this also runs as the
    // cache's background refresh, beside the request that triggered it.
    const found = await ctx.db
      .select({ key: apiKeys, app: apps, config: appConfigs })
      .from(apiKeys)
      .leftJoin(apps, and(eq(apps.id, apiKeys.appId), eq(apps.workspaceId, apiKeys.workspaceId)))
      .leftJoin(appConfigs, and(eq(appConfigs.id, apps.publishedConfigId), eq(appConfigs.appId, apps.id)))
      .where(eq(apiKeys.tokenHash, await sha256Hex(token)))
      .get();
    const key = acceptApiKey(ctx, found?.key, "app");
    const app = found?.app;
    if (!key.appId) throw Unauthorized("Access token is invalid");
    if (!app) throw new KilnError("forbidden", 403, "The app no longer exists.");
    if (!app.enableApi) throw new KilnError("forbidden", 403, "The app's API service has been disabled.");
    return { appId: app.id, value: { keyId: key.id, app, ...publishedConfigOf(app, found.config) } };
  });
  c.set("service", { ...service, tctx: forTenant(ctx, service.app.workspaceId) });
  await next();
});
