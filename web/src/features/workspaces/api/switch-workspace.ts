import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";

/** Makes another workspace current; everything on screen belongs to a workspace, so refetch all. */
export function useSwitchWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (workspaceId: string) => api.post("/workspaces/switch", { tenant_id: workspaceId }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
