import { useQuery } from "@tanstack/react-query";
import { webappJson } from "./client";
import { retryNetwork, webappKeys } from "./keys";
import type { Site } from "./types";

export function useSite(code: string) {
  return useQuery({
    queryKey: webappKeys.site(code),
    queryFn: () => webappJson<Site>(code, "/site"),
    staleTime: 5 * 60_000,
    retry: retryNetwork,
  });
}
