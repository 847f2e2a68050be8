import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { workflowKeys } from "./keys";
import type { DraftWorkflow } from "./types";

export const draftQuery = (appId: string) =>
  queryOptions({
    queryKey: workflowKeys.draft(appId),
    queryFn: () => api.get<DraftWorkflow>(`/apps/${appId}/workflows/draft`),
    // The editor owns the draft once loaded; a background refetch would fight the user's edits.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    // Autosaves move the hash on, so a cached copy is stale the moment the editor closes.
    gcTime: 0,
  });

/** The app's draft workflow: graph, features, variables, and the hash a save must present. */
export function useDraft(appId: string) {
  return useQuery(draftQuery(appId));
}
