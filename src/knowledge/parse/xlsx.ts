// Excel workbooks (.xlsx) to text, as Dify reads them: in each sheet the first non-empty row is the
// header and every later row becomes one line of `header: value` pairs (the CSV parser's shape),
// with cached formula results, dates as dates, TRUE/FALSE, and a hyperlinked cell as a Markdown
// link. A workbook with several sheets gets a `## sheet name` heading before each one. Old .xls
// files (and encrypted workbooks, which are Compound Files too) go to xls.ts instead.

import { type OoxmlPackage, openOoxml, type Relationship } from "./ooxml";
import { ParseError } from "./parse-error";
import { columnName, type DateStyle, dateStyleOf, formatNumber, formatSerial, type Sheet } from "./sheet-text";
import { decodeOfficeEscapes, relationshipId, scanXml } from "./xml-scan";

/** Each sheet's name and its rows that hold anything, in workbook order. */
export async function readXlsxSheets(bytes: Uint8Array): Promise<Sheet[]> {
  const pkg = await openOoxml(bytes, "XLSX");
  const workbookPart = (await pkg.mainPart()) ?? "xl/workbook.xml";
  const workbookXml = await pkg.text(workbookPart);
  if (workbookXml === null) {
    throw new ParseError("The XLSX file has no workbook (xl/workbook.xml); it is some other kind of zip file.");
  }
  const workbook = readWorkbook(workbookXml);
  const rels = await pkg.relationships(workbookPart);
  const sharedStrings = readSharedStrings(await partOfType(pkg, rels, "/sharedStrings", "xl/sharedStrings.xml"));
  const styles = readDateStyles(await partOfType(pkg, rels, "/styles", "xl/styles.xml"));

  const blocks: Sheet[] = [];
  const dir = workbookPart.slice(0, workbookPart.lastIndexOf("/") + 1);
  for (const [index, sheet] of workbook.sheets.entries()) {
    const rel = rels.get(sheet.relId);
    if (rel?.external) continue;
    // Without the workbook's relationships (some writers drop them), sheets sit at Excel's names.
    const part = rel?.target ?? `${dir}worksheets/sheet${index + 1}.xml`;
    const xml = await pkg.text(part);
    if (xml === null) continue;
    const links = await hyperlinks(pkg, part, xml);
    const rows = readSheet(xml, { sharedStrings, styles, date1904: workbook.date1904, links });
    blocks.push({ name: sheet.name, rows });
  }
  return blocks;
}

async function partOfType(
  pkg: OoxmlPackage,
  rels: Map<string, Relationship>,
  typeSuffix: string,
  fallback: string,
): Promise<string | null> {
  for (const rel of rels.values()) if (!rel.external && rel.type.endsWith(typeSuffix)) return pkg.text(rel.target);
  return pkg.text(fallback);
}

function readWorkbook(xml: string): { sheets: { name: string; relId: string }[]; date1904: boolean } {
  const sheets: { name: string; relId: string }[] = [];
  let date1904 = false;
  scanXml(xml, {
    open(name, attrs) {
      if (name === "workbookPr") date1904 = attrs.date1904 === "1" || attrs.date1904 === "true";
      else if (name === "sheet") {
        const relId = relationshipId(attrs);
        if (relId) sheets.push({ name: attrs.name ?? `Sheet${sheets.length + 1}`, relId });
      }
    },
  });
  return { sheets, date1904 };
}

/** The shared string table: each `<si>`'s text, rich-text runs joined, phonetic guides left out. */
function readSharedStrings(xml: string | null): string[] {
  const strings: string[] = [];
  if (xml === null) return strings;
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  scanXml(xml, {
    open(name, _attrs, selfClosing) {
      if (name === "si") current = "";
      else if (name === "rPh") phonetic += selfClosing ? 0 : 1;
      else if (name === "t" && !selfClosing) inText = true;
    },
    close(name) {
      if (name === "si" && current !== null) {
        strings.push(decodeOfficeEscapes(current));
        current = null;
      } else if (name === "rPh") phonetic = Math.max(0, phonetic - 1);
      else if (name === "t") inText = false;
    },
    text(text) {
      if (inText && phonetic === 0 && current !== null) current += text;
    },
  });
  return strings;
}

/** For each cell style index (a cell's `s`), whether it shows its number as a date or a time. */
function readDateStyles(xml: string | null): Map<number, DateStyle> {
  const styles = new Map<number, DateStyle>();
  if (xml === null) return styles;
  const custom = new Map<number, string>();
  const cellFormats: number[] = [];
  let inCellXfs = false;
  scanXml(xml, {
    open(name, attrs) {
      if (name === "numFmt" && attrs.numFmtId) custom.set(Number(attrs.numFmtId), attrs.formatCode ?? "");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) cellFormats.push(Number(attrs.numFmtId ?? 0));
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  cellFormats.forEach((id, index) => {
    const kind = dateStyleOf(id, custom.get(id));
    if (kind) styles.set(index, kind);
  });
  return styles;
}

interface SheetContext {
  sharedStrings: string[];
  styles: Map<number, DateStyle>;
  date1904: boolean;
  links: Map<string, string>;
}

/** The sheet's rows that hold anything, in order, each a map of column index to cell text. */
function readSheet(xml: string, context: SheetContext): Map<number, string>[] {
  const rows: Map<number, string>[] = [];
  let row: Map<number, string> | null = null;
  let nextRow = 0;
  let nextColumn = 0;
  let cell: { column: number; type: string; style: number; ref: string } | null = null;
  let value = "";
  let inline = "";
  let capture: "v" | "t" | null = null;
  let phonetic = 0;
  scanXml(xml, {
    open(name, attrs, selfClosing) {
      if (name === "row") {
        const index = attrs.r ? Number(attrs.r) - 1 : nextRow;
        nextRow = index + 1;
        nextColumn = 0;
        row = selfClosing ? null : new Map();
      } else if (name === "c" && row) {
        const column = attrs.r ? columnOf(attrs.r) : nextColumn;
        nextColumn = column + 1;
        cell = { column, type: attrs.t ?? "n", style: Number(attrs.s ?? 0), ref: attrs.r ?? "" };
        value = "";
        inline = "";
      } else if (cell && !selfClosing) {
        if (name === "v") capture = "v";
        else if (name === "rPh") phonetic++;
        else if (name === "t" && phonetic === 0) capture = "t";
      }
    },
    close(name) {
      if (name === "v" || name === "t") capture = null;
      else if (name === "rPh") phonetic = Math.max(0, phonetic - 1);
      else if (name === "c" && cell && row) {
        let text = cellText(cell.type, value, inline, cell.style, context);
        const link = cell.ref ? context.links.get(cell.ref.toUpperCase()) : undefined;
        if (text !== "" && link) text = `[${text}](${link})`;
        if (text.trim() !== "") row.set(cell.column, text);
        cell = null;
      } else if (name === "row" && row) {
        if (row.size > 0) rows.push(row);
        row = null;
      }
    },
    text(text) {
      if (capture === "v") value += text;
      else if (capture === "t") inline += text;
    },
  });
  return rows;
}

function cellText(type: string, value: string, inline: string, style: number, context: SheetContext): string {
  switch (type) {
    case "s": {
      const text = context.sharedStrings[Number(value)];
      return text ?? "";
    }
    case "inlineStr":
      return decodeOfficeEscapes(inline);
    case "str":
      return decodeOfficeEscapes(value);
    case "b":
      return value === "" ? "" : value === "1" || value.toLowerCase() === "true" ? "TRUE" : "FALSE";
    case "e":
      return value;
    case "d":
      return value.replace("T", " ").replace(/(\.\d+)?Z?$/, "");
    default: {
      if (value.trim() === "") return "";
      const number = Number(value);
      if (!Number.isFinite(number)) return value;
      const dateStyle = context.styles.get(style);
      if (dateStyle) return formatSerial(number, dateStyle, context.date1904);
      return formatNumber(number);
    }
  }
}

/** "BC12" → 54 (zero-based column index). */
function columnOf(ref: string): number {
  let column = 0;
  for (const char of ref.toUpperCase()) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return Math.max(0, column - 1);
}

/** The sheet's external hyperlinks by cell ("G5"), ranges expanded up to a bound. */
async function hyperlinks(pkg: OoxmlPackage, sheetPart: string, xml: string): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  if (!xml.includes("hyperlink")) return links;
  const refs: { ref: string; relId: string }[] = [];
  // The hyperlinks follow the cells: skip those.
  const after = xml.search(/<\/(?:[\w-]+:)?sheetData>/);
  scanXml(after >= 0 ? xml.slice(after) : xml, {
    open(name, attrs) {
      const relId = relationshipId(attrs);
      if (name === "hyperlink" && attrs.ref && relId) refs.push({ ref: attrs.ref, relId });
    },
  });
  if (refs.length === 0) return links;
  const rels = await pkg.relationships(sheetPart);
  for (const { ref, relId } of refs) {
    const rel = rels.get(relId);
    if (!rel?.external) continue;
    for (const cell of cellsOf(ref)) links.set(cell, rel.target);
  }
  return links;
}

function cellsOf(ref: string): string[] {
  const [from, to] = ref.toUpperCase().split(":");
  if (!to) return [from];
  const start = /^([A-Z]+)(\d+)$/.exec(from);
  const end = /^([A-Z]+)(\d+)$/.exec(to);
  if (!start || !end) return [from];
  const cells: string[] = [];
  for (let r = Number(start[2]); r <= Number(end[2]) && cells.length < 10_000; r++) {
    for (let c = columnOf(start[1]); c <= columnOf(end[1]) && cells.length < 10_000; c++) cells.push(`${columnName(c)}${r}`);
  }
  return cells;
}

