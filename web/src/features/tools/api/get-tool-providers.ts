// Every tool provider of the workspace (GET /workspaces/current/tool-providers), a bare array.
import { useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { toolKeys } from "./keys";
import type { ToolProvider } from "./types";

export function useToolProviders() {
  return useQuery({
    queryKey: toolKeys.providers(),
    queryFn: ({ signal }) => api.get<ToolProvider[]>("/workspaces/current/tool-providers", { signal }),
  });
}
