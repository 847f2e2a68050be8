// HTML to readable text without a DOM (Workers has none, and HTMLRewriter is not available in unit
// tests): a small tokenizer that drops what a reader never sees and turns block elements into line
// breaks, keeping headings as Markdown "#"s because they help retrieval.

import { decodeEntities } from "./html-entities";
import { decodeText } from "./txt";

// Elements whose content is never read as page text.
const HIDDEN = new Set(["script", "style", "noscript", "head", "template", "svg", "math", "iframe", "object"]);
const PARAGRAPH = new Set([
  "p", "pre", "blockquote", "table", "ul", "ol", "dl", "section", "article", "header", "footer",
  "main", "aside", "nav", "figure", "form", "fieldset", "address", "details", "hr",
]);
const LINE = new Set(["br", "div", "li", "tr", "dt", "dd", "caption", "figcaption", "summary", "legend", "option", "body"]);

type Tag = { name: string; closing: boolean; selfClosing: boolean };

export function parseHtml(bytes: Uint8Array): string {
  return htmlToText(decodeHtml(bytes));
}

export function htmlToText(html: string): string {
  const out = new TextBuilder();
  const lists: { ordered: boolean; count: number }[] = [];
  let preDepth = 0;
  // Open tables, innermost last: the cells begun on the current row and whether one is open
  // (end tags of cells and rows are optional in HTML, so a new cell or row closes the last one).
  const tables: { cells: number; inCell: boolean }[] = [{ cells: 0, inCell: false }];
  /** A list item's marker is written and no text has followed: its first paragraph goes on that line. */
  let itemStart = false;
  for (const token of tokenize(html)) {
    // A cell's content stays on its row: paragraphs in a cell (as Word's tables have) and a nested
    // table's rows run together with spaces instead of breaking the row.
    const inCell = tables.some((t) => t.inCell);
    if (typeof token === "string") {
      out.text(decodeEntities(token), preDepth > 0 && !inCell);
      if (token.trim() !== "") itemStart = false;
      continue;
    }
    const { name, closing } = token;
    const table = tables[tables.length - 1];
    const heading = /^h([1-6])$/.exec(name);
    if (name === "td" || name === "th") {
      if (!closing && table.cells++ > 0) out.text(" | ", false);
      table.inCell = !closing;
    } else if (name === "table" || name === "tr") {
      if (name === "tr") {
        table.cells = 0;
        table.inCell = false;
      } else if (!closing) tables.push({ cells: 0, inCell: false });
      else if (tables.length > 1) tables.pop();
      // Whether a cell of an outer table is still open, now that this table or row closed its own.
      if (tables.some((t) => t.inCell)) out.text(" ", false);
      else out.breakLines(name === "tr" ? 1 : 2);
    } else if (inCell) {
      if (heading || PARAGRAPH.has(name) || LINE.has(name)) out.text(" ", false);
    } else if (heading) {
      out.breakLines(2);
      if (!closing) out.text(`${"#".repeat(Number(heading[1]))} `, true);
    } else if (name === "ul" || name === "ol") {
      if (closing) lists.pop();
      else lists.push({ ordered: name === "ol", count: 0 });
      out.breakLines(lists.length > (closing ? 0 : 1) ? 1 : 2);
    } else if (name === "li" && !closing) {
      const list = lists.at(-1);
      const indent = "  ".repeat(Math.max(lists.length - 1, 0));
      out.breakLines(1);
      out.text(`${indent}${list?.ordered ? `${++list.count}.` : "-"} `, true);
      itemStart = true;
    } else if (itemStart && !closing && (name === "p" || name === "div")) {
      // <li><p>text</p></li>, as Word's lists and footnotes come: the text stays on the marker's line.
    } else if (name === "p" && lists.length > 0) {
      // Paragraphs within a list item are lines of it, not blocks between the items.
      out.breakLines(1);
    } else if (PARAGRAPH.has(name)) {
      if (name === "pre") preDepth = Math.max(preDepth + (closing ? -1 : 1), 0);
      out.breakLines(2);
    } else if (LINE.has(name)) {
      out.breakLines(1);
    }
  }
  return out.toString();
}

/**
 * Text runs and tags, in order; comments, doctypes and hidden elements are skipped. Written as a
 * scanner rather than one big regular expression so that malformed input (a "<" with no ">", an
 * unclosed quote) costs linear time instead of backtracking.
 */
function* tokenize(html: string): Generator<string | Tag> {
  let textStart = 0;
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf("<", at);
    if (lt < 0) break;
    const next = html[lt + 1] ?? "";
    let end: number;
    let tag: Tag | undefined;
    if (html.startsWith("!--", lt + 1)) {
      end = after(html, "-->", lt + 4);
    } else if (next === "!" || next === "?") {
      end = after(html, ">", lt + 2);
    } else {
      const name = /\/?([a-zA-Z][a-zA-Z0-9:-]*)/y;
      name.lastIndex = lt + 1;
      const found = name.exec(html);
      if (!found) {
        at = lt + 1;
        continue;
      }
      end = endOfTag(html, name.lastIndex);
      const closing = found[0].startsWith("/");
      tag = { name: found[1].toLowerCase(), closing, selfClosing: html[end - 2] === "/" };
    }
    if (lt > textStart) yield html.slice(textStart, lt);
    if (tag && HIDDEN.has(tag.name)) {
      if (!tag.closing && !tag.selfClosing) end = endOfHidden(html, tag.name, end);
    } else if (tag) {
      yield tag;
    }
    at = textStart = end;
  }
  if (textStart < html.length) yield html.slice(textStart);
}

function after(html: string, marker: string, from: number): number {
  const found = html.indexOf(marker, from);
  return found < 0 ? html.length : found + marker.length;
}

/** Just past the ">" that ends a tag; quoted attribute values may contain ">". */
function endOfTag(html: string, from: number): number {
  // A quote opens a quoted value only after "=", as in browsers: elsewhere (a stray `"` where an
  // attribute name goes, as in `<div "="">`) it is an ordinary character.
  let valueStarts = false;
  for (let i = from; i < html.length; i++) {
    const c = html[i];
    if (c === ">") return i + 1;
    if (valueStarts && (c === '"' || c === "'")) {
      const close = html.indexOf(c, i + 1);
      if (close < 0) return html.length;
      i = close;
      valueStarts = false;
    } else if (c === "=") valueStarts = true;
    else if (c !== " " && c !== "\t" && c !== "\n" && c !== "\r" && c !== "\f") valueStarts = false;
  }
  return html.length;
}

/** Just past a hidden element's end tag, or the end of the input when it has none. */
function endOfHidden(html: string, name: string, from: number): number {
  // <head>'s end tag is optional; the body starts where it would have been.
  const end = new RegExp(name === "head" ? "</head\\s*>|(?=<body[\\s>])" : `</${name}\\s*>`, "ig");
  end.lastIndex = from;
  const found = end.exec(html);
  if (found) return found.index + found[0].length;
  return name === "head" ? from : html.length;
}

/** Collapses whitespace outside <pre>, and never lets line breaks pile up past one blank line. */
class TextBuilder {
  private parts: string[] = [];
  private tail = "\n";
  private trailingBreaks = 2;

  text(text: string, preserve: boolean): void {
    let value = preserve ? text : text.replace(/\s+/g, " ");
    if (!preserve && (this.tail === " " || this.tail === "\n")) value = value.replace(/^ /, "");
    if (value === "") return;
    this.parts.push(value);
    const breaks = /\n*$/.exec(value)![0].length;
    this.trailingBreaks = breaks === value.length ? this.trailingBreaks + breaks : breaks;
    this.tail = value[value.length - 1];
  }

  breakLines(count: 1 | 2): void {
    const last = this.parts.length - 1;
    if (last >= 0 && this.trailingBreaks === 0) this.parts[last] = this.parts[last].replace(/ +$/, "");
    if (this.trailingBreaks >= count) return;
    this.parts.push("\n".repeat(count - this.trailingBreaks));
    this.trailingBreaks = count;
    this.tail = "\n";
  }

  toString(): string {
    return this.parts.join("").replace(/\n{3,}/g, "\n\n").trim();
  }
}

/** UTF-8 when valid, else the charset the page declares, else windows-1252. */
function decodeHtml(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const head = new TextDecoder("windows-1252").decode(bytes.subarray(0, 2048));
    const label = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
    if (label) {
      try {
        return new TextDecoder(label).decode(bytes);
      } catch {
        // An unknown or unsupported label: the page is read as windows-1252 like any other.
      }
    }
    return decodeText(bytes);
  }
}
