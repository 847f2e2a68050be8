// A debug run's Human Input forms (console routes): the forms of a run, answering one by its id,
// and the run read again while it goes on (the console has no events stream to follow it by).
import { api } from "../../../lib/api";
import type { HumanInputRequired, HumanInputSubmission } from "../../../lib/human-input";
import type { NodeExecution, WorkflowRun } from "./types";

export interface RunHumanInputForm {
  form_id: string;
  node_id: string;
  /** `timeout`: past its own time (the run took `__timeout`); `expired`: past the 7-day global limit (the run was stopped). */
  status: "waiting" | "submitted" | "timeout" | "expired";
  form: HumanInputRequired;
  action_id: string | null;
}

export async function listRunForms(appId: string, runId: string, signal?: AbortSignal): Promise<RunHumanInputForm[]> {
  return (await api.get<{ data: RunHumanInputForm[] }>(`/apps/${appId}/workflow-runs/${runId}/human-input-forms`, { signal })).data;
}

export function submitRunForm(appId: string, formId: string, submission: HumanInputSubmission): Promise<unknown> {
  return api.post(`/apps/${appId}/human-input-forms/${formId}`, submission);
}

export function getRun(appId: string, runId: string, signal?: AbortSignal): Promise<WorkflowRun> {
  return api.get<WorkflowRun>(`/apps/${appId}/workflow-runs/${runId}`, { signal });
}

export async function listNodeExecutions(appId: string, runId: string, signal?: AbortSignal): Promise<NodeExecution[]> {
  return (await api.get<{ data: NodeExecution[] }>(`/apps/${appId}/workflow-runs/${runId}/node-executions`, { signal })).data;
}
