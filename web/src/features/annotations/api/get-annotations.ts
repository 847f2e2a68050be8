import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { annotationKeys } from "./keys";
import type { AnnotationPage } from "./types";

export const PAGE_SIZE = 20;

export const annotationsQuery = (appId: string, query: { page: number; keyword: string }) =>
  queryOptions({
    queryKey: annotationKeys.list(appId, query),
    queryFn: ({ signal }) =>
      api.get<AnnotationPage>(`/apps/${appId}/annotations`, { query: { page: query.page, limit: PAGE_SIZE, keyword: query.keyword }, signal }),
    placeholderData: keepPreviousData,
  });

/** One page of the app's annotations, newest first; the keyword searches questions and answers. */
export function useAnnotations(appId: string, query: { page: number; keyword: string }) {
  return useQuery(annotationsQuery(appId, query));
}
