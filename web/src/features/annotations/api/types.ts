// The console API's annotation shapes (src/routes/console/app-annotations.ts), as Dify names them.

export interface Annotation {
  id: string;
  question: string;
  answer: string;
  hit_count: number;
  created_at: number;
  /** Who wrote it; null for annotations made through the Service API. */
  account: { id: string; name: string } | null;
}

export interface AnnotationPage {
  data: Annotation[];
  /** Dify's meaning: this page is full (there may be more). */
  has_more: boolean;
  limit: number;
  total: number;
  page: number;
}

export type JobStatus = "waiting" | "processing" | "completed" | "error";

export interface AnnotationJob {
  job_id: string;
  job_status: JobStatus;
  error_msg?: string;
}

export interface ImportResult extends AnnotationJob {
  record_count: number;
}

export interface AnnotationSetting {
  id?: string;
  enabled: boolean;
  score_threshold?: number;
  embedding_model?: { embedding_provider_name: string; embedding_model_name: string };
}

export interface HitHistory {
  id: string;
  /** `api` (Service API and WebApp) or `console` (the debugger). */
  source: string;
  score: number;
  question: string;
  created_at: number;
  match: string;
  response: string;
}

export interface EmbeddingProvider {
  provider: string;
  label: string;
  is_offline: boolean;
  models: { model: string; model_type: string }[];
}
