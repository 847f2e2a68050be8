// Reading recorded runs: one run (console and Service API shapes), an app's runs, a run's node
// executions, and the Service API's workflow logs with Dify's filters.
import { and, desc, eq, gt, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { TenantCtx } from "../context";
import { accounts, endUsers, workflowNodeExecutions, workflowRuns, workflows } from "../db/schema";
import { KilnError, NotFound } from "../lib/errors";
import { idTime } from "../lib/ids";
import { containsPattern, likeEscaped } from "../lib/like";
import { formsOfRun, requiredData } from "./human-input-forms";
import { RUNNING_ROW_MS } from "./runs";
import { getWorkflowApp } from "./store";

type RunRow = typeof workflowRuns.$inferSelect;
type NodeRow = typeof workflowNodeExecutions.$inferSelect;
const sec = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));
const parsed = (text: string | null) => (text === null ? null : JSON.parse(text));

async function findRun(ctx: TenantCtx, appId: string, runId: string): Promise<RunRow | undefined> {
  return ctx.db
    .select()
    .from(workflowRuns)
    .where(and(eq(workflowRuns.id, runId), eq(workflowRuns.appId, appId), eq(workflowRuns.workspaceId, ctx.workspace.id)))
    .get();
}

/** How long a lookup by a client waits for a run's row to appear, and how often it looks again. */
const YOUNG_RUN_WAIT_MS = RUNNING_ROW_MS + 500;
const YOUNG_RUN_POLL_MS = 250;
/** Clock difference allowed between the isolate that minted a run id and the one reading it. */
const CLOCK_SKEW_MS = 500;

/**
 * Until when a lookup of `runId` may wait for its row: run ids are UUID v7, so only an id minted
 * within the last YOUNG_RUN_WAIT_MS can belong to a run with no row yet. Any other id (an old
 * run's, one from the future, or not a UUID v7) is answered at once.
 */
export function youngRunDeadline(runId: string, now: number): number {
  const minted = idTime(runId);
  if (minted === null || minted > now + CLOCK_SKEW_MS) return 0;
  return Math.min(minted + YOUNG_RUN_WAIT_MS + CLOCK_SKEW_MS, now + YOUNG_RUN_WAIT_MS);
}

/**
 * A run's row for a client that holds its id, waiting a moment when there is none yet: a run
 * younger than RUNNING_ROW_MS has no row until it ends or turns that old (runs.ts), and a client
 * that lost its stream at the first event asks at once.
 */
async function findRunSoon(ctx: TenantCtx, appId: string, runId: string): Promise<RunRow | undefined> {
  const until = youngRunDeadline(runId, ctx.now());
  for (;;) {
    const r = await findRun(ctx, appId, runId);
    if (r || ctx.now() >= until) return r;
    await new Promise((resolve) => setTimeout(resolve, YOUNG_RUN_POLL_MS));
  }
}

/** Dify's `GET /v1/workflows/run/:id`: inputs and outputs as JSON text; an unknown run is all nulls. */
export async function serviceRunDetail(ctx: TenantCtx, appId: string, runId: string) {
  const r = await findRunSoon(ctx, appId, runId);
  return {
    id: r?.id ?? null,
    workflow_id: r?.workflowId ?? null,
    status: r?.status ?? null,
    inputs: r ? r.inputs : null,
    outputs: r ? (r.outputs ?? "{}") : null,
    error: r?.error ?? null,
    total_steps: r?.totalSteps ?? null,
    total_tokens: r?.totalTokens ?? null,
    created_at: r ? sec(r.createdAt) : null,
    finished_at: r ? sec(r.finishedAt) : null,
    elapsed_time: r?.elapsedTime ?? null,
  };
}

/** Who started the runs, as Dify's created_by_account / created_by_end_user. */
async function creators(ctx: TenantCtx, rows: RunRow[]) {
  const accountIds = [...new Set(rows.filter((r) => r.createdByRole === "account").map((r) => r.createdBy))];
  const userIds = [...new Set(rows.filter((r) => r.createdByRole === "end_user").map((r) => r.createdBy))];
  const [accs, users] = await Promise.all([
    accountIds.length
      ? ctx.db.select({ id: accounts.id, name: accounts.name, email: accounts.email }).from(accounts).where(inArray(accounts.id, accountIds)).all()
      : [],
    userIds.length ? ctx.db.select().from(endUsers).where(inArray(endUsers.id, userIds)).all() : [],
  ]);
  const accById = new Map(accs.map((a) => [a.id, a]));
  const userById = new Map(users.map((u) => [u.id, { id: u.id, type: u.type, is_anonymous: u.isAnonymous, session_id: u.sessionId }]));
  return (r: RunRow) => ({
    created_by_account: r.createdByRole === "account" ? (accById.get(r.createdBy) ?? null) : null,
    created_by_end_user: r.createdByRole === "end_user" ? (userById.get(r.createdBy) ?? null) : null,
  });
}

function runSummary(r: RunRow) {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    triggered_from: r.triggeredFrom,
    error: r.error,
    elapsed_time: r.elapsedTime,
    total_tokens: r.totalTokens,
    total_steps: r.totalSteps,
    created_at: sec(r.createdAt),
    finished_at: sec(r.finishedAt),
    exceptions_count: r.exceptionsCount,
  };
}

/** The console's run list (Dify's infinite scroll by `last_id`), newest first. */
export async function listRuns(ctx: TenantCtx, appId: string, opts: { last_id?: string; limit: number; triggered_from?: "debugging" | "app-run" | "webhook" | "schedule" }) {
  await getWorkflowApp(ctx, appId);
  const conditions: SQL[] = [eq(workflowRuns.appId, appId), eq(workflowRuns.workspaceId, ctx.workspace.id)];
  if (opts.triggered_from) conditions.push(eq(workflowRuns.triggeredFrom, opts.triggered_from));
  if (opts.last_id) {
    const last = await findRun(ctx, appId, opts.last_id);
    if (!last) throw NotFound("Last workflow run");
    conditions.push(or(lt(workflowRuns.createdAt, last.createdAt), and(eq(workflowRuns.createdAt, last.createdAt), lt(workflowRuns.id, last.id)))!);
  }
  const rows = await ctx.db
    .select()
    .from(workflowRuns)
    .where(and(...conditions))
    .orderBy(desc(workflowRuns.createdAt), desc(workflowRuns.id))
    .limit(opts.limit + 1)
    .all();
  const page = rows.slice(0, opts.limit);
  const who = await creators(ctx, page);
  return { limit: opts.limit, has_more: rows.length > opts.limit, data: page.map((r) => ({ ...runSummary(r), ...who(r) })) };
}

/** One run for the console, with the graph it ran. */
export async function consoleRunDetail(ctx: TenantCtx, appId: string, runId: string) {
  await getWorkflowApp(ctx, appId);
  const r = await findRun(ctx, appId, runId);
  if (!r) throw NotFound("Workflow run");
  const wf = await ctx.db.select({ graph: workflows.graph }).from(workflows).where(eq(workflows.id, r.workflowId)).get();
  const who = await creators(ctx, [r]);
  return {
    ...runSummary(r),
    graph: wf ? JSON.parse(wf.graph) : { nodes: [], edges: [] },
    inputs: JSON.parse(r.inputs),
    outputs: parsed(r.outputs),
    created_by_role: r.createdByRole,
    ...who(r),
  };
}

function nodeView(n: NodeRow) {
  return {
    id: n.id,
    index: n.index,
    predecessor_node_id: n.predecessorNodeId,
    node_id: n.nodeId,
    node_type: n.nodeType,
    title: n.title,
    inputs: parsed(n.inputs),
    process_data: parsed(n.processData),
    outputs: parsed(n.outputs),
    status: n.status,
    error: n.error,
    elapsed_time: n.elapsedTime,
    execution_metadata: parsed(n.executionMetadata),
    extras: {},
    iteration_id: n.iterationId,
    loop_id: n.loopId,
    created_at: sec(n.createdAt),
    finished_at: sec(n.finishedAt),
  };
}

/** A run's node executions in step order. */
export async function listNodeExecutions(ctx: TenantCtx, appId: string, runId: string) {
  await getWorkflowApp(ctx, appId);
  if (!(await findRun(ctx, appId, runId))) throw NotFound("Workflow run");
  const rows = await ctx.db
    .select()
    .from(workflowNodeExecutions)
    .where(and(eq(workflowNodeExecutions.workflowRunId, runId), eq(workflowNodeExecutions.workspaceId, ctx.workspace.id)))
    .orderBy(workflowNodeExecutions.index, workflowNodeExecutions.createdAt)
    .all();
  return { data: rows.map(nodeView) };
}

export interface LogFilters {
  keyword?: string;
  status?: "succeeded" | "failed" | "stopped";
  created_at__before?: number;
  created_at__after?: number;
  created_by_end_user_session_id?: string;
  created_by_account?: string;
  page: number;
  limit: number;
}

/** Dify's `GET /v1/workflows/logs`: the app's runs (API, WebApp, webhook and schedule; not the debugger's), newest first. */
export async function workflowLogs(ctx: TenantCtx, appId: string, f: LogFilters) {
  const conditions: SQL[] = [
    eq(workflowRuns.appId, appId),
    eq(workflowRuns.workspaceId, ctx.workspace.id),
    inArray(workflowRuns.triggeredFrom, ["app-run", "webhook", "schedule"]),
  ];
  if (f.status) conditions.push(eq(workflowRuns.status, f.status));
  if (f.created_at__before !== undefined) conditions.push(lt(workflowRuns.createdAt, f.created_at__before));
  if (f.created_at__after !== undefined) conditions.push(gt(workflowRuns.createdAt, f.created_at__after));
  if (f.keyword) {
    const pattern = containsPattern(f.keyword);
    conditions.push(sql`(${likeEscaped(workflowRuns.inputs, pattern)} OR ${likeEscaped(workflowRuns.outputs, pattern)} OR ${workflowRuns.id} = ${f.keyword})`);
  }
  if (f.created_by_end_user_session_id) {
    conditions.push(
      sql`${workflowRuns.createdBy} IN (SELECT ${endUsers.id} FROM ${endUsers} WHERE ${endUsers.appId} = ${appId} AND ${endUsers.sessionId} = ${f.created_by_end_user_session_id})`,
    );
  }
  if (f.created_by_account) {
    conditions.push(sql`${workflowRuns.createdBy} IN (SELECT ${accounts.id} FROM ${accounts} WHERE ${accounts.email} = ${f.created_by_account})`);
  }
  const where = and(...conditions);
  const [rows, total] = await Promise.all([
    ctx.db
      .select()
      .from(workflowRuns)
      .where(where)
      .orderBy(desc(workflowRuns.createdAt), desc(workflowRuns.id))
      .limit(f.limit)
      .offset((f.page - 1) * f.limit)
      .all(),
    ctx.db.select({ n: sql<number>`count(*)` }).from(workflowRuns).where(where).get(),
  ]);
  const who = await creators(ctx, rows);
  const count = total?.n ?? 0;
  return {
    page: f.page,
    limit: f.limit,
    total: count,
    has_more: f.page * f.limit < count,
    data: rows.map((r) => ({
      id: r.id,
      workflow_run: runSummary(r),
      details: null,
      created_from: r.createdFrom ?? "service-api",
      created_by_role: r.createdByRole,
      ...who(r),
      created_at: sec(r.createdAt),
    })),
  };
}

/**
 * The run that GET /v1/workflow/:workflow_run_id/events may follow: this app's, started through
 * the API by this end user; anything else is Dify's "Workflow run not found".
 */
export async function resumableRun(ctx: TenantCtx, appId: string, runId: string, endUserId: string): Promise<RunRow> {
  const r = await findRunSoon(ctx, appId, runId);
  if (r?.createdByRole !== "end_user" || r.createdBy !== endUserId) throw new KilnError("not_found", 404, "Workflow run not found");
  return r;
}

/** How often a followed run's record is read again, and for how long at most. */
const FOLLOW_POLL_MS = 500;
const FOLLOW_LIMIT_MS = 15 * 60_000;

/**
 * A run's event stream picked up again (after a dropped connection): the workflow_finished frame
 * of a run that has ended, from its record. A run still going is followed through its record,
 * which every isolate shares, until it ends (or is given up as abandoned); with `snapshot`, its
 * workflow_started and the node executions recorded so far come first, then each one recorded
 * after. Text chunks are not recorded, so they are not replayed.
 */
export async function* recordedRunFrames(
  ctx: TenantCtx,
  run: RunRow,
  createdBy: { id: string; user: string },
  opts: { snapshot: boolean; signal?: AbortSignal; pollMs?: number; continueOnPause?: boolean },
): AsyncGenerator<object> {
  // Dify's resumed frames lead with the task id, which is the run's id here.
  const frame = (event: string, data: object) => ({ event, task_id: run.id, workflow_run_id: run.id, data });
  const started = new Set<string>();
  const finished = new Set<string>();
  const following = run.finishedAt === null;
  if (opts.snapshot && following) {
    yield frame("workflow_started", { id: run.id, workflow_id: run.workflowId, inputs: JSON.parse(run.inputs), created_at: sec(run.createdAt), reason: "initial" });
  }
  let deadline = run.createdAt + FOLLOW_LIMIT_MS;
  const announced = new Set<string>();
  for (let current: RunRow | undefined = run; current; ) {
    // Node executions are written in batches, the last with the run's end: read them once more then.
    if (opts.snapshot && following) {
      const nodes = await ctx.db
        .select()
        .from(workflowNodeExecutions)
        .where(and(eq(workflowNodeExecutions.workflowRunId, run.id), eq(workflowNodeExecutions.workspaceId, ctx.workspace.id)))
        .orderBy(workflowNodeExecutions.index, workflowNodeExecutions.createdAt)
        .all();
      for (const n of nodes) {
        if (finished.has(n.id) || n.status === "retry") continue;
        const view = nodeView(n);
        if (!started.has(n.id)) {
          started.add(n.id);
          const { id, index, predecessor_node_id, node_id, node_type, title, inputs, extras, iteration_id, loop_id, created_at } = view;
          yield frame("node_started", { id, index, predecessor_node_id, node_id, node_type, title, inputs, extras, iteration_id, loop_id, created_at });
        }
        // A node that paused the run ends under the same execution once it goes on.
        if (n.status === "paused") continue;
        finished.add(n.id);
        yield frame("node_finished", { ...view, files: [] });
      }
    }
    if (current.finishedAt !== null) {
      yield frame("workflow_finished", {
        id: current.id,
        workflow_id: current.workflowId,
        status: current.status,
        outputs: parsed(current.outputs) ?? {},
        error: current.error,
        elapsed_time: current.elapsedTime,
        total_tokens: current.totalTokens,
        total_steps: current.totalSteps,
        created_by: createdBy,
        created_at: sec(current.createdAt),
        finished_at: sec(current.finishedAt),
        exceptions_count: current.exceptionsCount,
        files: [],
      });
      return;
    }
    if (current.status === "paused") {
      // The forms it waits for, then the pause; the stream ends there unless asked to go on. A
      // pause is announced once, and again only with a form not seen before (the run went on
      // and paused at another, between two looks); a run whose forms are all answered is about
      // to go on: nothing to announce, follow it.
      const waiting = (await formsOfRun(ctx, run.id)).filter((f) => f.status === "waiting");
      if (waiting.some((f) => !announced.has(f.id))) {
        for (const f of waiting) announced.add(f.id);
        const reasons = await Promise.all(waiting.map((f) => requiredData(ctx, f)));
        for (const r of reasons) yield frame("human_input_required", r);
        yield frame("workflow_paused", {
          workflow_run_id: run.id,
          paused_nodes: reasons.map((r) => r.node_id),
          outputs: {},
          reasons: reasons.map((r) => ({ TYPE: "human_input_required", ...r })),
          status: "paused",
          created_at: sec(current.createdAt),
          elapsed_time: current.elapsedTime,
          total_tokens: current.totalTokens,
          total_steps: current.totalSteps,
        });
        if (!opts.continueOnPause) return;
      }
    }
    // A resumed run is followed from when it went on.
    if (current.resumedAt) deadline = Math.max(deadline, current.resumedAt + FOLLOW_LIMIT_MS);
    if ((current.status !== "paused" && ctx.now() > deadline) || opts.signal?.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, opts.pollMs ?? FOLLOW_POLL_MS));
    current = await findRun(ctx, run.appId, run.id);
  }
}
