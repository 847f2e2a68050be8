// The workspace's knowledge bases, so the knowledge search tool's `dataset_id` is picked by name.
// Under the knowledge screens' ["datasets", "list"] key, so their changes refresh it.
import { useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";

export function useKnowledgeBases(enabled: boolean) {
  return useQuery({
    queryKey: ["datasets", "list", { for: "tool-parameter" }],
    queryFn: ({ signal }) => api.get<{ data: { id: string; name: string }[] }>("/datasets", { query: { page: 1, limit: 100 }, signal }),
    select: (r) => r.data,
    enabled,
    staleTime: 10_000,
  });
}
