import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, CONSOLE_API } from "../../../lib/api";
import { finetuneKeys } from "./keys";
import type { ExportVersion } from "./types";

export function useExports(setId: string) {
  return useQuery({
    queryKey: finetuneKeys.exports(setId),
    queryFn: ({ signal }) => api.get<{ data: ExportVersion[] }>(`/finetune/sets/${setId}/exports`, { signal }),
    select: (r) => r.data,
  });
}

export function useCreateExport(setId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ExportVersion>(`/finetune/sets/${setId}/exports`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: finetuneKeys.exports(setId) }),
  });
}

/** The download link of one exported file (a plain GET: the session cookie authorizes it). */
export const exportFileUrl = (setId: string, version: number, split: "train" | "validation") =>
  `${CONSOLE_API}/finetune/sets/${setId}/exports/${version}/${split}`;
