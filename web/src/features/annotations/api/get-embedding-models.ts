import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { EmbeddingProvider } from "./types";

const TYPE = "text-embedding";

// The same keys as the model-providers settings page, so a change there refreshes these too.
export const embeddingModelsQuery = () =>
  queryOptions({
    queryKey: ["models", TYPE],
    queryFn: () => api.get<{ data: EmbeddingProvider[] }>(`/workspaces/current/models/model-types/${TYPE}`),
    select: (data) => data.data,
  });

export const defaultEmbeddingQuery = () =>
  queryOptions({
    queryKey: ["default-model", TYPE],
    queryFn: () =>
      api.get<{ data: { provider: string; model: string } | null }>("/workspaces/current/default-model", { query: { model_type: TYPE } }),
    select: (data) => data.data,
  });

export function useEmbeddingModels() {
  return useQuery(embeddingModelsQuery());
}

export function useDefaultEmbeddingModel() {
  return useQuery(defaultEmbeddingQuery());
}
