// The workspace the session is working in, and the signed-in account's role there. Several
// features read it to decide which controls to show.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../lib/api";
import type { Role } from "../lib/roles";

export interface Workspace {
  id: string;
  name: string;
  plan: string;
  status: string;
  created_at: number;
  role: Role;
}

export const currentWorkspaceQuery = () =>
  queryOptions({
    queryKey: ["workspaces", "current"],
    queryFn: () => api.get<Workspace>("/workspaces/current"),
  });

export function useCurrentWorkspace() {
  return useQuery(currentWorkspaceQuery());
}
