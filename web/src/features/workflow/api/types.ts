// The console API's workflow shapes (Dify's `/apps/{id}/workflows/*`), as the editor reads them.
// Graph nodes and edges keep every field the editor doesn't know, so a save round-trips them.
import type { HumanInputRequired } from "../../../lib/human-input";

/** A graph node as Dify stores it: a React-Flow node whose `data.type` names the node kind. */
export interface DslNode {
  id: string;
  type?: string;
  parentId?: string;
  position?: { x: number; y: number };
  width?: number;
  height?: number;
  zIndex?: number;
  data: NodeData;
  [key: string]: unknown;
}

export interface NodeData {
  type: string;
  title: string;
  desc?: string;
  error_strategy?: "fail-branch" | "default-value" | null;
  [key: string]: unknown;
}

export interface DslEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
  type?: string;
  data?: { sourceType?: string; targetType?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface DslGraph {
  nodes: DslNode[];
  edges: DslEdge[];
  viewport?: { x: number; y: number; zoom: number };
  [key: string]: unknown;
}

export type EnvValueType = "string" | "number" | "secret";

export interface EnvironmentVariable {
  id: string;
  name: string;
  value_type: EnvValueType;
  value: string | number;
  description: string;
  [key: string]: unknown;
}

export interface ConversationVariable {
  id: string;
  name: string;
  value_type: string;
  value: unknown;
  description: string;
  [key: string]: unknown;
}

export interface DraftWorkflow {
  id: string;
  graph: DslGraph;
  features: Record<string, unknown>;
  hash: string;
  environment_variables: EnvironmentVariable[];
  conversation_variables: ConversationVariable[];
  updated_at: number | null;
  [key: string]: unknown;
}

export interface SaveDraftInput {
  graph: DslGraph;
  features: Record<string, unknown>;
  hash: string | null;
  environment_variables: EnvironmentVariable[];
  conversation_variables: ConversationVariable[];
}

export interface SaveDraftResult {
  result: string;
  hash: string;
  updated_at: number;
}

/** One thing wrong with the graph, from the server's publish check or the editor's own. */
export interface Problem {
  node_id: string | null;
  field: string | null;
  message: string;
}

export interface PublishedWorkflow {
  id: string;
  version: string;
  marked_name: string | null;
  marked_comment: string | null;
  created_at: number;
  created_by?: { id: string; name: string } | null;
  [key: string]: unknown;
}

export interface PublishedWorkflowPage {
  items: PublishedWorkflow[];
  has_more: boolean;
  page?: number;
  limit?: number;
}

// ---- Runs ----

export type NodeStatus = "pending" | "running" | "succeeded" | "failed" | "exception" | "stopped" | "paused" | "retry";
export type RunStatus = "scheduled" | "running" | "succeeded" | "failed" | "stopped" | "partial-succeeded" | "paused";

export interface NodeExecution {
  id: string;
  node_id: string;
  node_type: string;
  title: string;
  index?: number;
  predecessor_node_id?: string | null;
  inputs: Record<string, unknown> | null;
  process_data?: Record<string, unknown> | null;
  outputs: Record<string, unknown> | null;
  status: NodeStatus;
  error: string | null;
  elapsed_time: number;
  execution_metadata?: Record<string, unknown> | null;
  created_at: number;
  finished_at?: number | null;
  iteration_id?: string | null;
  loop_id?: string | null;
  [key: string]: unknown;
}

export interface WorkflowRun {
  id: string;
  sequence_number?: number;
  version?: string;
  status: RunStatus;
  inputs?: Record<string, unknown> | string | null;
  outputs?: Record<string, unknown> | string | null;
  error: string | null;
  elapsed_time: number;
  total_tokens: number;
  total_steps?: number;
  triggered_from?: string;
  created_at: number;
  finished_at?: number | null;
  created_by_account?: { id: string; name: string; email?: string } | null;
  [key: string]: unknown;
}

export interface WorkflowRunPage {
  data: WorkflowRun[];
  has_more: boolean;
  limit: number;
}

/** The `data` of a workflow stream event (Dify puts the payload under `data`). */
export type RunEvent =
  | { event: "workflow_started"; workflow_run_id?: string; data: { id: string; workflow_id?: string; inputs?: Record<string, unknown>; created_at?: number } }
  | { event: "node_started"; data: Partial<NodeExecution> & { node_id: string } }
  | { event: "node_finished"; data: Partial<NodeExecution> & { node_id: string } }
  | { event: "node_retry"; data: Partial<NodeExecution> & { node_id: string } }
  | { event: "text_chunk"; data: { text: string; from_variable_selector?: string[] } }
  | { event: "text_replace"; data: { text: string } }
  | { event: "message"; answer: string; conversation_id?: string; message_id?: string }
  | { event: "message_replace"; answer: string }
  | { event: "message_end"; conversation_id?: string; message_id?: string; metadata?: Record<string, unknown> }
  | { event: "iteration_started" | "iteration_next" | "iteration_completed"; data: { node_id: string; index?: number; status?: NodeStatus; error?: string | null; elapsed_time?: number; outputs?: Record<string, unknown> | null } }
  | { event: "loop_started" | "loop_next" | "loop_completed"; data: { node_id: string; index?: number; status?: NodeStatus; error?: string | null; elapsed_time?: number; outputs?: Record<string, unknown> | null } }
  | {
      event: "workflow_finished";
      data: { id?: string; status: RunStatus; outputs: Record<string, unknown> | null; error: string | null; elapsed_time: number; total_tokens: number; total_steps?: number };
    }
  | { event: "human_input_required"; workflow_run_id?: string; data: HumanInputRequired }
  | { event: "workflow_paused"; data: { workflow_run_id: string; reasons: HumanInputRequired[]; elapsed_time: number; total_tokens: number } }
  | { event: "error"; code?: string; message: string; status?: number }
  | { event: "ping" };

export interface RunInput {
  inputs: Record<string, unknown>;
  query?: string;
  conversation_id?: string;
  files?: unknown[];
}
