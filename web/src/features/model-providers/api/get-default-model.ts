import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { DefaultModel, ModelType } from "./types";

export const defaultModelQuery = (modelType: ModelType) =>
  queryOptions({
    queryKey: ["default-model", modelType],
    queryFn: () =>
      api.get<{ data: DefaultModel | null }>("/workspaces/current/default-model", { query: { model_type: modelType } }),
    select: (data) => data.data,
  });

export function useDefaultModel(modelType: ModelType) {
  return useQuery(defaultModelQuery(modelType));
}
