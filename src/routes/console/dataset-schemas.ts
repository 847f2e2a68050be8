// The wire shapes of the console's knowledge routes: path parameters, paging, and Dify's dataset,
// document, indexing-status, segment and child-chunk objects (loose where Dify's are big).
import { z } from "@hono/zod-openapi";
import { DATASET_PERMISSIONS, DOC_FORMS, INDEXING_STATUSES, INDEXING_TECHNIQUES } from "../../db/knowledge";
import { DISPLAY_STATUSES } from "../../knowledge/documents";
import { KilnError } from "../../lib/errors";

const seconds = z.number().int().nullable();

export const datasetParam = z.object({ dataset_id: z.string().min(1).max(64) });

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(99999).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
};

/** Dify's offset-paged list envelope around `item`. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ page: z.number().int(), limit: z.number().int(), total: z.number().int(), has_more: z.boolean(), data: z.array(item) });

/**
 * A path segment naming an action. Checked by the handler after the lookup (as Dify does), so a
 * stranger learns "not found" before "invalid action"; the accepted values are published here.
 */
export const actionParam = (actions: readonly string[]) =>
  z.string().min(1).max(32).openapi({ enum: [...actions] });

export const invalidAction = () => new KilnError("invalid_action", 400, "Invalid action.");

export const datasetSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    provider: z.string(),
    permission: z.enum(DATASET_PERMISSIONS),
    data_source_type: z.string(),
    indexing_technique: z.enum(INDEXING_TECHNIQUES).nullable(),
    app_count: z.number().int(),
    document_count: z.number().int(),
    word_count: z.number().int(),
    created_by: z.string().nullable(),
    author_name: z.string().nullable(),
    created_at: seconds,
    updated_by: z.string().nullable(),
    updated_at: seconds,
    embedding_model: z.string().nullable(),
    embedding_model_provider: z.string().nullable(),
    embedding_available: z.boolean(),
    retrieval_model_dict: z.looseObject({ search_method: z.string(), top_k: z.number().int() }),
    tags: z.array(z.object({ id: z.string(), name: z.string(), type: z.string().optional() })),
    doc_form: z.enum(DOC_FORMS),
    doc_metadata: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() })),
    built_in_field_enabled: z.boolean(),
    total_documents: z.number().int(),
    total_available_documents: z.number().int(),
    enable_api: z.boolean(),
  })
  .openapi("Dataset");

export const documentParam = datasetParam.extend({ document_id: z.string().min(1).max(64) });
export const segmentParam = documentParam.extend({ segment_id: z.string().min(1).max(64) });
export const childChunkParam = segmentParam.extend({ child_chunk_id: z.string().min(1).max(64) });

export const documentSchema = z
  .looseObject({
    id: z.string(),
    position: z.number().int(),
    data_source_type: z.string(),
    dataset_process_rule: z.looseObject({ mode: z.string() }),
    name: z.string(),
    created_from: z.string(),
    created_by: z.string().nullable(),
    created_at: seconds,
    updated_at: seconds,
    tokens: z.number().int(),
    indexing_status: z.enum(INDEXING_STATUSES),
    indexing_latency: z.number().nullable(),
    completed_at: seconds,
    error: z.string().nullable(),
    enabled: z.boolean(),
    disabled_at: seconds,
    archived: z.boolean(),
    display_status: z.enum(DISPLAY_STATUSES),
    word_count: z.number().int(),
    segment_count: z.number().int(),
    hit_count: z.number().int(),
    doc_form: z.enum(DOC_FORMS),
    doc_language: z.string(),
    doc_metadata: z.array(z.object({ id: z.string(), name: z.string(), type: z.string(), value: z.unknown() })),
  })
  .openapi("DatasetDocument");

export const indexingStatusSchema = z
  .object({
    id: z.string(),
    indexing_status: z.enum(INDEXING_STATUSES),
    processing_started_at: seconds,
    parsing_completed_at: seconds,
    cleaning_completed_at: seconds,
    splitting_completed_at: seconds,
    completed_at: seconds,
    paused_at: seconds,
    error: z.string().nullable(),
    stopped_at: seconds,
    completed_segments: z.number().int(),
    total_segments: z.number().int(),
  })
  .openapi("IndexingStatus");

export const childChunkSchema = z
  .object({
    id: z.string(),
    segment_id: z.string(),
    content: z.string(),
    position: z.number().int(),
    word_count: z.number().int(),
    type: z.string(),
    created_at: seconds,
    updated_at: seconds,
  })
  .openapi("ChildChunk");

export const segmentSchema = z
  .looseObject({
    id: z.string(),
    position: z.number().int(),
    document_id: z.string(),
    content: z.string(),
    answer: z.string().nullable(),
    word_count: z.number().int(),
    tokens: z.number().int(),
    keywords: z.array(z.string()),
    hit_count: z.number().int(),
    enabled: z.boolean(),
    disabled_at: seconds,
    status: z.string(),
    created_at: seconds,
    updated_at: seconds,
    child_chunks: z.array(childChunkSchema),
  })
  .openapi("Segment");
