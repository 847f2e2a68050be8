// Response shapes of the Knowledge API, as Dify's fields/*.py marshal them. Loose objects: the
// documented keys are typed, the rest of Dify's fields pass through.
import { z } from "@hono/zod-openapi";
import { ZIP_MAX_DOCUMENTS } from "../../knowledge/document-files";

const ts = z.number().int().nullable();
const jsonObject = z.record(z.string(), z.unknown());

export const metadataFieldSchema = z.object({ id: z.string(), name: z.string(), type: z.string() }).openapi("KnowledgeMetadataField");

export const datasetSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    provider: z.string(),
    permission: z.string(),
    data_source_type: z.string().nullable(),
    indexing_technique: z.string().nullable(),
    app_count: z.number().int(),
    document_count: z.number().int(),
    word_count: z.number().int(),
    created_by: z.string().nullable(),
    created_at: ts,
    updated_at: ts,
    embedding_model: z.string().nullable(),
    embedding_model_provider: z.string().nullable(),
    embedding_available: z.boolean(),
    retrieval_model_dict: jsonObject,
    doc_form: z.string().nullable(),
    doc_metadata: z.array(metadataFieldSchema),
    built_in_field_enabled: z.boolean(),
    enable_api: z.boolean(),
  })
  .openapi("KnowledgeDataset");

const metadataValueSchema = z.union([z.string(), z.number(), z.null()]);

export const documentSchema = z
  .looseObject({
    id: z.string(),
    position: z.number().int(),
    data_source_type: z.string(),
    name: z.string(),
    created_from: z.string(),
    created_at: ts,
    tokens: z.number().int(),
    indexing_status: z.string(),
    error: z.string().nullable(),
    enabled: z.boolean(),
    archived: z.boolean(),
    display_status: z.string(),
    word_count: z.number().int(),
    hit_count: z.number().int(),
    doc_form: z.string(),
    doc_metadata: z.array(metadataFieldSchema.extend({ value: metadataValueSchema })).nullable(),
  })
  .openapi("KnowledgeDocument");

export const documentAndBatchSchema = z.object({ document: documentSchema, batch: z.string() }).openapi("KnowledgeDocumentAndBatch");

export const indexingStatusSchema = z
  .object({
    id: z.string(),
    indexing_status: z.string(),
    processing_started_at: ts,
    parsing_completed_at: ts,
    cleaning_completed_at: ts,
    splitting_completed_at: ts,
    completed_at: ts,
    paused_at: ts,
    error: z.string().nullable(),
    stopped_at: ts,
    completed_segments: z.number().int(),
    total_segments: z.number().int(),
  })
  .openapi("KnowledgeIndexingStatus");

export const childChunkSchema = z
  .object({
    id: z.string(),
    segment_id: z.string(),
    content: z.string(),
    position: z.number().int(),
    word_count: z.number().int(),
    type: z.string(),
    created_at: ts,
    updated_at: ts,
  })
  .openapi("KnowledgeChildChunk");

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
    index_node_id: z.string(),
    index_node_hash: z.string(),
    hit_count: z.number().int(),
    enabled: z.boolean(),
    status: z.string(),
    created_at: ts,
    child_chunks: z.array(childChunkSchema),
  })
  .openapi("KnowledgeSegment");

export const retrieveResponseSchema = z
  .object({
    query: z.object({ content: z.string() }),
    records: z.array(
      z.looseObject({
        segment: z.looseObject({
          id: z.string(),
          content: z.string(),
          document_id: z.string(),
          document: z.looseObject({ id: z.string(), name: z.string(), doc_metadata: jsonObject }),
        }),
        child_chunks: z.array(z.object({ id: z.string(), content: z.string(), position: z.number().int(), score: z.number() })),
        score: z.number(),
        tsne_position: z.null(),
      }),
    ),
  })
  .openapi("KnowledgeRetrieveResponse");

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), has_more: z.boolean(), limit: z.number().int(), total: z.number().int(), page: z.number().int() });

/** Dify's download-zip body: the documents whose originals go into the archive, in its order. */
export const downloadZipBody = z.object({ document_ids: z.array(z.string().min(1).max(64)).min(1).max(ZIP_MAX_DOCUMENTS) });

export const zipArchiveResponse = {
  description: "The ZIP archive, as an attachment",
  content: { "application/zip": { schema: z.string() } },
};
