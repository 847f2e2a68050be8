import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { invalidateModelQueries } from "./invalidate";
import type { CompatibleEndpointInput, Provider } from "./types";

export function useAddCompatibleEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CompatibleEndpointInput) =>
      api.post<{ result: "success"; provider: Provider }>(
        "/workspaces/current/model-providers/openai_api_compatible",
        input,
      ),
    onSuccess: () => invalidateModelQueries(queryClient),
  });
}
