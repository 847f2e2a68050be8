// Trigger start nodes (Dify 1.10+): a workflow that starts from a webhook or a schedule instead of
// its Start node. A call to `/triggers/webhook/:webhook_id` is checked against the node's settings
// (method, content type, required fields, types) as Dify's WebhookService checks it, answered at
// once with the node's configured response, and its run goes through WORKFLOW_QUEUE; the cron
// handler queues the runs of schedules that are due. The consumer runs them from the trigger node.
//
// A webhook's id is made when the console first asks for its URL or when the app is published, and
// stays with its node; publishing also writes the schedule plans of the published graph.
import { and, eq, lte, notInArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { endUserFor, upsertEndUser } from "../apps/end-users";
import { assertCan } from "../auth/roles";
import { fileKindOf, runFileObjects, uploadFile } from "../apps/upload-files";
import { type Ctx, forTenant, type TenantCtx, type WorkspaceCtx } from "../context";
import { apps, workflowRuns, workflowSchedulePlans, workflowWebhookTriggers } from "../db/schema";
import { Invalid, KilnError } from "../lib/errors";
import { insertRows } from "../lib/insert-rows";
import type { WorkflowTriggerMessage } from "../queues/messages";
import type { Graph, GraphNode } from "./graph";
import { isoInZone, nextRuns, scheduleOf, scheduleSchema } from "./nodes/trigger-schedule";
import { type WebhookData, type WebhookNodeData, type WebhookParameter, webhookSchema } from "./nodes/trigger-webhook";
import { runFromTrigger, type TriggerSource } from "./run-app";
import { asWorkflowApp, contentOf, findDraft, findPublished, getDraft, getWorkflowApp } from "./store";

/** Dify's WEBHOOK_REQUEST_BODY_MAX_SIZE default. */
export const WEBHOOK_MAX_BYTES = 10 * 1024 * 1024;
/** Inputs larger than this wait in R2 instead of riding in the queue message (128 KB at most). */
const INLINE_INPUTS_BYTES = 96 * 1024;
/** Schedules started per cron tick; the rest wait for the next minute. */
const SCHEDULES_PER_TICK = 100;
/** The end user trigger runs are recorded under (Dify's end user of type trigger). */
const TRIGGER_SESSION = "trigger";

const sec = (ms: number) => Math.floor(ms / 1000);

/** 24 URL-safe characters, as Dify's generate_webhook_id makes them. */
function newWebhookId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "").slice(0, 24);
}

const topLevel = (graph: Graph, type: string) => graph.nodes.filter((n) => n.data.type === type && !n.parentId);
const findNode = (graph: Graph, nodeId: string, type: string): GraphNode | undefined => topLevel(graph, type).find((n) => n.id === nodeId);

// ---------------------------------------------------------------------------------------------
// Console: the webhook's URLs and the schedule's next runs.

function webhookView(row: typeof workflowWebhookTriggers.$inferSelect, origin: string) {
  return {
    id: row.id,
    webhook_id: row.webhookId,
    webhook_url: `${origin}/triggers/webhook/${row.webhookId}`,
    webhook_debug_url: `${origin}/triggers/webhook-debug/${row.webhookId}`,
    node_id: row.nodeId,
    enabled: row.enabled,
    created_at: sec(row.createdAt),
  };
}

/** The webhook of a `trigger-webhook` node of the draft, made on first request. */
export async function webhookTrigger(ctx: WorkspaceCtx, appId: string, nodeId: string | undefined, origin: string) {
  await getWorkflowApp(ctx, appId);
  if (!nodeId) throw Invalid("node_id is required", ["node_id"]);
  const draft = await getDraft(ctx, appId);
  if (!findNode(contentOf(draft).graph, nodeId, "trigger-webhook")) {
    throw new KilnError("not_found", 404, `Webhook trigger not found: the draft has no webhook trigger node ${nodeId}.`);
  }
  const where = and(eq(workflowWebhookTriggers.appId, appId), eq(workflowWebhookTriggers.nodeId, nodeId));
  let row = await ctx.db.select().from(workflowWebhookTriggers).where(where).get();
  if (!row) {
    await webhookRowsFor(ctx, appId, [nodeId], ctx.actor.accountId).run();
    row = await ctx.db.select().from(workflowWebhookTriggers).where(where).get();
  }
  if (!row) throw new KilnError("internal_server_error", 500, "The webhook could not be created.");
  return webhookView(row, origin);
}

/** Inserts a webhook for each node that has none (a node keeps its webhook id for good). */
function webhookRowsFor(ctx: TenantCtx, appId: string, nodeIds: string[], createdBy: string) {
  const now = ctx.now();
  return ctx.db
    .insert(workflowWebhookTriggers)
    .values(nodeIds.map((nodeId) => ({ id: ctx.newId(), workspaceId: ctx.workspace.id, appId, nodeId, webhookId: newWebhookId(), createdBy, createdAt: now })))
    .onConflictDoNothing({ target: [workflowWebhookTriggers.appId, workflowWebhookTriggers.nodeId] });
}

/** A `trigger-schedule` node of the draft: its cron expression, next runs, and the published plan's next run. */
export async function scheduleTrigger(ctx: WorkspaceCtx, appId: string, nodeId: string | undefined) {
  await getWorkflowApp(ctx, appId);
  if (!nodeId) throw Invalid("node_id is required", ["node_id"]);
  const draft = await getDraft(ctx, appId);
  const node = findNode(contentOf(draft).graph, nodeId, "trigger-schedule");
  if (!node) throw new KilnError("not_found", 404, `Schedule trigger not found: the draft has no schedule trigger node ${nodeId}.`);
  const parsed = scheduleSchema.safeParse(node.data);
  if (!parsed.success) throw Invalid(parsed.error.issues.map((i) => `${i.path.join(".") || "data"}: ${i.message}`).join("; "));
  const { cron, timezone } = scheduleOf(parsed.data);
  const plan = await ctx.db
    .select({ nextRunAt: workflowSchedulePlans.nextRunAt, enabled: workflowSchedulePlans.enabled })
    .from(workflowSchedulePlans)
    .where(and(eq(workflowSchedulePlans.appId, appId), eq(workflowSchedulePlans.nodeId, nodeId)))
    .get();
  return {
    node_id: nodeId,
    cron_expression: cron,
    timezone,
    next_runs: nextRuns(cron, timezone, ctx.now(), 5).map((t) => new Date(t).toISOString()),
    published_next_run_at: plan?.enabled ? sec(plan.nextRunAt) : null,
    enabled: plan?.enabled ?? true,
  };
}

/**
 * Turns a trigger on or off, as Dify's trigger status does: a webhook the console or a publish has
 * made, or a published schedule (turned on again, it runs next from now). 404 when there is none.
 */
export async function setTriggerEnabled(ctx: WorkspaceCtx, appId: string, nodeId: string, enabled: boolean) {
  assertCan(ctx.workspace.role, "app_edit");
  await getWorkflowApp(ctx, appId);
  const hook = await ctx.db
    .update(workflowWebhookTriggers)
    .set({ enabled })
    .where(and(eq(workflowWebhookTriggers.appId, appId), eq(workflowWebhookTriggers.nodeId, nodeId)))
    .returning({ id: workflowWebhookTriggers.id })
    .get();
  if (hook) return { node_id: nodeId, enabled };
  const plan = await ctx.db
    .select()
    .from(workflowSchedulePlans)
    .where(and(eq(workflowSchedulePlans.appId, appId), eq(workflowSchedulePlans.nodeId, nodeId)))
    .get();
  if (!plan) throw new KilnError("not_found", 404, `No webhook or published schedule for node ${nodeId}: publish the app first.`);
  const now = ctx.now();
  const set = enabled && !plan.enabled ? { enabled, nextRunAt: nextRuns(plan.cronExpression, plan.timezone, now, 1)[0] ?? Number.MAX_SAFE_INTEGER, updatedAt: now } : { enabled, updatedAt: now };
  await ctx.db.update(workflowSchedulePlans).set(set).where(eq(workflowSchedulePlans.id, plan.id));
  return { node_id: nodeId, enabled };
}

/**
 * What publishing `graph` writes about its triggers, for the publish batch: a webhook for each
 * webhook node (existing ones kept), a schedule plan for each schedule node (its next run from
 * now), and the removal of those whose node the published graph no longer has.
 */
export function publishTriggerStatements(ctx: WorkspaceCtx, appId: string, graph: Graph): BatchItem<"sqlite">[] {
  const now = ctx.now();
  const hooks = topLevel(graph, "trigger-webhook").map((n) => n.id);
  const schedules = topLevel(graph, "trigger-schedule").flatMap((n) => {
    const parsed = scheduleSchema.safeParse(n.data);
    if (!parsed.success) return [];
    const { cron, timezone } = scheduleOf(parsed.data);
    return [{ nodeId: n.id, cron, timezone, nextRunAt: nextRuns(cron, timezone, now, 1)[0] }];
  });
  const out: BatchItem<"sqlite">[] = [
    ctx.db.delete(workflowWebhookTriggers).where(and(eq(workflowWebhookTriggers.appId, appId), notInArray(workflowWebhookTriggers.nodeId, hooks))),
    ctx.db
      .delete(workflowSchedulePlans)
      .where(and(eq(workflowSchedulePlans.appId, appId), notInArray(workflowSchedulePlans.nodeId, schedules.map((s) => s.nodeId)))),
  ];
  if (hooks.length) out.push(webhookRowsFor(ctx, appId, hooks, ctx.actor.accountId));
  for (const s of schedules) {
    if (s.nextRunAt === undefined) continue;
    const values = { cronExpression: s.cron, timezone: s.timezone, nextRunAt: s.nextRunAt, updatedAt: now };
    out.push(
      ctx.db
        .insert(workflowSchedulePlans)
        .values({ id: ctx.newId(), workspaceId: ctx.workspace.id, appId, nodeId: s.nodeId, ...values, createdAt: now })
        .onConflictDoUpdate({ target: [workflowSchedulePlans.appId, workflowSchedulePlans.nodeId], set: values }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Receiving a webhook call.

/** Dify answers a refused call with its own body, not the API's error shape; Kiln sends both. */
function refuse(status: number, code: "bad_request" | "not_found" | "payload_too_large", message: string): Response {
  const error = status === 400 ? "Bad Request" : status === 404 ? "Not Found" : "Payload Too Large";
  return Response.json({ code, message, status, error }, { status });
}

class WebhookRefused extends Error {}

/** The main media type of a request, as Dify reads it (JSON when none is given). */
const mediaTypeOf = (headers: Headers) => (headers.get("content-type") || "application/json").toLowerCase().split(";")[0].trim();

const TRUTHY: Record<string, boolean> = { true: true, false: false, "1": true, "0": false, yes: true, no: false };

/** A form or query value (a string) as the declared type (Dify's _convert_form_value). */
function fromFormValue(p: WebhookParameter, value: unknown): unknown {
  const fail = (why: string) => {
    throw new WebhookRefused(`Parameter '${p.name}' validation failed: ${why}`);
  };
  if (typeof value !== "string") return value;
  switch (p.type) {
    case "string":
      return value;
    case "number": {
      const n = value.trim() === "" ? Number.NaN : Number(value);
      if (!Number.isFinite(n)) fail(`Cannot convert '${value}' to number`);
      return n;
    }
    case "boolean": {
      const b = TRUTHY[value.toLowerCase()];
      if (b === undefined) fail(`Cannot convert '${value}' to boolean`);
      return b;
    }
    default:
      return fail(`Unsupported type '${p.type}' for form data parameter '${p.name}'`);
  }
}

const PY_TYPE = (v: unknown) =>
  v === null ? "NoneType" : Array.isArray(v) ? "list" : typeof v === "string" ? "str" : typeof v === "boolean" ? "bool" : typeof v === "number" ? (Number.isInteger(v) ? "int" : "float") : "dict";

/** A JSON value against the declared type (Dify's _validate_json_value). */
function checkJsonValue(p: WebhookParameter, value: unknown): unknown {
  const isObject = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);
  const every = (check: (v: unknown) => boolean) => Array.isArray(value) && value.every(check);
  const ok: Record<WebhookParameter["type"], () => boolean> = {
    string: () => typeof value === "string",
    number: () => typeof value === "number",
    boolean: () => typeof value === "boolean",
    object: () => isObject(value),
    "array[string]": () => every((v) => typeof v === "string"),
    "array[number]": () => every((v) => typeof v === "number"),
    "array[boolean]": () => every((v) => typeof v === "boolean"),
    "array[object]": () => every(isObject),
    file: () => isObject(value),
  };
  if (!ok[p.type]()) {
    const label = p.type.startsWith("array[") ? `array of ${p.type.slice(6, -1)}s` : p.type;
    throw new WebhookRefused(`Parameter '${p.name}' validation failed: Expected ${label}, got ${PY_TYPE(value)}`);
  }
  return value;
}

/** Query parameters: required ones present, declared ones converted, the rest kept as strings. */
function processParams(raw: Record<string, string>, params: WebhookParameter[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  for (const p of params) {
    if (!(p.name in raw)) {
      if (p.required) throw new WebhookRefused(`Required parameter missing: ${p.name}`);
      continue;
    }
    out[p.name] = fromFormValue(p, raw[p.name]);
  }
  return out;
}

function processBody(raw: Record<string, unknown>, data: WebhookNodeData): Record<string, unknown> {
  if (data.content_type === "text/plain" || data.content_type === "application/octet-stream") {
    if (data.body.some((b) => b.required) && !raw.raw) throw new WebhookRefused(`Required body content missing for ${data.content_type} request`);
    return raw;
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    if (data.body.length) throw new WebhookRefused("The body must be a JSON object with the webhook's body parameters");
    return raw;
  }
  const form = data.content_type !== "application/json";
  const out: Record<string, unknown> = { ...raw };
  for (const b of data.body) {
    if (b.type === "file" && data.content_type === "multipart/form-data") continue;
    if (!(b.name in raw)) {
      if (b.required) throw new WebhookRefused(`Required body parameter missing: ${b.name}`);
      continue;
    }
    out[b.name] = form ? fromFormValue(b, raw[b.name]) : checkJsonValue(b, raw[b.name]);
  }
  return out;
}

/** Stores a file the call carried as an upload of the app, as a run's file object. */
async function storeFile(ctx: TenantCtx, appId: string, file: File): Promise<unknown> {
  const endUser = await endUserFor(appId, "service_api", TRIGGER_SESSION);
  const stored = await uploadFile(ctx, appId, endUser, file);
  const [object] = await runFileObjects(ctx, [{ type: fileKindOf(stored.name) ?? "custom", transfer_method: "local_file", upload_file_id: stored.id }]);
  return object;
}

/** The body as text, refused past the size limit (a chunked call has no content-length to check first). */
async function bodyText(req: Request): Promise<string> {
  const text = await req.text();
  if (text.length > WEBHOOK_MAX_BYTES) throw new KilnError("payload_too_large", 413, `Webhook request too large: it exceeds the maximum allowed size of ${WEBHOOK_MAX_BYTES} bytes`);
  return text;
}

/** A webhook call as read, before its files are stored: they are kept only once the call is accepted. */
interface ReadCall {
  data: WebhookData;
  /** Multipart file fields by name; for an octet-stream body, "" holds the body. */
  files: Map<string, File>;
}

/** The call as Dify's WebhookService.extract_webhook_data reads it, its body by media type. */
async function readCall(req: Request, mediaType: string): Promise<ReadCall> {
  const url = new URL(req.url);
  const data: WebhookData = {
    method: req.method.toUpperCase(),
    // Named as Werkzeug names them in Dify (`Content-Type`, `X-Token`): fetch gives them lower-case.
    headers: Object.fromEntries([...req.headers].map(([k, v]) => [k.replace(/[^-]+/g, (w) => w[0].toUpperCase() + w.slice(1)), v])),
    query_params: Object.fromEntries(url.searchParams),
    body: {},
    files: {},
  };
  const files = new Map<string, File>();
  switch (mediaType) {
    case "application/json": {
      const text = await bodyText(req);
      if (!text.trim()) break;
      try {
        data.body = JSON.parse(text) as Record<string, unknown>;
      } catch (err) {
        throw new WebhookRefused(`Invalid JSON body: ${err instanceof Error ? err.message : String(err)}`);
      }
      break;
    }
    case "application/x-www-form-urlencoded":
      data.body = Object.fromEntries(new URLSearchParams(await bodyText(req)));
      break;
    case "multipart/form-data": {
      let form: FormData;
      try {
        form = await req.formData();
      } catch {
        throw new WebhookRefused("Invalid multipart/form-data body");
      }
      for (const [name, value] of form) {
        if (typeof value === "string") data.body[name] = value;
        else if (value.name) files.set(name, value);
      }
      break;
    }
    case "application/octet-stream": {
      const bytes = await req.arrayBuffer();
      data.body = { raw: null };
      if (bytes.byteLength) files.set("", new File([bytes], "webhook-body.bin", { type: "application/octet-stream" }));
      break;
    }
    default:
      // text/plain, and any type Dify does not know, is read as text.
      data.body = { raw: await bodyText(req) };
  }
  for (const [name, file] of files) {
    if (!fileKindOf(file.name)) throw new WebhookRefused(`File type not allowed: ${name || "the body"} (${file.name})`);
  }
  return { data, files };
}

/** Stores an accepted call's files as uploads of the app and puts their file objects in the call. */
async function storeFiles(ctx: TenantCtx, appId: string, call: WebhookData, files: Map<string, File>): Promise<void> {
  for (const [name, file] of files) {
    const object = await storeFile(ctx, appId, file);
    if (name === "") call.body = { raw: object };
    else call.files[name] = object;
  }
}

/** The node's configured answer (Dify's generate_webhook_response). */
function answerOf(data: WebhookNodeData): Response {
  const text = data.response_body;
  let body: unknown = { status: "success", message: "Webhook processed successfully" };
  if (text) {
    body = { message: text };
    if (/^\s*[[{]/.test(text)) {
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON after all: sent as a message
      }
    }
  }
  return Response.json(body, { status: data.status_code });
}

/**
 * A call to a webhook URL: `debug` runs the draft (the editor's debug URL), otherwise the published
 * workflow, which must still have the node. The run is queued; the caller gets the node's answer.
 */
export async function receiveWebhook(base: Ctx, webhookId: string, req: Request, debug: boolean): Promise<Response> {
  const row = await base.db.select().from(workflowWebhookTriggers).where(eq(workflowWebhookTriggers.webhookId, webhookId)).get();
  if (!row) return refuse(404, "not_found", `Webhook not found: ${webhookId}`);
  // Dify's debug URL runs whatever the trigger's status; the published one only when it is on.
  if (!debug && !row.enabled) return refuse(404, "not_found", `Webhook trigger is disabled for webhook ${webhookId}`);
  const ctx = forTenant(base, row.workspaceId);
  const workflow = debug ? await findDraft(ctx, row.appId) : await findPublished(ctx, row.appId);
  if (!workflow) return refuse(404, "not_found", `Workflow not found for app ${row.appId}${debug ? "" : ": publish the app first"}`);
  const node = findNode(contentOf(workflow).graph, row.nodeId, "trigger-webhook");
  if (!node) return refuse(404, "not_found", `Webhook trigger is not in the ${debug ? "draft" : "published"} workflow of app ${row.appId}`);
  const parsed = webhookSchema.safeParse(node.data);
  if (!parsed.success) return refuse(400, "bad_request", `The webhook trigger's settings are invalid: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  const data = parsed.data;
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > WEBHOOK_MAX_BYTES) {
    return refuse(413, "payload_too_large", `Webhook request too large: ${length} bytes exceeds maximum allowed size of ${WEBHOOK_MAX_BYTES} bytes`);
  }
  const mediaType = mediaTypeOf(req.headers);
  let call: WebhookData;
  try {
    if (req.method.toLowerCase() !== data.method) throw new WebhookRefused(`HTTP method mismatch. Expected ${data.method.toUpperCase()}, got ${req.method.toUpperCase()}`);
    if (mediaType !== data.content_type) throw new WebhookRefused(`Content-type mismatch. Expected ${data.content_type}, got ${mediaType}`);
    const headerNames = new Set([...req.headers.keys()].flatMap((k) => [k.toLowerCase(), k.toLowerCase().replaceAll("-", "_")]));
    for (const h of data.headers) {
      if (h.required && !headerNames.has(h.name.toLowerCase()) && !headerNames.has(h.name.toLowerCase().replaceAll("-", "_"))) {
        throw new WebhookRefused(`Required header missing: ${h.name}`);
      }
    }
    const raw = await readCall(req, mediaType);
    const query = processParams(raw.data.query_params as Record<string, string>, data.params);
    // An octet-stream body is checked as present by its bytes; its file object comes once stored.
    const octet = raw.files.has("");
    const body = processBody(octet ? { raw: true } : raw.data.body, data);
    call = { ...raw.data, query_params: query, body: octet ? raw.data.body : body };
    await storeFiles(ctx, row.appId, call, raw.files);
  } catch (err) {
    if (err instanceof WebhookRefused) return refuse(400, "bad_request", err.message);
    if (err instanceof KilnError) return refuse(err.status === 413 ? 413 : 400, err.status === 413 ? "payload_too_large" : "bad_request", err.message);
    throw err;
  }
  const inputs = { webhook_data: call, webhook_headers: call.headers, webhook_query_params: call.query_params, webhook_body: call.body };
  await queueTriggerRun(ctx, { appId: row.appId, nodeId: row.nodeId, source: debug ? "webhook-debug" : "webhook", inputs });
  return answerOf(data);
}

async function queueTriggerRun(ctx: TenantCtx, t: { appId: string; nodeId: string; source: TriggerSource; inputs: Record<string, unknown> }) {
  const runId = ctx.newId();
  const message: WorkflowTriggerMessage = { type: "workflow.trigger", workspaceId: ctx.workspace.id, appId: t.appId, nodeId: t.nodeId, source: t.source, runId, at: ctx.now() };
  const text = JSON.stringify(t.inputs);
  if (new TextEncoder().encode(text).byteLength <= INLINE_INPUTS_BYTES) message.inputs = t.inputs;
  else {
    message.inputsKey = `ws/${ctx.workspace.id}/trigger-inputs/${runId}.json`;
    await ctx.env.FILES.put(message.inputsKey, text, { httpMetadata: { contentType: "application/json" } });
  }
  try {
    await ctx.env.WORKFLOW_QUEUE.send(message);
  } catch (err) {
    if (message.inputsKey) await ctx.env.FILES.delete(message.inputsKey);
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Schedules: the cron handler queues the runs that are due.

/**
 * Queues a run for each published schedule whose time has come and moves it to its next time. A
 * plan is claimed by moving its next run (only if no other tick moved it first), so two ticks
 * never start one schedule twice; runs missed while nothing ticked are made up once, as in Dify.
 */
export async function runDueSchedules(ctx: Ctx): Promise<number> {
  const now = ctx.now();
  const due = await ctx.db
    .select()
    .from(workflowSchedulePlans)
    .where(and(lte(workflowSchedulePlans.nextRunAt, now), eq(workflowSchedulePlans.enabled, true)))
    .limit(SCHEDULES_PER_TICK)
    .all();
  let started = 0;
  for (const plan of due) {
    let next: number;
    try {
      next = nextRuns(plan.cronExpression, plan.timezone, now, 1)[0] ?? Number.MAX_SAFE_INTEGER;
    } catch (err) {
      ctx.log.error("schedule has an invalid cron expression; it is skipped", { planId: plan.id, error: String(err) });
      next = Number.MAX_SAFE_INTEGER;
    }
    const claimed = await ctx.db
      .update(workflowSchedulePlans)
      .set({ nextRunAt: next, updatedAt: now })
      .where(and(eq(workflowSchedulePlans.id, plan.id), eq(workflowSchedulePlans.nextRunAt, plan.nextRunAt)))
      .returning({ id: workflowSchedulePlans.id })
      .get();
    if (!claimed || next === Number.MAX_SAFE_INTEGER) continue;
    const tctx = forTenant(ctx, plan.workspaceId);
    await queueTriggerRun(tctx, { appId: plan.appId, nodeId: plan.nodeId, source: "schedule", inputs: { current_time: isoInZone(now, plan.timezone) } });
    started++;
  }
  return started;
}

// ---------------------------------------------------------------------------------------------
// The queue consumer: runs a queued trigger run to its end.

async function inputsOf(ctx: TenantCtx, m: WorkflowTriggerMessage): Promise<Record<string, unknown>> {
  if (m.inputs) return m.inputs;
  if (!m.inputsKey) return {};
  const object = await ctx.env.FILES.get(m.inputsKey);
  if (!object) throw new Error(`the run's inputs are gone from R2 (${m.inputsKey})`);
  return (await object.json()) as Record<string, unknown>;
}

/**
 * Runs a queued trigger run. A run whose id is already recorded was started by an earlier delivery
 * and is not run again; an app, workflow or node that is gone by now drops the message (logged).
 */
export async function runTriggerMessage(base: Ctx, m: WorkflowTriggerMessage): Promise<"ran" | "already-ran" | "dropped"> {
  const ctx = forTenant(base, m.workspaceId);
  const done = async <T extends "ran" | "already-ran" | "dropped">(outcome: T, why?: string): Promise<T> => {
    if (why) ctx.log.warn("trigger run dropped", { appId: m.appId, nodeId: m.nodeId, source: m.source, why });
    if (m.inputsKey) await ctx.env.FILES.delete(m.inputsKey);
    return outcome;
  };
  if (await ctx.db.select({ id: workflowRuns.id }).from(workflowRuns).where(eq(workflowRuns.id, m.runId)).get()) return done("already-ran");
  const app = await ctx.db.select().from(apps).where(and(eq(apps.id, m.appId), eq(apps.workspaceId, m.workspaceId))).get();
  if (!app) return done("dropped", "the app was deleted");
  const wfApp = asWorkflowApp(app);
  const row = m.source === "webhook-debug" ? await findDraft(ctx, app.id) : await findPublished(ctx, app.id);
  if (!row) return done("dropped", "the workflow is not there");
  const content = contentOf(row);
  const type = m.source === "schedule" ? "trigger-schedule" : "trigger-webhook";
  if (!findNode(content.graph, m.nodeId, type)) return done("dropped", `the workflow no longer has the ${type} node ${m.nodeId}`);
  const endUser = await endUserFor(app.id, "service_api", TRIGGER_SESSION);
  const run = await runFromTrigger(ctx, wfApp, row, content, { nodeId: m.nodeId, inputs: await inputsOf(ctx, m), source: m.source, runId: m.runId, endUser });
  run.unwatched();
  for await (const _event of run.events) {
    // Nobody watches a trigger run: its events only go to its record.
  }
  return done("ran");
}

/**
 * After the last retry: the run never started. It is recorded as a failed run (so the app's logs
 * show the call that was lost), unless a run of that id exists or the app or workflow is gone.
 */
export async function noteTriggerFailure(base: Ctx, m: WorkflowTriggerMessage): Promise<void> {
  const ctx = forTenant(base, m.workspaceId);
  ctx.log.error("trigger run could not be started", { workspaceId: m.workspaceId, appId: m.appId, nodeId: m.nodeId, source: m.source, runId: m.runId });
  const row = m.source === "webhook-debug" ? await findDraft(ctx, m.appId) : await findPublished(ctx, m.appId);
  if (row) {
    const endUser = await endUserFor(m.appId, "service_api", TRIGGER_SESSION);
    let inputs: Record<string, unknown> = {};
    try {
      inputs = await inputsOf(ctx, m);
    } catch {
      // recorded without them
    }
    const failed = {
      id: m.runId,
      workspaceId: m.workspaceId,
      appId: m.appId,
      workflowId: row.id,
      version: row.version,
      type: row.type,
      triggeredFrom: m.source === "webhook-debug" ? ("debugging" as const) : m.source,
      createdFrom: m.source === "schedule" ? "schedule" : "webhook",
      status: "failed" as const,
      inputs: JSON.stringify(inputs),
      error: "The run could not be started: every attempt to start it failed (see the Worker's logs).",
      createdByRole: "end_user" as const,
      createdBy: endUser.id,
      createdAt: m.at,
      finishedAt: ctx.now(),
    };
    await ctx.db.$client.batch([
      upsertEndUser(ctx, m.workspaceId, m.appId, endUser),
      insertRows(ctx.db.$client, workflowRuns, [failed], { ignoreConflicts: true }),
    ]);
  }
  if (m.inputsKey) await ctx.env.FILES.delete(m.inputsKey);
}
