// Files for a workflow's file inputs (the hosted page's and the debugger's) and a chat message's
// attachments: which of Dify's file types a file is, what the picker offers, files given by their
// link, the checks made before a run, and the file objects the run takes.

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
  /** `local_file` (an upload from the device) and `remote_url` (a link); none named takes both. */
  allowed_file_upload_methods?: string[];
}

/** Dify's extension lists per file type (api/constants); anything else is a custom file. */
const EXTENSIONS: Record<string, string[]> = {
  image: ["jpg", "jpeg", "png", "webp", "gif", "svg"],
  document: ["txt", "markdown", "md", "mdx", "pdf", "html", "htm", "xlsx", "xls", "vtt", "properties", "doc", "docx", "csv", "eml", "msg", "pptx", "ppt", "xml", "epub"],
  audio: ["mp3", "m4a", "wav", "amr", "mpga"],
  video: ["mp4", "mov", "mpeg", "webm"],
};

/** One file picked for an input: being uploaded, stored (with its id), given as a link, or refused. */
export interface PickedFile {
  key: string;
  name: string;
  size: number;
  status: "uploading" | "done" | "error";
  id?: string;
  /** A file given by its link: nothing is uploaded, the run fetches it. */
  url?: string;
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

const methodsOf = (v: FileVariable) => v.allowed_file_upload_methods ?? [];
/** Whether the input takes files from the device. */
export const takesUploads = (v: FileVariable) => methodsOf(v).length === 0 || methodsOf(v).includes("local_file");
/** Whether the input takes files by their link. */
export const takesLinks = (v: FileVariable) => methodsOf(v).length === 0 || methodsOf(v).includes("remote_url");

/**
 * A file given by its link, named as Dify names one (the last segment of its path): ready, or
 * refused when the link is not a web address or names a kind of file the input does not take.
 */
export function linkedFile(v: FileVariable, link: string): PickedFile {
  const key = `link-${Math.random().toString(36).slice(2)}`;
  let url: URL | null = null;
  try {
    url = new URL(link.trim());
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    return { key, name: link.trim() || "Link", size: 0, status: "error", error: "Enter a link that starts with https:// or http://." };
  }
  let name = url.hostname;
  try {
    name = decodeURIComponent(url.pathname.split("/").filter(Boolean).at(-1) ?? "") || url.hostname;
  } catch {
    // A malformed escape: the host names it.
  }
  const type = fileTypeFor(v, name);
  if (!type) return { key, name, size: 0, status: "error", error: `${v.label} doesn't take this kind of file.` };
  return { key, name, size: 0, status: "done", url: url.href };
}

/** A ready file as Dify's file object for `v`: an upload by its id, a link by its URL. */
function fileObject(v: FileVariable, f: PickedFile): Record<string, unknown> {
  const type = fileTypeFor(v, f.name) ?? "custom";
  return f.url ? { type, transfer_method: "remote_url", url: f.url } : { type, transfer_method: "local_file", upload_file_id: f.id };
}

/** The files that are ready to send. */
export const readyFiles = (files: PickedFile[]) => files.filter((f) => f.status === "done" && (f.id || f.url));

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
    const files = readyFiles(values[v.variable] ?? []).map((f) => fileObject(v, f));
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
  allowed_file_upload_methods?: string[];
  number_limits?: number;
  image?: { enabled?: boolean; number_limits?: number; [key: string]: unknown };
  [key: string]: unknown;
}

/** A file upload setting in Dify's current shape, with its lists and limit filled in. */
export type FullFileUploadSetting = FileUploadSetting & {
  enabled: boolean;
  allowed_file_types: string[];
  allowed_file_upload_methods: string[];
  number_limits: number;
};

const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/**
 * An app's or chatflow's file upload setting (absent, Dify's current shape, or the old `image`
 * block) in the current shape; turned on fresh it takes up to three images, from the device or a
 * link (Dify's defaults). Keys it does not know are kept.
 */
export function fileUploadSetting(raw: unknown): FullFileUploadSetting {
  const setting = (raw !== null && typeof raw === "object" && !Array.isArray(raw) ? raw : {}) as FileUploadSetting;
  const types = strings(setting.allowed_file_types);
  const methods = strings(setting.allowed_file_upload_methods);
  const limit = Number(setting.number_limits ?? setting.image?.number_limits ?? 3);
  return {
    ...setting,
    enabled: setting.enabled === true || setting.image?.enabled === true,
    allowed_file_types: types.length ? types : ["image"],
    allowed_file_upload_methods: methods.length ? methods : ["local_file", "remote_url"],
    number_limits: Number.isInteger(limit) && limit > 0 ? limit : 3,
  };
}

/** The setting with `patch` applied, as it is saved: the current shape and, for Dify's older clients, the image block. */
export function withFileUpload(raw: unknown, patch: Partial<FullFileUploadSetting>): FullFileUploadSetting {
  const next = { ...fileUploadSetting(raw), ...patch };
  return {
    ...next,
    image: {
      ...next.image,
      enabled: next.enabled && next.allowed_file_types.includes("image"),
      number_limits: next.number_limits,
      detail: next.image?.detail ?? "high",
      transfer_methods: next.allowed_file_upload_methods,
    },
  };
}

/**
 * The files a chat message may carry, as one file-list input, or null when the app takes none:
 * the new setting names its types and methods, the old one (`image.enabled`) takes images.
 */
export function messageFilesInput(setting: FileUploadSetting | null | undefined, label = "This message"): FileVariable | null {
  if (!setting) return null;
  if (setting.enabled === true) {
    const methods = setting.allowed_file_upload_methods ?? [];
    if (methods.length > 0 && !methods.includes("local_file") && !methods.includes("remote_url")) return null;
    return {
      kind: "file-list",
      variable: "files",
      label,
      required: false,
      max_length: setting.number_limits ?? 3,
      allowed_file_types: setting.allowed_file_types?.length ? setting.allowed_file_types : ["image"],
      allowed_file_extensions: setting.allowed_file_extensions ?? [],
      allowed_file_upload_methods: methods,
    };
  }
  if (setting.image?.enabled === true) {
    return { kind: "file-list", variable: "files", label, required: false, max_length: setting.image.number_limits ?? 3, allowed_file_types: ["image"] };
  }
  return null;
}

/** The ready files as a message's `files`: Dify's file objects, typed for `input`. */
export function messageFileRefs(input: FileVariable, files: PickedFile[]): Record<string, unknown>[] {
  return readyFiles(files).map((f) => fileObject(input, f));
}
