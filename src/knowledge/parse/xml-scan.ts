// A small forward-only XML reader for the machine-written parts of Office files (spreadsheets,
// slides). It reports start tags, end tags and text with namespace prefixes dropped, entities and
// CDATA decoded, and skips comments, processing instructions and doctypes. It does not check that
// the document is well formed: a damaged part yields what can be read of it.

import { decodeEntities } from "./html-entities";

export interface XmlHandler {
  open?(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

// Every alternative stops at the next "<" or at the end of the input (a tag's attribute values
// cannot hold "<" in XML; an unclosed comment or CDATA section runs to the end), so a damaged or
// hostile part is read in one pass instead of rescanning the rest of it from every "<".
const TOKEN =
  /<(\/?)([A-Za-z_][\w.:-]*)((?:[^<>"']|"[^"<]*"|'[^'<]*')*?)(\/?)>|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<[?!][^<>]*>|([^<]+)/g;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

export function scanXml(xml: string, handler: XmlHandler): void {
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m !== null; m = TOKEN.exec(xml)) {
    const [, slash, tag, rest, selfClosing, cdata, text] = m;
    if (tag !== undefined) {
      const name = localName(tag);
      if (slash) handler.close?.(name);
      else {
        handler.open?.(name, attributes(rest), selfClosing === "/");
        if (selfClosing) handler.close?.(name);
      }
    } else if (cdata !== undefined) handler.text?.(cdata);
    else if (text !== undefined) handler.text?.(decodeEntities(text));
  }
}

/** Attributes by name as written (`r:id`); the ones without a prefix also by their plain name. */
function attributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  if (!source.includes("=")) return attrs;
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(source); m !== null; m = ATTRIBUTE.exec(source)) {
    attrs[m[1]] = decodeEntities(m[2] ?? m[3] ?? "");
  }
  return attrs;
}

/** The relationship id an element points with (`r:id`, whatever the prefix is called). */
export function relationshipId(attrs: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(attrs)) if (name.endsWith(":id")) return value;
  return undefined;
}

/** Office's escape for characters XML cannot hold (`_x000D_` is a carriage return). */
export function decodeOfficeEscapes(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
