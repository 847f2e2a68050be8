import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { appKeys } from "./keys";
import type { AppDetail, ModelConfig } from "./types";

/** Saves the draft config (the prompt IDE autosaves through this). */
export function useSaveModelConfig(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (config: ModelConfig) =>
      api.post<{ result: "success"; updated_at: number }>(`/apps/${appId}/model-config`, config),
    onSuccess: (_, config) => {
      // Keep the cached app in step, so leaving and coming back shows what was saved.
      queryClient.setQueryData<AppDetail>(appKeys.detail(appId), (app) => (app ? { ...app, model_config: config } : app));
    },
  });
}
