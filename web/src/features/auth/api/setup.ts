import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { SetupStatus } from "../../../hooks/use-setup-status";
import { api } from "../../../lib/api";
import { login } from "./login";

export interface SetupInput {
  email: string;
  name: string;
  password: string;
}

/** Creates the owner account and first workspace, then signs that owner in. */
export function useSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SetupInput) => {
      await api.post<{ result: "success" }>("/setup", input, { auth: false });
      await login({ email: input.email, password: input.password });
    },
    // Marking setup finished only once signed in: the setup gate sends a finished /setup to
    // /signin, which must not happen before the caller has moved on to the app.
    onSuccess: () =>
      queryClient.setQueryData<SetupStatus>(["setup"], { step: "finished", setup_at: Math.floor(Date.now() / 1000) }),
  });
}
