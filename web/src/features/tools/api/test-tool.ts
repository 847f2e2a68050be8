// "Test" on a saved tool: calls it with sample inputs and answers the result and how long it took.
import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { ToolProviderType, ToolTestResult } from "./types";

export interface TestToolInput {
  providerType: ToolProviderType;
  providerId: string;
  toolName: string;
  parameters: Record<string, unknown>;
}

export function useTestTool() {
  return useMutation({
    mutationFn: ({ providerType, providerId, toolName, parameters }: TestToolInput) =>
      api.post<ToolTestResult>(
        `/workspaces/current/tool-providers/${encodeURIComponent(providerType)}/${encodeURIComponent(providerId)}/tools/${encodeURIComponent(toolName)}/test`,
        { parameters },
      ),
  });
}
