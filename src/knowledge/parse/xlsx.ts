// Excel workbooks (.xlsx) to text, as Dify reads them: in each sheet the first non-empty row is the
// header and every later row becomes one line of `header: value` pairs (the CSV parser's shape),
// with cached formula results, dates as dates, TRUE/FALSE, and a hyperlinked cell as a Markdown
// link. A workbook with several sheets gets a `## sheet name` heading before each one.

import { describeRows, oneLine } from "./csv";
import { isCompoundFile, openOoxml, type OoxmlPackage } from "./ooxml";
import { ParseError } from "./parse-error";
import { decodeOfficeEscapes, relationshipId, scanXml } from "./xml-scan";

/** Past this much text the document would be refused anyway (parseDocument's limit); stop early. */
const TEXT_LIMIT = 20_000_000;

export async function parseXlsx(bytes: Uint8Array): Promise<string> {
  if (isCompoundFile(bytes)) {
    throw new ParseError(
      "The file is a password-protected workbook or an old Excel .xls; save it as .xlsx without a password and upload it again.",
    );
  }
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

  const blocks: { name: string; text: string }[] = [];
  let length = 0;
  for (const sheet of workbook.sheets) {
    const rel = rels.get(sheet.relId);
    if (!rel || rel.external) continue;
    const xml = await pkg.text(rel.target);
    if (xml === null) continue;
    const links = await hyperlinks(pkg, rel.target, xml);
    const rows = readSheet(xml, { sharedStrings, styles, date1904: workbook.date1904, links });
    const text = rowsToText(rows);
    if (text === "") continue;
    length += text.length;
    if (length > TEXT_LIMIT) {
      throw new ParseError(`The workbook holds more than ${TEXT_LIMIT.toLocaleString("en")} characters of text; split it into smaller files.`);
    }
    blocks.push({ name: sheet.name, text });
  }
  if (blocks.length === 1) return blocks[0].text;
  return blocks.map((block) => `## ${oneLine(block.name)}\n\n${block.text}`).join("\n\n");
}

async function partOfType(
  pkg: OoxmlPackage,
  rels: Map<string, { target: string; type: string; external: boolean }>,
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

// Excel's built-in number formats that show a date or a time, and those that show only a time.
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const BUILTIN_TIME_FORMATS = new Set([18, 19, 20, 21, 45, 46, 47]);

type DateStyle = "date" | "time";

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
    const code = custom.get(id);
    const kind = code !== undefined ? dateStyleOf(code) : BUILTIN_DATE_FORMATS.has(id) ? (BUILTIN_TIME_FORMATS.has(id) ? "time" : "date") : null;
    if (kind) styles.set(index, kind);
  });
  return styles;
}

/** Whether a format code shows a date or time: y, m, d, h or s outside quotes, escapes and [colors]. */
function dateStyleOf(code: string): DateStyle | null {
  const section = code.split(";")[0] ?? "";
  const bare = section
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "")
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, "");
  if (!/[ymdhs]/i.test(bare) || /^general$/i.test(bare.trim())) return null;
  return /[yd]/i.test(bare) || /m{3,}/i.test(bare) ? "date" : "time";
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
      return Number.isInteger(number) ? String(number) : String(Number(number.toPrecision(15)));
    }
  }
}

const DAY_MS = 86_400_000;

/** An Excel date serial as `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`, or `HH:MM:SS` for a time alone. */
function formatSerial(serial: number, style: DateStyle, date1904: boolean): string {
  // The 1900 system counts a 29 February 1900 that never was (Lotus 1-2-3's bug): serials before
  // it are one day early against a 30 December 1899 epoch.
  const days = date1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial;
  const ms = Math.round((days - 25_569) * DAY_MS / 1000) * 1000;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return String(serial);
  const iso = date.toISOString();
  const time = iso.slice(11, 19);
  if (style === "time" && serial < 1) return time;
  return time === "00:00:00" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
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

function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * The header row and data rows as text, over the columns that hold anything (a column the header
 * leaves empty is named by its letter); a sheet with a single row gives that row's cells.
 */
function rowsToText(rows: Map<number, string>[]): string {
  if (rows.length === 0) return "";
  const [header, ...data] = rows;
  if (data.length === 0) return [...header.values()].map(oneLine).join("; ");
  const used = new Set<number>();
  for (const row of rows) for (const column of row.keys()) used.add(column);
  const columns = [...used].sort((a, b) => a - b);
  const names = columns.map((column) => oneLine(header.get(column) ?? "") || `column ${columnName(column)}`);
  return describeRows(names, data.map((row) => columns.map((column) => row.get(column) ?? "")));
}
