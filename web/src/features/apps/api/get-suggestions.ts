import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";

export const suggestionsQuery = (appId: string, messageId: string) =>
  queryOptions({
    queryKey: ["apps", "detail", appId, "suggested-questions", messageId],
    queryFn: () => api.get<{ result: "success"; data: string[] }>(`/apps/${appId}/messages/${messageId}/suggested-questions`),
    select: (r) => r.data,
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Follow-up questions for a debugger answer (the saved draft's model proposes them). */
export function useSuggestions(appId: string, messageId: string | null, enabled: boolean) {
  return useQuery({ ...suggestionsQuery(appId, messageId ?? ""), enabled: enabled && !!messageId });
}
