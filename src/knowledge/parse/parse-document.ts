// Turns an uploaded file's bytes into plain text for chunking, choosing the parser by extension.

import { parseCsv } from "./csv";
import { parseDoc } from "./doc";
import { parseDocx } from "./docx";
import { parseEml } from "./eml";
import { parseEpub } from "./epub";
import { extensionOf } from "./file-types";
import { parseHtml } from "./html";
import { parseJson } from "./json";
import { parseMsg } from "./msg";
import { MAX_PARSED_CHARS } from "./limits";
import { isCompoundFile } from "./ooxml";
import { ParseError } from "./parse-error";
import { parsePdf } from "./pdf";
import { parsePpt } from "./ppt";
import { parsePptx } from "./pptx";
import { parseText } from "./txt";
import { parseVtt } from "./vtt";
import { type Sheet, sheetsToText } from "./sheet-text";
import { readXlsSheets } from "./xls";
import { parseXml } from "./xml";
import { readXlsxSheets } from "./xlsx";

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
  docx: parseWord,
  doc: parseWord,
  xlsx: parseSpreadsheet,
  xls: parseSpreadsheet,
  pptx: parsePresentation,
  ppt: parsePresentation,
  epub: parseEpub,
  eml: parseEml,
  msg: parseMsg,
  xml: parseXml,
  vtt: parseVtt,
  properties: parseText,
};

/** Word documents by their content: a .doc saved as .docx (or the other way round) still reads. */
export function parseWord(bytes: Uint8Array): string | Promise<string> {
  return isCompoundFile(bytes) ? parseDoc(bytes) : parseDocx(bytes);
}

/** PowerPoint files by their content: a .ppt saved as .pptx (or the other way round) still reads. */
export function parsePresentation(bytes: Uint8Array): string | Promise<string> {
  return isCompoundFile(bytes) ? parsePpt(bytes) : parsePptx(bytes);
}

/** A workbook's sheets by its content, whatever the extension says: an old .xls renamed .xlsx still reads. */
export async function readWorkbook(bytes: Uint8Array): Promise<Sheet[]> {
  if (isCompoundFile(bytes)) return readXlsSheets(bytes);
  // A zip's first local header; anything else is not a workbook at all.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return readXlsxSheets(bytes);
  throw new ParseError("The file is not an Excel workbook (.xlsx or .xls), or it is damaged.");
}

async function parseSpreadsheet(bytes: Uint8Array): Promise<string> {
  return sheetsToText(await readWorkbook(bytes));
}

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
