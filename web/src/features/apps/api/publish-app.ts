import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { appKeys } from "./keys";

export interface PublishInput {
  marked_name?: string;
  marked_comment?: string;
}

/** Publishes the saved draft as the next version: the Service API and WebApp serve it from now on. */
export function usePublishApp(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PublishInput) =>
      api.post<{ result: "success"; id: string; version: number; created_at: number }>(`/apps/${appId}/publish`, input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: appKeys.versions(appId) }),
        queryClient.invalidateQueries({ queryKey: appKeys.detail(appId), exact: true }),
        queryClient.invalidateQueries({ queryKey: appKeys.lists() }),
      ]),
  });
}
