import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { datasetKeys } from "./keys";
import type { Dataset } from "./types";

export const datasetQuery = (datasetId: string) =>
  queryOptions({
    queryKey: datasetKeys.detail(datasetId),
    queryFn: ({ signal }) => api.get<Dataset>(`/datasets/${datasetId}`, { signal }),
  });

export function useDataset(datasetId: string) {
  return useQuery(datasetQuery(datasetId));
}
