// Retrieval testing: run a query against the knowledge base, and the history of queries run.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { datasetKeys } from "./keys";
import type { DatasetQuery, HitTestingResult, Paged, RetrievalModel } from "./types";

export function useHitTesting(datasetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { query: string; retrieval_model: RetrievalModel }) =>
      api.post<HitTestingResult>(`/datasets/${datasetId}/hit-testing`, input),
    onSuccess: () => {
      // The server records queries a moment after it answers, several together: look again
      // shortly, and once more in case that write was still on its way.
      for (const ms of [600, 2000]) setTimeout(() => queryClient.invalidateQueries({ queryKey: datasetKeys.queries(datasetId) }), ms);
    },
  });
}

export function useDatasetQueries(datasetId: string) {
  return useQuery({
    queryKey: datasetKeys.queries(datasetId),
    queryFn: ({ signal }) =>
      api.get<Paged<DatasetQuery>>(`/datasets/${datasetId}/queries`, { query: { page: 1, limit: 20 }, signal }),
  });
}
