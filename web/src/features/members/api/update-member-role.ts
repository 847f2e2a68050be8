import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { AssignableRole } from "../../../lib/roles";

export function useUpdateMemberRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ memberId, role }: { memberId: string; role: AssignableRole }) =>
      api.put<{ result: "success" }>(`/workspaces/current/members/${encodeURIComponent(memberId)}/update-role`, {
        role,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["members"] }),
  });
}
