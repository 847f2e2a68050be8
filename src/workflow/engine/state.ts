// What one workflow run carries while it executes: its input, the compiled graph, the variable
// pool, counters and limits, and the sink for events. Shared by the scheduler and node runner.
import type { TenantCtx } from "../../context";
import { KilnError } from "../../lib/errors";
import type { HumanInputRequiredData, NodeFinishedData, NodeStartedData, WorkflowEvent } from "../events";
import type { Graph } from "../graph";
import type { NodeRunContext, WorkflowNode } from "../nodes/types";
import type { VariablePool } from "../variables";
import type { CompiledGraph } from "./compile";
import type { ResponseStream } from "./responses";

export interface RunWorkflowInput {
  graph: Graph;
  inputs: Record<string, unknown>;
  /** query, files, user_id, app_id, workflow_id, workflow_run_id, conversation_id, dialogue_count… */
  sys: Record<string, unknown>;
  environment: Record<string, unknown>;
  /** Conversation variables at the start; the run handle's `conversation` holds their final values. */
  conversation: Record<string, unknown>;
  run: NodeRunContext["run"];
  mode: "workflow" | "advanced-chat";
  /** The node the run starts from: a trigger node for runs a webhook or schedule starts; absent = the Start node. */
  rootNodeId?: string;
  limits?: { maxSteps?: number; timeoutMs?: number };
  signal?: AbortSignal;
  /**
   * Whether anyone sees the run's events as they happen (a stream to a client); asked before the
   * first node and at each code node. Absent means yes. A blocking caller, which only reads the
   * outcome, says no.
   */
  watched?: () => boolean;
  /** Extra or replacement node implementations by `data.type` (tests, previews). */
  nodes?: Readonly<Record<string, WorkflowNode>>;
  /** A paused run taken up again: what it had done, and the answers its paused nodes waited for. */
  resume?: RunResume;
}

/** What a top-level node left when it finished: its outputs and the branch it took. */
export interface DoneNode {
  outputs: Record<string, unknown>;
  handle: string;
}

/**
 * A paused run's state, enough to take it up again by replaying its graph: each top-level node
 * that finished gives back its recorded outputs and branch instead of running again (top-level
 * nodes run at most once a run, so the node id is the key), and the counters and response
 * streams continue where they were.
 */
export interface RunSnapshot {
  done: Record<string, DoneNode>;
  steps: number;
  /** Absent from snapshots taken before it was kept: `steps` stands in. */
  rootSteps?: number;
  totalTokens: number;
  exceptions: number;
  endOutputs: Record<string, unknown>;
  answers: string[];
  answerFiles: unknown[];
  conversation: Record<string, unknown>;
  /** Response nodes' progress: how many segments of each template are out. */
  responses: Record<string, number>;
  /** When the run first started (epoch ms): its record's created_at. */
  startedAt: number;
  /**
   * The execution id of each node that paused the run, by node id: the node keeps it when it runs
   * again, as graphon restores it, so a client's trace shows one execution paused then finished.
   * Absent in states saved before it was kept.
   */
  pausedExecutions?: Record<string, string>;
}

/** Where a paused node's form stands when its run goes on. */
export type FormOutcome =
  | { kind: "submitted"; actionId: string; data: Record<string, unknown>; form: HumanInputRequiredData }
  | { kind: "timeout"; form: HumanInputRequiredData }
  /** Not answered yet (another form of the same pause was): the node pauses again on it. */
  | { kind: "waiting"; form: HumanInputRequiredData };

export interface RunResume {
  snapshot: RunSnapshot;
  /** The forms the paused nodes wait on, by node id. */
  forms: Record<string, FormOutcome>;
}

/** Why a node asked the run to pause: a form waiting for a person (Dify's HumanInputRequired). */
export interface PauseRequest {
  nodeId: string;
  nodeTitle: string;
  /** The form, as sent in human_input_required. */
  form: HumanInputRequiredData;
  /** Whether the form is new (to be stored) or one the run already waited on. */
  created: boolean;
  /** The node's execution that paused (its node_started data, and when it started, epoch ms): recorded as `paused`. */
  execution: NodeStartedData & { startedAt: number };
}

/** Ends the whole run: a stop (status `stopped`) or a limit or node failure (status `failed`). */
export class RunAborted extends KilnError {
  constructor(
    readonly runStatus: "stopped" | "failed",
    message: string,
  ) {
    super(runStatus === "stopped" ? "bad_request" : "internal_server_error", runStatus === "stopped" ? 400 : 500, message);
    this.name = "RunAborted";
  }
}

/** One execution of a scope: the top level, or one round of an iteration / loop body. */
export interface ScopeRun {
  kind: "root" | "iteration" | "loop";
  /** The container node's id ("" at the top level). */
  id: string;
  /** The round (0-based) inside the container. */
  index: number;
  pool: VariablePool;
  parent: ScopeRun | null;
  tokens: number;
  /** Set when a loop-end node ran in this round. */
  loopEnded: boolean;
  /**
   * A round's Answer texts and last files, kept until the round ends: Dify merges them into the
   * run's outputs only from a loop round without errors, or an iteration's last round (its stream
   * carries every round's text either way). Unused at the top level, which writes the run's own.
   */
  answers: string[];
  answerFiles: unknown[] | null;
}

/** Model tokens a run spent, summed per model over its nodes (Dify's graph-wide llm_usage). */
export interface RunUsage {
  /** Keyed by provider and model, in the order the models were first used. */
  models: Map<string, { provider: string; model: string; promptTokens: number; completionTokens: number }>;
}

export interface RunState {
  tctx: TenantCtx;
  input: RunWorkflowInput;
  graph: CompiledGraph;
  registry: ReadonlyMap<string, WorkflowNode>;
  /** Each node's `data`, parsed by its schema (by compiled node index). */
  data: unknown[];
  rootPool: VariablePool;
  conversation: Record<string, unknown>;
  /** Loop containers' pools, where assigners write loop variables from any depth. */
  loopPools: Map<string, VariablePool>;
  controller: AbortController;
  /** Why the run was aborted, once it was. */
  abortedBy: RunAborted | null;
  /**
   * The nodes running now, by execution id: how each would end if the run stopped under it.
   * The run's end drains it, so an aborted run's trace shows where it was.
   */
  running: Map<string, (status: "stopped" | "failed", error: string) => NodeFinishedData>;
  /** Node runs anywhere in the run, for its step limit and each node's `index`. */
  steps: number;
  /**
   * Dify's `total_steps`: the top level's node runs, every attempt of a retried node counted (a
   * container's body runs in a frame of its own, whose steps Dify does not add up).
   */
  rootSteps: number;
  maxSteps: number;
  totalTokens: number;
  usage: RunUsage;
  exceptions: number;
  responses: ResponseStream | null;
  endOutputs: Record<string, unknown>;
  answers: string[];
  /** The files of the last Answer node (Dify keeps the last response node's `files`). */
  answerFiles: unknown[];
  /** Top-level nodes finished so far (replayed ones included): a pause's snapshot keeps them. */
  done: Map<string, DoneNode>;
  /** Nodes waiting for a person; the run pauses once nothing else can run. */
  paused: PauseRequest[];
  push(event: WorkflowEvent): void;
}

export function abortRun(state: RunState, reason: RunAborted): RunAborted {
  if (!state.abortedBy) {
    state.abortedBy = reason;
    state.controller.abort(reason);
  }
  return state.abortedBy;
}

/** The services container and stateful nodes get from the engine, beyond the node seam. */
export interface EngineServices {
  mode: RunWorkflowInput["mode"];
  /** The user's inputs, for the start node to validate. */
  userInputs: Record<string, unknown>;
  /** The run's system variables (query, user_id, files…), which the start node also outputs as `sys.*`. */
  sys: Record<string, unknown>;
  /** The running node's execution id and start time (epoch ms). */
  execution: { id: string; startedAt: number };
  now(): number;
  newId(): string;
  emit(event: WorkflowEvent): void;
  /** Runs one round of this container's body from its start node in `pool`; `last`: an iteration's round of its last item. */
  runBody(startNodeId: string, pool: VariablePool, index: number, last?: boolean): Promise<{ loopEnded: boolean; tokens: number }>;
  /** Writes a variable where it lives: conversation variables run-wide, loop variables in their loop. */
  assign(selector: readonly string[], value: unknown): void;
  /** Whether the node runs at the top level (not inside an iteration or loop). */
  topLevel: boolean;
  /** Where this node's form stands, when a paused run goes on (null: no form yet). */
  formOutcome(): FormOutcome | null;
}

export type EngineRunContext = NodeRunContext & { engine: EngineServices };

export function engineOf(ctx: NodeRunContext): EngineServices | undefined {
  return (ctx as Partial<EngineRunContext>).engine;
}

/** For nodes that only make sense inside the engine (containers, start). */
export function requireEngine(ctx: NodeRunContext): EngineServices {
  const engine = engineOf(ctx);
  if (!engine) throw new KilnError("internal_server_error", 500, `${ctx.node.data.type} nodes run only inside the workflow engine`);
  return engine;
}
