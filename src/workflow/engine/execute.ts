// Runs one node once it is ready: node_started, the node's own run with retries, then either
// success, an error strategy's `exception` (fail-branch / default-value), or a failure that
// ends the run. Returns the handle of the branch to follow.
import { errorTypeOf, KilnError } from "../../lib/errors";
import {
  elapsedSeconds,
  epochSeconds,
  type ExecutionMetadata,
  type NodeFinishedData,
  type NodeStartedData,
  type WorkflowEvent,
} from "../events";
import type { NodeChunk, NodeResult, NodeTrace } from "../nodes/types";
import type { VariablePool } from "../variables";
import type { CompiledNode } from "./compile";
import { runScope } from "./scope";
import { abortRun, type EngineRunContext, type EngineServices, RunAborted, type RunState, type ScopeRun } from "./state";

/** The handle of a node that paused the run (waiting for a person): no branch is taken yet. */
export const PAUSED = "\u0000paused";

/** Nodes that only mark where a container's body begins: no events, no step. */
const MARKERS = new Set(["iteration-start", "loop-start"]);

export class NodeRunFailed extends KilnError {
  constructor(message: string) {
    super("internal_server_error", 500, message);
    this.name = "NodeRunFailed";
  }
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/** Dify stores default values of non-string types as JSON text. */
function defaultOutputs(cn: CompiledNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const d of cn.node.data.default_value ?? []) {
    let value = d.value;
    if (typeof value === "string" && d.type !== "string") {
      try {
        value = JSON.parse(value);
      } catch {
        // Kept as text: a malformed default is still the author's value.
      }
    }
    out[d.key] = value;
  }
  return out;
}

function abortError(state: RunState): RunAborted {
  return state.abortedBy ?? abortRun(state, new RunAborted("stopped", "Workflow run stopped."));
}

export async function executeNode(
  state: RunState,
  scope: ScopeRun,
  cn: CompiledNode,
  predecessor: string | null,
): Promise<string> {
  const signal = state.controller.signal;
  if (signal.aborted) throw abortError(state);
  if (MARKERS.has(cn.type)) return "source";
  // A resumed run replays what it had done before its pause: recorded outputs, no events.
  const replayed = scope.kind === "root" ? state.input.resume?.snapshot.done[cn.id] : undefined;
  if (replayed) {
    scope.pool.setOutputs(cn.id, replayed.outputs);
    state.done.set(cn.id, replayed);
    return replayed.handle;
  }
  // A turn of the event loop now and then: a graph of pure computation would otherwise run to
  // its end in one task, and timers (a stop request, keep-alive pings, the run's time limit)
  // would not fire nor its events reach the client until then. A turn costs about a millisecond
  // (a timer), so trivial nodes take one every YIELD_EVERY steps (a watched run took one just
  // before its first). A code node, which may compute for long, takes one each time while its
  // run is watched, so its node_started is out before it computes; a run nobody watches
  // (blocking) has no event to let out early.
  if ((cn.type === "code" && (state.input.watched?.() ?? true)) || (state.steps > 0 && state.steps % YIELD_EVERY === 0)) {
    await nextTurn();
    if (signal.aborted) throw abortError(state);
  }
  if (++state.steps > state.maxSteps) {
    // Dify's engine aborts a run over its limits: it ends `stopped`, with the limit in its error.
    throw abortRun(state, new RunAborted("stopped", `Aborted: Maximum execution steps exceeded: ${state.steps} > ${state.maxSteps}`));
  }
  const impl = state.registry.get(cn.type);
  if (!impl) throw new NodeRunFailed(`Node ${cn.title} run failed: unsupported node type "${cn.type}"`);
  const startedAt = state.tctx.now();
  // A node that paused the run goes on under the execution id it paused with.
  const pausedAs = scope.kind === "root" ? state.input.resume?.snapshot.pausedExecutions?.[cn.id] : undefined;
  const execId = pausedAs ?? state.tctx.newId();
  const inContainer = scope.kind !== "root";
  const base: NodeStartedData = {
    id: execId,
    node_id: cn.id,
    node_type: cn.type,
    title: cn.title,
    index: state.steps,
    predecessor_node_id: predecessor,
    inputs: null,
    inputs_truncated: false,
    created_at: epochSeconds(startedAt),
    extras: {},
    iteration_id: scope.kind === "iteration" ? scope.id : null,
    loop_id: scope.kind === "loop" ? scope.id : null,
    agent_strategy: cn.type === "agent" ? { name: String(cn.node.data.agent_strategy_name ?? ""), icon: "" } : null,
  };
  state.push({ event: "node_started", data: base });
  if (scope.kind === "root") state.rootSteps++;

  const metadata = (extra: ExecutionMetadata = {}): ExecutionMetadata => {
    if (scope.kind === "iteration") Object.assign(extra, { iteration_id: scope.id, iteration_index: scope.index });
    if (scope.kind === "loop") Object.assign(extra, { loop_id: scope.id, loop_index: scope.index });
    return extra;
  };
  const finished = (
    status: NodeFinishedData["status"],
    outputs: Record<string, unknown> | null,
    error: string | null,
    result?: NodeTrace,
    extra?: ExecutionMetadata,
  ): NodeFinishedData => {
    const now = state.tctx.now();
    return {
      ...base,
      inputs: result?.inputs ?? null,
      process_data: result?.processData ?? null,
      process_data_truncated: false,
      outputs,
      outputs_truncated: false,
      status,
      error,
      elapsed_time: elapsedSeconds(startedAt, now),
      execution_metadata: metadata(extra),
      finished_at: epochSeconds(now),
      files: [],
    };
  };

  if (cn.type === "loop") state.loopPools.set(cn.id, scope.pool);
  // What the node resolved before it failed, for its failed (or excepted, or retried) trace.
  const traced: NodeTrace = {};
  const ctx: EngineRunContext = {
    tctx: state.tctx,
    node: cn.node,
    pool: scope.pool,
    signal,
    emit: (chunk: NodeChunk) => {
      if (!inContainer) state.responses?.onChunk(chunk);
    },
    runSubgraph: async (parentId, startNodeId, pool) => {
      await runScope(state, childScope(scope, cn.type === "loop" ? "loop" : "iteration", parentId, 0, pool), startNodeId);
    },
    run: state.input.run,
    trace: (part) => Object.assign(traced, part),
    engine: services(state, scope, cn, execId, startedAt),
  };

  // A run stopped (or failed elsewhere, e.g. its time limit) while this node was running: the node
  // ends `stopped` (or `failed`) with the run's reason, so the trace shows where the run was. The
  // run's end may get there first (it does not wait for a node that ignores the abort): once only.
  state.running.set(execId, (status, error) => finished(status, null, error));
  const abandon = (): never => {
    const reason = abortError(state);
    if (state.running.delete(execId)) state.push({ event: "node_finished", data: finished(reason.runStatus, null, reason.message) });
    throw reason;
  };

  const retry = cn.node.data.retry_config;
  const maxRetries = retry?.retry_enabled && impl.retries ? Math.max(0, retry.max_retries) : 0;
  let result: NodeResult;
  for (let attempt = 0; ; attempt++) {
    try {
      result = await impl.run(ctx, state.data[cn.index]);
      if (signal.aborted) throw abortError(state); // ended below, once
      break;
    } catch (err) {
      if (signal.aborted || err instanceof RunAborted) abandon();
      if (attempt < maxRetries) {
        // Every failed attempt counts as an exception of the run, as Dify's engine counts them
        // (a run whose node succeeded on a retry ends partial-succeeded).
        state.exceptions++;
        state.push({ event: "node_retry", data: { ...finished("failed", null, messageOf(err), traced), status: "retry", retry_index: attempt + 1 } });
        if (scope.kind === "root") state.rootSteps++;
        await sleep(retry?.retry_interval ?? 0, signal);
        if (signal.aborted) abandon();
        continue;
      }
      state.running.delete(execId);
      return failed(state, scope, cn, err, traced, finished);
    }
  }
  state.running.delete(execId);
  if (result.pause) {
    state.paused.push({ nodeId: cn.id, nodeTitle: cn.title, ...result.pause, execution: { ...base, startedAt } });
    return PAUSED;
  }

  scope.pool.setOutputs(cn.id, result.outputs);
  const usage = result.usage;
  if (usage) {
    state.totalTokens += usage.totalTokens;
    if (usage.totalTokens > 0) {
      const key = `${usage.provider}\u0000${usage.model}`;
      const spent = state.usage.models.get(key) ?? { provider: usage.provider, model: usage.model, promptTokens: 0, completionTokens: 0 };
      spent.promptTokens += usage.promptTokens;
      spent.completionTokens += usage.completionTokens;
      state.usage.models.set(key, spent);
    }
    for (let s: ScopeRun | null = scope; s; s = s.parent) s.tokens += usage.totalTokens;
  }
  const extra: ExecutionMetadata = { ...result.metadata };
  if (usage) Object.assign(extra, { total_tokens: usage.totalTokens, total_price: usage.totalPrice, currency: usage.currency });
  state.push({ event: "node_finished", data: finished("succeeded", result.outputs, null, result, extra) });
  if (cn.type === "loop-end") scope.loopEnded = true;
  const handle = result.edgeSourceHandle ?? "source";
  nodeDone(state, scope, cn, result.outputs, handle);
  return handle;
}

function failed(
  state: RunState,
  scope: ScopeRun,
  cn: CompiledNode,
  err: unknown,
  traced: NodeTrace,
  finished: (
    status: NodeFinishedData["status"],
    outputs: Record<string, unknown> | null,
    error: string | null,
    result?: NodeTrace,
    extra?: ExecutionMetadata,
  ) => NodeFinishedData,
): string {
  const message = messageOf(err);
  const strategy = cn.node.data.error_strategy;
  // A failure counts, whatever follows: a strategy, an iteration going on past it, or the run's end.
  state.exceptions++;
  if (strategy === "fail-branch" || strategy === "default-value") {
    const errorOutputs = { error_message: message, error_type: errorTypeOf(err) };
    const outputs = strategy === "default-value" ? { ...defaultOutputs(cn), ...errorOutputs } : errorOutputs;
    scope.pool.setOutputs(cn.id, outputs);
    state.push({ event: "node_finished", data: finished("exception", outputs, message, traced, { error_strategy: strategy }) });
    const handle = strategy === "fail-branch" ? "fail-branch" : "source";
    nodeDone(state, scope, cn, outputs, handle);
    return handle;
  }
  state.push({ event: "node_finished", data: finished("failed", null, message, traced) });
  throw new NodeRunFailed(`Node ${cn.title} run failed: ${message}`);
}

/**
 * Bookkeeping after a node settled with outputs: a top-level node is remembered with its branch
 * (a pause's snapshot), and response nodes feed the run's outputs (End outputs by name, at the
 * top level; Answer text joined), in either app mode, as in Dify.
 */
function nodeDone(state: RunState, scope: ScopeRun, cn: CompiledNode, outputs: Record<string, unknown>, handle: string): void {
  if (scope.kind === "root") state.done.set(cn.id, { outputs, handle });
  if (scope.kind === "root" && cn.type === "end") Object.assign(state.endOutputs, outputs);
  if (cn.type === "answer") {
    const answer = typeof outputs.answer === "string" ? outputs.answer : "";
    const files = Array.isArray(outputs.files) ? outputs.files : [];
    if (scope.kind === "root") {
      state.answers.push(answer);
      state.answerFiles = files;
    } else {
      scope.answers.push(answer);
      scope.answerFiles = files;
    }
    // Answers inside an iteration or loop are not part of the top-level stream; send them whole.
    if (scope.kind !== "root" && answer) {
      const selector = [cn.id, "answer"];
      state.push(
        state.input.mode === "workflow"
          ? { event: "text_chunk", data: { text: answer, from_variable_selector: selector } }
          : { event: "message", data: { answer, from_variable_selector: selector } },
      );
    }
  }
}

export function childScope(parent: ScopeRun, kind: "iteration" | "loop", id: string, index: number, pool: VariablePool): ScopeRun {
  return { kind, id, index, pool, parent, tokens: 0, loopEnded: false, answers: [], answerFiles: null };
}

/** A finished round's Answer texts and files go to the scope around it (the run's, at the top). */
function mergeAnswers(state: RunState, into: ScopeRun, round: ScopeRun): void {
  const target = into.kind === "root" ? state : into;
  target.answers.push(...round.answers);
  if (round.answerFiles) target.answerFiles = round.answerFiles;
}

function services(state: RunState, scope: ScopeRun, cn: CompiledNode, execId: string, startedAt: number): EngineServices {
  return {
    mode: state.input.mode,
    userInputs: state.input.inputs,
    sys: state.input.sys,
    execution: { id: execId, startedAt },
    now: () => state.tctx.now(),
    newId: () => state.tctx.newId(),
    emit: (event: WorkflowEvent) => state.push(event),
    async runBody(startNodeId, pool, index, last) {
      // A loop's round starts without the outputs its body's nodes left in the last one, as
      // Dify's loop frame removes them (an iteration's round has a pool of its own).
      if (cn.type === "loop") for (const n of state.graph.nodes) if (n.scope === cn.id) pool.remove(n.id);
      const round = childScope(scope, cn.type === "loop" ? "loop" : "iteration", cn.id, index, pool);
      await runScope(state, round, startNodeId);
      // A round that failed never gets here: its answers stay out of the run's outputs.
      if (cn.type === "loop" || last) mergeAnswers(state, scope, round);
      return { loopEnded: round.loopEnded, tokens: round.tokens };
    },
    assign(selector, value) {
      const [owner, name] = selector;
      if (owner === "conversation") {
        state.rootPool.set(owner, name, value);
        state.conversation[name] = value;
        return;
      }
      (state.loopPools.get(owner) ?? scope.pool).set(owner, name, value);
    },
    topLevel: scope.kind === "root",
    formOutcome: () => (scope.kind === "root" ? (state.input.resume?.forms[cn.id] ?? null) : null),
  };
}

const YIELD_EVERY = 16;
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
