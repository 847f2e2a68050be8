// The knowledge base's webhook source: a signed URL other systems push documents to, and the log
// of what they pushed.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, isApiError } from "../../../lib/api";
import { datasetKeys } from "./keys";
import type { Paged, WebhookDelivery, WebhookSource } from "./types";

/** The source, or null when none is set up (the API answers 404). */
export function useSource(datasetId: string) {
  return useQuery({
    queryKey: datasetKeys.source(datasetId),
    queryFn: async ({ signal }) => {
      try {
        return await api.get<WebhookSource>(`/datasets/${datasetId}/source`, { signal });
      } catch (err) {
        if (isApiError(err) && err.status === 404) return null;
        throw err;
      }
    },
  });
}

/** Creates the source, or rotates its secret; the answer carries the secret this once. */
export function useCreateSource(datasetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<WebhookSource>(`/datasets/${datasetId}/source`),
    onSuccess: (source) => {
      const { secret: _secret, ...stored } = source;
      queryClient.setQueryData(datasetKeys.source(datasetId), stored);
    },
  });
}

export function useDeleteSource(datasetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/datasets/${datasetId}/source`),
    onSuccess: () => queryClient.setQueryData(datasetKeys.source(datasetId), null),
  });
}

export function useDeliveries(datasetId: string, enabled: boolean) {
  return useQuery({
    queryKey: datasetKeys.deliveries(datasetId),
    queryFn: ({ signal }) =>
      api.get<Paged<WebhookDelivery>>(`/datasets/${datasetId}/source/deliveries`, { query: { page: 1, limit: 20 }, signal }),
    enabled,
  });
}
