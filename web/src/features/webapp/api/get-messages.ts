import { useQuery } from "@tanstack/react-query";
import { webappJson } from "./client";
import { retryNetwork, webappKeys } from "./keys";
import type { Message, Page } from "./types";

/** The latest 100 messages of a conversation, oldest first. */
export function useMessages(code: string, conversationId: string | null) {
  return useQuery({
    queryKey: webappKeys.messages(code, conversationId ?? ""),
    queryFn: () =>
      webappJson<Page<Message>>(code, "/messages", { query: { conversation_id: conversationId ?? "", limit: 100 } }),
    enabled: Boolean(conversationId),
    // The page itself appends what it sends; a refetch would only race the stream.
    staleTime: Number.POSITIVE_INFINITY,
    retry: retryNetwork,
  });
}

/** The latest 20 messages of a conversation, read afresh (to see a paused turn's answer arrive). */
export function fetchRecentMessages(code: string, conversationId: string): Promise<Page<Message>> {
  return webappJson<Page<Message>>(code, "/messages", { query: { conversation_id: conversationId, limit: 20 } });
}
