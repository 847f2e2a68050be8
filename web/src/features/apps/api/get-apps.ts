import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { appKeys } from "./keys";
import type { AppPage } from "./types";

const PAGE_SIZE = 30;

export const appsQuery = (filters: { mode: string; name: string }) =>
  infiniteQueryOptions({
    queryKey: appKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<AppPage>("/apps", {
        query: { page: pageParam, limit: PAGE_SIZE, mode: filters.mode || undefined, name: filters.name || undefined },
        signal,
      }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.has_more ? last.page + 1 : undefined),
  });

/** The workspace's apps, most recently changed first, filtered by mode and name. */
export function useApps(filters: { mode: string; name: string }) {
  return useInfiniteQuery(appsQuery(filters));
}
