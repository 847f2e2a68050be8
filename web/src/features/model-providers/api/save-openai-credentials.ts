import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { invalidateModelQueries } from "./invalidate";
import type { OpenAICredentialsInput, Provider } from "./types";

/** Saves the OpenAI key; the server validates it with a real call before storing it. */
export function useSaveOpenAICredentials() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OpenAICredentialsInput) =>
      api.post<{ result: "success"; provider: Provider }>("/workspaces/current/model-providers/openai/credentials", input),
    onSuccess: () => invalidateModelQueries(queryClient),
  });
}
