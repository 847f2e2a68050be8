import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { LlmProvider } from "./types";

const LLM = "llm";

// Same key and answer as the model-providers settings page, so a provider change there refreshes
// this list too.
export const llmModelsQuery = () =>
  queryOptions({
    queryKey: ["models", LLM],
    queryFn: () => api.get<{ data: LlmProvider[] }>(`/workspaces/current/models/model-types/${LLM}`),
    select: (data) => data.data,
  });

/** The chat models this workspace can call, grouped by provider. */
export function useLlmModels() {
  return useQuery(llmModelsQuery());
}
