import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { workflowKeys } from "./keys";
import type { PublishedWorkflowPage } from "./types";

/** The app's published versions, newest first. */
export function usePublishedVersions(appId: string, enabled = true) {
  return useQuery({
    queryKey: workflowKeys.versions(appId),
    queryFn: () => api.get<PublishedWorkflowPage>(`/apps/${appId}/workflows`, { query: { page: 1, limit: 50 } }),
    enabled,
  });
}

/** Copies a published version into the draft; the editor then reloads the draft. */
export function useRestoreVersion(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (workflowId: string) => api.post<unknown>(`/apps/${appId}/workflows/${workflowId}/restore`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workflowKeys.draft(appId) }),
  });
}
