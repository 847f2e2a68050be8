// A dataset's signed webhook source: read it, create it or rotate its secret (shown once), remove
// it, and read its delivery log.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { deleteSource, getSource, listDeliveries, saveSource, sourceView } from "../../knowledge/sources";
import { guard, json, noContent } from "../access";

const params = z.object({ dataset_id: z.string().min(1).max(64) });

const sourceSchema = z
  .object({
    enabled: z.boolean(),
    url: z.string(),
    secret_hint: z.string(),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("DatasetSource");

const sourceWithSecretSchema = sourceSchema
  .extend({ secret: z.string().describe("The signing secret; shown only in this response") })
  .openapi("DatasetSourceWithSecret");

const deliverySchema = z
  .object({
    id: z.string(),
    delivery_id: z.string().nullable(),
    kind: z.string(),
    status: z.number().int(),
    summary: z.record(z.string(), z.unknown()),
    error: z.string().nullable(),
    created_at: z.number().int(),
  })
  .openapi("WebhookDelivery");

const SIGNING = `Deliveries are POSTed to \`url\` with \`X-Kiln-Timestamp: <unix seconds>\` and \`X-Kiln-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>\`; see POST /webhooks/datasets/{dataset_id} for a curl example. GitHub webhooks use the same secret.`;

export function datasetSourceRoutes() {
  const app = new OpenAPIHono<HonoEnv>();
  const origin = (url: string) => new URL(url).origin;

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/{dataset_id}/source",
      tags: ["datasets"],
      summary: "The dataset's webhook source (secret shown as a hint)",
      description: SIGNING,
      ...guard("member"),
      request: { params },
      responses: { 200: json(sourceSchema) },
    }),
    async (c) => c.json(sourceView(await getSource(c.var.wctx, c.req.valid("param").dataset_id), origin(c.req.url)), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/{dataset_id}/source",
      tags: ["datasets"],
      summary: "Create the webhook source or rotate its secret; the secret is shown only in this response",
      description: SIGNING,
      ...guard("dataset_edit"),
      request: { params },
      responses: { 200: json(sourceWithSecretSchema) },
    }),
    async (c) => {
      const { source, secret } = await saveSource(c.var.wctx, c.req.valid("param").dataset_id);
      return c.json({ ...sourceView(source, origin(c.req.url)), secret }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/datasets/{dataset_id}/source",
      tags: ["datasets"],
      summary: "Remove the webhook source; later deliveries are refused",
      ...guard("dataset_edit"),
      request: { params },
      responses: { 204: noContent },
    }),
    async (c) => {
      await deleteSource(c.var.wctx, c.req.valid("param").dataset_id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/{dataset_id}/source/deliveries",
      tags: ["datasets"],
      summary: "The webhook's deliveries, newest first",
      ...guard("member"),
      request: {
        params,
        query: z.object({
          page: z.coerce.number().int().min(1).max(99999).default(1),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
      responses: {
        200: json(z.object({ page: z.number().int(), limit: z.number().int(), total: z.number().int(), has_more: z.boolean(), data: z.array(deliverySchema) })),
      },
    }),
    async (c) => {
      const { page, limit } = c.req.valid("query");
      return c.json(await listDeliveries(c.var.wctx, c.req.valid("param").dataset_id, { page, limit }), 200);
    },
  );

  return app;
}
