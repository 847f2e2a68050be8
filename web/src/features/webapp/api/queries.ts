// Server state of a public WebApp page: the site, its parameters, the browser's conversations and
// their messages. Keys start with the site code, so two apps open in one browser never mix.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { webappJson } from "./client";
import type { Conversation, Message, Page, Parameters, Rating, Site } from "./types";

export const webappKeys = {
  site: (code: string) => ["webapp", code, "site"] as const,
  parameters: (code: string) => ["webapp", code, "parameters"] as const,
  conversations: (code: string) => ["webapp", code, "conversations"] as const,
  messages: (code: string, conversationId: string) => ["webapp", code, "messages", conversationId] as const,
};

// The public pages retry only network failures: a refused site answers the same way again.
const retry = (failures: number, error: unknown) =>
  failures < 2 && (error as { status?: number })?.status === 0;

export function useSite(code: string) {
  return useQuery({
    queryKey: webappKeys.site(code),
    queryFn: () => webappJson<Site>(code, "/site"),
    staleTime: 5 * 60_000,
    retry,
  });
}

export function useParameters(code: string) {
  return useQuery({
    queryKey: webappKeys.parameters(code),
    queryFn: () => webappJson<Parameters>(code, "/parameters"),
    staleTime: 5 * 60_000,
    retry,
  });
}

export function useConversations(code: string, enabled: boolean) {
  return useQuery({
    queryKey: webappKeys.conversations(code),
    queryFn: () => webappJson<Page<Conversation>>(code, "/conversations", { query: { limit: 100 } }),
    enabled,
    retry,
  });
}

export function useMessages(code: string, conversationId: string | null) {
  return useQuery({
    queryKey: webappKeys.messages(code, conversationId ?? ""),
    queryFn: () => webappJson<Page<Message>>(code, "/messages", { query: { conversation_id: conversationId!, limit: 100 } }),
    enabled: Boolean(conversationId),
    staleTime: Number.POSITIVE_INFINITY,
    retry,
  });
}

export function useRenameConversation(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; name: string }) =>
      webappJson<Conversation>(code, `/conversations/${v.id}/name`, { method: "POST", body: { name: v.name } }),
    onSuccess: () => client.invalidateQueries({ queryKey: webappKeys.conversations(code) }),
  });
}

export function useDeleteConversation(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => webappJson<void>(code, `/conversations/${id}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: webappKeys.conversations(code) }),
  });
}

export function sendFeedback(code: string, messageId: string, rating: Rating | null) {
  return webappJson<{ result: string }>(code, `/messages/${messageId}/feedbacks`, { method: "POST", body: { rating } });
}

export function fetchSuggestions(code: string, messageId: string) {
  return webappJson<{ data: string[] }>(code, `/messages/${messageId}/suggested-questions`).then((r) => r.data);
}

export function stopTask(code: string, kind: "chat" | "completion", taskId: string) {
  return webappJson<{ result: string }>(code, `/${kind}-messages/${taskId}/stop`, { method: "POST", body: {} });
}
