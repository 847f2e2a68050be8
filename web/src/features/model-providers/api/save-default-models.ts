import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { ModelType } from "./types";

export interface ModelSetting {
  model_type: ModelType;
  provider: string;
  model: string;
}

export function useSaveDefaultModels() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: ModelSetting[]) =>
      api.post<{ result: "success" }>("/workspaces/current/default-model", { model_settings: settings }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["default-model"] }),
  });
}
