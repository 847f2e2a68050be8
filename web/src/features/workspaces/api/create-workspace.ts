import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Workspace } from "../../../hooks/use-current-workspace";
import { api } from "../../../lib/api";

/** Creates a workspace owned by the caller and switches to it. */
export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => {
      const workspace = await api.post<Workspace>("/workspaces", { name });
      await api.post("/workspaces/switch", { tenant_id: workspace.id });
      return workspace;
    },
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
