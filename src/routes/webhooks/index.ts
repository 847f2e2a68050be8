// Signed data-source webhooks, mounted at /webhooks. The caller is authenticated by the signature
// over the raw body (see knowledge/source-signature.ts), so the body is read raw, never validated
// by a schema first.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { receiveDelivery } from "../../knowledge/source-delivery";
import { errorSchema, json, publicAccess } from "../access";

const failedSchema = z.object({ external_id: z.string(), error: z.string() });

const deliveryResultSchema = z
  .object({
    result: z.enum(["success", "pong"]),
    duplicate: z.boolean().optional(),
    ignored: z.string().optional(),
    created: z.number().int().optional(),
    updated: z.number().int().optional(),
    unchanged: z.number().int().optional(),
    deleted: z.number().int().optional(),
    failed: z.array(failedSchema).optional(),
  })
  .openapi("WebhookDeliveryResult");

const DESCRIPTION = `Pushes documents into a dataset. Body: \`{"documents":[{"external_id","title?","text?","url?","metadata?","deleted?"}]}\` (at most 100), upserted by external_id.

Sign every delivery with the source's secret:

\`\`\`
ts=$(date +%s); body='{"documents":[{"external_id":"faq","title":"FAQ","text":"# FAQ"}]}'
sig=$(printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.* //')
curl -X POST "$URL" -H 'Content-Type: application/json' -H "X-Kiln-Timestamp: $ts" \\
  -H "X-Kiln-Signature: sha256=$sig" -H "X-Kiln-Delivery: $(uuidgen)" -d "$body"
\`\`\`

A GitHub repository webhook (content type JSON, same secret, event \`push\`) is verified with X-Hub-Signature-256 instead and syncs the default branch's Markdown files.`;

export function webhookRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/{dataset_id}",
      tags: ["webhooks"],
      summary: "Receive a signed data-source delivery",
      description: DESCRIPTION,
      ...publicAccess,
      request: { params: z.object({ dataset_id: z.string().min(1).max(64) }) },
      responses: {
        200: json(deliveryResultSchema),
        401: json(errorSchema, "Missing or invalid signature, or a stale timestamp"),
        404: json(errorSchema, "No enabled data source for this dataset"),
      },
    }),
    async (c) => c.json(await receiveDelivery(c.var.ctx, c.req.valid("param").dataset_id, c.req.raw), 200),
  );

  return app;
}
