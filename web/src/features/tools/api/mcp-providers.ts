// MCP servers used as tool providers: add, delete, refresh (re-list the server's tools).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, request } from "../../../lib/api";
import { PROVIDER_LISTS } from "./keys";
import type { McpProviderInput, ToolProvider } from "./types";

const base = "/workspaces/current/tool-provider/mcp";

export function useAddMcpProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: McpProviderInput) => api.post<ToolProvider>(base, input),
    onSuccess: () => Promise.all(PROVIDER_LISTS.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

export function useDeleteMcpProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    // Dify's DELETE carries its id in a JSON body.
    mutationFn: (providerId: string) => request<unknown>(base, { method: "DELETE", body: { provider_id: providerId } }),
    onSuccess: () => Promise.all(PROVIDER_LISTS.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

export function useRefreshMcpProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (providerId: string) => api.post<ToolProvider>(`${base}/${encodeURIComponent(providerId)}/refresh`),
    onSuccess: () => Promise.all(PROVIDER_LISTS.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}
