// Service API keys of one app (`app-…`), at Dify's console paths. A key is shown in full only in
// the response that creates it; listings show a hint.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { getApp } from "../../apps/apps";
import { createApiKey, deleteApiKey, listApiKeys } from "../../auth/api-keys";
import type { HonoEnv } from "../../hono-env";
import { guard, json, noContent } from "../access";
import { appParam } from "./apps";
import { apiKeySchema } from "./dataset-api-keys";

export function appKeyRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/api-keys",
      tags: ["api-keys"],
      summary: "The app's API keys (tokens shown as hints)",
      ...guard("app_edit"),
      request: { params: appParam },
      responses: { 200: json(z.object({ data: z.array(apiKeySchema) })) },
    }),
    async (c) => {
      const found = await getApp(c.var.wctx, c.req.valid("param").app_id);
      return c.json({ data: await listApiKeys(c.var.wctx, "app", found.id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/api-keys",
      tags: ["api-keys"],
      summary: "Create an API key for the app (at most 10); the token is shown only in this response",
      ...guard("app_edit"),
      request: { params: appParam },
      responses: { 201: json(apiKeySchema, "Created") },
    }),
    async (c) => {
      const found = await getApp(c.var.wctx, c.req.valid("param").app_id);
      return c.json(await createApiKey(c.var.wctx, "app", found.id), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/apps/{app_id}/api-keys/{key_id}",
      tags: ["api-keys"],
      summary: "Revoke one of the app's API keys",
      ...guard("app_edit"),
      request: { params: appParam.extend({ key_id: z.string().min(1).max(64) }) },
      responses: { 204: noContent },
    }),
    async (c) => {
      const { app_id, key_id } = c.req.valid("param");
      const found = await getApp(c.var.wctx, app_id);
      await deleteApiKey(c.var.wctx, "app", key_id, found.id);
      return c.body(null, 204);
    },
  );

  return app;
}
