import { useQuery } from "@tanstack/react-query";
import { webappJson } from "./client";
import { retryNetwork, webappKeys } from "./keys";
import type { Parameters } from "./types";

export function useParameters(code: string) {
  return useQuery({
    queryKey: webappKeys.parameters(code),
    queryFn: () => webappJson<Parameters>(code, "/parameters"),
    staleTime: 5 * 60_000,
    retry: retryNetwork,
  });
}
