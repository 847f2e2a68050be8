// The workspace's knowledge bases, for the Prompt IDE's knowledge picker (GET /datasets).
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";

/** The fields of Dify's dataset the picker shows. */
export interface KnowledgeBase {
  id: string;
  name: string;
  description: string;
  indexing_technique: "high_quality" | "economy" | null;
  document_count: number;
  embedding_available?: boolean;
}

export const PICKER_LIMIT = 100;

// Under the knowledge screens' ["datasets", "list"] key, so their changes refresh this list too;
// the object segment keeps it apart from their keyword-keyed pages.
export const knowledgeBasesQuery = () =>
  queryOptions({
    queryKey: ["datasets", "list", { for: "app-knowledge-picker" }],
    queryFn: ({ signal }) =>
      api.get<{ data: KnowledgeBase[]; has_more: boolean; total: number }>("/datasets", { query: { page: 1, limit: PICKER_LIMIT }, signal }),
    staleTime: 10_000,
  });

/** The first hundred knowledge bases the member can see, newest first. */
export function useKnowledgeBases() {
  return useQuery(knowledgeBasesQuery());
}
