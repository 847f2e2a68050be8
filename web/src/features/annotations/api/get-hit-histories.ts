import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { annotationKeys } from "./keys";
import type { HitHistory } from "./types";

export const hitHistoriesQuery = (appId: string, annotationId: string) =>
  queryOptions({
    queryKey: annotationKeys.hits(appId, annotationId),
    queryFn: () =>
      api.get<{ data: HitHistory[]; total: number }>(`/apps/${appId}/annotations/${annotationId}/hit-histories`, { query: { limit: 50 } }),
  });

/** The latest times an annotation answered a query. */
export function useHitHistories(appId: string, annotationId: string | null) {
  return useQuery({ ...hitHistoriesQuery(appId, annotationId ?? ""), enabled: !!annotationId });
}
