// The WebApp API's shapes (Dify's `/api/*`), as the public pages use them.
import type { FileUploadSetting, FileVariable } from "../../../lib/file-inputs";
import type { HumanInputContent, HumanInputRequired } from "../../../lib/human-input";

export type AppMode = "chat" | "completion" | "agent-chat" | "advanced-chat" | "workflow";

export interface Site {
  app_id: string;
  end_user_id: string;
  enable_site: boolean;
  mode: AppMode;
  site: {
    title: string;
    icon_type: "emoji" | "image";
    icon: string;
    icon_background: string;
    icon_url: string | null;
    description: string;
    copyright: string | null;
    privacy_policy: string | null;
    default_language: string;
  };
}

export type VariableKind = "text-input" | "paragraph" | "select" | "number" | "checkbox" | "json_object";

export interface FormVariable {
  kind: VariableKind;
  variable: string;
  label: string;
  required: boolean;
  max_length?: number | null;
  default?: string | number | null;
  options: string[];
  hide?: boolean;
}

export interface Parameters {
  opening_statement: string | null;
  suggested_questions: string[];
  suggested_questions_after_answer: { enabled: boolean };
  more_like_this: { enabled: boolean };
  /** Whether answers show the knowledge passages they used. */
  retriever_resource?: { enabled: boolean };
  /** A microphone in the message box. */
  speech_to_text?: { enabled: boolean };
  /** A Read aloud button under each answer. */
  text_to_speech?: { enabled: boolean; voice?: string; language?: string };
  user_input_form: Record<string, Omit<FormVariable, "kind">>[];
  /** Whether (and which) files a message may carry. */
  file_upload?: FileUploadSetting;
}

export interface Conversation {
  id: string;
  name: string;
  inputs: Record<string, unknown>;
  status: string;
  introduction: string;
  created_at: number;
  updated_at: number;
}

export interface Page<T> {
  limit: number;
  has_more: boolean;
  data: T[];
}

export type Rating = "like" | "dislike";

export interface Message {
  id: string;
  conversation_id: string;
  inputs: Record<string, unknown>;
  query: string;
  answer: string;
  feedback: { rating: Rating } | null;
  created_at: number;
  /** `paused`: a chatflow's turn waits at a Human Input form; the rest of its answer comes later. */
  status: "normal" | "error" | "stopped" | "paused" | string;
  error: string | null;
  retriever_resources?: RetrieverResource[];
  /** Agent apps: the steps behind the answer (Dify's message field). */
  agent_thoughts?: AgentThought[];
  /** The files the visitor sent with the message; `url` is a short-lived signed link. */
  message_files?: MessageFile[];
  /** Chatflow apps: the turn's Human Input forms, open or answered. */
  extra_contents?: HumanInputContent[];
}

export interface MessageFile {
  id: string;
  filename: string;
  type: string;
  url: string | null;
  mime_type?: string | null;
}

/** One step of an agent's answer; the WebApp shows only which tools it used. */
export interface AgentThought {
  id: string;
  position: number;
  thought?: string;
  /** Several tools are joined with ";" (Dify). */
  tool?: string;
  tool_labels?: Record<string, unknown>;
  tool_input?: string;
  observation?: string;
}

/**
 * A knowledge passage an answer used. The stream carries only these fields (Dify's simple form);
 * the message list may carry more.
 */
export interface RetrieverResource {
  position: number;
  segment_id: string;
  document_name: string;
  score: number | null;
  content: string;
  document_id?: string;
  dataset_name?: string;
  segment_position?: number;
}

/** One frame of the answer stream (Dify's simple converter). */
export type StreamEvent =
  | { event: "message"; task_id: string; message_id: string; conversation_id?: string; answer: string }
  | { event: "message_replace"; task_id: string; message_id: string; conversation_id?: string; answer: string }
  /** Agent apps stream their answer as these instead of `message`. */
  | { event: "agent_message"; task_id: string; message_id: string; conversation_id?: string; answer: string }
  /** An agent step, re-sent with the same `id` as it fills in. */
  | ({ event: "agent_thought"; task_id: string; message_id: string; conversation_id?: string } & AgentThought)
  | {
      event: "message_end";
      task_id: string;
      message_id: string;
      conversation_id?: string;
      metadata?: { retriever_resources?: RetrieverResource[] };
    }
  /** Chatflow apps: a form the turn waits for; `workflow_paused` follows the last one, with no `message_end`. */
  | { event: "human_input_required"; task_id?: string; message_id: string; conversation_id?: string; data: HumanInputRequired }
  | { event: "workflow_paused"; task_id?: string; message_id: string; conversation_id?: string; data: unknown }
  | { event: "error"; message_id?: string; conversation_id?: string; code: string; message: string; status: number };

/** The form variables of an app, flattened from Dify's `{ "<kind>": {…} }` items. */
export type { FileVariable };

/** The start node's file inputs, in form order. */
export function fileVariables(parameters: Parameters): FileVariable[] {
  return parameters.user_input_form.flatMap((item) =>
    Object.entries(item)
      .filter(([kind]) => kind === "file" || kind === "file-list")
      .map(([kind, fields]) => {
        const f = fields as Partial<FileVariable> & { variable: string };
        return {
          kind: kind as FileVariable["kind"],
          variable: f.variable,
          label: f.label || f.variable,
          required: Boolean(f.required),
          hide: f.hide,
          max_length: f.max_length,
          allowed_file_types: Array.isArray(f.allowed_file_types) ? f.allowed_file_types : [],
          allowed_file_extensions: Array.isArray(f.allowed_file_extensions) ? f.allowed_file_extensions : [],
          allowed_file_upload_methods: Array.isArray(f.allowed_file_upload_methods) ? f.allowed_file_upload_methods : [],
        };
      }),
  );
}

export function formVariables(parameters: Parameters): FormVariable[] {
  return parameters.user_input_form.flatMap((item) =>
    Object.entries(item).map(([kind, fields]) => ({
      ...fields,
      kind: kind as VariableKind,
      label: fields.label || fields.variable,
      options: fields.options ?? [],
      required: Boolean(fields.required),
    })),
  );
}
