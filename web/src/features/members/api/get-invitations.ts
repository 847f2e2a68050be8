import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Invitation } from "./types";

export const invitationsQuery = () =>
  queryOptions({
    queryKey: ["invitations"],
    queryFn: () => api.get<{ data: Invitation[] }>("/workspaces/current/invitations"),
    select: (data) => data.data,
  });

export function useInvitations(enabled = true) {
  return useQuery({ ...invitationsQuery(), enabled });
}
