// Files for a workflow's file inputs (the hosted page's and the debugger's): which of Dify's file
// types a file is, what the picker offers, the checks made before a run, and the file objects the
// run takes.

/** A start-node input that takes files: one (`file`) or several (`file-list`). */
export interface FileVariable {
  kind: "file" | "file-list";
  variable: string;
  label: string;
  required: boolean;
  hide?: boolean;
  /** How many files a `file-list` takes. */
  max_length?: number | null;
  allowed_file_types?: string[];
  allowed_file_extensions?: string[];
}

/** Dify's extension lists per file type (api/constants); anything else is a custom file. */
const EXTENSIONS: Record<string, string[]> = {
  image: ["jpg", "jpeg", "png", "webp", "gif", "svg"],
  document: ["txt", "markdown", "md", "mdx", "pdf", "html", "htm", "xlsx", "xls", "vtt", "properties", "doc", "docx", "csv", "eml", "msg", "pptx", "ppt", "xml", "epub"],
  audio: ["mp3", "m4a", "wav", "amr", "mpga"],
  video: ["mp4", "mov", "mpeg", "webm"],
};

/** One file picked for an input: being uploaded, stored (with its id), or refused. */
export interface PickedFile {
  key: string;
  name: string;
  size: number;
  status: "uploading" | "done" | "error";
  id?: string;
  error?: string;
  /** A local link to an image's bytes, to show it before (and without) the server's copy. */
  preview?: string;
}

export type FileValues = Record<string, PickedFile[]>;

const extensionOf = (name: string) => (name.includes(".") ? name.slice(name.lastIndexOf(".") + 1).toLowerCase() : "");
const customExtensions = (v: FileVariable) => (v.allowed_file_extensions ?? []).map((e) => e.replace(/^\./, "").toLowerCase());

/**
 * The file's type for this input as Dify's page decides it: `custom` when the input takes custom
 * files, else by extension; null when the input does not take it.
 */
export function fileTypeFor(v: FileVariable, name: string): string | null {
  const ext = extensionOf(name);
  const allowed = v.allowed_file_types ?? [];
  if (allowed.includes("custom")) {
    const custom = customExtensions(v);
    if (custom.length === 0 || custom.includes(ext)) return "custom";
  }
  const type = Object.keys(EXTENSIONS).find((t) => EXTENSIONS[t].includes(ext)) ?? null;
  if (allowed.length === 0) return type ?? "custom";
  return type && allowed.includes(type) ? type : null;
}

/** The picker's `accept`: the extensions the input takes, or nothing when it takes any file. */
export function acceptFor(v: FileVariable): string | undefined {
  const allowed = v.allowed_file_types ?? [];
  if (allowed.length === 0 || (allowed.includes("custom") && customExtensions(v).length === 0)) return undefined;
  const exts = allowed.flatMap((t) => (t === "custom" ? customExtensions(v) : (EXTENSIONS[t] ?? [])));
  return exts.map((e) => `.${e}`).join(",");
}

/** How many files the input takes. */
export const fileLimit = (v: FileVariable) => (v.kind === "file" ? 1 : Math.max(1, v.max_length ?? 5));

export function validateFiles(variables: FileVariable[], values: FileValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const v of variables) {
    if (v.hide) continue;
    const picked = values[v.variable] ?? [];
    if (picked.some((f) => f.status === "uploading")) errors[v.variable] = `Wait for ${v.label} to finish uploading.`;
    else if (v.required && !picked.some((f) => f.status === "done")) errors[v.variable] = `${v.label} is required.`;
  }
  return errors;
}

/** The stored files as the run's inputs: one file object, or a list of them. */
export function fileInputs(variables: FileVariable[], values: FileValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of variables) {
    const files = (values[v.variable] ?? [])
      .filter((f) => f.status === "done" && f.id)
      .map((f) => ({ type: fileTypeFor(v, f.name) ?? "custom", transfer_method: "local_file", upload_file_id: f.id }));
    if (files.length === 0) continue;
    out[v.variable] = v.kind === "file" ? files[0] : files;
  }
  return out;
}

/** An app's file upload setting (Dify's `file_upload`, new or old shape), as `GET /parameters` gives it. */
export interface FileUploadSetting {
  enabled?: boolean;
  allowed_file_types?: string[];
  allowed_file_extensions?: string[];
  number_limits?: number;
  image?: { enabled?: boolean; number_limits?: number };
}

/**
 * The files a chat message may carry, as one file-list input, or null when the app takes none:
 * the new setting names its types, the old one (`image.enabled`) takes images.
 */
export function messageFilesInput(setting: FileUploadSetting | null | undefined, label = "This message"): FileVariable | null {
  if (!setting) return null;
  if (setting.enabled === true) {
    return {
      kind: "file-list",
      variable: "files",
      label,
      required: false,
      max_length: setting.number_limits ?? 3,
      allowed_file_types: setting.allowed_file_types?.length ? setting.allowed_file_types : ["image"],
      allowed_file_extensions: setting.allowed_file_extensions ?? [],
    };
  }
  if (setting.image?.enabled === true) {
    return { kind: "file-list", variable: "files", label, required: false, max_length: setting.image.number_limits ?? 3, allowed_file_types: ["image"] };
  }
  return null;
}

/** The uploaded files as a message's `files`: Dify's file objects, typed for `input`. */
export function messageFileRefs(input: FileVariable, files: PickedFile[]): Record<string, unknown>[] {
  return files
    .filter((f) => f.status === "done" && f.id)
    .map((f) => ({ type: fileTypeFor(input, f.name) ?? "custom", transfer_method: "local_file", upload_file_id: f.id }));
}
