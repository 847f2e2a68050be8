import { useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { workflowKeys } from "./keys";
import type { NodeExecution, WorkflowRun, WorkflowRunPage } from "./types";

/** Recent runs of the app (draft debug runs and published ones). */
export function useWorkflowRuns(appId: string, enabled = true) {
  return useQuery({
    queryKey: workflowKeys.runs(appId),
    queryFn: () => api.get<WorkflowRunPage>(`/apps/${appId}/workflow-runs`, { query: { limit: 50 } }),
    enabled,
  });
}

export function useWorkflowRun(appId: string, runId: string | null) {
  return useQuery({
    queryKey: workflowKeys.run(appId, runId ?? ""),
    queryFn: () => api.get<WorkflowRun>(`/apps/${appId}/workflow-runs/${runId}`),
    enabled: !!runId,
  });
}

export function useNodeExecutions(appId: string, runId: string | null) {
  return useQuery({
    queryKey: workflowKeys.nodeExecutions(appId, runId ?? ""),
    queryFn: () => api.get<{ data: NodeExecution[] }>(`/apps/${appId}/workflow-runs/${runId}/node-executions`),
    enabled: !!runId,
  });
}
