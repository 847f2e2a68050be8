import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) =>
      api.delete<{ result: "success" }>(`/workspaces/current/members/${encodeURIComponent(memberId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["members"] }),
  });
}
