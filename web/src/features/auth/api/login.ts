import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Credentials, TokenResponse } from "./types";

export function login(credentials: Credentials) {
  return api.post<TokenResponse>("/login", credentials, { auth: false });
}

/** Signs in and forgets anything cached for a previous session. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: () => queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== "setup" }),
  });
}
