// The workflow run stream as the WebApp receives it (Dify's simple converter): node events keep
// who ran and how it ended, but not their inputs or outputs; `workflow_finished` keeps outputs.
// A run that stops at a Human Input form ends with its forms and `workflow_paused` instead.
import type { HumanInputRequired } from "../../../lib/human-input";

/** `paused`: a Human Input node waiting for its form (the page's own name; the stream leaves it running). */
export type NodeStatus = "running" | "succeeded" | "failed" | "exception" | "stopped" | "retry" | "paused";
export type WorkflowRunStatus = "succeeded" | "failed" | "stopped" | "partial-succeeded";

interface Framed {
  task_id: string;
  workflow_run_id: string;
}

export interface NodeEventData {
  id: string;
  node_id: string;
  node_type: string;
  title: string;
  index: number;
  iteration_id?: string | null;
  loop_id?: string | null;
  status?: NodeStatus;
  elapsed_time?: number;
}

export interface WorkflowFinishedData {
  id: string;
  status: WorkflowRunStatus;
  outputs: Record<string, unknown> | null;
  error: string | null;
  elapsed_time: number;
  total_steps: number;
}

export type WorkflowStreamEvent =
  | (Framed & { event: "workflow_started"; data: { id: string; workflow_id: string } })
  | (Framed & { event: "node_started" | "node_finished" | "node_retry"; data: NodeEventData })
  | (Framed & { event: "text_chunk"; data: { text: string } })
  | (Framed & { event: "text_replace"; data: { text: string } })
  | (Framed & { event: "workflow_finished"; data: WorkflowFinishedData })
  | (Framed & { event: "human_input_required"; data: HumanInputRequired })
  | (Framed & { event: "workflow_paused"; data: { workflow_run_id: string; reasons: HumanInputRequired[]; elapsed_time: number } })
  | { event: "error"; task_id?: string; code: string; message: string; status: number }
  // Iteration and loop progress, and anything newer: the page reads only what it knows.
  | (Partial<Framed> & { event: "other"; data?: unknown });
