// Human Input forms (Dify 1.13+): the form a paused workflow run waits for, as the WebApp, the
// form page and the editor's debugger draw it, and the rules for answering one.
import { type FileValues, type FileVariable, fileInputs, validateFiles } from "./file-inputs";

export type ButtonStyle = "primary" | "default" | "accent" | "ghost";

export interface HumanInputAction {
  id: string;
  title: string;
  button_style: ButtonStyle;
}

export type HumanInputField =
  | { type: "paragraph"; output_variable_name: string }
  | { type: "select"; output_variable_name: string; option_source?: { type: string; value: string[] } }
  | {
      type: "file" | "file-list";
      output_variable_name: string;
      allowed_file_types?: string[];
      allowed_file_extensions?: string[];
      allowed_file_upload_methods?: string[];
      /** How many files a `file-list` takes (0: no limit). */
      number_limits?: number;
    };

type FileField = Extract<HumanInputField, { type: "file" | "file-list" }>;
export const isFileField = (f: HumanInputField): f is FileField => f.type === "file" || f.type === "file-list";

/** How many files the form's page lets a list take when the form sets no limit. */
const OPEN_LIST_LIMIT = 10;

/** A file input as the file pickers take one: a single file is required, a list may be empty. */
export function fileVariableOf(field: FileField): FileVariable {
  return {
    kind: field.type,
    variable: field.output_variable_name,
    label: field.output_variable_name,
    required: field.type === "file",
    max_length: field.number_limits && field.number_limits > 0 ? field.number_limits : OPEN_LIST_LIMIT,
    allowed_file_types: field.allowed_file_types,
    allowed_file_extensions: field.allowed_file_extensions,
    allowed_file_upload_methods: field.allowed_file_upload_methods,
  };
}

/**
 * The answer's inputs: the text values, and each file input's files as file objects (a list
 * input with none is an empty list: every input of a form must be answered).
 */
export function submissionInputs(form: HumanInputFormView, values: Record<string, string>, files: FileValues): Record<string, unknown> {
  const fileFields = form.inputs.filter(isFileField);
  const out: Record<string, unknown> = { ...values, ...fileInputs(fileFields.map(fileVariableOf), files) };
  for (const f of fileFields) if (f.type === "file-list") out[f.output_variable_name] ??= [];
  return out;
}

/** What a form shows and accepts. */
export interface HumanInputFormView {
  /** Markdown with the run's values filled in; `{{#$output.NAME#}}` marks where input NAME goes. */
  form_content: string;
  inputs: HumanInputField[];
  actions: HumanInputAction[];
  resolved_default_values: Record<string, unknown>;
  /** Epoch seconds. */
  expiration_time: number;
}

/** A `human_input_required` event's data: one form a paused run waits for. */
export interface HumanInputRequired extends HumanInputFormView {
  form_id: string;
  node_id: string;
  node_title: string;
  display_in_ui: boolean;
  /** The web page's credential; null when the form is delivered some other way (e-mail only). */
  form_token: string | null;
}

/**
 * A chatflow message's Human Input form as the message lists carry it (Dify's `extra_contents`
 * item): open, with its definition (and token when the web page may answer it), or answered.
 */
export interface HumanInputContent {
  type: "human_input";
  workflow_run_id: string;
  submitted: boolean;
  form_definition: Omit<HumanInputRequired, "form_token"> & { form_token?: string };
  form_submission_data?: AnsweredFormData;
}

/** What an answered form records: its Markdown with the answers in, and the action chosen. */
export interface AnsweredFormData {
  node_id: string;
  node_title: string;
  rendered_content: string;
  action_id: string;
  action_text: string;
  submitted_data?: Record<string, unknown>;
}

/** An answered form of a turn, as its record shows it. */
export type AnsweredForm = AnsweredFormData & { form_id: string };

/** The forms a listed message still waits for, as the stream's human_input_required gave them. */
export function openForms(contents: HumanInputContent[] | undefined): HumanInputRequired[] {
  return (contents ?? [])
    .filter((c) => c.type === "human_input" && !c.submitted)
    .map((c) => ({ ...c.form_definition, form_token: c.form_definition.form_token ?? null }));
}

/** The forms a listed message's run had answered, oldest first (Dify's `humanInputFilledFormDataList`). */
export function answeredForms(contents: HumanInputContent[] | undefined): AnsweredForm[] {
  return (contents ?? []).flatMap((c) =>
    c.type === "human_input" && c.submitted && c.form_submission_data ? [{ ...c.form_submission_data, form_id: c.form_definition.form_id }] : [],
  );
}

export interface HumanInputSubmission {
  inputs: Record<string, unknown>;
  action: string;
}

export type FormPart = { kind: "text"; text: string } | { kind: "field"; name: string };

// Dify's output placeholder: a variable name of at most 30 characters.
const PLACEHOLDER = /\{\{#\$output\.([A-Za-z_][A-Za-z0-9_]{0,29})#\}\}/g;

/** The content cut at its placeholders: Markdown pieces, and each input (once) where it first appears. */
export function formParts(content: string): FormPart[] {
  const parts: FormPart[] = [];
  const seen = new Set<string>();
  let at = 0;
  for (const m of content.matchAll(PLACEHOLDER)) {
    const text = content.slice(at, m.index);
    if (text.trim()) parts.push({ kind: "text", text });
    at = m.index + m[0].length;
    if (seen.has(m[1])) continue;
    seen.add(m[1]);
    parts.push({ kind: "field", name: m[1] });
  }
  const rest = content.slice(at);
  if (rest.trim()) parts.push({ kind: "text", text: rest });
  return parts;
}

export const optionsOf = (field: HumanInputField): string[] => (field.type === "select" ? (field.option_source?.value ?? []) : []);

/** The values a form opens with: each input's resolved default (a select's only if it is one of its options). */
export function initialFormValues(form: HumanInputFormView): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of form.inputs) {
    const raw = form.resolved_default_values[field.output_variable_name];
    const text = raw === undefined || raw === null ? "" : typeof raw === "string" ? raw : JSON.stringify(raw);
    if (field.type === "paragraph") values[field.output_variable_name] = text;
    if (field.type === "select") values[field.output_variable_name] = optionsOf(field).includes(text) ? text : "";
  }
  return values;
}

/** Problems with the values (and files) before sending them, by input name. */
export function checkFormValues(form: HumanInputFormView, values: Record<string, string>, files: FileValues = {}): Record<string, string> {
  const problems: Record<string, string> = validateFiles(form.inputs.filter(isFileField).map(fileVariableOf), files);
  for (const field of form.inputs) {
    if (field.type === "select" && !optionsOf(field).includes(values[field.output_variable_name] ?? "")) {
      problems[field.output_variable_name] = `Choose one of the options for ${field.output_variable_name}.`;
    }
  }
  return problems;
}

/** Whether a refused submission means the form can't be answered any more (Dify's 412s, an unknown form). */
export function isFormClosed(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return status === 412 || status === 404;
}

/** A refused submission or form in words a person can act on. */
export function formErrorMessage(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === "human_input_form_submitted") return "This form has already been submitted, so it can't be answered again.";
  if (code === "human_input_form_expired") return "This form has expired: the workflow no longer waits for an answer.";
  if (code === "not_found") return "This form doesn't exist (any more). Check the link, or ask whoever sent it for a new one.";
  return typeof message === "string" && message ? message : "Something went wrong. Try again.";
}

/** Waits `ms` (between two looks at a paused run), or rejects with an AbortError when `signal` aborts. */
export function waitOrAbort(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(new DOMException("Aborted", "AbortError"));
      },
      { once: true },
    );
  });
}
