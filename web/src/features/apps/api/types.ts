// The console API's app shapes, as the routes in src/routes/console/app*.ts answer them.

export type AppMode = "chat" | "completion" | "agent-chat" | "advanced-chat" | "workflow";
/** The modes the app studio (the Prompt IDE) builds. */
export type EasyMode = "chat" | "completion" | "agent-chat";
/** The modes built on the workflow canvas (features/workflow). */
export type FlowMode = "workflow" | "advanced-chat";

export interface AppSite {
  code: string;
  title: string;
  description: string;
  copyright: string | null;
  privacy_policy: string | null;
  default_language: string;
  icon_type: string;
  icon: string;
  icon_background: string;
}

export interface App {
  id: string;
  name: string;
  mode: AppMode;
  description: string;
  icon_type: string;
  icon: string;
  icon_background: string;
  enable_site: boolean;
  enable_api: boolean;
  is_published: boolean;
  site: AppSite;
  created_at: number;
  updated_at: number;
}

export interface AppDetail extends App {
  model_config: ModelConfig;
  api_base_url: string;
}

export interface AppPage {
  page: number;
  limit: number;
  total: number;
  has_more: boolean;
  data: App[];
}

export interface AppInfoInput {
  name: string;
  description?: string;
  icon_type?: "emoji" | "image";
  icon?: string;
  icon_background?: string;
}

export interface NewAppInput extends AppInfoInput {
  mode: EasyMode | FlowMode;
}

// ---- The draft configuration (Dify's `model_config`) ----

export type VariableKind = "text-input" | "paragraph" | "select" | "number" | "checkbox" | "json_object";

export interface VariableFields {
  variable: string;
  label: string;
  required: boolean;
  max_length?: number | null;
  default?: string | number | null;
  options: string[];
  hide?: boolean;
  [key: string]: unknown;
}

/** One `user_input_form` entry: `{ "<kind>": { variable, label, … } }`. */
export type UserInputItem = Partial<Record<VariableKind, VariableFields>>;

export interface CompletionParams {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  stop?: string[];
  [key: string]: unknown;
}

export interface ModerationIoConfig {
  enabled: boolean;
  preset_response?: string;
}

export interface SensitiveWordAvoidance {
  enabled: boolean;
  type: string;
  configs?: {
    keywords?: string;
    inputs_config?: ModerationIoConfig;
    outputs_config?: ModerationIoConfig;
    [key: string]: unknown;
  } | unknown[];
  [key: string]: unknown;
}

/** What the prompt IDE edits. Keys Kiln doesn't edit are kept as they are (Dify round-trips). */
export interface ModelConfig {
  model: { provider: string; name: string; mode: string; completion_params: CompletionParams; [key: string]: unknown };
  pre_prompt: string;
  user_input_form: UserInputItem[];
  opening_statement?: string | null;
  suggested_questions: string[];
  suggested_questions_after_answer: { enabled: boolean; [key: string]: unknown };
  sensitive_word_avoidance: SensitiveWordAvoidance;
  memory?: { window: { enabled: boolean; size: number } };
  dataset_configs?: DatasetConfigs | null;
  /** Completion apps: the input variable whose value is the retrieval query. */
  dataset_query_variable?: string | null;
  /** Citations: whether answers carry the segments they were grounded on. */
  retriever_resource?: { enabled: boolean; [key: string]: unknown };
  /** Agent apps: the tools the agent may call and how it reasons (Dify's `agent_mode`). */
  agent_mode?: AgentMode | null;
  /** Chat apps: a microphone in the WebApp's message box. */
  speech_to_text?: { enabled: boolean; [key: string]: unknown };
  /** Answers read aloud in the WebApp, in `voice` (an OpenAI voice; the server's default is alloy). */
  text_to_speech?: { enabled: boolean; voice?: string; language?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export type AgentStrategy = "function_call" | "react";

export interface AgentMode {
  enabled: boolean;
  strategy: AgentStrategy | null;
  max_iteration?: number;
  tools: AgentTool[];
  [key: string]: unknown;
}

/** One tool an agent may call, in Dify's fields; `tool_parameters` holds its settings (form parameters). */
export interface AgentTool {
  provider_type: "builtin" | "api" | "mcp" | "workflow";
  provider_id: string;
  provider_name: string;
  tool_name: string;
  tool_label: string;
  tool_parameters: Record<string, unknown>;
  enabled: boolean;
  [key: string]: unknown;
}

/** One step of an agent's answer: what it thought, the tool it called with what, and what came back. */
export interface AgentThought {
  id: string;
  position: number;
  thought: string;
  /** The tool called; several names joined by ";" when it called more than one at once (Dify). */
  tool: string;
  tool_labels?: Record<string, unknown>;
  /** The call's input as JSON text (an object per tool when several were called). */
  tool_input: string;
  observation: string;
  message_files?: string[];
  created_at?: number;
  [key: string]: unknown;
}

/** The knowledge an app answers from (Dify's `dataset_configs`). */
export interface DatasetConfigs {
  retrieval_model: "multiple" | "single";
  top_k: number;
  score_threshold: number | null;
  score_threshold_enabled?: boolean;
  datasets: { datasets: { dataset: { enabled: boolean; id: string; [key: string]: unknown } }[]; [key: string]: unknown };
  [key: string]: unknown;
}

export interface AppVersion {
  id: string;
  version: number;
  marked_name: string | null;
  marked_comment: string | null;
  created_by: string | null;
  created_at: number;
  is_current: boolean;
  model_config: ModelConfig;
}

// ---- API keys ----

export interface ApiKey {
  id: string;
  type: "app" | "dataset";
  /** The full token in the response that creates the key; a hint everywhere else. */
  token: string;
  last_used_at: number | null;
  created_at: number;
}

// ---- DSL import ----

export type ImportStatus = "completed" | "completed-with-warnings" | "pending" | "failed";

export interface AppImport {
  id: string;
  status: ImportStatus;
  app_id: string | null;
  app_mode: string | null;
  current_dsl_version: string;
  imported_dsl_version: string;
  error: string;
  warnings: string[];
}

// ---- Debugger stream (Dify's full converter) ----

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  total_price: string;
  currency: string;
  latency: number;
  time_to_first_token: number | null;
  [key: string]: unknown;
}

export type StreamEvent =
  | { event: "message"; task_id: string; message_id: string; conversation_id?: string; answer: string }
  | { event: "message_replace"; task_id: string; message_id: string; conversation_id?: string; answer: string }
  /** Agent apps stream their answer as these instead of `message`. */
  | { event: "agent_message"; task_id: string; message_id: string; conversation_id?: string; answer: string }
  /** Sent again with the same `id` as a step fills in (the thought, then the tool's observation). */
  | ({ event: "agent_thought"; task_id: string; message_id: string; conversation_id?: string } & AgentThought)
  | {
      event: "message_end";
      task_id: string;
      message_id: string;
      conversation_id?: string;
      metadata: {
        usage: Usage | null;
        retriever_resources?: RetrieverResource[];
        /** Set when an annotation answered instead of the model (annotation reply). */
        annotation_reply?: { id: string; account: { id: string | null; name: string } } | null;
        [key: string]: unknown;
      };
    }
  | { event: "error"; message_id?: string; conversation_id?: string; code: string; message: string; status: number };

/** A knowledge segment an answer was grounded on (Dify's `retriever_resources` item). */
export interface RetrieverResource {
  position: number;
  dataset_id?: string;
  dataset_name?: string;
  document_id?: string;
  document_name: string;
  segment_id: string;
  segment_position?: number;
  score: number | null;
  content: string;
  [key: string]: unknown;
}

// ---- Logs ----

export type MessageSource = "api" | "webapp" | "debugger";
export type MessageStatus = "normal" | "error" | "stopped";
export type Rating = "like" | "dislike";

export interface Feedback {
  rating: Rating;
  content: string | null;
}

export interface MessageLog {
  id: string;
  conversation_id: string;
  from_source: MessageSource;
  from_end_user_id: string | null;
  from_end_user_session_id: string | null;
  from_account_id: string | null;
  from_account_name: string | null;
  inputs: Record<string, unknown>;
  query: string;
  answer: string;
  status: MessageStatus;
  error: string | null;
  model_provider: string;
  model_id: string;
  message_tokens: number;
  answer_tokens: number;
  total_tokens: number;
  total_price: string;
  currency: string;
  latency: number;
  time_to_first_token: number | null;
  feedback: Feedback | null;
  admin_feedback: Feedback | null;
  /** Who wrote the answer: the model, the moderation preset, or an annotation (annotation reply). */
  reply_source: "model" | "moderation" | "annotation";
  /** Agent apps: the steps behind the answer. */
  agent_thoughts?: AgentThought[];
  created_at: number;
}

export interface Paginated<T> {
  page: number;
  limit: number;
  total: number;
  has_more: boolean;
  data: T[];
}

export interface ConversationLog {
  id: string;
  name: string;
  mode: string;
  status: string;
  from_source: MessageSource;
  from_end_user_session_id: string | null;
  from_account_name: string | null;
  inputs: Record<string, unknown>;
  introduction: string;
  message_count: number;
  created_at: number;
  updated_at: number;
  messages: MessageLog[];
  has_more_messages: boolean;
}

export interface MessageLogFilters {
  start?: number;
  end?: number;
  keyword?: string;
  source?: MessageSource;
  status?: MessageStatus;
  feedback?: Rating;
  page: number;
  limit: number;
}

// ---- Models on offer ----

export interface LlmProvider {
  provider: string;
  label: string;
  is_offline: boolean;
  /** Takes any model id the vendor serves (one of Dify's providers), not only those listed. */
  accepts_any_model?: boolean;
  models: { model: string; model_type: string }[];
}

// ---- Template gallery ----

export interface AppTemplate {
  id: string;
  name: string;
  description: string;
  mode: FlowMode;
  icon: string;
  icon_background: string;
  category: string;
}

/** One template as a DSL file, with the workspace's default model already in its LLM nodes. */
export interface AppTemplateDetail extends AppTemplate {
  export_data: string;
}
