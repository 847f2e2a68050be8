import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Workspace } from "../../../hooks/use-current-workspace";
import { api } from "../../../lib/api";

export function useRenameWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<Workspace>("/workspaces/info", { name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["workspaces"] }),
  });
}
