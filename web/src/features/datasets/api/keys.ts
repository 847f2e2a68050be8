// Query keys of the knowledge feature, so every mutation invalidates exactly what it changed.
import type { DocumentFilters, SegmentFilters } from "./types";

export const datasetKeys = {
  all: ["datasets"] as const,
  lists: () => ["datasets", "list"] as const,
  list: (keyword: string, tagId = "") => ["datasets", "list", keyword, tagId] as const,
  tags: () => ["datasets", "tags"] as const,
  detail: (datasetId: string) => ["datasets", "detail", datasetId] as const,
  documents: (datasetId: string, filters?: DocumentFilters) =>
    filters
      ? (["datasets", "detail", datasetId, "documents", filters] as const)
      : (["datasets", "detail", datasetId, "documents"] as const),
  document: (datasetId: string, documentId: string) => ["datasets", "detail", datasetId, "document", documentId] as const,
  batch: (datasetId: string, batch: string) => ["datasets", "detail", datasetId, "batch", batch] as const,
  segments: (datasetId: string, documentId: string, filters?: SegmentFilters) =>
    filters
      ? (["datasets", "detail", datasetId, "document", documentId, "segments", filters] as const)
      : (["datasets", "detail", datasetId, "document", documentId, "segments"] as const),
  queries: (datasetId: string) => ["datasets", "detail", datasetId, "queries"] as const,
  source: (datasetId: string) => ["datasets", "detail", datasetId, "source"] as const,
  deliveries: (datasetId: string) => ["datasets", "detail", datasetId, "source", "deliveries"] as const,
};
