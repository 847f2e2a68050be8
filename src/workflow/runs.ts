// Running a workflow and recording it: a quick run's row is written once, when it ends; a longer
// one gets a "running" row while it runs, finished when it ends. Node executions are buffered and
// written in D1 batches (never one write per event); the run is stoppable by task id. The engine
// knows nothing of this: it only yields events, which pass through here unchanged.
import { and, eq, getTableColumns, inArray, lt, sql } from "drizzle-orm";
import { isStopRequested, registerTask, unregisterTask } from "../apps/tasks";
import type { Ctx, TenantCtx } from "../context";
import { commitSoon, type Statement } from "../lib/group-commit";
import { insertRows } from "../lib/insert-rows";
import { workflowConversationVariables, workflowHumanInputForms, workflowNodeExecutions, workflowRuns } from "../db/schema";
import { encryptSecret, sha256Hex } from "../lib/crypto";
import { DEFAULT_TIMEOUT_MS, type PauseRequest, type RunResume, type RunSnapshot, type RunUsage, runWorkflow } from "./engine";
import type { NodeFinishedData, NodeRetryData, WorkflowEvent, WorkflowFinishedData } from "./events";
import type { Graph } from "./graph";
import type { WorkflowMode } from "./validate";

/** Node executions written per D1 batch while a long run is still going. */
const FLUSH_EVERY = 50;
const STOP_CHECK_MS = 2_000;
/** A run still going after this long gets its "running" row; quicker runs are written once. */
export const RUNNING_ROW_MS = 500;

export interface StartRunRequest {
  appId: string;
  mode: WorkflowMode;
  workflow: { id: string; version: string; graph: Graph };
  inputs: Record<string, unknown>;
  /** System variables besides the run's own ids (query, files, user_id, conversation_id…). */
  sys: Record<string, unknown>;
  environment: Record<string, unknown>;
  /** Chatflow conversation variables at the start, with their declarations to persist them. */
  conversation?: { id: string; values: Record<string, unknown>; declared: { id: string; name: string; value_type: string; description?: string }[] };
  triggeredFrom: "debugging" | "app-run" | "webhook" | "schedule";
  createdFrom: "service-api" | "web-app" | "debugger" | "webhook" | "schedule";
  /** The trigger node a webhook or schedule run starts from (absent: the Start node). */
  rootNodeId?: string;
  /** The run's id when the caller chose it (a trigger message names its run); else a new one. */
  runId?: string;
  createdByRole: "account" | "end_user";
  createdBy: string;
  /** sys.user_id: the account id, or the end user's session id. */
  userId: string;
  messageId?: string;
  /** Who may stop the run by task id (Dify checks no owner for workflow stops: the app id). */
  stopOwner: string;
  /** The caller's writes that land with the run's row (the end user's row). */
  writes?: Statement[];
  /**
   * Write the "running" row before the first node runs (a queued trigger run: a redelivered
   * message then finds the run and does not start it again). Fails the start if it cannot.
   */
  recordAtStart?: boolean;
  /** A paused run going on: its row exists (claimed back to "running"), and it started at `startedAt`. */
  resume?: RunResume;
}

/** What a paused run's row keeps to go on: the engine's snapshot and the parts of the request the row does not hold. */
export interface PausedState {
  snapshot: RunSnapshot;
  sys: Record<string, unknown>;
  userId: string;
  rootNodeId?: string;
}

export interface StartedRun {
  runId: string;
  taskId: string;
  /** The workflow version it runs. */
  workflowId: string;
  createdAt: number;
  events: AsyncIterable<WorkflowEvent>;
  /** What the run's model-backed nodes spent, per model: final once the events are exhausted. */
  usage: RunUsage;
  /** Stops the run (a client that went away). */
  abort(): void;
  /** Says that the caller only reads the run's outcome, not its events as they happen (blocking). */
  unwatched(): void;
  /** Aborted when the run is stopped: `stoppedByUser(signal)` tells a stop request from the rest. */
  signal: AbortSignal;
}

/** Abort reasons that are not a stop request: each has its own path that records the run. */
const CALLER_LEFT = "client went away";
const NOT_RECORDED = "run not recorded";

/** Whether a run's signal was aborted by a stop request (not by its caller leaving or a failed write). */
export function stoppedByUser(signal: AbortSignal): boolean {
  const why = (signal.reason as { message?: string } | undefined)?.message ?? "";
  return signal.aborted && why !== CALLER_LEFT && why !== NOT_RECORDED;
}

type NodeRow = typeof workflowNodeExecutions.$inferInsert;
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/**
 * Starts a run without waiting on D1: the first event goes out at once. A quick run is written
 * once, when it ends, in one group-committed batch with its node executions and the caller's
 * writes. A run still going after RUNNING_ROW_MS (or with node executions to flush before its
 * end) gets its "running" row then, so logs and lookups show it while it runs. Nothing of a run
 * is reported as finished before it is committed; a run whose row cannot be written stops and
 * ends with an error, leaving no row behind.
 */
export async function startWorkflowRun(ctx: TenantCtx, req: StartRunRequest): Promise<StartedRun> {
  const runId = req.runId ?? ctx.newId();
  const taskId = ctx.newId();
  // A resumed run's record keeps its first start; its time counts from now (the engine's too).
  const startedAt = ctx.now();
  const createdAt = req.resume?.snapshot.startedAt ?? startedAt;
  // Executions that paused the run before: their `paused` rows give way to how they end now.
  const pausedBefore = new Set(Object.values(req.resume?.snapshot.pausedExecutions ?? {}));
  const base = { workspaceId: ctx.workspace.id, appId: req.appId, workflowId: req.workflow.id };
  const runRow = {
    id: runId,
    ...base,
    version: req.workflow.version,
    type: req.mode === "workflow" ? "workflow" : "chat",
    triggeredFrom: req.triggeredFrom,
    createdFrom: req.createdFrom,
    status: "running",
    inputs: JSON.stringify(req.inputs),
    createdByRole: req.createdByRole,
    createdBy: req.createdBy,
    conversationId: req.conversation?.id ?? null,
    messageId: req.messageId ?? null,
    createdAt,
  } satisfies typeof workflowRuns.$inferInsert;
  let runningRow: Promise<void> | null = null;
  const writeRunningRow = () => {
    if (!runningRow) {
      runningRow = commitSoon(ctx.db, [...(req.writes ?? []), insertRows(ctx.db.$client, workflowRuns, [runRow])]);
      // Awaited before anything else of the run is written; this only keeps a failure that
      // happens before then from being reported as unhandled.
      runningRow.catch(() => {});
    }
    return runningRow;
  };
  // A resumed run's row is there already, claimed back to "running".
  if (req.resume) runningRow = Promise.resolve();
  if (req.recordAtStart) await writeRunningRow();
  const runningRowTimer = setTimeout(() => void writeRunningRow(), RUNNING_ROW_MS);
  const controller = registerTask(taskId, req.stopOwner);
  let watched = true;
  const run = runWorkflow(ctx, {
    graph: req.workflow.graph,
    inputs: req.inputs,
    sys: { ...req.sys, user_id: req.userId, app_id: req.appId, workflow_id: req.workflow.id, workflow_run_id: runId, timestamp: Math.floor(createdAt / 1000) },
    environment: req.environment,
    conversation: req.conversation?.values ?? {},
    run: { appId: req.appId, workflowId: req.workflow.id, runId, userId: req.userId, userRole: req.createdByRole, conversationId: req.conversation?.id ?? null },
    mode: req.mode,
    rootNodeId: req.rootNodeId,
    signal: controller.signal,
    watched: () => watched,
    resume: req.resume,
  });

  // Containers (iteration, loop) finish with node_finished like any node; their *_completed
  // events repeat it for the stream only.
  const pending: NodeRow[] = [];
  const record = (d: NodeFinishedData | NodeRetryData, status: string) => {
    const finishedAt = ctx.now();
    const meta = d.execution_metadata ?? {};
    pending.push({
      // A retried attempt keeps its own row; the final attempt has the execution's id.
      id: status === "retry" ? ctx.newId() : d.id,
      workflowRunId: runId,
      ...base,
      index: d.index,
      predecessorNodeId: d.predecessor_node_id,
      nodeId: d.node_id,
      nodeType: d.node_type,
      title: d.title,
      inputs: json(d.inputs),
      processData: json(d.process_data),
      outputs: json(d.outputs),
      status,
      error: d.error,
      elapsedTime: d.elapsed_time,
      executionMetadata: json(meta),
      iterationId: d.iteration_id ?? meta.iteration_id ?? null,
      loopId: d.loop_id ?? meta.loop_id ?? null,
      createdAt: finishedAt - Math.round(d.elapsed_time * 1000),
      finishedAt,
    });
  };
  const flush = async () => {
    await ensureRunningRow();
    const rows = pending.splice(0);
    await writeAll(ctx, nodeInserts(ctx, rows, pausedBefore));
  };
  const ensureRunningRow = () =>
    writeRunningRow().catch((err) => {
      controller.abort(new DOMException(NOT_RECORDED, "AbortError"));
      throw err;
    });
  let finished: WorkflowFinishedData | null = null;

  let iterated = false;
  /** The consumer holds an event and has not asked for the next one. */
  let paused = false;
  // A stop that arrives while the consumer is not reading (a client that left without the runtime
  // cancelling its stream) finds events() paused at a yield, where it would never reach the run's
  // end: the run is recorded as stopped from here. If the consumer reads on, finish() is a no-op.
  const stoppedWhilePaused = () => {
    // A caller leaving, or a failed write, is recorded by its own path.
    if (!paused || finalized || !stoppedByUser(controller.signal)) return;
    ctx.waitUntil(
      finish(null, "Workflow run stopped by user.").catch((err) => ctx.log.error("stopped run not recorded", { runId, error: String(err) })),
    );
  };
  controller.signal.addEventListener("abort", stoppedWhilePaused);
  async function* events(): AsyncGenerator<WorkflowEvent> {
    iterated = true;
    let nextStopCheck = ctx.now() + STOP_CHECK_MS;
    try {
      for await (const e of run) {
        if (e.event === "node_finished") record(e.data, e.data.status);
        else if (e.event === "node_retry") record(e.data, "retry");
        if (pending.length >= FLUSH_EVERY) await flush();
        // A stop that reached another isolate is only in D1.
        if (ctx.now() >= nextStopCheck) {
          nextStopCheck = ctx.now() + STOP_CHECK_MS;
          if (await isStopRequested(ctx, taskId, req.stopOwner)) controller.abort(new DOMException("stopped", "AbortError"));
        }
        // Committed before the client hears the run is over (or waits for a form it can open).
        if (e.event === "workflow_finished") {
          finished = e.data;
          await finish(finished);
        } else if (e.event === "human_input_required" || e.event === "workflow_paused") {
          // Before the first form reaches the client: its token must already open it.
          await pause();
        }
        paused = true;
        try {
          yield e;
        } finally {
          paused = false;
        }
      }
    } finally {
      controller.signal.removeEventListener("abort", stoppedWhilePaused);
      clearTimeout(runningRowTimer);
      unregisterTask(taskId);
      // The caller went away or the engine failed before workflow_finished (else a no-op).
      await finish(finished);
    }
  }

  let finalized = false;
  /**
   * The run's last write (once): its outcome (the whole row if it was never written), the
   * remaining node executions, the conversation's variables.
   */
  async function finish(data: WorkflowFinishedData | null, stoppedReason = "Workflow run stopped: the caller went away.") {
    clearTimeout(runningRowTimer);
    if (finalized) return;
    finalized = true;
    const now = ctx.now();
    const outcome = data
      ? {
          status: data.status,
          outputs: JSON.stringify(data.outputs ?? {}),
          error: data.error,
          elapsedTime: data.elapsed_time,
          totalTokens: data.total_tokens,
          totalSteps: data.total_steps,
          exceptionsCount: data.exceptions_count,
          finishedAt: now,
        }
      : // The caller went away (or stopped the run unread) before the engine said how it ended.
        { status: "stopped" as const, error: stoppedReason, elapsedTime: (now - startedAt) / 1000, finishedAt: now };
    await writeOutcome(outcome, [], now);
  }

  /**
   * One batch with the run's outcome (an update of its row, or the whole row if it was never
   * written), `also`, the node executions not yet written and the conversation's variables.
   */
  async function writeOutcome(outcome: Partial<typeof workflowRuns.$inferInsert>, also: Statement[], now: number) {
    const rows = pending.splice(0);
    const runWrites = runningRow
      ? [ctx.db.update(workflowRuns).set(outcome).where(and(eq(workflowRuns.id, runId), eq(workflowRuns.status, "running")))]
      : [...(req.writes ?? []), insertRows(ctx.db.$client, workflowRuns, [{ ...runRow, ...outcome }])];
    if (runningRow) await ensureRunningRow();
    await writeAll(ctx, [...runWrites, ...also, ...nodeInserts(ctx, rows, pausedBefore), ...conversationWrites(ctx, req, run.conversation, now)]);
  }

  /**
   * A paused run's write: its row "paused" with what going on needs, the forms it waits for
   * (tokens hashed), each paused node's execution as a `paused` row, and what else the run wrote
   * so far. Its elapsed_time is 0 until it ends, as Dify's record (finished_at unset).
   */
  async function pause() {
    clearTimeout(runningRowTimer);
    if (finalized) return;
    finalized = true;
    const paused = run.pause;
    if (!paused) throw new Error("The run paused without its state.");
    const now = ctx.now();
    const state: PausedState = { snapshot: paused.snapshot, sys: req.sys, userId: req.userId, rootNodeId: req.rootNodeId };
    const outcome = {
      status: "paused" as const,
      pausedState: await storePausedState(ctx, runId, state),
      elapsedTime: 0,
      totalTokens: paused.snapshot.totalTokens,
      totalSteps: paused.snapshot.steps,
      exceptionsCount: paused.snapshot.exceptions,
    };
    const forms = await formRows(ctx, base, runId, paused.reasons, now);
    for (const r of paused.reasons) {
      const e = r.execution;
      pending.push({
        id: e.id,
        workflowRunId: runId,
        ...base,
        index: e.index,
        predecessorNodeId: e.predecessor_node_id,
        nodeId: e.node_id,
        nodeType: e.node_type,
        title: e.title,
        status: "paused",
        elapsedTime: (now - e.startedAt) / 1000,
        executionMetadata: json({}),
        createdAt: e.startedAt,
        finishedAt: now,
      });
      // A node paused again (another form was answered) rewrites its row.
      pausedBefore.add(e.id);
    }
    await writeOutcome(outcome, forms.length ? [insertRows(ctx.db.$client, workflowHumanInputForms, forms)] : [], now);
  }

  const abort = () => {
    controller.abort(new DOMException(CALLER_LEFT, "AbortError"));
    // A caller gone before reading a single event: the generator never runs its `finally`, so
    // the run is recorded as stopped here.
    if (!iterated) {
      iterated = true;
      unregisterTask(taskId);
      ctx.waitUntil(finish(null));
    }
  };
  const unwatched = () => {
    watched = false;
  };
  return { runId, taskId, workflowId: req.workflow.id, createdAt, events: events(), usage: run.usage, abort, unwatched, signal: controller.signal };
}

/** Above this, a paused run's state goes to R2 (a D1 row holds at most 2 MB) and the row keeps its key. */
const PAUSED_STATE_INLINE_CHARS = 512 * 1024;
const R2_STATE = "r2:";

async function storePausedState(ctx: TenantCtx, runId: string, state: PausedState): Promise<string> {
  const text = JSON.stringify(state);
  if (text.length <= PAUSED_STATE_INLINE_CHARS) return text;
  const key = `ws/${ctx.workspace.id}/paused-runs/${runId}.json`;
  await ctx.env.FILES.put(key, text, { httpMetadata: { contentType: "application/json" } });
  return `${R2_STATE}${key}`;
}

/** A paused run's state as its row keeps it (inline, or in R2 by key); the R2 copy is taken (deleted). */
export async function takePausedState(ctx: TenantCtx, stored: string): Promise<PausedState> {
  if (!stored.startsWith(R2_STATE)) return JSON.parse(stored) as PausedState;
  const key = stored.slice(R2_STATE.length);
  const object = await ctx.env.FILES.get(key);
  if (!object) throw new Error("its saved state is missing from storage");
  const state = (await object.json()) as PausedState;
  await ctx.env.FILES.delete(key);
  return state;
}

/** Drops a paused run's state that will never be taken up (its R2 copy, when it has one). */
export async function discardPausedState(ctx: Ctx, stored: string): Promise<void> {
  if (stored.startsWith(R2_STATE)) await ctx.env.FILES.delete(stored.slice(R2_STATE.length));
}

/** The new forms a pause waits for, as rows (a form the run already waited on is stored already). */
async function formRows(ctx: TenantCtx, base: { workspaceId: string; appId: string }, runId: string, reasons: PauseRequest[], now: number) {
  const rows: (typeof workflowHumanInputForms.$inferInsert)[] = [];
  for (const r of reasons) {
    if (!r.created) continue;
    const { form_token: token, ...definition } = r.form;
    rows.push({
      id: r.form.form_id,
      workspaceId: base.workspaceId,
      appId: base.appId,
      workflowRunId: runId,
      nodeId: r.nodeId,
      tokenHash: token ? await sha256Hex(token) : null,
      tokenSecret: token ? await encryptSecret(ctx.config.APP_SECRET, token) : null,
      definition: JSON.stringify(definition),
      status: "waiting",
      expiresAt: r.form.expiration_time * 1000,
      createdAt: now,
    });
  }
  return rows;
}

/** Node executions per INSERT: as many rows as D1's 100 bound parameters allow. */
const NODE_ROWS_PER_INSERT = Math.floor(100 / Object.keys(getTableColumns(workflowNodeExecutions)).length);

/**
 * Multi-row inserts of node executions: fewer statements for D1 to run in the batch. A row of an
 * execution in `replacing` (one that paused the run) replaces the stored one, as Dify's merge by id.
 */
function nodeInserts(ctx: TenantCtx, rows: NodeRow[], replacing: ReadonlySet<string>): Statement[] {
  const out: Statement[] = [];
  const replaced = rows.map((r) => r.id).filter((id): id is string => id !== undefined && replacing.has(id));
  if (replaced.length) out.push(ctx.db.delete(workflowNodeExecutions).where(inArray(workflowNodeExecutions.id, replaced)));
  for (let i = 0; i < rows.length; i += NODE_ROWS_PER_INSERT) {
    out.push(insertRows(ctx.db.$client, workflowNodeExecutions, rows.slice(i, i + NODE_ROWS_PER_INSERT), { ignoreConflicts: true }));
  }
  return out;
}

/** The statements in one D1 batch (one transaction), grouped with other runs' writes of the moment. */
async function writeAll(ctx: TenantCtx, statements: Statement[]) {
  await commitSoon(ctx.db, statements);
}

/** Upserts of a chatflow conversation's variables as the run left them. */
function conversationWrites(ctx: TenantCtx, req: StartRunRequest, values: Record<string, unknown>, now: number) {
  const conv = req.conversation;
  if (!conv) return [];
  return conv.declared.map((v) => {
    const value = JSON.stringify(values[v.name] ?? null);
    return ctx.db
      .insert(workflowConversationVariables)
      .values({
        id: v.id,
        conversationId: conv.id,
        workspaceId: ctx.workspace.id,
        appId: req.appId,
        name: v.name,
        valueType: v.value_type,
        value,
        description: v.description ?? "",
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({ target: [workflowConversationVariables.conversationId, workflowConversationVariables.id], set: { value, updatedAt: now } });
  });
}

/** A run older than this cannot still be going: the engine ends every run by DEFAULT_TIMEOUT_MS. */
const ABANDONED_AFTER_MS = DEFAULT_TIMEOUT_MS + 5 * 60_000;
export const ABANDONED_RUN_ERROR = "The run stopped without finishing: the Worker running it was interrupted.";

/**
 * Housekeeping: runs left "running" by a Worker that was evicted or crashed mid-run (their last
 * write never came) are marked failed, so logs and statistics stop counting them as running.
 * Returns how many were.
 */
export async function sweepAbandonedRuns(ctx: Ctx): Promise<number> {
  const now = ctx.now();
  // The literal condition (not a bound value) lets SQLite use the partial index of running runs.
  const swept = await ctx.db
    .update(workflowRuns)
    .set({ status: "failed", error: ABANDONED_RUN_ERROR, finishedAt: now, elapsedTime: sql`(${now} - coalesce(${workflowRuns.resumedAt}, ${workflowRuns.createdAt})) / 1000.0` })
    // A resumed run counts from when it went on.
    .where(and(sql`${workflowRuns.status} = 'running'`, lt(workflowRuns.createdAt, now - ABANDONED_AFTER_MS), sql`coalesce(${workflowRuns.resumedAt}, 0) < ${now - ABANDONED_AFTER_MS}`))
    .returning({ id: workflowRuns.id });
  if (swept.length) ctx.log.warn("abandoned workflow runs marked failed", { count: swept.length });
  return swept.length;
}
