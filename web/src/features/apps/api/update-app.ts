import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { appKeys } from "./keys";
import type { AppDetail, AppInfoInput } from "./types";

/** Renames an app or changes its description or icon. */
export function useUpdateApp(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AppInfoInput) => api.put<AppDetail>(`/apps/${appId}`, input),
    onSuccess: (app) => {
      queryClient.setQueryData(appKeys.detail(appId), app);
      return queryClient.invalidateQueries({ queryKey: appKeys.lists() });
    },
  });
}
