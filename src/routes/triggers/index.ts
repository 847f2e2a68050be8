// Webhook triggers (Dify's paths), mounted at /triggers: `/webhook/:webhook_id` runs the published
// workflow from its webhook trigger node, `/webhook-debug/:webhook_id` the draft (the editor's
// debug URL). The URL's id is the credential, as in Dify. The body is read raw by the handler,
// which checks it against the node's own settings (method, content type, fields), so no schema here.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { receiveWebhook } from "../../workflow/triggers";
import { errorSchema, json, publicAccess } from "../access";
import { rateLimit } from "../webapp/rate-limit";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const params = z.object({ webhook_id: z.string().min(1).max(64) });
const answerSchema = z.looseObject({}).openapi("WebhookAnswer");

// Each accepted call queues a run: one URL (anyone who holds it) may not queue them without end.
const callLimit = rateLimit<HonoEnv>({ name: "calls of one webhook", limit: 300, key: (c) => c.req.param("webhook_id") ?? "" });

export function triggerRoutes() {
  const app = new OpenAPIHono<HonoEnv>();
  for (const debug of [false, true]) {
    for (const method of METHODS) {
      app.openapi(
        createRoute({
          method,
          path: debug ? "/webhook-debug/{webhook_id}" : "/webhook/{webhook_id}",
          tags: ["triggers"],
          summary: debug
            ? "Run the draft workflow from its webhook trigger (the editor's debug URL)"
            : "Run the published workflow from its webhook trigger; answers with the node's configured status and body",
          ...publicAccess,
          middleware: [callLimit],
          request: { params },
          responses: {
            200: json(answerSchema, "The webhook trigger's configured response (its status code may be another)"),
            400: json(errorSchema, "The call does not match the trigger: method, content type, a required or mistyped field"),
            404: json(errorSchema, "No such webhook, or the workflow no longer has its node"),
            413: json(errorSchema, "The body is larger than 10 MB"),
            429: json(errorSchema, "More than 300 calls of this webhook in a minute"),
          },
        }),
        // The response's status is the node's configured one, which the route cannot declare:
        // the handler answers with a Response of its own.
        (c) => receiveWebhook(c.var.ctx, c.req.valid("param").webhook_id, c.req.raw, debug) as never,
      );
    }
  }
  return app;
}
