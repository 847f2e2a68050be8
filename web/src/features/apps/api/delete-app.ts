import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { appKeys } from "./keys";

export function useDeleteApp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (appId: string) => api.delete(`/apps/${appId}`),
    onSuccess: (_, appId) => {
      queryClient.removeQueries({ queryKey: appKeys.detail(appId) });
      return queryClient.invalidateQueries({ queryKey: appKeys.lists() });
    },
  });
}
