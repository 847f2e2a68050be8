// Starting a run of an app's workflow: the published version for API and WebApp callers, the
// draft for the console debugger. Resolves what the run reads besides the user's inputs — the
// environment (secrets decrypted), the system variables, a chatflow conversation's variables.
import { and, eq } from "drizzle-orm";
import type { AppRow } from "../apps/apps";
import { assertFileAllowed, runFileObjects } from "../apps/upload-files";
import { type EndUser, upsertEndUser } from "../apps/end-users";
import type { TenantCtx, WorkspaceCtx } from "../context";
import { workflowConversationVariables, type workflowRuns } from "../db/schema";
import { Invalid } from "../lib/errors";
import { type ConversationVariable, type EnvironmentVariable, openEnvironment } from "./content";
import type { RunResume } from "./engine";
import { type PausedState, type StartedRun, type StartRunRequest, startWorkflowRun } from "./runs";
import { asWorkflowApp, cachedPublished, cachedPublishedVersion, contentOf, getDraft, getWorkflowApp, type WorkflowRow } from "./store";
import type { WorkflowMode } from "./validate";
import { isoInZone } from "./nodes/trigger-schedule";
import { USER_INPUT_NAMESPACE } from "./variables";

/** As many files as the Service API's `files` field takes. */
const MAX_RUN_FILES = 50;

export interface RunInput {
  inputs: Record<string, unknown>;
  files?: unknown[];
  /** Chatflows: the user's message and the conversation it belongs to. */
  query?: string;
  conversationId?: string;
  dialogueCount?: number;
  messageId?: string;
  /** A published version to run instead of the latest (`POST /workflows/:workflow_id/run`). */
  workflowId?: string;
}

/** Environment values by name, typed as declared (secrets decrypted). */
async function environmentOf(ctx: TenantCtx, stored: EnvironmentVariable[]) {
  const out: Record<string, unknown> = {};
  for (const v of await openEnvironment(ctx, stored, "reveal")) out[v.name] = v.value_type === "number" ? Number(v.value) : v.value;
  return out;
}

/** A conversation's variables: what its earlier runs left, else the declared defaults. */
async function conversationOf(ctx: TenantCtx, appId: string, conversationId: string, declared: ConversationVariable[]) {
  const stored = await ctx.db
    .select()
    .from(workflowConversationVariables)
    .where(and(eq(workflowConversationVariables.appId, appId), eq(workflowConversationVariables.conversationId, conversationId)))
    .all();
  const byId = new Map(stored.map((r) => [r.id, r]));
  const values: Record<string, unknown> = {};
  const list = declared.map((v) => ({ id: v.id ?? v.name, name: v.name, value_type: v.value_type, description: v.description }));
  for (const v of list) {
    const row = byId.get(v.id);
    values[v.name] = row ? JSON.parse(row.value) : (declared.find((d) => d.name === v.name)?.value ?? null);
  }
  return { id: conversationId, values, declared: list };
}

type WorkflowContent = ReturnType<typeof contentOf>;

/** Dify refuses a run missing a required input before it starts (400, not a failed run). */
function assertRequiredInputs(content: WorkflowContent, inputs: Record<string, unknown>) {
  const start = content.graph.nodes.find((n) => n.data.type === "start" && !n.parentId);
  const variables = Array.isArray(start?.data.variables) ? (start.data.variables as { variable?: string; required?: boolean }[]) : [];
  for (const v of variables) {
    const value = v.variable ? inputs[v.variable] : undefined;
    if (v.required && v.variable && (value === undefined || value === null || value === "")) {
      throw Invalid(`${v.variable} is required in input form`, [`inputs.${v.variable}`]);
    }
  }
}

/**
 * The run's files: the request's `files`, else `inputs["userinput.files"]`, where newer Dify
 * clients put them for the `userinput.files` variable (checked as `files` is).
 */
function runFiles(input: RunInput): unknown[] {
  if (input.files?.length) return input.files;
  const given = input.inputs[`${USER_INPUT_NAMESPACE}.files`];
  if (given === undefined || given === null) return [];
  const field = `inputs.${USER_INPUT_NAMESPACE}.files`;
  if (!Array.isArray(given) || given.some((f) => f === null || typeof f !== "object" || Array.isArray(f))) {
    throw Invalid(`${field} must be a list of file objects`, [field]);
  }
  if (given.length > MAX_RUN_FILES) throw Invalid(`${field} has ${given.length} files, more than ${MAX_RUN_FILES}`, [field]);
  return given;
}

/** The Start node's file and file-list inputs completed as Dify's file factory does (runFileObjects). */
async function withFileDetails(ctx: TenantCtx, content: WorkflowContent, inputs: Record<string, unknown>) {
  const start = content.graph.nodes.find((n) => n.data.type === "start" && !n.parentId);
  const variables = Array.isArray(start?.data.variables) ? (start.data.variables as { variable?: string; type?: string }[]) : [];
  const out = { ...inputs };
  for (const v of variables) {
    if (!v.variable || (v.type !== "file" && v.type !== "file-list")) continue;
    const value = out[v.variable];
    const field = `inputs.${v.variable}`;
    if (v.type === "file" && value !== null && typeof value === "object" && !Array.isArray(value)) out[v.variable] = (await runFileObjects(ctx, [value], field))[0];
    if (v.type === "file-list" && Array.isArray(value)) out[v.variable] = await runFileObjects(ctx, value, field);
  }
  return out;
}

async function start(
  ctx: TenantCtx,
  app: AppRow & { mode: WorkflowMode },
  row: WorkflowRow,
  content: WorkflowContent,
  input: RunInput,
  who: Who,
): Promise<StartedRun> {
  if (!content.graph.nodes.some((n) => n.data.type === "start" && !n.parentId)) {
    throw Invalid("This workflow starts from its triggers, not from a Start node: call its webhook URL, or let its schedule run it.");
  }
  assertRequiredInputs(content, input.inputs);
  const inputs = await withFileDetails(ctx, content, input.inputs);
  const files = await runFileObjects(ctx, runFiles(input));
  // Dify checks a run's files against the workflow's file upload feature when it is on.
  for (const f of files) {
    if (f === null || typeof f !== "object") continue;
    const file = f as Record<string, unknown>;
    assertFileAllowed(content.features.file_upload, { ...file, filename: String(file.filename ?? ""), extension: String(file.extension ?? "") });
  }
  const sys: Record<string, unknown> = { files };
  let conversation: StartRunRequest["conversation"];
  if (app.mode === "advanced-chat") {
    Object.assign(sys, { query: input.query ?? "", conversation_id: input.conversationId ?? "", dialogue_count: input.dialogueCount ?? 1 });
    if (input.conversationId) conversation = await conversationOf(ctx, app.id, input.conversationId, content.conversation_variables);
  }
  return startWorkflowRun(ctx, {
    appId: app.id,
    mode: app.mode,
    workflow: { id: row.id, version: row.version, graph: content.graph },
    inputs,
    sys,
    environment: await environmentOf(ctx, content.environment_variables),
    conversation,
    messageId: input.messageId,
    stopOwner: app.id,
    ...who,
  });
}

/**
 * A run of the published workflow, for an API or WebApp end user. `app` is the caller's
 * already-authorized app row; the end user's row is written with the run's own row.
 */
export async function runPublished(ctx: TenantCtx, app: AppRow, endUser: EndUser, source: "service-api" | "web-app", input: RunInput) {
  const wfApp = asWorkflowApp(app);
  const { row, content } = input.workflowId ? await cachedPublishedVersion(ctx, app.id, input.workflowId) : await cachedPublished(ctx, app.id);
  return start(ctx, wfApp, row, content, input, {
    triggeredFrom: "app-run",
    createdFrom: source,
    createdByRole: "end_user",
    createdBy: endUser.id,
    userId: endUser.sessionId,
    writes: [upsertEndUser(ctx, app.workspaceId, app.id, endUser)],
  });
}

/** Where a trigger run comes from: a webhook call (the published workflow, or the draft for its debug URL) or a schedule. */
export type TriggerSource = "webhook" | "webhook-debug" | "schedule";

type Who = Pick<StartRunRequest, "triggeredFrom" | "createdFrom" | "createdByRole" | "createdBy" | "userId" | "writes" | "recordAtStart">;

/** A run from a trigger node, with the trigger's data (a webhook call, a schedule's time) as its inputs. */
async function startFromTrigger(
  ctx: TenantCtx,
  app: AppRow & { mode: WorkflowMode },
  row: WorkflowRow,
  content: WorkflowContent,
  t: { nodeId: string; inputs: Record<string, unknown>; runId?: string },
  who: Who,
): Promise<StartedRun> {
  return startWorkflowRun(ctx, {
    appId: app.id,
    mode: app.mode,
    workflow: { id: row.id, version: row.version, graph: content.graph },
    inputs: t.inputs,
    sys: { files: [] },
    environment: await environmentOf(ctx, content.environment_variables),
    rootNodeId: t.nodeId,
    runId: t.runId,
    stopOwner: app.id,
    ...who,
  });
}

/** A run a trigger fires (a webhook call, a due schedule), by the app's trigger end user (Dify's end user of type trigger). */
export function runFromTrigger(
  ctx: TenantCtx,
  app: AppRow & { mode: WorkflowMode },
  row: WorkflowRow,
  content: WorkflowContent,
  t: { nodeId: string; inputs: Record<string, unknown>; source: TriggerSource; runId: string; endUser: EndUser },
): Promise<StartedRun> {
  return startFromTrigger(ctx, app, row, content, t, {
    triggeredFrom: t.source === "webhook-debug" ? "debugging" : t.source,
    createdFrom: t.source === "schedule" ? "schedule" : "webhook",
    createdByRole: "end_user",
    createdBy: t.endUser.id,
    userId: t.endUser.sessionId,
    writes: [upsertEndUser(ctx, app.workspaceId, app.id, t.endUser)],
    recordAtStart: true,
  });
}

/** A debugger run of the draft, by a console member. */
export async function runDraft(ctx: WorkspaceCtx, appId: string, input: RunInput) {
  const app = await getWorkflowApp(ctx, appId);
  const row = await getDraft(ctx, appId);
  const content = contentOf(row);
  const who: Who = { triggeredFrom: "debugging", createdFrom: "debugger", createdByRole: "account", createdBy: ctx.actor.accountId, userId: ctx.actor.accountId };
  // A workflow a schedule starts is tried as if its time had come now (a webhook's has its debug URL).
  const topLevel = content.graph.nodes.filter((n) => !n.parentId);
  const schedule = topLevel.some((n) => n.data.type === "start") ? undefined : topLevel.find((n) => n.data.type === "trigger-schedule");
  if (schedule) {
    const zone = typeof schedule.data.timezone === "string" && schedule.data.timezone ? schedule.data.timezone : "UTC";
    let currentTime: string;
    try {
      currentTime = isoInZone(ctx.now(), zone);
    } catch {
      throw Invalid(`Invalid time zone "${zone}"`, ["timezone"]);
    }
    return startFromTrigger(ctx, app, row, content, { nodeId: schedule.id, inputs: { current_time: currentTime } }, who);
  }
  return start(ctx, app, row, content, input, who);
}

/**
 * The request that takes a paused run up again: the same app, workflow, inputs and caller as its
 * start (from its row and paused state), the environment as it is now, and the conversation's
 * variables as the run left them (the snapshot's values win over what is stored).
 */
export async function resumeRequest(
  ctx: TenantCtx,
  app: AppRow & { mode: WorkflowMode },
  row: WorkflowRow,
  content: WorkflowContent,
  run: typeof workflowRuns.$inferSelect,
  state: PausedState,
  resume: RunResume,
): Promise<StartRunRequest> {
  const conversation = run.conversationId ? await conversationOf(ctx, app.id, run.conversationId, content.conversation_variables) : undefined;
  return {
    appId: app.id,
    mode: app.mode,
    workflow: { id: row.id, version: row.version, graph: content.graph },
    inputs: JSON.parse(run.inputs) as Record<string, unknown>,
    sys: state.sys,
    environment: await environmentOf(ctx, content.environment_variables),
    conversation,
    triggeredFrom: run.triggeredFrom,
    createdFrom: (run.createdFrom ?? "service-api") as StartRunRequest["createdFrom"],
    rootNodeId: state.rootNodeId,
    runId: run.id,
    createdByRole: run.createdByRole,
    createdBy: run.createdBy,
    userId: state.userId,
    messageId: run.messageId ?? undefined,
    stopOwner: app.id,
    resume,
  };
}
