// The forms Human Input nodes wait on, between a run's pause and its going on: opening one by its
// token (Service API and WebApp) or by id (console), submitting it (checked against its inputs and
// actions, once), expiring it, and taking the run up again through WORKFLOW_QUEUE.
import { and, eq, lte, sql } from "drizzle-orm";
import { apps, messages, workflowHumanInputForms, workflowRuns, workflows } from "../db/schema";
import { type Ctx, forTenant, type TenantCtx } from "../context";
import { decryptSecret, sha256Hex } from "../lib/crypto";
import { KilnError } from "../lib/errors";
import type { WorkflowResumeMessage } from "../queues/messages";
import type { FormOutcome, RunResume } from "./engine";
import type { HumanInputRequiredData } from "./events";
import { restoredFiles, submittedFiles } from "./human-input-files";
import { type FormInput, stringifiedDefaults } from "./nodes/human-input";
import { resumeRequest } from "./run-app";
import { discardPausedState, type StartedRun, startWorkflowRun, takePausedState } from "./runs";
import { asWorkflowApp, contentOf } from "./store";

export type FormRow = typeof workflowHumanInputForms.$inferSelect;
type Definition = Omit<HumanInputRequiredData, "form_token">;

const definitionOf = (row: FormRow) => JSON.parse(row.definition) as Definition;

const notFound = () => new KilnError("not_found", 404, "Form not found");

/**
 * The form a token opens: of this app when one is named (an app key's caller), else of any app
 * (the web page the token itself opens). Anything else is "not found", as in Dify.
 */
export async function formByToken(ctx: Ctx, token: string, appId?: string): Promise<FormRow> {
  const row = await ctx.db
    .select()
    .from(workflowHumanInputForms)
    .where(eq(workflowHumanInputForms.tokenHash, await sha256Hex(token)))
    .get();
  if (!row || (appId !== undefined && row.appId !== appId)) throw notFound();
  return row;
}

/** A form of one of the workspace's apps, by id (the console's debugger). */
export async function formById(ctx: TenantCtx, appId: string, formId: string): Promise<FormRow> {
  const row = await ctx.db
    .select()
    .from(workflowHumanInputForms)
    .where(and(eq(workflowHumanInputForms.id, formId), eq(workflowHumanInputForms.appId, appId), eq(workflowHumanInputForms.workspaceId, ctx.workspace.id)))
    .get();
  if (!row) throw notFound();
  return row;
}

const submittedAlready = (id: string) => new KilnError("human_input_form_submitted", 412, `This form has already been submitted by another user, form_id=${id}`);
const expired = (id: string) => new KilnError("human_input_form_expired", 412, `This form has expired, form_id=${id}`);

/** How long a form may wait before the global timeout stops its run, in ms (null: no limit). */
function globalTimeoutMs(ctx: Ctx): number | null {
  const seconds = ctx.config.HUMAN_INPUT_GLOBAL_TIMEOUT_SECONDS;
  return seconds > 0 ? seconds * 1000 : null;
}

/** Dify's 412s: a form answered already, or past its time (its own, or the global timeout). */
export function ensureActive(ctx: Ctx, row: FormRow) {
  if (row.status === "submitted") throw submittedAlready(row.id);
  const limit = globalTimeoutMs(ctx);
  if (row.status === "timeout" || row.status === "expired" || row.expiresAt <= ctx.now() || (limit !== null && row.createdAt + limit <= ctx.now())) throw expired(row.id);
}

/** Dify's `GET /form/human_input/:token` body. */
export function formView(ctx: Ctx, row: FormRow) {
  ensureActive(ctx, row);
  const d = definitionOf(row);
  return {
    form_content: d.form_content,
    inputs: d.inputs,
    resolved_default_values: stringifiedDefaults(d.resolved_default_values),
    user_actions: d.actions,
    expiration_time: Math.floor(row.expiresAt / 1000),
  };
}

const invalid = (message: string) => new KilnError("invalid_form_data", 400, message);

/**
 * Checks a submission against the form's actions and inputs, as Dify's
 * validate_human_input_submission (file inputs: human-input-files.ts).
 */
function checkSubmission(d: Definition, action: string, values: Record<string, unknown>): Record<string, unknown> {
  const actions = (d.actions as { id: string }[]).map((a) => a.id);
  if (!actions.includes(action)) throw invalid(`Invalid action: ${action}`);
  const inputs = d.inputs as FormInput[];
  const missing = inputs.map((i) => i.output_variable_name).filter((n) => !(n in values));
  if (missing.length) throw invalid(`Missing required inputs: ${missing.join(", ")}`);
  const out: Record<string, unknown> = { ...values };
  for (const i of inputs) {
    const v = values[i.output_variable_name];
    const name = i.output_variable_name;
    if (i.type === "paragraph" && typeof v !== "string") throw invalid(`Invalid value for input '${name}': expected string`);
    if (i.type === "select") {
      if (typeof v !== "string") throw invalid(`Invalid value for select input '${name}': expected string`);
      if (!i.option_source.value.includes(v)) throw invalid(`Invalid value for select input '${name}': '${v}' is not one of the options`);
    }
  }
  return out;
}

/**
 * Submits a form (once: a second answer, or one after its time, is a 412) and queues its run to
 * go on. The answer and the queue message are both needed: a failed send leaves the form open.
 */
export async function submitForm(
  ctx: Ctx,
  row: FormRow,
  body: { action: string; inputs: Record<string, unknown> },
  /** Who answered: null for the anonymous holder of the token (the web page). */
  by: { role: "account" | "end_user"; id: string } | null,
): Promise<void> {
  ensureActive(ctx, row);
  const definition = definitionOf(row);
  const values = await submittedFiles(forTenant(ctx, row.workspaceId), definition.inputs as FormInput[], checkSubmission(definition, body.action, body.inputs));
  const now = ctx.now();
  const taken = await ctx.db
    .update(workflowHumanInputForms)
    .set({ status: "submitted", actionId: body.action, submittedData: JSON.stringify(values), submittedByRole: by?.role ?? null, submittedBy: by?.id ?? null, submittedAt: now })
    .where(and(eq(workflowHumanInputForms.id, row.id), eq(workflowHumanInputForms.status, "waiting"), sql`${workflowHumanInputForms.expiresAt} > ${now}`))
    .returning({ id: workflowHumanInputForms.id })
    .get();
  if (!taken) {
    // Answered, timed out or past its time since it was read: say which.
    const current = await ctx.db.select({ status: workflowHumanInputForms.status }).from(workflowHumanInputForms).where(eq(workflowHumanInputForms.id, row.id)).get();
    if (!current) throw notFound();
    throw current.status === "submitted" ? submittedAlready(row.id) : expired(row.id);
  }
  try {
    await queueResume(ctx, row);
  } catch (err) {
    // Not taken up: the form is open again for another try.
    await ctx.db.update(workflowHumanInputForms).set({ status: "waiting", actionId: null, submittedData: null, submittedByRole: null, submittedBy: null, submittedAt: null }).where(eq(workflowHumanInputForms.id, row.id));
    throw err;
  }
}

function queueResume(ctx: Ctx, row: Pick<FormRow, "workspaceId" | "appId" | "workflowRunId">) {
  const message: WorkflowResumeMessage = { type: "workflow.resume", workspaceId: row.workspaceId, appId: row.appId, runId: row.workflowRunId };
  return ctx.env.WORKFLOW_QUEUE.send(message);
}

/**
 * Housekeeping (every minute): runs waiting on a form older than the global timeout are stopped
 * (see stopExpiredRuns); forms past their own time end as timed out, and their runs go on by
 * `__timeout`.
 */
export async function expireForms(ctx: Ctx): Promise<number> {
  const stopped = await stopExpiredRuns(ctx);
  const now = ctx.now();
  const expired = await ctx.db
    .update(workflowHumanInputForms)
    .set({ status: "timeout" })
    .where(and(sql`${workflowHumanInputForms.status} = 'waiting'`, lte(workflowHumanInputForms.expiresAt, now)))
    .returning({ workspaceId: workflowHumanInputForms.workspaceId, appId: workflowHumanInputForms.appId, workflowRunId: workflowHumanInputForms.workflowRunId })
    .all();
  const runs = new Map(expired.map((r) => [r.workflowRunId, r]));
  for (const r of runs.values()) {
    try {
      await queueResume(ctx, r);
    } catch (err) {
      // Not queued: the run's forms wait again, for the next sweep to try.
      ctx.log.error("timed-out run not queued", { runId: r.workflowRunId, error: String(err) });
      await ctx.db
        .update(workflowHumanInputForms)
        .set({ status: "waiting" })
        .where(and(eq(workflowHumanInputForms.workflowRunId, r.workflowRunId), eq(workflowHumanInputForms.status, "timeout"), lte(workflowHumanInputForms.expiresAt, now)));
    }
  }
  return stopped + expired.length;
}

/**
 * Dify's global timeout (tasks/human_input_timeout_tasks.py): a form still waiting
 * HUMAN_INPUT_GLOBAL_TIMEOUT_SECONDS after it was made is marked `expired`, and its run, if still
 * paused, is stopped there: no resume, no event; its saved state is dropped. Returns how many
 * forms expired.
 */
async function stopExpiredRuns(ctx: Ctx): Promise<number> {
  const now = ctx.now();
  const limit = globalTimeoutMs(ctx);
  if (limit === null) return 0;
  const forms = await ctx.db
    .update(workflowHumanInputForms)
    .set({ status: "expired" })
    .where(and(sql`${workflowHumanInputForms.status} = 'waiting'`, lte(workflowHumanInputForms.createdAt, now - limit)))
    .returning({ workspaceId: workflowHumanInputForms.workspaceId, appId: workflowHumanInputForms.appId, workflowRunId: workflowHumanInputForms.workflowRunId, nodeId: workflowHumanInputForms.nodeId })
    .all();
  const runs = new Map(forms.map((f) => [f.workflowRunId, f]));
  for (const f of runs.values()) {
    const where = and(eq(workflowRuns.id, f.workflowRunId), eq(workflowRuns.workspaceId, f.workspaceId), eq(workflowRuns.status, "paused"));
    const paused = await ctx.db.select({ pausedState: workflowRuns.pausedState }).from(workflowRuns).where(where).get();
    if (!paused?.pausedState) continue;
    // Unless another form's answer took the run up meanwhile.
    const stopped = await ctx.db
      .update(workflowRuns)
      .set({ status: "stopped", error: `Human input global timeout at node ${f.nodeId}`, finishedAt: now, pausedState: null })
      .where(and(where, eq(workflowRuns.pausedState, paused.pausedState)))
      .returning({ id: workflowRuns.id })
      .get();
    if (stopped) await discardPausedState(ctx, paused.pausedState);
  }
  return forms.length;
}

/** A stored form as its human_input_required event carried it (the token decrypted). */
export async function requiredData(ctx: Ctx, row: FormRow): Promise<HumanInputRequiredData> {
  return { ...definitionOf(row), form_token: row.tokenSecret ? await decryptSecret(ctx.config.APP_SECRET, row.tokenSecret) : null };
}

/** The forms of a run, oldest first. */
export function formsOfRun(ctx: TenantCtx, runId: string): Promise<FormRow[]> {
  return ctx.db
    .select()
    .from(workflowHumanInputForms)
    .where(and(eq(workflowHumanInputForms.workflowRunId, runId), eq(workflowHumanInputForms.workspaceId, ctx.workspace.id)))
    .orderBy(workflowHumanInputForms.createdAt, workflowHumanInputForms.id)
    .all();
}

/** Where each form of a paused run stands, by its node. */
async function outcomes(ctx: TenantCtx, runId: string): Promise<Record<string, FormOutcome>> {
  const out: Record<string, FormOutcome> = {};
  for (const row of await formsOfRun(ctx, runId)) {
    const form = await requiredData(ctx, row);
    if (row.status === "submitted") {
      const data = await restoredFiles(ctx, definitionOf(row).inputs as FormInput[], JSON.parse(row.submittedData ?? "{}"));
      out[row.nodeId] = { kind: "submitted", actionId: row.actionId ?? "", data, form };
    }
    else if (row.status === "timeout" || row.expiresAt <= ctx.now()) out[row.nodeId] = { kind: "timeout", form };
    else out[row.nodeId] = { kind: "waiting", form };
  }
  return out;
}

/**
 * Takes a paused run up again: claims it (once: a second message finds it running), then replays
 * it with its forms' answers. Null when there is nothing to take up (not paused, or no form of it
 * answered yet).
 */
export async function resumeRun(ctx: TenantCtx, appId: string, runId: string): Promise<{ run: StartedRun; messageId: string | null } | null> {
  const forms = await outcomes(ctx, runId);
  if (!Object.values(forms).some((f) => f.kind !== "waiting")) return null;
  const where = and(eq(workflowRuns.id, runId), eq(workflowRuns.appId, appId), eq(workflowRuns.workspaceId, ctx.workspace.id), eq(workflowRuns.status, "paused"));
  const paused = await ctx.db.select().from(workflowRuns).where(where).get();
  if (!paused?.pausedState) return null;
  // The claim: of two messages for one run, only one finds it still paused.
  const claimed = await ctx.db
    .update(workflowRuns)
    .set({ status: "running", pausedState: null, resumedAt: ctx.now() })
    .where(and(where, eq(workflowRuns.pausedState, paused.pausedState)))
    .returning()
    .get();
  if (!claimed) return null;
  try {
    const state = await takePausedState(ctx, paused.pausedState);
    const app = await ctx.db.select().from(apps).where(and(eq(apps.id, appId), eq(apps.workspaceId, ctx.workspace.id))).get();
    const row = await ctx.db.select().from(workflows).where(and(eq(workflows.id, claimed.workflowId), eq(workflows.appId, appId))).get();
    if (!app || !row) throw new Error("the workflow it ran is gone");
    const resume: RunResume = { snapshot: state.snapshot, forms };
    const run = await startWorkflowRun(ctx, await resumeRequest(ctx, asWorkflowApp(app), row, contentOf(row), claimed, state, resume));
    return { run, messageId: claimed.messageId };
  } catch (err) {
    // Claimed but not started: recorded as failed, not left "running".
    const message = `The paused run could not go on: ${err instanceof Error ? err.message : String(err)}`;
    ctx.log.error("paused run not resumed", { runId, error: message });
    await ctx.db.update(workflowRuns).set({ status: "failed", error: message, finishedAt: ctx.now() }).where(eq(workflowRuns.id, runId));
    return null;
  }
}

/** A chatflow message's status for how its run ended (or paused again). */
const MESSAGE_STATUS: Record<string, "normal" | "error" | "stopped" | "paused"> = {
  succeeded: "normal",
  "partial-succeeded": "normal",
  failed: "error",
  stopped: "stopped",
  paused: "paused",
};

/**
 * The queue's side: a submitted or expired form's run goes on, and its events go to its record
 * (GET /workflow/:id/events follows it). A chatflow turn's message grows by the answer the rest
 * of the run gives, and takes its outcome.
 */
export async function runResumeMessage(base: Ctx, m: WorkflowResumeMessage): Promise<"resumed" | "nothing"> {
  const ctx = forTenant(base, m.workspaceId);
  const resumed = await resumeRun(ctx, m.appId, m.runId);
  if (!resumed) return "nothing";
  const { run, messageId } = resumed;
  run.unwatched();
  let answer = "";
  let outcome: { status: string; error: string | null } = { status: "stopped", error: null };
  for await (const e of run.events) {
    if (e.event === "message") answer += e.data.answer;
    else if (e.event === "workflow_finished") outcome = { status: e.data.status, error: e.data.error };
    else if (e.event === "workflow_paused") outcome = { status: "paused", error: null };
  }
  if (messageId) {
    await ctx.db
      .update(messages)
      .set({ answer: sql`${messages.answer} || ${answer}`, status: MESSAGE_STATUS[outcome.status] ?? "stopped", error: outcome.error, updatedAt: ctx.now() })
      .where(and(eq(messages.id, messageId), eq(messages.appId, m.appId), eq(messages.workspaceId, m.workspaceId)));
  }
  return "resumed";
}
