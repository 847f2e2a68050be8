// Calls one tool of a document that is not saved yet, with the auth on screen (api/test/pre).
import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { TestBeforeSaveInput, ToolTestResult } from "./types";

export function useTestApiTool() {
  return useMutation({
    mutationFn: (input: TestBeforeSaveInput) => api.post<ToolTestResult>("/workspaces/current/tool-provider/api/test/pre", input),
  });
}
