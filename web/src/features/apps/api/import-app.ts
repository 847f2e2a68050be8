import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { appKeys } from "./keys";
import type { AppImport } from "./types";

/**
 * Imports a Dify DSL file. Answers the import as the server recorded it: `completed`,
 * `completed-with-warnings`, or `pending` (a newer DSL version, waiting for confirmation); a
 * `failed` import is thrown as an ApiError carrying the reason.
 */
export function useImportApp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (yamlContent: string) =>
      api.post<AppImport>("/apps/imports", { mode: "yaml-content", yaml_content: yamlContent }),
    onSuccess: (result) => {
      if (result.app_id) return queryClient.invalidateQueries({ queryKey: appKeys.lists() });
    },
  });
}

/** Confirms a pending import (a newer DSL version): the app is created now. */
export function useConfirmImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (importId: string) => api.post<AppImport>(`/apps/imports/${importId}/confirm`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appKeys.lists() }),
  });
}
