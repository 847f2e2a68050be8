import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { appKeys } from "./keys";
import type { AppDetail, ModelConfig } from "./types";

/** Copies a published version into the draft; publish again to serve it. */
export function useRestoreVersion(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (versionId: string) =>
      api.post<{ result: "success"; model_config: ModelConfig; updated_at: number }>(
        `/apps/${appId}/versions/${versionId}/restore`,
      ),
    onSuccess: (restored) => {
      queryClient.setQueryData<AppDetail>(appKeys.detail(appId), (app) =>
        app ? { ...app, model_config: restored.model_config } : app,
      );
    },
  });
}
