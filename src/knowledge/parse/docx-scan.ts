// Large Word documents (.docx) read with the forward-only XML scanner instead of mammoth. mammoth
// builds a tree of the whole document, about 30 to 75 times the size of word/document.xml in
// memory (Apache POI's 12 MB bug65649.docx took 655 MB): past a megabyte of XML that is more than
// a Worker's 128 MB. This reader keeps only the text. It writes the same HTML elements mammoth
// does for what retrieval needs (headings by Word's heading styles, paragraphs, bulleted and
// numbered lists, tables, line breaks, footnotes and endnotes after the body), so the HTML reader
// lays out both the same way. Deleted revisions, field codes and the drawing a text box also
// carries as an alternative are left out, as mammoth leaves them out.

import type { OoxmlPackage } from "./ooxml";
import { scanXml } from "./xml-scan";

/** An attribute by its local name, whatever its prefix (`w:val`, `ns0:val`). */
function attr(attrs: Record<string, string>, local: string): string | undefined {
  for (const [name, value] of Object.entries(attrs)) if (name === local || name.endsWith(`:${local}`)) return value;
  return undefined;
}

// Deleted revisions, field codes, earlier property sets, and the first of a text box's two
// renderings (mc:Choice; mc:Fallback holds the same text).
const SKIPPED = new Set(["del", "instrText", "delInstrText", "Choice", "pPrChange", "rPrChange"]);

/** Word's table elements and the HTML ones mammoth writes for them. */
const TABLE_TAGS = new Map([
  ["tbl", "table"],
  ["tr", "tr"],
  ["tc", "td"],
]);

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

interface ParagraphStyle {
  heading: number | null;
  numbering: { numId: string; level: number } | null;
}

interface Styles {
  paragraphs: Map<string, ParagraphStyle>;
}

/** Paragraph styles: the heading level a style gives (by its name or id, as mammoth's default map) and its numbering. */
function readStyles(xml: string | null): Styles {
  const paragraphs = new Map<string, ParagraphStyle>();
  if (xml === null) return { paragraphs };
  let current: { id: string; style: ParagraphStyle } | null = null;
  let numId: string | null = null;
  let level = 0;
  scanXml(xml, {
    open(name, attrs) {
      if (name === "style") {
        const id = attr(attrs, "styleId");
        current = attr(attrs, "type") === "paragraph" && id ? { id, style: { heading: headingOf(id, null), numbering: null } } : null;
        numId = null;
        level = 0;
      } else if (current && name === "name") {
        current.style.heading = headingOf(current.id, attr(attrs, "val") ?? null);
      } else if (current && name === "numId") numId = attr(attrs, "val") ?? null;
      else if (current && name === "ilvl") level = Number(attr(attrs, "val") ?? 0) || 0;
    },
    close(name) {
      if (name !== "style" || !current) return;
      if (numId && numId !== "0") current.style.numbering = { numId, level };
      paragraphs.set(current.id, current.style);
      current = null;
    },
  });
  return { paragraphs };
}

function headingOf(styleId: string, styleName: string | null): number | null {
  const match = /^heading ?([1-6])$/i.exec(styleName ?? "") ?? /^heading([1-6])$/i.exec(styleId);
  return match ? Number(match[1]) : null;
}

/** Whether each list level is numbered (an `<ol>`) or bulleted (a `<ul>`), by numId and level. */
function readNumbering(xml: string | null): (numId: string, level: number) => boolean {
  const abstractLevels = new Map<string, Map<number, boolean>>();
  const numToAbstract = new Map<string, string>();
  if (xml !== null) {
    let abstractId: string | null = null;
    let numId: string | null = null;
    let level: number | null = null;
    scanXml(xml, {
      open(name, attrs) {
        if (name === "abstractNum") {
          abstractId = attr(attrs, "abstractNumId") ?? null;
          if (abstractId !== null) abstractLevels.set(abstractId, new Map());
        } else if (name === "lvl" && abstractId !== null) level = Number(attr(attrs, "ilvl") ?? 0) || 0;
        else if (name === "numFmt" && abstractId !== null && level !== null) {
          abstractLevels.get(abstractId)?.set(level, attr(attrs, "val") !== "bullet");
        } else if (name === "num") numId = attr(attrs, "numId") ?? null;
        else if (name === "abstractNumId" && numId !== null) {
          const target = attr(attrs, "val");
          if (target !== undefined) numToAbstract.set(numId, target);
        }
      },
      close(name) {
        if (name === "abstractNum") abstractId = null;
        else if (name === "lvl") level = null;
        else if (name === "num") numId = null;
      },
    });
  }
  return (numId, level) => abstractLevels.get(numToAbstract.get(numId) ?? "")?.get(level) ?? false;
}

/** Footnotes or endnotes by id, each as its paragraphs' HTML (separators left out). */
function readNotes(xml: string | null, kind: "footnote" | "endnote", context: BodyContext): Map<string, string> {
  const notes = new Map<string, string>();
  if (xml === null) return notes;
  let id: string | null = null;
  const writer = new BodyWriter(context);
  scanXml(xml, {
    open(name, attrs, selfClosing) {
      if (name === kind) {
        const type = attr(attrs, "type");
        id = type === undefined || type === "normal" ? (attr(attrs, "id") ?? null) : null;
        writer.reset();
      } else if (id !== null) writer.open(name, attrs, selfClosing);
    },
    close(name) {
      if (name === kind && id !== null) {
        notes.set(id, writer.finish());
        id = null;
      } else if (id !== null) writer.close(name);
    },
    text(text) {
      if (id !== null) writer.text(text);
    },
  });
  return notes;
}

interface BodyContext {
  styles: Styles;
  numbered: (numId: string, level: number) => boolean;
  links: Map<string, string>;
  /** Called at a footnote or endnote reference: the marker to write, like mammoth's "[1]". */
  noteReference?: (kind: "footnote" | "endnote", id: string) => string;
}

interface Paragraph {
  style: string | null;
  numbering: { numId: string; level: number } | null;
  html: string;
}

/** Turns the scanned elements of a body (the document's, a note's) into mammoth-shaped HTML. */
class BodyWriter {
  private out: string[] = [];
  private paragraphs: Paragraph[] = [];
  /** Text boxes' paragraphs met inside a paragraph, written after it. */
  private deferred: string[] = [];
  /** Open lists, outermost first: numbered or not, at which level. */
  private lists: { ordered: boolean; level: number }[] = [];
  private capture = false;
  /** Depth of elements whose content is skipped (deleted text, the alternative of a text box). */
  private skip = 0;
  /** Depth of paragraph and run properties, where a `<w:tab>` is a tab stop, not text. */
  private properties = 0;
  private link: string | null = null;

  constructor(private readonly context: BodyContext) {}

  reset(): void {
    this.out = [];
    this.paragraphs = [];
    this.deferred = [];
    this.lists = [];
    this.skip = 0;
    this.properties = 0;
    this.capture = false;
    this.link = null;
  }

  // The scanner reports a self-closing element's end too, so every open below is matched by a close.

  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void {
    if (this.skip > 0 || SKIPPED.has(name)) {
      this.skip++;
      return;
    }
    const paragraph = this.paragraphs.at(-1);
    switch (name) {
      case "p":
        this.paragraphs.push({ style: null, numbering: null, html: "" });
        return;
      case "pStyle":
        if (paragraph) paragraph.style = attr(attrs, "val") ?? null;
        return;
      case "numId": {
        const numId = attr(attrs, "val");
        if (paragraph && numId !== undefined) paragraph.numbering = { numId, level: paragraph.numbering?.level ?? 0 };
        return;
      }
      case "ilvl":
        if (paragraph) paragraph.numbering = { numId: paragraph.numbering?.numId ?? "", level: Number(attr(attrs, "val") ?? 0) || 0 };
        return;
      case "t":
        this.capture = !selfClosing;
        return;
      case "tab":
        // A tab stop in paragraph properties is a setting, not text.
        if (paragraph && this.properties === 0) paragraph.html += "\t";
        return;
      case "pPr":
      case "rPr":
        this.properties++;
        return;
      case "br":
      case "cr":
        if (paragraph) paragraph.html += "<br>";
        return;
      case "noBreakHyphen":
        if (paragraph) paragraph.html += "-";
        return;
      case "hyperlink": {
        const id = attr(attrs, "id");
        const target = id ? this.context.links.get(id) : undefined;
        if (paragraph && target && !selfClosing) {
          this.link = target;
          paragraph.html += `<a href="${escapeHtml(target).replace(/"/g, "&quot;")}">`;
        }
        return;
      }
      case "footnoteReference":
      case "endnoteReference": {
        const id = attr(attrs, "id");
        const marker = id && this.context.noteReference?.(name === "footnoteReference" ? "footnote" : "endnote", id);
        if (paragraph && marker) paragraph.html += `<sup>${escapeHtml(marker)}</sup>`;
        return;
      }
    }
    const tag = TABLE_TAGS.get(name);
    if (tag) {
      // A list does not run on into a table, nor out of a cell (below).
      if (name === "tbl") this.closeLists();
      this.out.push(`<${tag}>`);
    }
  }

  close(name: string): void {
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    switch (name) {
      case "t":
        this.capture = false;
        return;
      case "pPr":
      case "rPr":
        this.properties--;
        return;
      case "hyperlink":
        if (this.link !== null) {
          const paragraph = this.paragraphs.at(-1);
          if (paragraph) paragraph.html += "</a>";
          this.link = null;
        }
        return;
      case "p": {
        const paragraph = this.paragraphs.pop();
        if (!paragraph) return;
        const html = this.paragraphHtml(paragraph);
        if (this.paragraphs.length > 0) {
          // A text box inside a paragraph: its paragraphs follow the paragraph that holds it.
          this.deferred.push(html);
          return;
        }
        this.out.push(html, ...this.deferred);
        this.deferred = [];
        return;
      }
    }
    const tag = TABLE_TAGS.get(name);
    if (tag) {
      if (name === "tc") this.closeLists();
      this.out.push(`</${tag}>`);
    }
  }

  text(text: string): void {
    const paragraph = this.paragraphs.at(-1);
    if (this.skip === 0 && this.capture && paragraph) paragraph.html += escapeHtml(text);
  }

  finish(): string {
    this.closeLists();
    const html = this.out.join("");
    this.reset();
    return html;
  }

  /** A paragraph as a heading, a list item (opening and closing lists around it) or a `<p>`. */
  private paragraphHtml(paragraph: Paragraph): string {
    const style = paragraph.style === null ? undefined : this.context.styles.paragraphs.get(paragraph.style);
    const heading = style?.heading ?? (paragraph.style === null ? null : headingOf(paragraph.style, null));
    // numId 0 takes a list style's numbering away; no numId at all leaves the style's.
    const own = paragraph.numbering?.numId;
    const numbering = own === "0" ? null : own ? paragraph.numbering : (style?.numbering ?? null);
    // An empty paragraph (or list item) shows nothing, and as in mammoth does not end the list around it.
    if (paragraph.html.replace(/<br>/g, "").trim() === "") return "";
    // A text box's paragraph is written after the paragraph that holds it, and leaves the lists
    // around that paragraph as they are.
    if (this.paragraphs.length > 0) return `<p>${paragraph.html}</p>`;
    if (heading !== null) return `${this.listsClosed()}<h${heading}>${paragraph.html}</h${heading}>`;
    if (numbering === null) return `${this.listsClosed()}<p>${paragraph.html}</p>`;
    let html = "";
    while (this.lists.length > 0 && this.lists.at(-1)!.level > numbering.level) html += this.closeList();
    const ordered = this.context.numbered(numbering.numId, numbering.level);
    const open = this.lists.at(-1);
    if (open && open.level === numbering.level && open.ordered !== ordered) html += this.closeList();
    if (!this.lists.length || this.lists.at(-1)!.level < numbering.level) {
      this.lists.push({ ordered, level: numbering.level });
      html += ordered ? "<ol>" : "<ul>";
    }
    return `${html}<li><p>${paragraph.html}</p></li>`;
  }

  private closeList(): string {
    return this.lists.pop()?.ordered ? "</ol>" : "</ul>";
  }

  private listsClosed(): string {
    let html = "";
    while (this.lists.length > 0) html += this.closeList();
    return html;
  }

  private closeLists(): void {
    const html = this.listsClosed();
    if (html) this.out.push(html);
  }
}

/** The document as mammoth-shaped HTML: the body, then the footnotes and endnotes it refers to. */
export async function docxHtmlByScan(pkg: OoxmlPackage, documentPart: string): Promise<string> {
  const rels = await pkg.relationships(documentPart);
  const partOf = (type: string, fallback: string) => {
    for (const rel of rels.values()) if (!rel.external && rel.type.endsWith(`/${type}`)) return rel.target;
    return fallback;
  };
  const links = new Map<string, string>();
  for (const [id, rel] of rels) if (rel.external && rel.type.endsWith("/hyperlink")) links.set(id, rel.target);
  const styles = readStyles(await pkg.text(partOf("styles", "word/styles.xml")));
  const numbered = readNumbering(await pkg.text(partOf("numbering", "word/numbering.xml")));
  const plain: BodyContext = { styles, numbered, links };
  const footnotes = readNotes(await pkg.text(partOf("footnotes", "word/footnotes.xml")), "footnote", plain);
  const endnotes = readNotes(await pkg.text(partOf("endnotes", "word/endnotes.xml")), "endnote", plain);

  // Notes in the order the body refers to them, numbered as mammoth numbers them.
  const referenced: string[] = [];
  const context: BodyContext = {
    ...plain,
    noteReference(kind, id) {
      const html = (kind === "footnote" ? footnotes : endnotes).get(id);
      if (html === undefined) return "";
      referenced.push(html);
      return `[${referenced.length}]`;
    },
  };
  const writer = new BodyWriter(context);
  const xml = await pkg.text(documentPart);
  if (xml !== null) {
    scanXml(xml, {
      open: (name, attrs, selfClosing) => writer.open(name, attrs, selfClosing),
      close: (name) => writer.close(name),
      text: (text) => writer.text(text),
    });
  }
  const body = writer.finish();
  if (referenced.length === 0) return body;
  return `${body}<ol>${referenced.map((note) => `<li>${note}</li>`).join("")}</ol>`;
}
