// Files in Human Input forms (Dify 1.15+). A `file` input is answered with one file mapping and a
// `file-list` input with a list of them, as a run's `files` are: `{type, transfer_method,
// upload_file_id | url}`. A submission is checked as graphon's validate_human_input_submission
// checks files (a known type and transfer method, allowed by the input's types, extensions and
// upload methods, the list within its limit); an upload must be one of the workspace's, and its
// extension is the stored file's, not what the mapping claims. The answer is kept as Dify's file
// factory completes a mapping, and completed again when the run goes on (its links are fresh).
import { signedFileUrl } from "../apps/file-urls";
import { runFileObjects } from "../apps/upload-files";
import type { TenantCtx } from "../context";
import { KilnError } from "../lib/errors";
import type { FormInput } from "./nodes/human-input";

type FileInput = Extract<FormInput, { type: "file" | "file-list" }>;
type Mapping = Record<string, unknown>;

const FILE_TYPES = new Set(["image", "document", "audio", "video", "custom"]);
const TRANSFER_METHODS = new Set(["local_file", "remote_url", "tool_file", "datasource_file"]);

const isFileInput = (i: FormInput): i is FileInput => i.type === "file" || i.type === "file-list";
const isMapping = (v: unknown): v is Mapping => typeof v === "object" && v !== null && !Array.isArray(v);
const invalid = (message: string) => new KilnError("invalid_form_data", 400, message);

/** Lower case with its dot, as graphon compares extensions (".PDF" and "pdf" are ".pdf"). */
function normalExtension(e: string): string {
  const s = e.trim().toLowerCase();
  return !s || s.startsWith(".") ? s : `.${s}`;
}

/**
 * graphon's is_file_valid_with_config for a form input: a file the input's types do not name
 * falls in the custom bucket when the input allows custom files, where the extension list decides
 * (an empty list allows none); images skip the upload-method check, as there.
 */
function allowedByInput(input: FileInput, type: string, extension: string, method: string): boolean {
  if (method === "tool_file") return true;
  const types = input.allowed_file_types;
  const typeAllowed = types.length === 0 || types.includes(type);
  if (!typeAllowed && !types.includes("custom")) return false;
  if (type === "custom" || !typeAllowed) {
    const e = normalExtension(extension);
    if (!e || !input.allowed_file_extensions.some((x) => normalExtension(x) === e)) return false;
  }
  const methods = input.allowed_file_upload_methods;
  return type === "image" || methods.length === 0 || (methods as string[]).includes(method);
}

/** The input's value as a list of mappings, or Dify's error for its shape. */
function mappingsOf(input: FileInput, value: unknown): Mapping[] {
  const name = input.output_variable_name;
  if (input.type === "file") {
    if (!isMapping(value)) throw invalid(`Invalid value for file input '${name}': expected mapping`);
    return [value];
  }
  if (!Array.isArray(value)) throw invalid(`Invalid value for file list input '${name}': expected list`);
  if (!value.every(isMapping)) throw invalid(`Invalid value for file list input '${name}': expected list of mappings`);
  return value;
}

/**
 * A submission's file answers checked and completed (the other answers as they are). Throws
 * `invalid_form_data` (400) with graphon's wording for the first fault.
 */
export async function submittedFiles(ctx: TenantCtx, inputs: FormInput[], values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out = { ...values };
  for (const input of inputs.filter(isFileInput)) {
    const name = input.output_variable_name;
    const files = mappingsOf(input, values[name]);
    const notAllowed = (why: string) => invalid(`Invalid value for file input '${name}': ${why}`);
    for (const f of files) {
      if (typeof f.type !== "string" || !FILE_TYPES.has(f.type)) throw notAllowed("unsupported file type");
      if (typeof f.transfer_method !== "string" || !TRANSFER_METHODS.has(f.transfer_method)) throw notAllowed("unsupported transfer method");
    }
    let completed: unknown[];
    try {
      completed = await runFileObjects(ctx, files, name);
    } catch (err) {
      throw err instanceof KilnError ? notAllowed(err.message) : err;
    }
    for (const file of completed as Mapping[]) {
      // runFileObjects leaves an upload this workspace does not hold as it was sent.
      if (file.dify_model_identity === undefined) throw notAllowed("file not found");
      const extension = typeof file.extension === "string" ? file.extension : "";
      if (!allowedByInput(input, String(file.type), extension, String(file.transfer_method))) throw notAllowed("file is not allowed by config");
    }
    if (input.type === "file-list" && input.number_limits > 0 && completed.length > input.number_limits) {
      throw invalid(`Invalid value for file list input '${name}': exceeds number limit`);
    }
    out[name] = input.type === "file" ? completed[0] : completed;
  }
  return out;
}

/** A submitted answer's files completed again for the run that goes on (their links are fresh). */
export async function restoredFiles(ctx: TenantCtx, inputs: FormInput[], data: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out = { ...data };
  for (const input of inputs.filter(isFileInput)) {
    const v = data[input.output_variable_name];
    if (input.type === "file" && isMapping(v)) out[input.output_variable_name] = (await runFileObjects(ctx, [v]))[0];
    if (input.type === "file-list" && Array.isArray(v)) out[input.output_variable_name] = await runFileObjects(ctx, v);
  }
  return out;
}

/**
 * A stored answer's files with links signed now, for listing it: a link lasts 5 minutes, as Dify's,
 * and Dify signs its file links each time it serializes a file. The mappings were checked as the
 * workspace's when submitted, so no lookup is needed; a remote file keeps its own address.
 */
export async function freshFileLinks(appSecret: string, inputs: FormInput[], data: Record<string, unknown>, nowMs: number): Promise<Record<string, unknown>> {
  const out = { ...data };
  const fresh = async (v: unknown) => {
    if (!isMapping(v) || v.transfer_method === "remote_url" || typeof v.upload_file_id !== "string" || typeof v.url !== "string") return v;
    return { ...v, url: await signedFileUrl(appSecret, v.upload_file_id, nowMs) };
  };
  for (const input of inputs.filter(isFileInput)) {
    const v = data[input.output_variable_name];
    out[input.output_variable_name] = Array.isArray(v) ? await Promise.all(v.map(fresh)) : await fresh(v);
  }
  return out;
}
