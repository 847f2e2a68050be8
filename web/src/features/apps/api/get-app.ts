import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { appKeys } from "./keys";
import type { AppDetail } from "./types";

export const appQuery = (appId: string) =>
  queryOptions({
    queryKey: appKeys.detail(appId),
    queryFn: () => api.get<AppDetail>(`/apps/${appId}`),
  });

/** One app with its draft config, its site and the Service API's base URL. */
export function useApp(appId: string) {
  return useQuery(appQuery(appId));
}
