import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { appKeys } from "./keys";
import type { AppDetail, AppInfoInput } from "./types";

/** Duplicates an app with its draft config (not its logs, keys or versions). */
export function useCopyApp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ appId, ...input }: Partial<AppInfoInput> & { appId: string }) =>
      api.post<AppDetail>(`/apps/${appId}/copy`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appKeys.lists() }),
  });
}
