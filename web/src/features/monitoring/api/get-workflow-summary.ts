import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { monitoringKeys } from "./keys";
import type { PeriodQuery, WorkflowSummary } from "./types";

/** A workflow or chatflow app's runs for the period: totals and every day. */
export function useWorkflowSummary(appId: string, period: PeriodQuery | null, enabled: boolean) {
  const query = period ?? { start: "", end: "", tz: "" };
  return useQuery({
    queryKey: monitoringKeys.workflow(appId, query),
    queryFn: ({ signal }) => api.get<WorkflowSummary>(`/apps/${appId}/workflow/statistics/summary`, { query: { ...query }, signal }),
    enabled: enabled && period !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}
