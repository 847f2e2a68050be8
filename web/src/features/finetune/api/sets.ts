import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { finetuneKeys } from "./keys";
import type { BuildResult, FinetuneSet, SetInput } from "./types";

const base = "/finetune/sets";

export function useSets() {
  return useQuery({
    queryKey: finetuneKeys.sets(),
    queryFn: ({ signal }) => api.get<{ data: FinetuneSet[] }>(base, { signal }),
    select: (r) => r.data,
  });
}

export function useSet(setId: string) {
  return useQuery({ queryKey: finetuneKeys.set(setId), queryFn: ({ signal }) => api.get<FinetuneSet>(`${base}/${setId}`, { signal }) });
}

export function useCreateSet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetInput) => api.post<FinetuneSet>(base, input),
    onSuccess: (set) => {
      queryClient.setQueryData(finetuneKeys.set(set.id), set);
      return queryClient.invalidateQueries({ queryKey: finetuneKeys.sets() });
    },
  });
}

export function useUpdateSet(setId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<SetInput>) => api.patch<FinetuneSet>(`${base}/${setId}`, input),
    onSuccess: (set) => {
      queryClient.setQueryData(finetuneKeys.set(setId), set);
      return queryClient.invalidateQueries({ queryKey: finetuneKeys.sets() });
    },
  });
}

export function useDeleteSet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (setId: string) => api.delete(`${base}/${setId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: finetuneKeys.sets() }),
  });
}

/** Rebuilds the examples from the logs; everything about the set changes with it. */
export function useBuildSet(setId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<BuildResult>(`${base}/${setId}/build`),
    onSuccess: async () => {
      // A first fetch still in flight (the rows of a set opened with ?build=1) may have read the
      // set before the build wrote it, and invalidating would only join that fetch, not repeat
      // it: cancel what is in flight, then fetch again.
      await queryClient.cancelQueries({ queryKey: finetuneKeys.set(setId) });
      await queryClient.invalidateQueries({ queryKey: finetuneKeys.sets() });
    },
  });
}
