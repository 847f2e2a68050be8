import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { datasetKeys } from "./keys";

export function useDeleteDataset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (datasetId: string) => api.delete(`/datasets/${datasetId}`),
    onSuccess: (_, datasetId) => {
      queryClient.removeQueries({ queryKey: datasetKeys.detail(datasetId) });
      return queryClient.invalidateQueries({ queryKey: datasetKeys.lists() });
    },
  });
}
