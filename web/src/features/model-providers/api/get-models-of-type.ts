import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { ModelsOfType, ModelType } from "./types";

export const modelsOfTypeQuery = (modelType: ModelType) =>
  queryOptions({
    queryKey: ["models", modelType],
    queryFn: () => api.get<{ data: ModelsOfType[] }>(`/workspaces/current/models/model-types/${modelType}`),
    select: (data) => data.data,
  });

export function useModelsOfType(modelType: ModelType) {
  return useQuery(modelsOfTypeQuery(modelType));
}
