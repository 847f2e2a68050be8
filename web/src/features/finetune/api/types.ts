// The console API's fine-tuning shapes (src/routes/console/finetune-*.ts).

export interface SetFilters {
  app_id?: string | null;
  start?: number | null;
  end?: number | null;
  feedback?: "like" | null;
  annotated?: boolean | null;
  include_annotations?: boolean | null;
  model?: string | null;
  min_tokens?: number | null;
  max_tokens?: number | null;
}

export interface FinetuneSet {
  id: string;
  name: string;
  filters: SetFilters;
  validation_percent: number;
  examples: number;
  dropped: number;
  built_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface SetInput {
  name: string;
  filters?: SetFilters;
  validation_percent?: number;
}

export interface BuildResult {
  added: number;
  kept: number;
  total: number;
  notes: string[];
}

export interface ChatTurn {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface Example {
  id: string;
  source: "message" | "annotation";
  source_id: string;
  app_id: string | null;
  messages: ChatTurn[];
  query: string;
  answer: string;
  original_answer: string;
  is_edited: boolean;
  is_dropped: boolean;
  prompt_tokens: number;
  answer_tokens: number;
  total_tokens: number;
  split: "train" | "validation";
  created_at: number;
}

export interface Paginated<T> {
  page: number;
  limit: number;
  total: number;
  has_more: boolean;
  data: T[];
}

export interface SetSummary {
  base_model: string;
  n_epochs: number;
  train_count: number;
  validation_count: number;
  train_tokens: number;
  validation_tokens: number;
  estimated_cost: number | null;
  estimates: { model: string; cost: number }[];
  problem: string | null;
}

export interface ExportVersion {
  id: string;
  version: number;
  train_count: number;
  validation_count: number;
  train_tokens: number;
  train_file: string;
  validation_file: string | null;
  created_at: number;
}

export interface FinetuneProvider {
  provider: string;
  label: string;
  provider_type: "openai" | "openai_api_compatible";
  base_models: string[];
}

export type JobStatus = "pending" | "validating_files" | "queued" | "running" | "succeeded" | "failed" | "cancelled";

export interface Job {
  id: string;
  set_id: string;
  set_name: string | null;
  export_version: number;
  provider: string;
  base_model: string;
  n_epochs: number | null;
  suffix: string | null;
  status: JobStatus;
  provider_job_id: string | null;
  fine_tuned_model: string | null;
  model_name: string | null;
  is_model_registered: boolean;
  trained_tokens: number | null;
  step: number | null;
  total_steps: number | null;
  error: string | null;
  attempts: number;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface JobEvent {
  id: string;
  created_at: number;
  level: string;
  type: string;
  message: string;
  data: Record<string, unknown> | null;
}

export interface JobDetail extends Job {
  events: JobEvent[];
}

export interface StartJobInput {
  set_id: string;
  version?: number | null;
  provider: string;
  base_model: string;
  n_epochs?: number | null;
  suffix?: string | null;
}

export interface AppOption {
  id: string;
  name: string;
  mode: string;
}

export interface LlmProvider {
  provider: string;
  label: string;
  models: { model: string; model_type: string }[];
}
