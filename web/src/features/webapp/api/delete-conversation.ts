import { useMutation, useQueryClient } from "@tanstack/react-query";
import { webappJson } from "./client";
import { webappKeys } from "./keys";

export function useDeleteConversation(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => webappJson<void>(code, `/conversations/${id}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: webappKeys.conversations(code) }),
  });
}
