// The webhook trigger (Dify 1.10+ `trigger-webhook`): a run a call to the app's webhook URL starts
// begins here instead of at the Start node. Like Start it only hands the run's inputs to the graph:
// the request's configured headers, query parameters and body fields, as Dify's TriggerWebhookNode
// extracts them, plus the `sys.*` values. Receiving the call is workflow/triggers.ts's job.
import { z } from "zod";
import { requireEngine } from "../engine/state";
import { withSys } from "./start";
import type { WorkflowNode } from "./types";

export const WEBHOOK_METHODS = ["get", "post", "head", "patch", "put", "delete"] as const;
export const WEBHOOK_CONTENT_TYPES = [
  "application/json",
  "multipart/form-data",
  "application/x-www-form-urlencoded",
  "text/plain",
  "application/octet-stream",
] as const;
export const WEBHOOK_PARAM_TYPES = ["string", "number", "boolean", "object", "array[string]", "array[number]", "array[boolean]", "array[object]", "file"] as const;

const parameter = z.looseObject({
  name: z.string().min(1),
  type: z.enum(WEBHOOK_PARAM_TYPES).default("string"),
  required: z.boolean().default(false),
});
export type WebhookParameter = z.infer<typeof parameter>;

export const webhookSchema = z.looseObject({
  method: z.preprocess((v) => (typeof v === "string" ? v.toLowerCase() : v), z.enum(WEBHOOK_METHODS)).default("get"),
  content_type: z.enum(WEBHOOK_CONTENT_TYPES).default("application/json"),
  headers: z.array(parameter).default([]),
  params: z.array(parameter).default([]),
  body: z.array(parameter).default([]),
  status_code: z.number().int().min(100).max(599).default(200),
  response_body: z.string().default(""),
});
export type WebhookNodeData = z.infer<typeof webhookSchema>;

/** What a webhook run's inputs carry (Dify's WebhookService.build_workflow_inputs). */
export interface WebhookData {
  method: string;
  headers: Record<string, string>;
  query_params: Record<string, unknown>;
  body: Record<string, unknown>;
  files: Record<string, unknown>;
}

const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** A key as given, else with "-" and "_" swapped (Dify reads `X-Token` and `X_Token` alike). */
function normalized(map: Record<string, unknown>, key: string): unknown {
  if (key in map) return map[key];
  const other = key.includes("-") ? key.replaceAll("-", "_") : key.replaceAll("_", "-");
  return other in map ? map[other] : null;
}

/** The node's outputs from a webhook call, as Dify's TriggerWebhookNode extracts them. */
export function webhookOutputs(data: WebhookNodeData, webhook: unknown): Record<string, unknown> {
  const w = record(webhook);
  const headers = record(w.headers);
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const query = record(w.query_params);
  const body = record(w.body);
  const files = record(w.files);
  const outputs: Record<string, unknown> = {};
  for (const h of data.headers) {
    const value = normalized(headers, h.name);
    outputs[h.name.replaceAll("-", "_")] = value ?? normalized(lower, h.name.toLowerCase());
  }
  for (const p of data.params) outputs[p.name] = query[p.name] ?? null;
  for (const b of data.body) {
    if (data.content_type === "text/plain") outputs[b.name] = typeof body.raw === "string" ? body.raw : "";
    else if (data.content_type === "application/octet-stream") outputs[b.name] = body.raw ?? null;
    else if (b.type === "file") outputs[b.name] = files[b.name] ?? null;
    else outputs[b.name] = body[b.name] ?? null;
  }
  outputs._webhook_raw = w;
  return outputs;
}

export const webhookTriggerNode: WorkflowNode<typeof webhookSchema> = {
  type: "trigger-webhook",
  schema: webhookSchema,
  async run(ctx, data) {
    const engine = requireEngine(ctx);
    const inputs = { ...engine.userInputs };
    return { outputs: withSys(webhookOutputs(data, inputs.webhook_data), engine.sys), inputs };
  },
};

