// A small Markdown parser for model answers: headings, paragraphs, emphasis, code (inline and
// fenced), links, lists, quotes, rules and GFM tables. It builds a tree that the renderer turns
// into React elements, so model output never becomes HTML: raw tags stay visible text, and only
// http(s) and mailto links survive. It tolerates half-written input, since answers stream in.

export type Inline =
  | { type: "text"; text: string }
  | { type: "strong" | "em" | "del"; children: Inline[] }
  | { type: "code"; text: string }
  | { type: "link"; href: string; children: Inline[] }
  | { type: "br" };

export type Align = "left" | "center" | "right" | null;

export type Block =
  | { type: "heading"; level: number; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "code"; lang: string; text: string }
  | { type: "list"; ordered: boolean; start: number; items: Block[][] }
  | { type: "blockquote"; children: Block[] }
  | { type: "hr" }
  | { type: "table"; align: Align[]; header: Inline[][]; rows: Inline[][][] };

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/;
const HR = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;
const ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])(\s+|$)(.*)$/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** Only links a visitor can safely follow: web pages and e-mail addresses. */
export function safeHref(raw: string): string | null {
  const href = raw.trim().replace(/^<|>$/g, "");
  try {
    const url = new URL(href);
    if (url.protocol === "http:" || url.protocol === "https:" || url.protocol === "mailto:") return url.href;
  } catch {
    // relative or malformed: not followed
  }
  return null;
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || HR.test(line) || QUOTE.test(line) || ITEM.test(line);
}

function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith("|")) row = row.slice(1);
  if (row.endsWith("|") && !row.endsWith("\\|")) row = row.slice(0, -1);
  const cells: string[] = [];
  let cell = "";
  for (let i = 0; i < row.length; i++) {
    if (row[i] === "\\" && row[i + 1] === "|") {
      cell += "|";
      i++;
    } else if (row[i] === "|") {
      cells.push(cell.trim());
      cell = "";
    } else cell += row[i];
  }
  cells.push(cell.trim());
  return cells;
}

function indentOf(line: string): number {
  return line.match(/^ */)?.[0].length ?? 0;
}

export function parseBlocks(text: string): Block[] {
  return blocks(text.replace(/\r\n?/g, "\n").replace(/\t/g, "    ").split("\n"));
}

function blocks(lines: string[]): Block[] {
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }

    const fence = line.match(FENCE);
    if (fence) {
      const marker = fence[1];
      const body: string[] = [];
      i++;
      while (i < lines.length && !new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}\\s*$`).test(lines[i])) {
        body.push(lines[i]);
        i++;
      }
      i++; // the closing fence (or the end of a still-streaming block)
      out.push({ type: "code", lang: fence[2] ?? "", text: body.join("\n") });
      continue;
    }

    const heading = line.match(HEADING);
    if (heading) {
      out.push({ type: "heading", level: heading[1].length, children: parseInline(heading[2] ?? "") });
      i++;
      continue;
    }

    if (HR.test(line)) {
      out.push({ type: "hr" });
      i++;
      continue;
    }

    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && lines[i].trim()) {
        const q = lines[i].match(QUOTE);
        inner.push(q ? q[1] : lines[i]);
        i++;
      }
      out.push({ type: "blockquote", children: blocks(inner) });
      continue;
    }

    const item = line.match(ITEM);
    if (item) {
      const ordered = /\d/.test(item[2]);
      const start = ordered ? Number.parseInt(item[2], 10) : 1;
      const items: Block[][] = [];
      while (i < lines.length) {
        const m = lines[i].match(ITEM);
        if (!m || /\d/.test(m[2]) !== ordered || indentOf(lines[i]) > indentOf(line) + 1) break;
        const contentIndent = m[1].length + m[2].length + Math.max(1, m[3].length);
        const body = [m[4]];
        i++;
        // The item continues over indented lines, and over blank lines followed by indented ones.
        while (i < lines.length) {
          const next = lines[i];
          if (next.trim() && indentOf(next) >= Math.min(contentIndent, indentOf(line) + 2)) {
            body.push(next.slice(Math.min(indentOf(next), contentIndent)));
            i++;
          } else if (!next.trim() && i + 1 < lines.length && lines[i + 1].trim() && indentOf(lines[i + 1]) >= contentIndent) {
            body.push("");
            i++;
          } else if (next.trim() && !startsBlock(next) && body[body.length - 1].trim() && !ITEM.test(next)) {
            body.push(next.trim()); // a lazy continuation of the item's paragraph
            i++;
          } else break;
        }
        items.push(blocks(body));
        if (i < lines.length && !lines[i].trim() && i + 1 < lines.length && ITEM.test(lines[i + 1])) i++;
      }
      out.push({ type: "list", ordered, start, items });
      continue;
    }

    if (line.includes("|") && i + 1 < lines.length && TABLE_DELIMITER.test(lines[i + 1]) && lines[i + 1].includes("-")) {
      const header = splitRow(line);
      const align = splitRow(lines[i + 1]).map((c): Align => {
        const left = c.startsWith(":");
        const right = c.endsWith(":");
        return left && right ? "center" : right ? "right" : left ? "left" : null;
      });
      i += 2;
      const rows: Inline[][][] = [];
      while (i < lines.length && lines[i].trim() && lines[i].includes("|")) {
        const cells = splitRow(lines[i]);
        rows.push(header.map((_, n) => parseInline(cells[n] ?? "")));
        i++;
      }
      out.push({ type: "table", align: header.map((_, n) => align[n] ?? null), header: header.map((h) => parseInline(h)), rows });
      continue;
    }

    const para: string[] = [line.trim()];
    i++;
    while (i < lines.length && lines[i].trim() && !startsBlock(lines[i])) {
      para.push(lines[i].trim());
      i++;
    }
    out.push({ type: "paragraph", children: parseInline(para.join("\n")) });
  }
  return out;
}

const TOKEN =
  /(`+)|(!?\[)|(<(?:https?:\/\/|mailto:)[^>\s]+>)|(https?:\/\/[^\s<>]*[^\s<>.,:;!?"'()\]*_~])|(\*\*|__)|(~~)|(\*|_)|(\n)|(\\[\\`*_{}[\]()#+\-.!~|>])/g;

const isWordChar = (ch: string | undefined) => Boolean(ch && /[\p{L}\p{N}]/u.test(ch));

/** The end of `[label]` starting at `open` (the index of "["), honouring nested brackets. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === "[") depth++;
    else if (text[i] === "]" && --depth === 0) return i;
  }
  return -1;
}

/** Where a `delim` run closes emphasis opened at `from`, or -1. */
function closingDelimiter(text: string, delim: string, from: number): number {
  let at = text.indexOf(delim, from);
  while (at >= 0) {
    const before = text[at - 1];
    const after = text[at + delim.length];
    const single = delim.length === 1 && (after === delim || before === delim);
    const intraword = delim[0] === "_" && isWordChar(after);
    if (at > from && before !== " " && before !== "\n" && !single && !intraword) return at;
    at = text.indexOf(delim, at + (single ? 2 : 1));
  }
  return -1;
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const pushText = (t: string) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last?.type === "text") last.text += t;
    else out.push({ type: "text", text: t });
  };
  let pos = 0;
  TOKEN.lastIndex = 0;
  for (;;) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) break;
    pushText(text.slice(pos, m.index));
    const [tok, ticks, bracket, angle, url, strong, del, em, newline, escaped] = m;
    let next = m.index + tok.length;
    if (ticks) {
      const close = text.indexOf(ticks, next);
      // A run of backticks closes only on a run of exactly the same length.
      let end = close;
      while (end >= 0 && text[end + ticks.length] === "`") end = text.indexOf(ticks, end + ticks.length + 1);
      if (end >= 0) {
        const code = text.slice(next, end).replace(/\n/g, " ");
        out.push({ type: "code", text: code.length > 2 && code.startsWith(" ") && code.endsWith(" ") ? code.slice(1, -1) : code });
        next = end + ticks.length;
      } else pushText(tok);
    } else if (bracket) {
      const open = m.index + bracket.length - 1;
      const close = closingBracket(text, open);
      const target = close >= 0 ? text.slice(close + 1).match(/^\(\s*(<[^>]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+"[^"]*")?\s*\)/) : null;
      if (close >= 0 && target) {
        const label = text.slice(open + 1, close);
        const href = safeHref(target[1]);
        const children = parseInline(label || target[1]);
        if (href) out.push({ type: "link", href, children });
        else out.push(...children);
        next = close + 1 + target[0].length;
      } else pushText(bracket);
    } else if (angle) {
      const href = safeHref(angle.slice(1, -1));
      if (href) out.push({ type: "link", href, children: [{ type: "text", text: angle.slice(1, -1) }] });
      else pushText(angle);
    } else if (url) {
      const href = safeHref(url);
      if (href && !isWordChar(text[m.index - 1])) out.push({ type: "link", href, children: [{ type: "text", text: url }] });
      else pushText(url);
    } else if (strong || del || em) {
      const delim = strong || del || em;
      const opensIntraword = delim[0] === "_" && isWordChar(text[m.index - 1]);
      const close = opensIntraword || /\s/.test(text[next] ?? " ") ? -1 : closingDelimiter(text, delim, next);
      let end = close;
      // `***both***`: the strong run closes one later, so the inner `*` pair becomes emphasis.
      if (strong && end >= 0 && text[next] === delim[0] && text[end + 2] === delim[0]) end += 1;
      if (end >= 0) {
        out.push({ type: strong ? "strong" : del ? "del" : "em", children: parseInline(text.slice(next, end)) });
        next = end + delim.length;
      } else pushText(delim);
    } else if (newline) {
      out.push({ type: "br" });
    } else if (escaped) {
      pushText(escaped.slice(1));
    }
    pos = next;
  }
  pushText(text.slice(pos));
  return out;
}
