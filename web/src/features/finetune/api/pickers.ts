// What the set's filters and the compare link choose from: the workspace's apps and chat models.
// Own queries (features do not import each other); the models list shares the model pickers' key.
import { useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { AppOption, LlmProvider } from "./types";

const LLM = "llm";

export function useAppOptions() {
  return useQuery({
    queryKey: ["apps", "list", "finetune-options"],
    queryFn: ({ signal }) => api.get<{ data: AppOption[] }>("/apps", { query: { page: 1, limit: 100 }, signal }),
    select: (r) => r.data,
  });
}

export function useLlmOptions() {
  return useQuery({
    queryKey: ["models", "llm"],
    queryFn: ({ signal }) => api.get<{ data: LlmProvider[] }>(`/workspaces/current/models/model-types/${LLM}`, { signal }),
    select: (r) => r.data,
  });
}
