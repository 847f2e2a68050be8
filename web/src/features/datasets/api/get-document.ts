import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { isSettled } from "../lib/document-status";
import { datasetKeys } from "./keys";
import type { KnowledgeDocument } from "./types";

export const documentQuery = (datasetId: string, documentId: string) =>
  queryOptions({
    queryKey: datasetKeys.document(datasetId, documentId),
    queryFn: ({ signal }) => api.get<KnowledgeDocument>(`/datasets/${datasetId}/documents/${documentId}`, { signal }),
    refetchInterval: (query) => (query.state.data && !isSettled(query.state.data.indexing_status) ? 1500 : false),
  });

export function useDocument(datasetId: string, documentId: string) {
  return useQuery(documentQuery(datasetId, documentId));
}
