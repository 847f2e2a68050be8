// Dify's retrieval_model dict: how a dataset (or a query) searches. Unknown keys are kept so a
// Dify client's settings round-trip.
import { z } from "zod";

export const SEARCH_METHODS = ["semantic_search", "full_text_search", "hybrid_search", "keyword_search"] as const;
export type SearchMethod = (typeof SEARCH_METHODS)[number];

export const METADATA_OPERATORS = [
  "contains",
  "not contains",
  "start with",
  "end with",
  "is",
  "is not",
  "empty",
  "not empty",
  "in",
  "not in",
  "=",
  "≠",
  ">",
  "<",
  "≥",
  "≤",
  "before",
  "after",
] as const;

export const metadataConditionSchema = z.object({
  name: z.string().min(1),
  comparison_operator: z.enum(METADATA_OPERATORS),
  value: z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()])), z.null()]).optional(),
});

export const metadataFilterSchema = z.object({
  logical_operator: z.enum(["and", "or"]).default("and"),
  conditions: z.array(metadataConditionSchema).max(50).default([]),
});
export type MetadataFilter = z.infer<typeof metadataFilterSchema>;

export const retrievalModelSchema = z
  .object({
    search_method: z.enum(SEARCH_METHODS).default("semantic_search"),
    reranking_enable: z.boolean().default(false),
    reranking_mode: z.enum(["reranking_model", "weighted_score", "reciprocal_rank_fusion"]).nullish(),
    reranking_model: z
      .object({ reranking_provider_name: z.string().nullish(), reranking_model_name: z.string().nullish() })
      .passthrough()
      .nullish(),
    weights: z
      .object({
        weight_type: z.string().nullish(),
        vector_setting: z.object({ vector_weight: z.number().min(0).max(1) }).passthrough().nullish(),
        keyword_setting: z.object({ keyword_weight: z.number().min(0).max(1) }).passthrough().nullish(),
      })
      .passthrough()
      .nullish(),
    top_k: z.coerce.number().int().min(1).max(100).default(4),
    score_threshold_enabled: z.boolean().default(false),
    score_threshold: z.number().min(0).max(1).nullish(),
    metadata_filtering_conditions: metadataFilterSchema.nullish(),
  })
  .passthrough();
export type RetrievalModel = z.infer<typeof retrievalModelSchema>;
