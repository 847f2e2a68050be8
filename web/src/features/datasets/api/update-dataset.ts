import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { datasetKeys } from "./keys";
import type { Dataset, DatasetInput } from "./types";

/** Renames a knowledge base, or changes who sees it or how it searches by default. */
export function useUpdateDataset(datasetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<DatasetInput>) => api.patch<Dataset>(`/datasets/${datasetId}`, input),
    onSuccess: (dataset) => {
      queryClient.setQueryData(datasetKeys.detail(datasetId), dataset);
      return queryClient.invalidateQueries({ queryKey: datasetKeys.lists() });
    },
  });
}
