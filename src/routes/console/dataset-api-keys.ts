// Knowledge API keys (`dataset-…`, workspace-wide) and the API's base URL, at Dify's console paths.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { createApiKey, deleteApiKey, listApiKeys } from "../../auth/api-keys";
import type { HonoEnv } from "../../hono-env";
import { guard, json, noContent } from "../access";

export const apiKeySchema = z
  .object({
    id: z.string(),
    type: z.enum(["app", "dataset"]),
    token: z.string(),
    last_used_at: z.number().int().nullable(),
    created_at: z.number().int(),
  })
  .openapi("ApiKey");

export function datasetApiKeyRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/api-keys",
      tags: ["api-keys"],
      summary: "Knowledge API keys (tokens shown as hints)",
      ...guard("admin"),
      responses: { 200: json(z.object({ data: z.array(apiKeySchema) })) },
    }),
    async (c) => c.json({ data: await listApiKeys(c.var.wctx, "dataset") }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/api-keys",
      tags: ["api-keys"],
      summary: "Create a knowledge API key; the token is shown only in this response",
      ...guard("admin"),
      responses: { 200: json(apiKeySchema) },
    }),
    async (c) => c.json(await createApiKey(c.var.wctx, "dataset"), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/api-base-info",
      tags: ["api-keys"],
      summary: "The Knowledge API's base URL, as the console shows it beside the keys",
      ...guard("member"),
      responses: { 200: json(z.object({ api_base_url: z.string() })) },
    }),
    (c) => c.json({ api_base_url: `${new URL(c.req.url).origin}/v1` }, 200),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/datasets/api-keys/{api_key_id}",
      tags: ["api-keys"],
      summary: "Revoke a knowledge API key",
      ...guard("admin"),
      request: { params: z.object({ api_key_id: z.string().min(1).max(64) }) },
      responses: { 204: noContent },
    }),
    async (c) => {
      await deleteApiKey(c.var.wctx, "dataset", c.req.valid("param").api_key_id);
      return c.body(null, 204);
    },
  );

  return app;
}
