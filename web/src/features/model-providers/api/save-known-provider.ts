import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { invalidateModelQueries } from "./invalidate";
import type { KnownProviderInput, Provider } from "./types";

/** Adds one of Dify's providers by its Dify name; the server checks each model with a real call first. */
export function useSaveKnownProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ provider, ...input }: KnownProviderInput & { provider: string }) =>
      api.post<{ result: "success"; provider: Provider }>(
        `/workspaces/current/model-providers/${encodeURIComponent(provider)}/credentials`,
        input,
      ),
    onSuccess: () => invalidateModelQueries(queryClient),
  });
}
