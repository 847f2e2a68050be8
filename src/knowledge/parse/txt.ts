// Plain text and Markdown: the bytes decoded as they are. Markdown stays Markdown because its
// headings help retrieval.

/**
 * UTF-8 without its byte-order mark; UTF-16 when a byte-order mark says so (Notepad's "Unicode");
 * bytes that are not valid UTF-8 are read as windows-1252, the usual encoding of text saved by
 * older Windows programs.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

export function parseText(bytes: Uint8Array): string {
  return decodeText(bytes);
}
