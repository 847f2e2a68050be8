import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { appKeys } from "./keys";
import type { AppDetail, NewAppInput } from "./types";

export function useCreateApp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewAppInput) => api.post<AppDetail>("/apps", input),
    onSuccess: (app) => {
      queryClient.setQueryData(appKeys.detail(app.id), app);
      return queryClient.invalidateQueries({ queryKey: appKeys.lists() });
    },
  });
}
