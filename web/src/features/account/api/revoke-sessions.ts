import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../../lib/api";

function revokeSession(sessionId: string) {
  return api.delete(`/account/sessions/${encodeURIComponent(sessionId)}`);
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeSession,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["account", "sessions"] }),
  });
}

/**
 * Signs out every other device. The API revokes one session per call, so this walks the list and
 * reports how far it has got.
 */
export function useRevokeOtherSessions() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const mutation = useMutation({
    mutationFn: async (sessionIds: string[]) => {
      setProgress({ done: 0, total: sessionIds.length });
      for (const [i, id] of sessionIds.entries()) {
        await revokeSession(id);
        setProgress({ done: i + 1, total: sessionIds.length });
      }
    },
    onSettled: () => {
      setProgress(null);
      return queryClient.invalidateQueries({ queryKey: ["account", "sessions"] });
    },
  });
  return { ...mutation, progress };
}
