import { useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { workflowKeys } from "./keys";

export interface ScheduleTrigger {
  node_id: string;
  cron_expression: string;
  timezone: string;
  /** The next five runs (ISO times) by the saved draft's settings. */
  next_runs: string[];
  /** Epoch seconds of the published schedule's next run; null when none is published or it is off. */
  published_next_run_at: number | null;
  /** Whether the published schedule runs; true while none is published. */
  enabled: boolean;
}

/**
 * A schedule trigger node as the server reads the saved draft: its cron expression and next runs,
 * and whether a published schedule is live. 400 (with the reason) when its settings make no
 * schedule; the editor refetches after each save and publish.
 */
export function useScheduleTrigger(appId: string, nodeId: string) {
  return useQuery({
    queryKey: workflowKeys.scheduleTrigger(appId, nodeId),
    queryFn: () => api.get<ScheduleTrigger>(`/apps/${appId}/workflows/triggers/schedule`, { query: { node_id: nodeId } }),
  });
}
