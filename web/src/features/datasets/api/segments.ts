// The chunks (segments) of one document: list, add, edit, enable/disable, delete.
import { keepPreviousData, type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { datasetKeys } from "./keys";
import type { Segment, SegmentFilters, SegmentInput, SegmentPage } from "./types";

export const SEGMENTS_PAGE_SIZE = 20;

export function useSegments(datasetId: string, documentId: string, filters: SegmentFilters, page: number) {
  return useQuery({
    queryKey: [...datasetKeys.segments(datasetId, documentId, filters), page] as const,
    queryFn: ({ signal }) =>
      api.get<SegmentPage>(`/datasets/${datasetId}/documents/${documentId}/segments`, {
        query: { page, limit: SEGMENTS_PAGE_SIZE, keyword: filters.keyword || undefined, enabled: filters.enabled || undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

// A segment edit changes the document's word and token counts too.
const refresh = (queryClient: QueryClient, datasetId: string, documentId: string) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: datasetKeys.segments(datasetId, documentId) }),
    queryClient.invalidateQueries({ queryKey: datasetKeys.document(datasetId, documentId) }),
    queryClient.invalidateQueries({ queryKey: datasetKeys.documents(datasetId) }),
  ]);

export function useAddSegment(datasetId: string, documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { content: string; keywords?: string[] }) =>
      api.post<{ data: Segment }>(`/datasets/${datasetId}/documents/${documentId}/segment`, input),
    onSuccess: () => refresh(queryClient, datasetId, documentId),
  });
}

export function useUpdateSegment(datasetId: string, documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ segmentId, ...input }: SegmentInput & { segmentId: string }) =>
      api.patch<{ data: Segment }>(`/datasets/${datasetId}/documents/${documentId}/segments/${segmentId}`, input),
    onSuccess: () => refresh(queryClient, datasetId, documentId),
  });
}

export function useDeleteSegment(datasetId: string, documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (segmentId: string) => api.delete(`/datasets/${datasetId}/documents/${documentId}/segments/${segmentId}`),
    onSuccess: () => refresh(queryClient, datasetId, documentId),
  });
}
