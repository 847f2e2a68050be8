import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Workspace } from "../../../hooks/use-current-workspace";
import { api } from "../../../lib/api";

export interface WorkspaceListItem extends Workspace {
  current: boolean;
}

export const workspacesQuery = () =>
  queryOptions({
    queryKey: ["workspaces", "list"],
    queryFn: () => api.get<{ workspaces: WorkspaceListItem[] }>("/workspaces"),
    select: (data) => data.workspaces,
  });

export function useWorkspaces() {
  return useQuery(workspacesQuery());
}
