// The console API's knowledge shapes: Dify's dataset, document, segment and hit-testing views as
// src/knowledge/{datasets,documents,segments,hit-testing}.ts render them.

export interface Paged<T> {
  page: number;
  limit: number;
  total: number;
  has_more: boolean;
  data: T[];
}

export type IndexingTechnique = "high_quality" | "economy";
export type Permission = "only_me" | "all_team_members";
export type DocForm = "text_model" | "hierarchical_model" | "qa_model";
export type SearchMethod = "semantic_search" | "full_text_search" | "hybrid_search" | "keyword_search";

export interface RetrievalModel {
  search_method: SearchMethod;
  reranking_enable: boolean;
  reranking_mode?: "reranking_model" | "weighted_score" | "reciprocal_rank_fusion" | null;
  reranking_model?: { reranking_provider_name?: string | null; reranking_model_name?: string | null } | null;
  weights?: {
    weight_type?: string | null;
    vector_setting?: { vector_weight: number } | null;
    keyword_setting?: { keyword_weight: number } | null;
  } | null;
  top_k: number;
  score_threshold_enabled: boolean;
  score_threshold?: number | null;
}

export interface Dataset {
  id: string;
  name: string;
  description: string;
  permission: Permission | "partial_members";
  indexing_technique: IndexingTechnique | null;
  app_count: number;
  document_count: number;
  word_count: number;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  embedding_model: string | null;
  embedding_model_provider: string | null;
  embedding_available: boolean;
  retrieval_model_dict: RetrievalModel;
  doc_form: DocForm;
  total_documents: number;
  total_available_documents: number;
  tags: DatasetTag[];
}

/** A tag as a knowledge base lists it. */
export interface DatasetTag {
  id: string;
  name: string;
}

/** A workspace's knowledge tag; Dify sends `binding_count` as a string. */
export interface KnowledgeTag extends DatasetTag {
  type: "knowledge";
  binding_count: string;
}

export interface DatasetInput {
  name: string;
  description?: string;
  indexing_technique?: IndexingTechnique;
  permission?: Permission;
  retrieval_model?: RetrievalModel;
}

export type IndexingStatus = "waiting" | "parsing" | "cleaning" | "splitting" | "indexing" | "paused" | "error" | "completed";
export type DisplayStatus = "queuing" | "paused" | "indexing" | "error" | "available" | "disabled" | "archived";

// ---- Process rules (Dify's `process_rule`) ----

export interface Segmentation {
  separator: string;
  max_tokens: number;
  chunk_overlap?: number;
}

export interface ProcessRule {
  mode: "automatic" | "custom" | "hierarchical";
  rules?: {
    pre_processing_rules: { id: "remove_extra_spaces" | "remove_urls_emails"; enabled: boolean }[];
    segmentation: Segmentation;
    parent_mode?: "full-doc" | "paragraph";
    subchunk_segmentation?: Segmentation;
  };
}

export interface KnowledgeDocument {
  id: string;
  position: number;
  name: string;
  data_source_type: string;
  data_source_detail_dict?: { upload_file?: { name: string; size: number; extension: string; mime_type: string | null } };
  dataset_process_rule: ProcessRule | null;
  created_from: string;
  created_at: number;
  updated_at: number;
  tokens: number;
  indexing_status: IndexingStatus;
  indexing_latency: number | null;
  completed_at: number | null;
  error: string | null;
  enabled: boolean;
  archived: boolean;
  display_status: DisplayStatus;
  word_count: number;
  segment_count: number;
  hit_count: number;
  doc_form: DocForm;
}

export interface DocumentFilters {
  keyword: string;
  status: string;
}

export interface IndexingProgress {
  id: string;
  indexing_status: IndexingStatus;
  error: string | null;
  completed_segments: number;
  total_segments: number;
}

/** What a create-by-file or create-by-text answers. */
export interface CreatedDocuments {
  documents?: KnowledgeDocument[];
  document?: KnowledgeDocument;
  batch: string;
}

/** The optional `data` of an upload: how to index the file. */
export interface DocumentOptions {
  indexing_technique?: IndexingTechnique;
  process_rule?: ProcessRule;
  doc_form?: DocForm;
}

export interface PreviewChunk {
  content: string;
  tokens: number;
  children: { content: string; tokens: number }[] | null;
}

export interface ChunkPreview {
  chunks: PreviewChunk[];
  total: number;
  total_tokens: number;
}

// ---- Segments ----

export interface ChildChunk {
  id: string;
  segment_id: string;
  content: string;
  position: number;
  word_count: number;
  type: string;
}

export interface Segment {
  id: string;
  position: number;
  document_id: string;
  content: string;
  answer: string | null;
  word_count: number;
  tokens: number;
  keywords: string[];
  hit_count: number;
  enabled: boolean;
  status: string;
  created_at: number;
  updated_at: number;
  child_chunks: ChildChunk[];
}

export interface SegmentPage extends Paged<Segment> {
  doc_form: DocForm;
}

export interface SegmentFilters {
  keyword: string;
  enabled: "" | "true" | "false";
}

export interface SegmentInput {
  content?: string;
  keywords?: string[];
  enabled?: boolean;
}

// ---- Retrieval testing ----

export interface HitRecord {
  segment: Omit<Segment, "child_chunks" | "updated_at"> & {
    document: { id: string; name: string; data_source_type: string };
  };
  child_chunks: { id: string; content: string; position: number; score: number }[] | null;
  score: number;
}

export interface HitTestingResult {
  query: { content: string };
  records: HitRecord[];
}

export interface DatasetQuery {
  id: string;
  content: string;
  source: string;
  created_at: number;
  details: { search_method?: string | null; top_k?: number | null; records?: number; best_score?: number | null };
}

// ---- Webhook source ----

export interface WebhookSource {
  enabled: boolean;
  url: string;
  secret_hint: string;
  created_at: number;
  /** Only in the answer that created or rotated the secret. */
  secret?: string;
}

export interface WebhookDelivery {
  id: string;
  delivery_id?: string | null;
  kind: string;
  status: number;
  summary: { created?: number; updated?: number; unchanged?: number; deleted?: number; errors?: number } | string;
  error: string | null;
  created_at: number;
}
