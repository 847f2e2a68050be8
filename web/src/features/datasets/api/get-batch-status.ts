import { useQueries } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { isSettled } from "../lib/document-status";
import { datasetKeys } from "./keys";
import type { IndexingProgress } from "./types";

/** The indexing progress of the documents some uploads created, each batch polled until it settles. */
export function useBatchStatuses(datasetId: string, batches: string[]) {
  return useQueries({
    queries: batches.map((batch) => ({
      queryKey: datasetKeys.batch(datasetId, batch),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<{ data: IndexingProgress[] }>(`/datasets/${datasetId}/batch/${batch}/indexing-status`, { signal }),
      refetchInterval: (query: { state: { data?: { data: IndexingProgress[] } } }) =>
        query.state.data?.data.every((d) => isSettled(d.indexing_status)) ? false : 1500,
    })),
  });
}
