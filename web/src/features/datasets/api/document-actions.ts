// Everything done to a document after it is added: pause, resume, retry, re-index with a new
// rule, rename, enable/disable/archive, delete. Each refreshes the list and the dataset's counts.
import { type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { datasetKeys } from "./keys";
import type { KnowledgeDocument, ProcessRule } from "./types";

export type StatusAction = "enable" | "disable" | "archive" | "un_archive";

const refresh = (queryClient: QueryClient, datasetId: string) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: datasetKeys.documents(datasetId) }),
    queryClient.invalidateQueries({ queryKey: datasetKeys.detail(datasetId), exact: true }),
  ]);

export function useSetDocumentStatus(datasetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, documentId }: { action: StatusAction; documentId: string }) =>
      api.patch(`/datasets/${datasetId}/documents/status/${action}/batch`, undefined, { query: { document_id: documentId } }),
    onSuccess: (_, { documentId }) =>
      Promise.all([
        refresh(queryClient, datasetId),
        queryClient.invalidateQueries({ queryKey: datasetKeys.document(datasetId, documentId) }),
      ]),
  });
}

export function usePauseDocument(datasetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ documentId, pause }: { documentId: string; pause: boolean }) =>
      api.patch(`/datasets/${datasetId}/documents/${documentId}/processing/${pause ? "pause" : "resume"}`),
    onSuccess: () => refresh(queryClient, datasetId),
  });
}

export function useRetryDocuments(datasetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (documentIds: string[]) => api.post(`/datasets/${datasetId}/retry`, { document_ids: documentIds }),
    onSuccess: () => refresh(queryClient, datasetId),
  });
}

/** Renames a document, or (with a process rule) splits and indexes it again. */
export function useUpdateDocument(datasetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ documentId, ...input }: { documentId: string; name?: string; process_rule?: ProcessRule }) =>
      api.patch<KnowledgeDocument>(`/datasets/${datasetId}/documents/${documentId}`, input),
    onSuccess: (_, { documentId }) =>
      Promise.all([
        refresh(queryClient, datasetId),
        queryClient.invalidateQueries({ queryKey: datasetKeys.document(datasetId, documentId) }),
      ]),
  });
}

export function useDeleteDocument(datasetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (documentId: string) => api.delete(`/datasets/${datasetId}/documents/${documentId}`),
    onSuccess: (_, documentId) => {
      queryClient.removeQueries({ queryKey: datasetKeys.document(datasetId, documentId) });
      return refresh(queryClient, datasetId);
    },
  });
}
