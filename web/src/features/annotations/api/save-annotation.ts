import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { annotationKeys } from "./keys";
import type { Annotation } from "./types";

export interface AnnotationDraft {
  question: string;
  answer: string;
}

/**
 * Creates an annotation, edits one (`annotationId`), or annotates a logged answer (`messageId`:
 * the server keeps one annotation per message, so a second save replaces the first).
 */
export function useSaveAnnotation(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ draft, annotationId, messageId }: { draft: AnnotationDraft; annotationId?: string; messageId?: string }) =>
      annotationId
        ? api.post<Annotation>(`/apps/${appId}/annotations/${annotationId}`, draft)
        : api.post<Annotation>(`/apps/${appId}/annotations`, messageId ? { ...draft, message_id: messageId } : draft),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: annotationKeys.all(appId) }),
  });
}

export function useDeleteAnnotation(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (annotationId: string) => api.delete(`/apps/${appId}/annotations/${annotationId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: annotationKeys.all(appId) }),
  });
}
