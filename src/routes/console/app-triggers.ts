// Trigger nodes of a workflow app's draft, for the editor's panels (Dify's console path for the
// webhook): a webhook trigger's URLs, and a schedule trigger's cron expression and next runs.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { scheduleTrigger, setTriggerEnabled, webhookTrigger } from "../../workflow/triggers";
import { errorSchema, guard, json } from "../access";
import { appParam, jsonBody } from "./apps";

// Optional in the schema so that another workspace's app is a 404 before a missing node is a 400.
const nodeQuery = z.object({ node_id: z.string().min(1).max(64).optional() });

const webhookSchema = z
  .object({
    id: z.string(),
    webhook_id: z.string(),
    webhook_url: z.string(),
    webhook_debug_url: z.string(),
    node_id: z.string(),
    enabled: z.boolean(),
    created_at: z.number().int(),
  })
  .openapi("WebhookTrigger");

const scheduleSchema = z
  .object({
    node_id: z.string(),
    cron_expression: z.string(),
    timezone: z.string(),
    next_runs: z.array(z.string()),
    published_next_run_at: z.number().int().nullable(),
    enabled: z.boolean(),
  })
  .openapi("ScheduleTrigger");

export function appTriggerRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/workflows/triggers/webhook",
      tags: ["workflows"],
      summary: "A webhook trigger node's URLs (the webhook is made on first request); the draft must have the node",
      ...guard("member"),
      request: { params: appParam, query: nodeQuery },
      responses: { 200: json(webhookSchema), 404: json(errorSchema, "The draft has no such webhook trigger node") },
    }),
    async (c) => {
      const origin = new URL(c.req.url).origin;
      return c.json(await webhookTrigger(c.var.wctx, c.req.valid("param").app_id, c.req.valid("query").node_id, origin), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/workflows/triggers/schedule",
      tags: ["workflows"],
      summary: "A schedule trigger node's cron expression and next five runs from the draft's settings, and the published schedule's next run",
      ...guard("member"),
      request: { params: appParam, query: nodeQuery },
      responses: {
        200: json(scheduleSchema),
        400: json(errorSchema, "The node's settings make no schedule"),
        404: json(errorSchema, "The draft has no such schedule trigger node"),
      },
    }),
    async (c) => c.json(await scheduleTrigger(c.var.wctx, c.req.valid("param").app_id, c.req.valid("query").node_id), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/workflows/triggers/enable",
      tags: ["workflows"],
      summary: "Turn a trigger on or off: a disabled webhook's published URL answers 404 (its debug URL still runs the draft); a disabled schedule does not run",
      ...guard("app_edit"),
      request: { params: appParam, ...jsonBody(z.object({ node_id: z.string().min(1).max(64), enabled: z.boolean() })) },
      responses: {
        200: json(z.object({ node_id: z.string(), enabled: z.boolean() })),
        404: json(errorSchema, "No webhook for the node, or no published schedule"),
      },
    }),
    async (c) => {
      const { node_id, enabled } = c.req.valid("json");
      return c.json(await setTriggerEnabled(c.var.wctx, c.req.valid("param").app_id, node_id, enabled), 200);
    },
  );

  return app;
}
