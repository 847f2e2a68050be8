// One workflow run as the page shows it, folded from the stream's events: the steps with their
// status (top-level nodes only; what runs inside an iteration or loop shows as its container),
// text streamed by End nodes, and the outputs once the run finishes, or the Human Input forms it
// paused at (then followed on once one is answered).
import type { HumanInputRequired } from "../../../lib/human-input";
import type { NodeStatus, WorkflowRunStatus, WorkflowStreamEvent } from "../api/workflow-types";

export interface RunStep {
  id: string;
  nodeId: string;
  nodeType: string;
  title: string;
  status: NodeStatus;
  /** Seconds, once the step finished. */
  elapsed: number | null;
}

/** `paused`: waiting for someone to answer its forms. */
export type RunStatus = "running" | "paused" | WorkflowRunStatus;

export interface RunView {
  status: RunStatus;
  taskId: string | null;
  runId: string | null;
  steps: RunStep[];
  /** Text the End nodes streamed while running; the outputs replace it when the run finishes. */
  text: string;
  outputs: Record<string, unknown> | null;
  error: string | null;
  /** Seconds the whole run took. */
  elapsed: number | null;
  /** The forms a paused run waits for. */
  forms: HumanInputRequired[];
}

export const startingRun = (): RunView => ({
  status: "running",
  taskId: null,
  runId: null,
  steps: [],
  text: "",
  outputs: null,
  error: null,
  elapsed: null,
  forms: [],
});

function upsertStep(steps: RunStep[], step: RunStep): RunStep[] {
  // A Human Input node that paused runs again, as a new execution, when the run goes on.
  const at = steps.findIndex((s) => s.id === step.id || (s.status === "paused" && s.nodeId === step.nodeId));
  if (at < 0) return [...steps, step];
  const next = steps.slice();
  next[at] = step;
  return next;
}

export function applyEvent(run: RunView, e: WorkflowStreamEvent): RunView {
  const framed = "task_id" in e && e.task_id ? { taskId: e.task_id } : {};
  switch (e.event) {
    case "workflow_started":
      return { ...run, ...framed, runId: e.data.id };
    case "node_started":
    case "node_finished":
    case "node_retry": {
      const d = e.data;
      if (d.iteration_id || d.loop_id) return { ...run, ...framed };
      const status: NodeStatus = e.event === "node_started" ? "running" : e.event === "node_retry" ? "retry" : (d.status ?? "succeeded");
      const step: RunStep = {
        id: d.id,
        nodeId: d.node_id,
        nodeType: d.node_type,
        title: d.title || d.node_type,
        status,
        elapsed: e.event === "node_finished" ? (d.elapsed_time ?? null) : null,
      };
      return { ...run, ...framed, steps: upsertStep(run.steps, step) };
    }
    case "text_chunk":
      return { ...run, ...framed, text: run.text + e.data.text };
    case "text_replace":
      return { ...run, ...framed, text: e.data.text };
    case "workflow_finished":
      return {
        ...run,
        ...framed,
        status: e.data.status,
        outputs: e.data.outputs ?? {},
        error: e.data.error,
        elapsed: e.data.elapsed_time,
        forms: [],
        // A node still "running" when the run ends was cut short by the stop or the failure; one
        // that paused had its form answered (the record of what ran after it may not be read).
        steps: run.steps.map((s) => (s.status === "running" ? { ...s, status: "stopped" } : s.status === "paused" ? { ...s, status: "succeeded" } : s)),
      };
    case "human_input_required":
      return { ...run, ...framed, runId: run.runId ?? e.workflow_run_id, forms: [...run.forms.filter((f) => f.form_id !== e.data.form_id), e.data] };
    case "workflow_paused":
      // Followed on after an answer, the run is still paused until it is taken up: no form waits.
      if (e.data.reasons.length === 0) return run;
      return {
        ...run,
        ...framed,
        status: "paused",
        runId: e.data.workflow_run_id,
        forms: e.data.reasons,
        elapsed: e.data.elapsed_time,
        steps: run.steps.map((s) => (s.status === "running" ? { ...s, status: "paused" } : s)),
      };
    case "error":
      return { ...run, status: "failed", error: e.message };
    default:
      return run;
  }
}

/** A paused run again under way, once one of its forms is answered. */
export function resumingRun(run: RunView): RunView {
  return { ...run, status: "running", forms: [] };
}

/** Closes a run whose stream ended without `workflow_finished` (the connection dropped or was aborted). */
export function endRun(run: RunView, status: "failed" | "stopped", error: string | null): RunView {
  if (run.status !== "running") return run;
  return {
    ...run,
    status,
    error,
    steps: run.steps.map((s) => (s.status === "running" ? { ...s, status: "stopped" } : s)),
  };
}

/** An output value as text: strings as they are, everything else as indented JSON. */
export function outputText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value, null, 2);
}
