// The app as an MCP server (/apps/{app_id}/server): read (null until created), create, change,
// rotate. Creating and rotating answer the key once.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, isApiError } from "../../../lib/api";
import { appKeys } from "./keys";

export interface AppMcpServer {
  id: string;
  server_code: string;
  server_url: string;
  status: "active" | "inactive";
  description: string;
  /** Per-input descriptions, shown to MCP clients in the tool's schema. */
  parameters: Record<string, string>;
  key_hint: string;
  created_at: number;
  updated_at: number;
}

/** Creating and rotating answer the bearer key, here only. */
export type AppMcpServerWithKey = AppMcpServer & { api_key: string };

export interface McpServerChange {
  status?: "active" | "inactive";
  description?: string;
  parameters?: Record<string, string>;
}

/** Reading it needs an editor role (the server's `app_edit`). */
export function useMcpServer(appId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: appKeys.mcpServer(appId),
    queryFn: async ({ signal }) => {
      try {
        return await api.get<AppMcpServer>(`/apps/${appId}/server`, { signal });
      } catch (err) {
        // Not created yet.
        if (isApiError(err) && err.status === 404) return null;
        throw err;
      }
    },
  });
}

function useServerMutation<I>(appId: string, fn: (input: I) => Promise<AppMcpServer>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (server) => {
      if (!server || typeof server.id !== "string") return queryClient.invalidateQueries({ queryKey: appKeys.mcpServer(appId) });
      // The key is never kept in the cache: it is shown once from the mutation's answer.
      const { api_key: _key, ...stored } = server as AppMcpServerWithKey;
      queryClient.setQueryData(appKeys.mcpServer(appId), stored);
    },
  });
}

export const useCreateMcpServer = (appId: string) =>
  useServerMutation(appId, (input: { description?: string; parameters?: Record<string, string> }) => api.post<AppMcpServerWithKey>(`/apps/${appId}/server`, input));

export const useUpdateMcpServer = (appId: string) => useServerMutation(appId, (input: McpServerChange) => api.put<AppMcpServer>(`/apps/${appId}/server`, input));

export const useRotateMcpServer = (appId: string) => useServerMutation(appId, () => api.post<AppMcpServerWithKey>(`/apps/${appId}/server/refresh`));
