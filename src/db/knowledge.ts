// Knowledge bases (Dify "datasets"): their documents, the segments cut from them, parent-child
// chunks, custom metadata fields, retrieval-test history and webhook data sources. The full-text
// index (`segment_fts`, FTS5) is a virtual table created by hand in its migration: drizzle-kit
// cannot describe it.
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const INDEXING_TECHNIQUES = ["high_quality", "economy"] as const;
export const DATASET_PERMISSIONS = ["only_me", "all_team_members", "partial_members"] as const;
export const DOC_FORMS = ["text_model", "hierarchical_model", "qa_model"] as const;
export const INDEXING_STATUSES = [
  "waiting",
  "parsing",
  "cleaning",
  "splitting",
  "indexing",
  "paused",
  "error",
  "completed",
] as const;
export type IndexingStatus = (typeof INDEXING_STATUSES)[number];

export const datasets = sqliteTable(
  "datasets",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    permission: text("permission", { enum: DATASET_PERMISSIONS }).notNull().default("only_me"),
    /** Null until the first document chooses one (Dify lets the first upload decide). */
    indexingTechnique: text("indexing_technique", { enum: INDEXING_TECHNIQUES }),
    embeddingProvider: text("embedding_model_provider"),
    embeddingModel: text("embedding_model"),
    /** Dify's retrieval_model dict as JSON; null → the default (semantic, top 4). */
    retrievalModel: text("retrieval_model"),
    /** The last process rule used, applied to documents added without one (JSON). */
    processRule: text("process_rule"),
    docForm: text("doc_form", { enum: DOC_FORMS }).notNull().default("text_model"),
    enableApi: integer("enable_api", { mode: "boolean" }).notNull().default(true),
    builtInFieldEnabled: integer("built_in_field_enabled", { mode: "boolean" }).notNull().default(false),
    createdBy: text("created_by"),
    updatedBy: text("updated_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("datasets_workspace_name_idx").on(t.workspaceId, t.name)],
);

export const documents = sqliteTable(
  "documents",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    datasetId: text("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    /** upload_file | text (pasted / create-by-text) | webhook | url */
    dataSourceType: text("data_source_type").notNull(),
    /** R2 key of the original. */
    fileKey: text("file_key").notNull(),
    fileSize: integer("file_size").notNull(),
    mimeType: text("mime_type"),
    extension: text("extension").notNull(),
    /** SHA-256 of the original bytes. */
    contentHash: text("content_hash").notNull(),
    /** Hash of (content, rule, model, doc form) of the last completed indexing; same → skip. */
    indexedHash: text("indexed_hash"),
    /** Effective Dify process rule as JSON. */
    processRule: text("process_rule").notNull(),
    docForm: text("doc_form", { enum: DOC_FORMS }).notNull().default("text_model"),
    docLanguage: text("doc_language").notNull().default("English"),
    batch: text("batch").notNull(),
    /** Set by webhook sources: their id for the document, unique within the dataset. */
    externalId: text("external_id"),
    createdFrom: text("created_from").notNull().default("web"),
    indexingStatus: text("indexing_status", { enum: INDEXING_STATUSES }).notNull().default("waiting"),
    error: text("error"),
    /** How many times the consumer has picked this document up for the current content. */
    attempts: integer("attempts").notNull().default(0),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    archived: integer("archived", { mode: "boolean" }).notNull().default(false),
    wordCount: integer("word_count").notNull().default(0),
    tokens: integer("tokens").notNull().default(0),
    segmentCount: integer("segment_count").notNull().default(0),
    hitCount: integer("hit_count").notNull().default(0),
    indexingLatency: real("indexing_latency"),
    /** Custom metadata values, JSON object name → value. */
    docMetadata: text("doc_metadata").notNull().default("{}"),
    processingStartedAt: integer("processing_started_at"),
    parsingCompletedAt: integer("parsing_completed_at"),
    cleaningCompletedAt: integer("cleaning_completed_at"),
    splittingCompletedAt: integer("splitting_completed_at"),
    completedAt: integer("completed_at"),
    pausedAt: integer("paused_at"),
    stoppedAt: integer("stopped_at"),
    disabledAt: integer("disabled_at"),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("documents_dataset_idx").on(t.datasetId, t.position),
    index("documents_batch_idx").on(t.datasetId, t.batch),
    uniqueIndex("documents_external_idx").on(t.datasetId, t.externalId),
  ],
);

export const segments = sqliteTable(
  "segments",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    datasetId: text("dataset_id").notNull(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    content: text("content").notNull(),
    answer: text("answer"),
    wordCount: integer("word_count").notNull(),
    tokens: integer("tokens").notNull(),
    /** JSON array of strings. */
    keywords: text("keywords").notNull().default("[]"),
    /** SHA-256 of the content (Dify's index_node_hash); the embedding is reused while it matches. */
    contentHash: text("content_hash").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    status: text("status").notNull().default("completed"),
    hitCount: integer("hit_count").notNull().default(0),
    disabledAt: integer("disabled_at"),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("segments_document_idx").on(t.documentId, t.position), index("segments_dataset_idx").on(t.datasetId)],
);

/** Parent-child mode: small chunks matched at retrieval, their parent segment returned as context. */
export const childChunks = sqliteTable(
  "child_chunks",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    datasetId: text("dataset_id").notNull(),
    documentId: text("document_id").notNull(),
    segmentId: text("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    content: text("content").notNull(),
    wordCount: integer("word_count").notNull(),
    tokens: integer("tokens").notNull(),
    contentHash: text("content_hash").notNull(),
    type: text("type").notNull().default("automatic"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("child_chunks_segment_idx").on(t.segmentId, t.position), index("child_chunks_document_idx").on(t.documentId)],
);

/** Custom metadata fields of a dataset (Dify's dataset_metadatas). */
export const datasetMetadataFields = sqliteTable(
  "dataset_metadata_fields",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    datasetId: text("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    type: text("type", { enum: ["string", "number", "time"] }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("dataset_metadata_name_idx").on(t.datasetId, t.name)],
);

/** Retrieval-testing history (Dify's dataset_queries). */
export const datasetQueries = sqliteTable(
  "dataset_queries",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    datasetId: text("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    content: text("content").notNull(),
    source: text("source").notNull(),
    /** JSON: method, top_k, result count, best score, elapsed ms. */
    details: text("details").notNull().default("{}"),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("dataset_queries_dataset_idx").on(t.datasetId, t.createdAt)],
);

/** A signed webhook that pushes documents into a dataset. */
export const datasetSources = sqliteTable(
  "dataset_sources",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    datasetId: text("dataset_id")
      .notNull()
      .unique()
      .references(() => datasets.id, { onDelete: "cascade" }),
    /** AES-GCM encrypted signing secret. */
    secret: text("secret").notNull(),
    secretHint: text("secret_hint").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
);

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    datasetId: text("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    /** Sender's delivery id (X-Kiln-Delivery / X-GitHub-Delivery) for replay detection. */
    deliveryId: text("delivery_id"),
    kind: text("kind").notNull(),
    status: integer("status").notNull(),
    /** JSON summary: created, updated, unchanged, deleted, errors. */
    summary: text("summary").notNull().default("{}"),
    error: text("error"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("webhook_deliveries_dataset_idx").on(t.datasetId, t.createdAt),
    uniqueIndex("webhook_deliveries_delivery_idx").on(t.datasetId, t.deliveryId),
  ],
);

/**
 * The local stand-in for Vectorize (no local emulation exists): vectors as base64 float32 in D1.
 * `local_vector_namespaces.version` changes on every write so per-isolate caches know to reload.
 */
export const localVectors = sqliteTable(
  "local_vectors",
  {
    id: text("id").primaryKey(),
    namespace: text("namespace").notNull(),
    values: text("values").notNull(),
    metadata: text("metadata").notNull().default("{}"),
  },
  (t) => [index("local_vectors_namespace_idx").on(t.namespace)],
);

export const localVectorNamespaces = sqliteTable("local_vector_namespaces", {
  namespace: text("namespace").primaryKey(),
  version: text("version").notNull(),
});
