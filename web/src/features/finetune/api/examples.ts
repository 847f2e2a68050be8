import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { finetuneKeys } from "./keys";
import type { Example, Paginated, SetSummary } from "./types";

export const EXAMPLES_PAGE_SIZE = 20;

/** One page of a set's examples; `dropped` is "", "true" or "false". */
export function useExamples(setId: string, page: number, dropped: string) {
  return useQuery({
    queryKey: finetuneKeys.examples(setId, page, dropped),
    queryFn: ({ signal }) =>
      api.get<Paginated<Example>>(`/finetune/sets/${setId}/examples`, {
        query: { page, limit: EXAMPLES_PAGE_SIZE, dropped: dropped || undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useUpdateExample(setId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; answer?: string; is_dropped?: boolean }) =>
      api.patch<Example>(`/finetune/sets/${setId}/examples/${id}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: finetuneKeys.set(setId) }),
  });
}

export function useSetSummary(setId: string, baseModel: string) {
  return useQuery({
    queryKey: finetuneKeys.summary(setId, baseModel),
    queryFn: ({ signal }) => api.get<SetSummary>(`/finetune/sets/${setId}/summary`, { query: { base_model: baseModel }, signal }),
    placeholderData: keepPreviousData,
  });
}
