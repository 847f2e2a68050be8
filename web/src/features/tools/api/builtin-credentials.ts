// A built-in provider's credentials (Tavily's API key…): read back masked, set, remove.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { PROVIDER_LISTS } from "./keys";

const base = (provider: string) => `/workspaces/current/tool-provider/builtin/${encodeURIComponent(provider)}`;

/** The stored values, secret ones masked; {} when none are set. */
export function useBuiltinCredentials(provider: string | null) {
  return useQuery({
    queryKey: ["tools", "builtin-credentials", provider],
    queryFn: () => api.get<Record<string, string>>(`${base(provider!)}/credentials`),
    enabled: provider !== null,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      ...PROVIDER_LISTS.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      queryClient.invalidateQueries({ queryKey: ["tools", "builtin-credentials"] }),
    ]);
}

/** Saves them; the server checks them with the provider first. A masked value sent back keeps the stored one. */
export function useSaveBuiltinCredentials() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ provider, credentials }: { provider: string; credentials: Record<string, string> }) =>
      api.post<{ result: "success" }>(`${base(provider)}/update`, { credentials }),
    onSuccess: invalidate,
  });
}

export function useDeleteBuiltinCredentials() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (provider: string) => api.post<{ result: "success" }>(`${base(provider)}/delete`),
    onSuccess: invalidate,
  });
}
