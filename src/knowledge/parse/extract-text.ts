// The text a workflow's document extractor gives, by Dify's rules for that node, which differ from
// what knowledge ingestion indexes: source code, markup and config files come back as written (an
// LLM reads them better whole), CSV and Excel as Markdown tables, JSON pretty-printed, YAML dumped
// again, `.properties` as `key: value` lines, and an empty file as empty text. The other types
// (PDF, Word, PowerPoint, EPUB, email) share the knowledge parsers. A file without an extension is
// judged by its MIME type, as Dify does for remote files.

import YAML from "yaml";
import { PYYAML_OPTIONS } from "../../apps/pyyaml";
import { readCsv } from "./csv";
import { parseEml } from "./eml";
import { parseMsg } from "./msg";
import { parseEpub } from "./epub";
import { extensionOf } from "./file-types";
import { MAX_PARSED_CHARS } from "./limits";
import { parsePresentation, parseWord, readWorkbook } from "./parse-document";
import { ParseError } from "./parse-error";
import { parsePdf } from "./pdf";
import { markdownTable, sheetsToMarkdown } from "./sheet-text";
import { decodeText } from "./txt";
import { parseVtt } from "./vtt";

// Read as plain text: Dify's list for this node (markup, source code, config and logs), plus .mdx.
const PLAIN = [
  "txt", "markdown", "md", "mdx", "html", "htm", "xml", "c", "h", "cpp", "hpp", "cc", "cxx", "c++", "py", "js", "ts",
  "jsx", "tsx", "java", "php", "rb", "go", "rs", "swift", "kt", "scala", "sh", "bash", "bat", "ps1", "sql", "r", "m",
  "pl", "lua", "vim", "asm", "s", "css", "scss", "less", "sass", "ini", "cfg", "conf", "toml", "env", "log", "vtt",
];

const EXTRACTORS: Record<string, (bytes: Uint8Array) => string | Promise<string>> = {
  ...Object.fromEntries(PLAIN.map((extension) => [extension, decodeText])),
  json: extractJson,
  yaml: extractYaml,
  yml: extractYaml,
  pdf: parsePdf,
  doc: parseWord,
  docx: parseWord,
  csv: extractCsv,
  xls: extractWorkbook,
  xlsx: extractWorkbook,
  pptx: parsePresentation,
  ppt: parsePresentation,
  epub: parseEpub,
  eml: parseEml,
  msg: parseMsg,
  properties: extractProperties,
};

// Dify's MIME types for a file that has no extension (its by-MIME table, plus YAML's usual names).
const BY_MIME: Record<string, string> = {
  "text/plain": "txt",
  "text/html": "html",
  "text/htm": "html",
  "text/markdown": "md",
  "text/xml": "xml",
  "application/pdf": "pdf",
  "application/msword": "doc",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "text/csv": "csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.ms-excel": "xls",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
  "application/vnd.ms-powerpoint": "ppt",
  "application/epub+zip": "epub",
  "message/rfc822": "eml",
  "application/vnd.ms-outlook": "msg",
  "application/json": "json",
  "application/x-yaml": "yaml",
  "application/yaml": "yaml",
  "text/yaml": "yaml",
  "text/vtt": "vtt-captions",
  "text/properties": "properties",
};

/**
 * The extension the file is read by: its name's, else the one the caller declared, else its MIME
 * type's; null when none of them is a type this node reads.
 */
export function extractorType(filename: string, declaredExtension: string | null | undefined, mimeType: string | null | undefined): string | null {
  const extension = extensionOf(filename) ?? (declaredExtension?.replace(/^\./, "").toLowerCase() || null);
  if (extension !== null) return extension in EXTRACTORS ? extension : null;
  const mime = (mimeType ?? "").split(";")[0].trim().toLowerCase();
  return BY_MIME[mime] ?? null;
}

/** The file's text as the document extractor gives it; `type` comes from `extractorType`. */
export async function extractText(bytes: Uint8Array, type: string): Promise<string> {
  // Dify reads captions sent as text/vtt (with no extension) as a transcript; a .vtt file as text.
  const extract = type === "vtt-captions" ? parseVtt : EXTRACTORS[type];
  if (!extract) throw new ParseError(`Unsupported file type .${type}`);
  const text = await extract(bytes);
  if (text.length > MAX_PARSED_CHARS) {
    throw new ParseError(
      `The document holds ${text.length.toLocaleString("en")} characters of text; the limit is ${MAX_PARSED_CHARS.toLocaleString("en")}. Split it into smaller files.`,
    );
  }
  return text;
}

function extractJson(bytes: Uint8Array): string {
  let value: unknown;
  try {
    value = JSON.parse(decodeText(bytes));
  } catch (error) {
    throw new ParseError(`The JSON file is not valid JSON: ${(error as Error).message}`);
  }
  return JSON.stringify(value, null, 2);
}

function extractYaml(bytes: Uint8Array): string {
  const documents = YAML.parseAllDocuments(decodeText(bytes), PYYAML_OPTIONS);
  const list = Array.isArray(documents) ? documents : [];
  const broken = list.find((doc) => doc.errors.length > 0);
  if (broken) throw new ParseError(`The YAML file is not valid YAML: ${broken.errors[0].message.split("\n")[0]}`);
  // Block style, keys in their order and list items level with their key, as PyYAML's dump writes.
  return list.map((doc) => YAML.stringify(doc.toJS(), { indentSeq: false, lineWidth: 0 })).join("---\n");
}

function extractCsv(bytes: Uint8Array): string {
  const rows = readCsv(decodeText(bytes)).filter((row) => row.some((cell) => cell !== ""));
  return rows.length === 0 ? "" : `${markdownTable(rows)}\n`;
}

async function extractWorkbook(bytes: Uint8Array): Promise<string> {
  return sheetsToMarkdown(await readWorkbook(bytes));
}

/** Each `key=value` (or `key: value`) line as `key: value`; comments and blank lines kept. */
function extractProperties(bytes: Uint8Array): string {
  // Lines as Python's splitlines() gives them: a final line break ends the last line, no more.
  return decodeText(bytes)
    .replace(/(?:\r\n|\n|\r)$/, "")
    .split(/\r\n|\n|\r/)
    .map((raw) => {
      const line = raw.trim();
      if (line === "" || line.startsWith("#") || line.startsWith("!")) return line;
      const at = line.includes("=") ? line.indexOf("=") : line.indexOf(":");
      if (at < 0) return `${line}: `;
      return `${line.slice(0, at).trim()}: ${line.slice(at + 1).trim()}`;
    })
    .join("\n");
}
