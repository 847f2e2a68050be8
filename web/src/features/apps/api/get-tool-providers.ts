// The workspace's tool providers for the agent tool picker (GET /workspaces/current/tool-providers).
// Read under the Tools page's ["tools", "providers"] key, so a provider added or refreshed there
// shows up here too, without importing that feature.
import { useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";

export type ToolProviderType = "builtin" | "api" | "mcp" | "workflow";

export interface PickerToolParameter {
  name: string;
  label: string;
  description: string;
  type: "string" | "number" | "boolean" | "select" | "object" | "array" | "secret-input" | "file";
  /** `form` parameters are set once in the agent's tool settings; `llm` ones the model fills in. */
  form: "llm" | "form";
  required: boolean;
  default?: unknown;
  options?: string[];
}

export interface PickerTool {
  name: string;
  label: string;
  description: string;
  parameters: PickerToolParameter[];
}

export interface PickerProvider {
  id: string;
  name: string;
  type: ToolProviderType;
  label: string;
  description: string;
  icon: { type: "emoji" | "image"; content?: string; url?: string; background?: string };
  is_team_authorization: boolean;
  tools: PickerTool[];
  error: string | null;
}

export function useToolProviders() {
  return useQuery({
    queryKey: ["tools", "providers"],
    queryFn: ({ signal }) => api.get<PickerProvider[]>("/workspaces/current/tool-providers", { signal }),
    staleTime: 10_000,
  });
}
