import { useQuery } from "@tanstack/react-query";
import { webappJson } from "./client";
import { retryNetwork, webappKeys } from "./keys";
import type { Conversation, Page } from "./types";

/** The browser's conversations, most recently active first (the newest 100). */
export function useConversations(code: string, enabled: boolean) {
  return useQuery({
    queryKey: webappKeys.conversations(code),
    queryFn: () => webappJson<Page<Conversation>>(code, "/conversations", { query: { limit: 100 } }),
    enabled,
    retry: retryNetwork,
  });
}
