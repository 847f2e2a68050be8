import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { monitoringKeys } from "./keys";
import type { AppSummary, PeriodQuery } from "./types";

/** Every KPI of an app for the period: totals, per day and per model. */
export function useAppSummary(appId: string, period: PeriodQuery | null) {
  const query = period ?? { start: "", end: "", tz: "" };
  return useQuery({
    queryKey: monitoringKeys.summary(appId, query),
    queryFn: ({ signal }) => api.get<AppSummary>(`/apps/${appId}/statistics/summary`, { query: { ...query }, signal }),
    enabled: period !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}
