import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { InvitationResult, InviteInput } from "./types";

export function useInviteMembers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteInput) =>
      api.post<{ result: "success"; invitation_results: InvitationResult[]; tenant_id: string }>(
        "/workspaces/current/members/invite-email",
        input,
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["invitations"] }),
        queryClient.invalidateQueries({ queryKey: ["members"] }),
      ]),
  });
}
