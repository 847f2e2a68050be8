// The file types a knowledge base accepts, judged by the file name's extension.

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.freeze([
  "txt",
  "md",
  "markdown",
  "mdx",
  "html",
  "htm",
  "csv",
  "json",
  "pdf",
  "docx",
  "doc",
  "xlsx",
  "xls",
  "pptx",
  "ppt",
  "epub",
  "eml",
  "msg",
  "xml",
  "vtt",
  "properties",
]);

/** The lower-case extension without its dot, or null when the name has none ("README", ".env"). */
export function extensionOf(filename: string): string | null {
  const base = filename.slice(Math.max(filename.lastIndexOf("/"), filename.lastIndexOf("\\")) + 1);
  const dot = base.lastIndexOf(".");
  if (dot <= 0 || dot === base.length - 1) return null;
  return base.slice(dot + 1).toLowerCase();
}

export function isSupportedFile(filename: string): boolean {
  const extension = extensionOf(filename);
  return extension !== null && SUPPORTED_EXTENSIONS.includes(extension);
}
