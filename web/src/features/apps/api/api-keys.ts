import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { appKeys } from "./keys";
import type { ApiKey } from "./types";

export const apiKeysQuery = (appId: string) =>
  queryOptions({
    queryKey: appKeys.apiKeys(appId),
    queryFn: () => api.get<{ data: ApiKey[] }>(`/apps/${appId}/api-keys`),
    select: (data) => data.data,
  });

/** The app's Service API keys, tokens shown as hints. */
export function useApiKeys(appId: string) {
  return useQuery(apiKeysQuery(appId));
}

/** Creates a key; its full token is in this answer only. */
export function useCreateApiKey(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ApiKey>(`/apps/${appId}/api-keys`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appKeys.apiKeys(appId) }),
  });
}

export function useRevokeApiKey(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) => api.delete(`/apps/${appId}/api-keys/${keyId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appKeys.apiKeys(appId) }),
  });
}
