import { keepPreviousData, queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { api } from "../../../lib/api";
import { isSettled } from "../lib/document-status";
import { datasetKeys } from "./keys";
import type { DocumentFilters, KnowledgeDocument, Paged } from "./types";

export const DOCUMENTS_PAGE_SIZE = 20;
/** How often the list refreshes while a document on it is still being indexed. */
const POLL_MS = 1500;

export const documentsQuery = (datasetId: string, filters: DocumentFilters, page: number) =>
  queryOptions({
    queryKey: [...datasetKeys.documents(datasetId, filters), page] as const,
    queryFn: ({ signal }) =>
      api.get<Paged<KnowledgeDocument>>(`/datasets/${datasetId}/documents`, {
        query: { page, limit: DOCUMENTS_PAGE_SIZE, keyword: filters.keyword || undefined, status: filters.status || undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
    // Live statuses: poll only while some document on the page has not reached a final state.
    refetchInterval: (query) => (query.state.data?.data.some((d) => !isSettled(d.indexing_status)) ? POLL_MS : false),
  });

export function useDocuments(datasetId: string, filters: DocumentFilters, page: number) {
  const query = useQuery(documentsQuery(datasetId, filters, page));
  useRefreshWhenSettled(datasetId, query.data?.data.some((d) => !isSettled(d.indexing_status)) ?? false);
  return query;
}

/** When the last document on screen finishes indexing, the knowledge base's counts have changed. */
export function useRefreshWhenSettled(datasetId: string, indexing: boolean) {
  const queryClient = useQueryClient();
  const was = useRef(indexing);
  useEffect(() => {
    if (was.current && !indexing) void queryClient.invalidateQueries({ queryKey: datasetKeys.detail(datasetId), exact: true });
    was.current = indexing;
  }, [indexing, datasetId, queryClient]);
}
