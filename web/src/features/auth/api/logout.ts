import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";

/** Ends the session on the server and drops everything cached for it. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ result: "success" }>("/logout", undefined, { auth: false }),
    onSettled: () => queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== "setup" }),
  });
}
