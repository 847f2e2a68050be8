// What the node forms pick from: the workspace's chat models and knowledge bases. Same keys and
// answers as the Prompt IDE's pickers, so either screen's changes refresh both.
import { useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";

const LLM = "llm";

export interface LlmProvider {
  provider: string;
  label: string;
  is_offline: boolean;
  /** Takes any model id the vendor serves (one of Dify's providers), not only those listed. */
  accepts_any_model?: boolean;
  models: { model: string; model_type: string }[];
}

export function useChatModels() {
  return useQuery({
    queryKey: ["models", "llm"],
    queryFn: () => api.get<{ data: LlmProvider[] }>(`/workspaces/current/models/model-types/${LLM}`),
    select: (data) => data.data,
  });
}

export interface KnowledgeBase {
  id: string;
  name: string;
  document_count: number;
}

export function useKnowledgeBases() {
  return useQuery({
    queryKey: ["datasets", "list", { for: "workflow-knowledge-picker" }],
    queryFn: ({ signal }) => api.get<{ data: KnowledgeBase[] }>("/datasets", { query: { page: 1, limit: 100 }, signal }),
    select: (data) => data.data,
    staleTime: 10_000,
  });
}

export interface ToolParameterInfo {
  name: string;
  label: string;
  description: string;
  type: string;
  form: "llm" | "form";
  required: boolean;
  default?: unknown;
  options?: string[];
}

export interface ToolProviderInfo {
  id: string;
  name: string;
  type: "builtin" | "api" | "mcp" | "workflow";
  label: string;
  is_team_authorization: boolean;
  error: string | null;
  tools: { name: string; label: string; description: string; parameters: ToolParameterInfo[] }[];
}

/** Every tool the workspace can call, for the tool node's picker. */
export function useToolProviders() {
  return useQuery({
    queryKey: ["tool-providers", "all"],
    queryFn: ({ signal }) => api.get<ToolProviderInfo[]>("/workspaces/current/tool-providers", { signal }),
    staleTime: 10_000,
  });
}
