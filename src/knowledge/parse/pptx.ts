// PowerPoint presentations (.pptx) to text: the slides in presentation order, each paragraph of
// each shape on a line of its own, table rows as cells joined by " | ", and the speaker notes
// after the slide's text. Slides are separated by a blank line.

import { openOoxml, type OoxmlPackage } from "./ooxml";
import { ParseError } from "./parse-error";
import { relationshipId, scanXml } from "./xml-scan";

export async function parsePptx(bytes: Uint8Array): Promise<string> {
  const pkg = await openOoxml(bytes, "PPTX");
  const presentationPart = (await pkg.mainPart()) ?? "ppt/presentation.xml";
  const presentation = await pkg.text(presentationPart);
  if (presentation === null) {
    throw new ParseError("The PPTX file has no presentation (ppt/presentation.xml); it is some other kind of zip file.");
  }
  const slideIds: string[] = [];
  scanXml(presentation, {
    open(name, attrs) {
      const id = relationshipId(attrs);
      if (name === "sldId" && id) slideIds.push(id);
    },
  });
  const rels = await pkg.relationships(presentationPart);
  const slides: string[] = [];
  for (const id of slideIds) {
    const rel = rels.get(id);
    if (!rel || rel.external) continue;
    const text = await slideText(pkg, rel.target);
    if (text) slides.push(text);
  }
  return slides.join("\n\n");
}

async function slideText(pkg: OoxmlPackage, part: string): Promise<string> {
  const xml = await pkg.text(part);
  if (xml === null) return "";
  const lines = shapeText(xml);
  for (const rel of (await pkg.relationships(part)).values()) {
    if (rel.external || !rel.type.endsWith("/notesSlide")) continue;
    const notesXml = await pkg.text(rel.target);
    // A notes page also holds the slide's picture and its number: only the body placeholder is notes.
    const notes = notesXml === null ? [] : shapeText(notesXml, (type) => type === "body");
    if (notes.length) lines.push(`Notes: ${notes.join(" ")}`);
  }
  return lines.join("\n");
}

/**
 * The text of a slide's shapes, one line per paragraph, a table row per line. `keep` picks shapes
 * by their placeholder type (`<p:ph type="…">`; "" for none).
 */
function shapeText(xml: string, keep: (placeholder: string) => boolean = () => true): string[] {
  const lines: string[] = [];
  let paragraph: string | null = null;
  let inText = false;
  let row: string[] | null = null;
  let cell: string[] | null = null;
  let shapeLines: string[] = [];
  let placeholder = "";
  let shapeDepth = 0;
  const flushShape = () => {
    if (keep(placeholder)) lines.push(...shapeLines);
    shapeLines = [];
    placeholder = "";
  };
  scanXml(xml, {
    open(name, attrs, selfClosing) {
      if (name === "sp" || name === "graphicFrame") {
        if (shapeDepth++ === 0) {
          shapeLines = [];
          placeholder = "";
        }
      } else if (name === "ph") placeholder = attrs.type ?? "body";
      else if (name === "tr") row = [];
      else if (name === "tc") cell = [];
      else if (name === "p") paragraph = "";
      else if (name === "t" && !selfClosing) inText = true;
      else if ((name === "br" || name === "tab") && paragraph !== null) paragraph += name === "br" ? "\n" : "\t";
    },
    close(name) {
      if (name === "t") inText = false;
      else if (name === "p" && paragraph !== null) {
        const text = paragraph.trim();
        if (text) (cell ?? shapeLines).push(text);
        paragraph = null;
      } else if (name === "tc" && cell && row) {
        row.push(cell.join(" "));
        cell = null;
      } else if (name === "tr" && row) {
        if (row.some((c) => c !== "")) shapeLines.push(row.join(" | "));
        row = null;
      } else if ((name === "sp" || name === "graphicFrame") && --shapeDepth === 0) flushShape();
    },
    text(text) {
      if (inText && paragraph !== null) paragraph += text;
    },
  });
  if (shapeLines.length) flushShape();
  return lines;
}
