// Which files a knowledge base accepts, checked in the browser before the upload starts so the
// user hears about a 40 MB scan or a .zip at once (the server checks again: 413 / 415).

import { SUPPORTED_EXTENSIONS } from "../../../../../src/knowledge/parse/file-types";

// The server's own list, so the two cannot drift apart.
export const ACCEPTED_EXTENSIONS: readonly string[] = SUPPORTED_EXTENSIONS;
export const ACCEPT_ATTRIBUTE = ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(",");
export const MAX_FILE_MB = 15;
export const MAX_FILES = 20;

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/** Why a file cannot be uploaded, in words; null when it can. */
export function fileProblem(file: File): string | null {
  const ext = extensionOf(file.name);
  if (!ACCEPTED_EXTENSIONS.includes(ext)) {
    return `.${ext || "?"} files aren't supported. Use TXT, Markdown, HTML, CSV, JSON, XML, PDF, Word, Excel, PowerPoint (.pptx), EPUB, e-mail (.eml), VTT or .properties.`;
  }
  if (file.size > MAX_FILE_MB * 1024 * 1024) return `This file is ${formatBytes(file.size)}; the limit is ${MAX_FILE_MB} MB.`;
  if (file.size === 0) return "This file is empty.";
  return null;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
