// The events a workflow run yields, shaped as Dify 1.11's stream events (`event` + `data`).
// The transport adds `task_id`, `workflow_run_id` and, for chatflows, `conversation_id`,
// `message_id` and `created_at`; everything inside `data` is the engine's.
//
// Streamed text has two names, as in Dify: a workflow app streams its End outputs as
// `text_chunk` {text, from_variable_selector}; a chatflow streams its Answer nodes as `message`
// {answer, from_variable_selector} (the transport adds the message `id`). A run yields one or the
// other, never both. Times are epoch seconds and elapsed times seconds, as Dify sends them.

export type NodeRunStatus = "succeeded" | "failed" | "exception" | "stopped";
export type WorkflowRunStatus = "succeeded" | "failed" | "stopped" | "partial-succeeded";

export interface ExecutionMetadata {
  total_tokens?: number;
  total_price?: number;
  currency?: string;
  iteration_id?: string;
  iteration_index?: number;
  loop_id?: string;
  loop_index?: number;
  error_strategy?: "fail-branch" | "default-value";
  [key: string]: unknown;
}

export interface WorkflowStartedData {
  id: string;
  workflow_id: string;
  /** User inputs plus the flattened `sys.*` keys (except `sys.conversation_id`). */
  inputs: Record<string, unknown>;
  created_at: number;
  /** Dify 1.14+: why the run (re)started: "resumption" when a paused run goes on. */
  reason: "initial" | "resumption";
}

export interface NodeStartedData {
  /** The node execution's id (fresh per run of the node, retries included). */
  id: string;
  node_id: string;
  node_type: string;
  title: string;
  /** 1-based step number of this execution within the run. */
  index: number;
  predecessor_node_id: string | null;
  inputs: Record<string, unknown> | null;
  inputs_truncated: boolean;
  created_at: number;
  extras: Record<string, unknown>;
  iteration_id: string | null;
  loop_id: string | null;
  /** The agent node's strategy (Dify: `{name, icon}`); null for every other node. */
  agent_strategy: { name: string; icon: string } | null;
}

export interface NodeFinishedData extends NodeStartedData {
  process_data: Record<string, unknown> | null;
  process_data_truncated: boolean;
  outputs: Record<string, unknown> | null;
  outputs_truncated: boolean;
  status: NodeRunStatus;
  error: string | null;
  elapsed_time: number;
  execution_metadata: ExecutionMetadata;
  finished_at: number;
  files: unknown[];
}

export interface NodeRetryData extends Omit<NodeFinishedData, "status"> {
  status: "retry";
  retry_index: number;
}

export interface TextChunkData {
  text: string;
  from_variable_selector: string[] | null;
}

export interface MessageData {
  answer: string;
  from_variable_selector: string[] | null;
}

interface ContainerBase {
  /** The container node's execution id. */
  id: string;
  node_id: string;
  node_type: string;
  title: string;
  created_at: number;
  extras: Record<string, unknown>;
}

export interface ContainerStartedData extends ContainerBase {
  metadata: Record<string, unknown>;
  inputs: Record<string, unknown>;
  inputs_truncated: boolean;
}

export interface ContainerNextData extends ContainerBase {
  /** 0-based index of the round about to run. */
  index: number;
}

export interface LoopNextData extends ContainerNextData {
  pre_loop_output: Record<string, unknown> | null;
}

export interface ContainerCompletedData extends ContainerBase {
  outputs: Record<string, unknown> | null;
  outputs_truncated: boolean;
  inputs: Record<string, unknown>;
  inputs_truncated: boolean;
  status: "succeeded" | "failed";
  error: string | null;
  elapsed_time: number;
  total_tokens: number;
  execution_metadata: ExecutionMetadata;
  finished_at: number;
  steps: number;
}

export interface WorkflowFinishedData {
  id: string;
  workflow_id: string;
  status: WorkflowRunStatus;
  outputs: Record<string, unknown>;
  error: string | null;
  elapsed_time: number;
  total_tokens: number;
  total_steps: number;
  created_at: number;
  finished_at: number;
  exceptions_count: number;
  files: unknown[];
}

/** A form a paused run waits for (Dify's human_input_required data, and its pause reason's fields). */
export interface HumanInputRequiredData {
  form_id: string;
  node_id: string;
  node_title: string;
  /** The form's Markdown with the run's variables filled in; `{{#$output.NAME#}}` kept for the inputs. */
  form_content: string;
  inputs: unknown[];
  actions: unknown[];
  display_in_ui: boolean;
  /** The token a web-app recipient opens the form with; null when the form is not delivered to the web app. */
  form_token: string | null;
  resolved_default_values: Record<string, unknown>;
  /** Epoch seconds. */
  expiration_time: number;
}

export interface WorkflowPausedData {
  workflow_run_id: string;
  paused_nodes: string[];
  outputs: Record<string, unknown>;
  reasons: (HumanInputRequiredData & { TYPE: "human_input_required" })[];
  status: "paused";
  created_at: number;
  elapsed_time: number;
  total_tokens: number;
  total_steps: number;
}

export interface HumanInputFormFilledData {
  node_id: string;
  node_title: string;
  rendered_content: string;
  action_id: string;
  action_text: string;
  submitted_data: Record<string, unknown> | null;
}

export interface HumanInputFormTimeoutData {
  node_id: string;
  node_title: string;
  expiration_time: number;
}

export type WorkflowEvent =
  | { event: "workflow_started"; data: WorkflowStartedData }
  | { event: "node_started"; data: NodeStartedData }
  | { event: "node_finished"; data: NodeFinishedData }
  | { event: "node_retry"; data: NodeRetryData }
  | { event: "text_chunk"; data: TextChunkData }
  | { event: "message"; data: MessageData }
  | { event: "iteration_started"; data: ContainerStartedData }
  | { event: "iteration_next"; data: ContainerNextData }
  | { event: "iteration_completed"; data: ContainerCompletedData }
  | { event: "loop_started"; data: ContainerStartedData }
  | { event: "loop_next"; data: LoopNextData }
  | { event: "loop_completed"; data: ContainerCompletedData }
  | { event: "human_input_required"; data: HumanInputRequiredData }
  | { event: "human_input_form_filled"; data: HumanInputFormFilledData }
  | { event: "human_input_form_timeout"; data: HumanInputFormTimeoutData }
  | { event: "workflow_paused"; data: WorkflowPausedData }
  | { event: "workflow_finished"; data: WorkflowFinishedData };

export type WorkflowEventName = WorkflowEvent["event"];

/** Dify's timestamps are whole epoch seconds. */
export const epochSeconds = (ms: number) => Math.floor(ms / 1000);
/** Dify's elapsed times are float seconds. */
export const elapsedSeconds = (fromMs: number, toMs: number) => Math.max(0, toMs - fromMs) / 1000;
