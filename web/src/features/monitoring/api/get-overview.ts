import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { monitoringKeys } from "./keys";
import type { PeriodQuery, WorkspaceOverview } from "./types";

/** Every app's totals and the workspace's daily totals for the period. */
export function useWorkspaceOverview(period: PeriodQuery | null) {
  const query = period ?? { start: "", end: "", tz: "" };
  return useQuery({
    queryKey: monitoringKeys.overview(query),
    queryFn: ({ signal }) => api.get<WorkspaceOverview>("/statistics/overview", { query: { ...query }, signal }),
    enabled: period !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}
