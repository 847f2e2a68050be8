import { useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { KnownProvider } from "./types";

/** Dify's providers this workspace can add by key (siliconflow, ollama…), under Dify's names. */
export function useProviderCatalogue(enabled = true) {
  return useQuery({
    queryKey: ["model-providers", "catalogue"],
    queryFn: () => api.get<{ data: KnownProvider[] }>("/workspaces/current/model-providers/catalogue"),
    select: (data) => data.data,
    enabled,
  });
}
