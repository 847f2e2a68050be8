// The Markdown side of the md_exporter tools: the input text as the plugin reads it, its HTML,
// its tables and its code blocks. Parsed with marked (GitHub-flavoured Markdown: tables included).
import { Marked, type Token, type Tokens } from "marked";
import { Invalid } from "../../../lib/errors";

const marked = new Marked({ gfm: true, async: false });

const WRAPPER = "```";

/**
 * A text wrapped whole in a ``` fence loses the fence (the plugin's strip_markdown_wrapper). A
 * ```markdown fence loses its language word too, which the plugin means to do but does not (its
 * plain ``` test matches first and leaves "markdown" as the first line).
 */
export function stripMarkdownWrapper(text: string): string {
  const md = text.trim();
  if (!md.endsWith(WRAPPER)) return md;
  if (md.startsWith(`${WRAPPER}markdown`)) return md.slice(`${WRAPPER}markdown`.length, -WRAPPER.length);
  if (md.startsWith(WRAPPER)) return md.slice(WRAPPER.length, -WRAPPER.length);
  return md;
}

/**
 * The `md_text` argument as the plugin reads it: trimmed (empty is an error), without a reasoning
 * model's <think> blocks, optionally without a wrapping fence, and with literal "\n" sequences (an
 * LLM's JSON-escaped output) turned into line breaks.
 */
export function markdownText(raw: string | undefined, stripWrapper = false): string {
  let md = raw?.trim();
  if (!md) throw Invalid("Empty input md_text", ["md_text"]);
  md = md.replace(/<think>[\s\S]*?<\/think>/g, "");
  if (stripWrapper) md = stripMarkdownWrapper(md);
  if (md.includes("\\n")) md = md.replaceAll("\\n", "\n");
  return md;
}

export function markdownToHtml(md: string): string {
  return marked.parse(md) as string;
}

export function markdownTokens(md: string): Token[] {
  return marked.lexer(md);
}

const decodeEntities = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");

/** The text a reader sees of inline tokens: formatting dropped, a <br> a line break, other HTML tags removed. */
export function inlineText(tokens: Token[] | undefined): string {
  let out = "";
  for (const t of tokens ?? []) {
    if (t.type === "br") out += "\n";
    else if (t.type === "html") out += /^<br\s*\/?>$/i.test(t.text.trim()) ? "\n" : decodeEntities(t.text.replace(/<[^>]*>/g, ""));
    else if (t.type === "image") out += t.text;
    else {
      const g = t as Tokens.Generic;
      if (g.tokens?.length) out += inlineText(g.tokens);
      else if (typeof g.text === "string" && (t.type === "text" || t.type === "escape" || t.type === "codespan")) out += g.text;
    }
  }
  return out;
}

export interface MarkdownTable {
  /** The heading the plugin suggests as a sheet name: the i-th heading (h1 to h5) for the i-th table. */
  heading?: string;
  columns: string[];
  rows: string[][];
}

/** Visits every block token, list items and quotes included, in document order. */
function walk(tokens: Token[], visit: (t: Token) => void): void {
  for (const t of tokens) {
    visit(t);
    if (t.type === "list") for (const item of (t as Tokens.List).items) walk(item.tokens, visit);
    else if (t.type === "blockquote") walk((t as Tokens.Blockquote).tokens, visit);
  }
}

/**
 * Column names as pandas reads a table's header: an empty one is "Unnamed: i", and a repeated one
 * gets ".1", ".2"… so every column keeps its values.
 */
function columnNames(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, i) => {
    const name = raw.trim() || `Unnamed: ${i}`;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return n === 0 ? name : `${name}.${n}`;
  });
}

/**
 * Every table of the text with at least one row, as the plugin's parse_md_to_tables finds them (a
 * table right after a line of text counts: the plugin breaks the line before the first "|").
 * Cells are their text. No table is an error, in the plugin's words.
 */
export function markdownTables(text: string): MarkdownTable[] {
  let md = stripMarkdownWrapper(text);
  if (!md.startsWith("|") && md.includes("|")) md = md.replace("|", "\n|");
  const headings: string[] = [];
  const found: MarkdownTable[] = [];
  walk(markdownTokens(md), (t) => {
    if (t.type === "heading" && (t as Tokens.Heading).depth <= 5) {
      const name = inlineText((t as Tokens.Heading).tokens).trim();
      if (name) headings.push(name.slice(0, 30));
    } else if (t.type === "table") {
      const table = t as Tokens.Table;
      if (!table.rows.length) return;
      const columns = columnNames(table.header.map((c) => inlineText(c.tokens)));
      found.push({ columns, rows: table.rows.map((row) => columns.map((_, i) => inlineText(row[i]?.tokens).trim())) });
    }
  });
  if (!found.length) throw new Error("Failed to parse markdown to tables, exception: No available tables parsed from markdown text");
  return found.map((table, i) => (i < headings.length ? { ...table, heading: headings[i] } : table));
}

export interface CodeBlock {
  language: string;
  code: string;
}

/** Fenced code blocks, as the plugin's pattern finds them: ```lang, a line break, the code, ```. */
export function codeBlocks(md: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  for (const m of md.matchAll(/```([a-zA-Z0-9+#\-_]*)\s*\n([\s\S]*?)\n```/g)) {
    blocks.push({ language: m[1].trim() || "text", code: m[2].trim() });
  }
  return blocks;
}
