// Knowledge tags: the workspace's list, creating one, and putting tags on or taking them off a
// knowledge base (Dify's /tags and /tag-bindings console paths).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { datasetKeys } from "./keys";
import type { KnowledgeTag } from "./types";

export function useKnowledgeTags() {
  return useQuery({
    queryKey: datasetKeys.tags(),
    queryFn: ({ signal }) => api.get<KnowledgeTag[]>("/tags", { query: { type: "knowledge" }, signal }),
  });
}

export function useCreateTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<KnowledgeTag>("/tags", { name, type: "knowledge" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: datasetKeys.tags() }),
  });
}

/** Adds (`bind`) or removes tags of one knowledge base; its page, the lists and the counts follow. */
export function useDatasetTagBinding(datasetId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: datasetKeys.detail(datasetId), exact: true }),
      queryClient.invalidateQueries({ queryKey: datasetKeys.lists() }),
      queryClient.invalidateQueries({ queryKey: datasetKeys.tags() }),
    ]);
  const bind = useMutation({
    mutationFn: (tagIds: string[]) => api.post("/tag-bindings/create", { tag_ids: tagIds, target_id: datasetId, type: "knowledge" }),
    onSuccess: refresh,
  });
  const unbind = useMutation({
    mutationFn: (tagId: string) => api.post("/tag-bindings/remove", { tag_id: tagId, target_id: datasetId, type: "knowledge" }),
    onSuccess: refresh,
  });
  return { bind, unbind };
}
