import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { appKeys } from "./keys";
import type { ConversationLog, MessageLog, MessageLogFilters, Paginated } from "./types";

export const messageLogsQuery = (appId: string, filters: MessageLogFilters) =>
  queryOptions({
    queryKey: appKeys.messages(appId, filters),
    queryFn: ({ signal }) => api.get<Paginated<MessageLog>>(`/apps/${appId}/messages`, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });

/** The app's message log, newest first, with the filters applied on the server. */
export function useMessageLogs(appId: string, filters: MessageLogFilters) {
  return useQuery(messageLogsQuery(appId, filters));
}

export const conversationLogQuery = (appId: string, conversationId: string) =>
  queryOptions({
    queryKey: appKeys.conversation(appId, conversationId),
    queryFn: () => api.get<ConversationLog>(`/apps/${appId}/conversations/${conversationId}`),
  });

/** One conversation with all its messages, oldest first. */
export function useConversationLog(appId: string, conversationId: string | null) {
  return useQuery({ ...conversationLogQuery(appId, conversationId ?? ""), enabled: !!conversationId });
}
