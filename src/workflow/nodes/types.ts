// The seam every workflow node implements: one file per node type under nodes/, registered in
// nodes/index.ts. The engine owns scheduling, branching, retries, error strategies and
// persistence; a node only turns its settings plus the variable pool into outputs.
import type { z } from "zod";
import type { TenantCtx } from "../../context";
import type { GraphNode } from "../graph";
import type { HumanInputRequiredData } from "../events";
import type { VariablePool } from "../variables";

/** Token usage and cost a node spent (LLM-backed nodes). */
export interface NodeUsage {
  /** The model that spent it, so a run can sum its usage per model (and price it). */
  provider: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  totalPrice: number;
  currency: string;
}

export interface NodeResult {
  /** The node's output variables, readable downstream as [node_id, name]. */
  outputs: Record<string, unknown>;
  /** What the node resolved its inputs to (shown in traces as `inputs`). */
  inputs?: Record<string, unknown>;
  /** Intermediate data worth showing in a trace (the rendered prompt, the HTTP request…). */
  processData?: Record<string, unknown>;
  /** The handle of the branch to follow (if-else case id / "false", classifier class id). */
  edgeSourceHandle?: string;
  usage?: NodeUsage;
  /** Extra metadata for the trace (`execution_metadata` in Dify). */
  metadata?: Record<string, unknown>;
  /**
   * The node waits for a person (Human Input): the run pauses once its other branches are done,
   * and is taken up again when the answer comes. `form` is what the caller stores (when `created`).
   */
  pause?: { form: HumanInputRequiredData; created: boolean };
}

/** A node's inputs and process data, as far as it got. */
export type NodeTrace = Pick<NodeResult, "inputs" | "processData">;

/** Streamed text a node produces while it runs (LLM tokens), in order. */
export interface NodeChunk {
  text: string;
  /** The variable the text belongs to, e.g. [llm_node_id, "text"]. */
  selector: string[];
}

export interface NodeRunContext {
  /** The tenant the run belongs to (models, knowledge, files are scoped to it). */
  tctx: TenantCtx;
  node: GraphNode;
  pool: VariablePool;
  /** Aborted when the run is stopped or times out. */
  signal: AbortSignal;
  /** Streams a chunk of text (LLM nodes); the engine forwards it to Answer/End streaming. */
  emit: (chunk: NodeChunk) => void;
  /** Runs a child sub-graph (iteration / loop bodies): nodes whose parentId is `parentId`. */
  runSubgraph?: (parentId: string, startNodeId: string, scope: VariablePool) => Promise<void>;
  /**
   * What the node resolved so far (its inputs, the request or prompt it built), before the part
   * that may fail: a failed or excepted node still shows it in its trace, as in Dify. Optional
   * so a node can run outside the engine (tests, single-node checks).
   */
  trace?: (part: NodeTrace) => void;
  /** The run: its app, workflow, id, who runs it (an end user, or a member: `userRole`, end_user when unsaid) and conversation. */
  run: { appId: string; workflowId: string; runId: string; userId: string; userRole?: "end_user" | "account"; conversationId: string | null };
}

/** Whose a file a node stores is (Dify's tool file): the run's app and user. */
export const runFileOwner = (ctx: Pick<NodeRunContext, "run">) => ({
  appId: ctx.run.appId,
  role: ctx.run.userRole ?? ("end_user" as const),
  createdBy: ctx.run.userId,
});

export interface WorkflowNode<Data extends z.ZodType = z.ZodType> {
  /** `data.type` in the graph. */
  type: string;
  /** Validates the node's `data` (Dify's fields); failures are reported with the node and field. */
  schema: Data;
  /** Variable selectors the node reads, so the editor and validator can check they exist. */
  selectors?(data: z.infer<Data>): string[][];
  /** Whether the node's retry settings apply: in Dify only code, HTTP request, LLM, tool (and agent) nodes retry. */
  retries?: boolean;
  run(ctx: NodeRunContext, data: z.infer<Data>): Promise<NodeResult>;
}
