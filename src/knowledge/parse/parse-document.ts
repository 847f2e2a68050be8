// Turns an uploaded file's bytes into plain text for chunking, choosing the parser by extension.

import { parseCsv } from "./csv";
import { parseDocx } from "./docx";
import { extensionOf } from "./file-types";
import { parseHtml } from "./html";
import { parseJson } from "./json";
import { ParseError } from "./parse-error";
import { parsePdf } from "./pdf";
import { parseText } from "./txt";
import { parseVtt } from "./vtt";
import { parseXlsx } from "./xlsx";

/** Bigger output is refused rather than cut: a silently truncated document answers wrongly. */
export const MAX_PARSED_CHARS = 20_000_000;

const PARSERS: Record<string, (bytes: Uint8Array) => string | Promise<string>> = {
  txt: parseText,
  md: parseText,
  markdown: parseText,
  mdx: parseText,
  html: parseHtml,
  htm: parseHtml,
  csv: parseCsv,
  json: parseJson,
  pdf: parsePdf,
  docx: parseDocx,
  xlsx: parseXlsx,
  vtt: parseVtt,
  properties: parseText,
};

export async function parseDocument(input: {
  bytes: Uint8Array;
  filename: string;
  mimeType?: string | null;
}): Promise<{ text: string }> {
  const extension = extensionOf(input.filename);
  const parse = extension === null ? undefined : PARSERS[extension];
  if (!parse) throw new ParseError(extension ? `Unsupported file type .${extension}` : "The file name has no extension.");
  const text = await parse(input.bytes);
  if (text.trim() === "") throw new ParseError("The document contains no text.");
  if (text.length > MAX_PARSED_CHARS) {
    throw new ParseError(
      `The document holds ${text.length.toLocaleString("en")} characters of text; the limit is ${MAX_PARSED_CHARS.toLocaleString("en")}. Split it into smaller files.`,
    );
  }
  return { text };
}
