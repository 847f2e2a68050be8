import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";

export type SpeechModelType = "speech2text" | "tts";

interface DefaultModel {
  model_type: SpeechModelType;
  provider: string;
  model: string;
}

// Same key and answer as the model-providers settings page, so saving defaults there refreshes
// this too. `data` is null while no provider of the workspace offers such a model.
export const speechModelQuery = (type: SpeechModelType) =>
  queryOptions({
    queryKey: ["default-model", type],
    queryFn: () => api.get<{ data: DefaultModel | null }>("/workspaces/current/default-model", { query: { model_type: type } }),
    select: (data) => data.data,
  });

/** The workspace's speech model of `type`, or null when it has none. */
export function useSpeechModel(type: SpeechModelType) {
  return useQuery(speechModelQuery(type));
}
