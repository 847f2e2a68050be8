// Custom API tool providers: read one for editing, add, update, delete (Dify's tool-provider/api/*).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { PROVIDER_LISTS, toolKeys } from "./keys";
import type { ApiProviderDetail, ApiProviderInput, ToolProvider } from "./types";

const base = "/workspaces/current/tool-provider/api";

export function useApiProvider(name: string | null) {
  return useQuery({
    queryKey: toolKeys.apiProvider(name ?? ""),
    queryFn: ({ signal }) => api.get<ApiProviderDetail>(`${base}/get`, { query: { provider: name ?? "" }, signal }),
    enabled: name !== null,
    // Always the stored version when the editor opens.
    staleTime: 0,
  });
}

export function useAddApiProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiProviderInput) => api.post<ToolProvider>(`${base}/add`, input),
    onSuccess: () => Promise.all(PROVIDER_LISTS.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

export function useUpdateApiProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiProviderInput & { original_provider: string }) => api.post<unknown>(`${base}/update`, input),
    onSuccess: (_, input) => {
      queryClient.removeQueries({ queryKey: toolKeys.apiProvider(input.original_provider) });
      return Promise.all(PROVIDER_LISTS.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}

export function useDeleteApiProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (provider: string) => api.post<unknown>(`${base}/delete`, { provider }),
    onSuccess: () => Promise.all(PROVIDER_LISTS.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}
