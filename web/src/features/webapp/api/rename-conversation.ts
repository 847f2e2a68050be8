import { useMutation, useQueryClient } from "@tanstack/react-query";
import { webappJson } from "./client";
import { webappKeys } from "./keys";
import type { Conversation } from "./types";

export function useRenameConversation(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; name: string }) =>
      webappJson<Conversation>(code, `/conversations/${v.id}/name`, { method: "POST", body: { name: v.name } }),
    onSuccess: () => client.invalidateQueries({ queryKey: webappKeys.conversations(code) }),
  });
}
