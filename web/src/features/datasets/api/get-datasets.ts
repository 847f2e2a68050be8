import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { datasetKeys } from "./keys";
import type { Dataset, Paged } from "./types";

const PAGE_SIZE = 30;

export const datasetsQuery = (keyword: string, tagId = "") =>
  infiniteQueryOptions({
    queryKey: datasetKeys.list(keyword, tagId),
    queryFn: ({ pageParam, signal }) =>
      api.get<Paged<Dataset>>("/datasets", {
        query: { page: pageParam, limit: PAGE_SIZE, keyword: keyword || undefined, tag_ids: tagId || undefined },
        signal,
      }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.has_more ? last.page + 1 : undefined),
  });

/** The knowledge bases the member can see, newest first, filtered by name and by a tag. */
export function useDatasets(keyword: string, tagId = "") {
  return useInfiniteQuery(datasetsQuery(keyword, tagId));
}
