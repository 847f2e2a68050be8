// A tool's parameters as a form: every value is typed as text on screen, then turned into the
// JSON value the tool expects (numbers, booleans, objects) before a test call.
import type { ToolParameter } from "../api/types";

export type ParamValues = Record<string, string>;

function initialText(p: ToolParameter): string {
  if (p.default === undefined || p.default === null) return p.type === "boolean" ? "false" : "";
  return typeof p.default === "string" ? p.default : JSON.stringify(p.default);
}

export function initialParamValues(parameters: ToolParameter[]): ParamValues {
  return Object.fromEntries(parameters.map((p) => [p.name, initialText(p)]));
}

const KINDS: Record<string, string[]> = {
  audio: ["mp3", "m4a", "wav", "webm", "amr", "mpga", "mpeg", "ogg", "flac"],
  image: ["jpg", "jpeg", "png", "gif", "webp", "svg"],
  video: ["mp4", "mov", "mpeg4"],
  document: ["txt", "md", "markdown", "pdf", "html", "htm", "csv", "json", "docx", "xlsx", "xls", "pptx", "xml", "epub"],
};

/** Dify's file type and extension of a file name ("custom" for a type Dify does not name). */
function kindOf(name: string): { type: string; extension: string } {
  const ext = name.includes(".") ? name.slice(name.lastIndexOf(".") + 1).toLowerCase() : "";
  const type = Object.entries(KINDS).find(([, exts]) => exts.includes(ext))?.[0] ?? "custom";
  return { type, extension: ext ? `.${ext}` : "" };
}

/** A file given by its URL as Dify's file object (a remote file), its type read from the extension. */
function remoteFile(url: string): Record<string, unknown> {
  const name = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "") || "file";
  const { type, extension } = kindOf(name);
  return { type, transfer_method: "remote_url", url, remote_url: url, filename: name, extension };
}

/** A file uploaded from the test form, as the field's text: Dify's local file object, as JSON. */
export function uploadedFileValue(id: string, name: string): string {
  return JSON.stringify({ ...kindOf(name), transfer_method: "local_file", upload_file_id: id, filename: name });
}

/** The name of the uploaded file a field holds, or null when it holds a URL or nothing. */
export function uploadedFileName(value: string): string | null {
  if (!value.startsWith("{")) return null;
  try {
    const parsed = JSON.parse(value) as { transfer_method?: unknown; filename?: unknown };
    return parsed.transfer_method === "local_file" && typeof parsed.filename === "string" ? parsed.filename : null;
  } catch {
    return null;
  }
}

export type ParamsResult = { ok: true; args: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

/** The call's arguments, or what is wrong with each field, in words. Blank optional fields are left out. */
export function toToolArgs(parameters: ToolParameter[], values: ParamValues): ParamsResult {
  const args: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const p of parameters) {
    const text = (values[p.name] ?? "").trim();
    if (!text) {
      if (p.required && p.type !== "boolean") errors[p.name] = `${p.label || p.name} is required.`;
      continue;
    }
    switch (p.type) {
      case "number": {
        const n = Number(text);
        if (Number.isFinite(n)) args[p.name] = n;
        else errors[p.name] = "Enter a number.";
        break;
      }
      case "boolean":
        args[p.name] = text === "true";
        break;
      case "object":
      case "array": {
        try {
          const parsed: unknown = JSON.parse(text);
          const isArray = Array.isArray(parsed);
          if (p.type === "array" ? isArray : parsed !== null && typeof parsed === "object" && !isArray) args[p.name] = parsed;
          else errors[p.name] = p.type === "array" ? "Enter a JSON array, e.g. [1, 2]." : 'Enter a JSON object, e.g. {"key": "value"}.';
        } catch {
          errors[p.name] = "This isn't valid JSON.";
        }
        break;
      }
      case "file": {
        // A URL, or Dify's file object as JSON.
        try {
          const parsed: unknown = text.startsWith("{") ? JSON.parse(text) : remoteFile(text);
          if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) args[p.name] = parsed;
          else errors[p.name] = "Enter the file's URL.";
        } catch {
          errors[p.name] = "Enter the file's URL (https://…) or its file object as JSON.";
        }
        break;
      }
      default:
        args[p.name] = values[p.name];
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, args };
}
