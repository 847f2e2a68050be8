import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Role } from "../../../lib/roles";
import type { TokenResponse } from "./types";

export interface Invitation {
  workspace_id: string;
  workspace_name: string;
  email: string;
  role: Role;
  account_exists: boolean;
}

export interface ActivationCheck {
  is_valid: boolean;
  data: Invitation | null;
}

export const activationCheckQuery = (token: string) =>
  queryOptions({
    queryKey: ["activate", token],
    queryFn: () => api.get<ActivationCheck>("/activate/check", { query: { token }, auth: false }),
    enabled: token.length > 0,
    staleTime: Number.POSITIVE_INFINITY,
  });

export function useActivationCheck(token: string) {
  return useQuery(activationCheckQuery(token));
}

export interface ActivateInput {
  token: string;
  workspaceId: string;
  name?: string;
  password: string;
}

/**
 * Accepts the invitation (which signs the account in) and makes the invited workspace the current
 * one, so an existing account lands where it was invited rather than in its last workspace.
 */
export function useActivate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ token, workspaceId, name, password }: ActivateInput) => {
      await api.post<TokenResponse>("/activate", { token, name, password }, { auth: false });
      await api.post("/workspaces/switch", { tenant_id: workspaceId });
    },
    onSuccess: () => queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== "setup" }),
  });
}
