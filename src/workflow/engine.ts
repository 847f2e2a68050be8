// Runs a workflow graph and yields Dify's stream events. The engine owns scheduling, branching,
// retries, error strategies, limits and response streaming (see engine/); nodes only turn their
// settings and the variable pool into outputs. Persistence and transport wrap it from outside.
import type { TenantCtx } from "../context";
import { Channel } from "./engine/channel";
import { compileGraph } from "./engine/compile";
import { ResponseStream } from "./engine/responses";
import { runScope } from "./engine/scope";
import {
  abortRun,
  type PauseRequest,
  RunAborted,
  type RunSnapshot,
  type RunState,
  type RunUsage,
  type RunWorkflowInput,
  type ScopeRun,
} from "./engine/state";
import { elapsedSeconds, epochSeconds, type WorkflowEvent, type WorkflowRunStatus } from "./events";
import { NODES } from "./nodes";
import type { WorkflowNode } from "./nodes/types";
import { USER_INPUT_NAMESPACE, VariablePool } from "./variables";

export type { DoneNode, FormOutcome, PauseRequest, RunResume, RunSnapshot, RunUsage, RunWorkflowInput } from "./engine/state";

export const DEFAULT_MAX_STEPS = 500;
export const DEFAULT_TIMEOUT_MS = 600_000;

export interface WorkflowRun extends AsyncIterable<WorkflowEvent> {
  /**
   * The conversation variables as the run leaves them (the assigner node writes them): final
   * once the events are exhausted, for the caller to persist.
   */
  readonly conversation: Record<string, unknown>;
  /** What the run's model-backed nodes spent, per model: final once the events are exhausted. */
  readonly usage: RunUsage;
  /** Set when the run paused (its last event is workflow_paused): what resuming it needs, and why it waits. */
  readonly pause: { snapshot: RunSnapshot; reasons: PauseRequest[] } | null;
}

/** Starts a run lazily: nothing executes until the events are iterated; breaking out stops it. */
export function runWorkflow(tctx: TenantCtx, input: RunWorkflowInput): WorkflowRun {
  const conversation = { ...input.conversation, ...input.resume?.snapshot.conversation };
  const usage: RunUsage = { models: new Map() };
  const run: { -readonly [K in keyof WorkflowRun]: WorkflowRun[K] } = {
    conversation,
    usage,
    pause: null,
    [Symbol.asyncIterator]: () => events(tctx, input, run)[Symbol.asyncIterator](),
  };
  return run;
}

async function* events(tctx: TenantCtx, input: RunWorkflowInput, run: { conversation: Record<string, unknown>; usage: RunUsage; pause: WorkflowRun["pause"] }) {
  const { conversation, usage } = run;
  const restored = input.resume?.snapshot;
  const channel = new Channel<WorkflowEvent>();
  const registry: ReadonlyMap<string, WorkflowNode> = input.nodes
    ? new Map([...NODES, ...Object.entries(input.nodes)])
    : NODES;
  const state: RunState = {
    tctx,
    input,
    graph: compileGraph(input.graph),
    registry,
    data: [],
    rootPool: new VariablePool(),
    conversation,
    loopPools: new Map(),
    controller: new AbortController(),
    abortedBy: null,
    running: new Map(),
    steps: restored?.steps ?? 0,
    rootSteps: restored?.rootSteps ?? restored?.steps ?? 0,
    maxSteps: input.limits?.maxSteps ?? DEFAULT_MAX_STEPS,
    totalTokens: restored?.totalTokens ?? 0,
    usage,
    exceptions: restored?.exceptions ?? 0,
    responses: null,
    endOutputs: { ...restored?.endOutputs },
    answers: [...(restored?.answers ?? [])],
    answerFiles: restored?.answerFiles ?? [],
    done: new Map(),
    paused: [],
    push: (event) => channel.push(event),
  };
  const done = drive(state, channel, (pause) => {
    run.pause = pause;
  });
  try {
    yield* channel;
  } finally {
    if (!channel.isClosed) abortRun(state, new RunAborted("stopped", "Workflow run stopped: the caller went away."));
    channel.close();
    await done;
  }
}

/**
 * The run's outputs, merged from its response nodes as Dify merges them: the Answer nodes' text
 * joined under `answer` with the last one's `files` (a chatflow's reply; a workflow app has them
 * only if it has Answer nodes), then each End output by name, one named `answer` appended to that
 * text.
 */
function runOutputs(state: RunState): Record<string, unknown> {
  const answered = state.input.mode === "advanced-chat" || state.answers.length > 0;
  if (!answered) return state.endOutputs;
  const outputs: Record<string, unknown> = { answer: state.answers.join(""), files: state.answerFiles };
  for (const [key, value] of Object.entries(state.endOutputs)) {
    outputs[key] = key === "answer" && typeof value === "string" ? `${outputs.answer}${value}` : value;
  }
  return outputs;
}

function sysInputs(input: RunWorkflowInput): Record<string, unknown> {
  const flattened: Record<string, unknown> = { ...input.inputs };
  for (const [key, value] of Object.entries(input.sys)) {
    if (key !== "conversation_id") flattened[`sys.${key}`] = value;
  }
  return flattened;
}

/** Parses every node's data up front, as Dify builds every node before running any. */
function prepare(state: RunState): string {
  const problems: string[] = [];
  const wanted = state.input.rootNodeId;
  let root: string | null = null;
  for (const cn of state.graph.nodes) {
    if (cn.scope === "" && root === null && (wanted === undefined ? cn.type === "start" : cn.id === wanted)) root = cn.id;
    const impl = state.registry.get(cn.type);
    if (!impl) {
      problems.push(`Node ${cn.title} has an unsupported type "${cn.type}".`);
      continue;
    }
    const parsed = impl.schema.safeParse(cn.node.data);
    if (parsed.success) state.data[cn.index] = parsed.data;
    else {
      const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "data"}: ${i.message}`).join("; ");
      problems.push(`Node ${cn.title} has invalid settings: ${issues}`);
    }
  }
  if (problems.length > 0) throw new RunAborted("failed", problems.join(" "));
  if (root === null) throw new RunAborted("failed", wanted === undefined ? "The workflow has no start node." : `The workflow has no node ${wanted} to start from.`);
  return root;
}

/** What a paused run needs to go on: every top-level node that finished, as the pool holds it now. */
function snapshotOf(state: RunState, firstStartedAt: number): RunSnapshot {
  const done: RunSnapshot["done"] = {};
  for (const [id, d] of state.done) done[id] = { outputs: state.rootPool.namespace(id), handle: d.handle };
  return {
    done,
    steps: state.steps,
    rootSteps: state.rootSteps,
    totalTokens: state.totalTokens,
    exceptions: state.exceptions,
    endOutputs: state.endOutputs,
    answers: state.answers,
    answerFiles: state.answerFiles,
    conversation: state.conversation,
    responses: state.responses?.progress() ?? {},
    startedAt: firstStartedAt,
    pausedExecutions: Object.fromEntries(state.paused.map((p) => [p.nodeId, p.execution.id])),
  };
}

async function drive(state: RunState, channel: Channel<WorkflowEvent>, onPause: (pause: WorkflowRun["pause"]) => void): Promise<void> {
  const { input, tctx } = state;
  const resumed = input.resume?.snapshot;
  // A resumed run's times count from when it went on, as Dify's (a new pipeline's clock): the
  // wait for its forms is not run time.
  const startedAt = tctx.now();
  state.push({
    event: "workflow_started",
    data: {
      id: input.run.runId,
      workflow_id: input.run.workflowId,
      inputs: sysInputs(input),
      created_at: epochSeconds(startedAt),
      reason: resumed ? "resumption" : "initial",
    },
  });
  const signal = state.controller.signal;
  const timeoutMs = input.limits?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Over its time limit the run is aborted, as Dify's engine aborts it: `stopped`, the limit named.
  const timer = setTimeout(() => {
    const elapsed = (tctx.now() - startedAt) / 1000;
    abortRun(state, new RunAborted("stopped", `Aborted: Maximum execution time exceeded: ${elapsed.toFixed(2)}s > ${timeoutMs / 1000}s`));
  }, timeoutMs);
  const onStop = () => abortRun(state, new RunAborted("stopped", "Workflow run stopped by user."));
  if (input.signal?.aborted) onStop();
  input.signal?.addEventListener("abort", onStop);
  let status: WorkflowRunStatus;
  let error: string | null = null;
  try {
    // One turn of the event loop before the nodes' settings are parsed and they run: a node that
    // computes without I/O (code, template) would otherwise hold the CPU until its end, and
    // workflow_started, already framed, would reach the client only then. A run nobody watches
    // (blocking) has nothing to let out early.
    if (input.watched?.() ?? true) await new Promise((resolve) => setTimeout(resolve, 0));
    const root = prepare(state);
    state.rootPool.setOutputs("sys", input.sys);
    // Dify's newer name for the run's files (`sys.files` migrated); a node of that id wins.
    if (!state.graph.byId.has(USER_INPUT_NAMESPACE)) state.rootPool.set(USER_INPUT_NAMESPACE, "files", input.sys.files ?? []);
    state.rootPool.setOutputs("env", input.environment);
    state.rootPool.setOutputs("conversation", state.conversation);
    const reach = state.graph.reach(root);
    if (reach) {
      state.responses = new ResponseStream(
        state.graph,
        reach,
        state.rootPool,
        input.mode === "workflow"
          ? (text, selector) => state.push({ event: "text_chunk", data: { text, from_variable_selector: selector } })
          : (answer, selector) => state.push({ event: "message", data: { answer, from_variable_selector: selector } }),
      );
      if (resumed) state.responses.restore(resumed.responses);
    }
    const scope: ScopeRun = { kind: "root", id: "", index: 0, pool: state.rootPool, parent: null, tokens: 0, loopEnded: false, answers: [], answerFiles: null };
    // A node that ignores the abort signal must not hold the run open.
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(state.abortedBy);
      signal.addEventListener("abort", () => reject(state.abortedBy), { once: true });
    });
    await Promise.race([runScope(state, scope, root), aborted]);
    if (state.paused.length > 0) {
      // Everything that could run has: the run waits for its forms, its state written down.
      const pause = { snapshot: snapshotOf(state, resumed?.startedAt ?? startedAt), reasons: state.paused };
      onPause(pause);
      for (const p of pause.reasons) channel.push({ event: "human_input_required", data: p.form });
      channel.push({
        event: "workflow_paused",
        data: {
          workflow_run_id: input.run.runId,
          paused_nodes: pause.reasons.map((p) => p.nodeId),
          outputs: {},
          reasons: pause.reasons.map((p) => ({ TYPE: "human_input_required" as const, ...p.form })),
          status: "paused",
          created_at: epochSeconds(startedAt),
          elapsed_time: elapsedSeconds(startedAt, tctx.now()),
          total_tokens: state.totalTokens,
          total_steps: state.rootSteps,
        },
      });
      channel.close();
      return;
    }
    status = state.exceptions > 0 ? "partial-succeeded" : "succeeded";
  } catch (err) {
    const reason = state.abortedBy ?? (err instanceof RunAborted ? err : new RunAborted("failed", err instanceof Error ? err.message : String(err)));
    abortRun(state, reason);
    status = reason.runStatus;
    error = reason.message;
    // The nodes the run ended under (innermost first) end with it, before workflow_finished.
    for (const end of [...state.running.values()].reverse()) {
      channel.push({ event: "node_finished", data: end(reason.runStatus, reason.message) });
    }
    state.running.clear();
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener("abort", onStop);
  }
  const finishedAt = tctx.now();
  const outputs = runOutputs(state);
  channel.push({
    event: "workflow_finished",
    data: {
      id: input.run.runId,
      workflow_id: input.run.workflowId,
      status,
      outputs,
      error,
      elapsed_time: elapsedSeconds(startedAt, finishedAt),
      total_tokens: state.totalTokens,
      total_steps: state.rootSteps,
      created_at: epochSeconds(startedAt),
      finished_at: epochSeconds(finishedAt),
      exceptions_count: state.exceptions,
      files: [],
    },
  });
  channel.close();
}
