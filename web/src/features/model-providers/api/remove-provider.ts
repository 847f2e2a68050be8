import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { invalidateModelQueries } from "./invalidate";

export function useRemoveProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (provider: string) =>
      api.delete(`/workspaces/current/model-providers/${encodeURIComponent(provider)}`),
    onSuccess: () => invalidateModelQueries(queryClient),
  });
}
