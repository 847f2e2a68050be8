import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { appKeys } from "./keys";
import type { AppVersion } from "./types";

export const versionsQuery = (appId: string) =>
  queryOptions({
    queryKey: appKeys.versions(appId),
    queryFn: () => api.get<{ data: AppVersion[] }>(`/apps/${appId}/versions`),
    select: (data) => data.data,
  });

/** Published versions, newest first; `is_current` marks the one being served. */
export function useVersions(appId: string) {
  return useQuery(versionsQuery(appId));
}
