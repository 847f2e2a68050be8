// Spreadsheet cells and rows as text, shared by the .xlsx and .xls readers: in each sheet the
// first non-empty row is the header and every later row becomes one line of `header: value` pairs
// (the CSV parser's shape), numbers as Excel shows them at 15 digits, date-formatted numbers as
// dates, and a `## sheet name` heading before each sheet when a workbook has several.

import { describeRows, oneLine } from "./csv";
import { MAX_PARSED_CHARS } from "./limits";
import { ParseError } from "./parse-error";

export type DateStyle = "date" | "time";

/** A worksheet: its name and the rows that hold anything, each a map of column index to cell text. */
export interface Sheet {
  name: string;
  rows: Map<number, string>[];
}

// Excel's built-in number formats that show a date or a time, and those that show only a time.
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const BUILTIN_TIME_FORMATS = new Set([18, 19, 20, 21, 45, 46, 47]);

/**
 * Whether number format `id` shows a date or a time: a built-in one by its id, a custom one by
 * its code (y, m, d, h or s outside quotes, escapes and [colours]).
 */
export function dateStyleOf(id: number, code: string | undefined): DateStyle | null {
  if (code === undefined) return BUILTIN_DATE_FORMATS.has(id) ? (BUILTIN_TIME_FORMATS.has(id) ? "time" : "date") : null;
  const section = code.split(";")[0] ?? "";
  const bare = section
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "")
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, "");
  if (!/[ymdhs]/i.test(bare) || /^general$/i.test(bare.trim())) return null;
  return /[yd]/i.test(bare) || /m{3,}/i.test(bare) ? "date" : "time";
}

/** A number as Excel shows it in a General cell: integers whole, others at 15 significant digits. */
export function formatNumber(number: number): string {
  return Number.isInteger(number) ? String(number) : String(Number(number.toPrecision(15)));
}

const DAY_MS = 86_400_000;

/** An Excel date serial as `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`, or `HH:MM:SS` for a time alone. */
export function formatSerial(serial: number, style: DateStyle, date1904: boolean): string {
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

/** 0 → "A", 26 → "AA". */
export function columnName(index: number): string {
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

/** Each sheet's text as `toText` lays it out, skipping empty ones and refusing a workbook too long to read. */
function sheetBlocks(sheets: Sheet[], toText: (rows: Map<number, string>[]) => string): { name: string; text: string }[] {
  const tooLong = () =>
    new ParseError(`The workbook holds more than ${MAX_PARSED_CHARS.toLocaleString("en")} characters of text; split it into smaller files.`);
  // Cells share their strings (an .xlsx shared-strings table, an .xls SST), so a small file can
  // name one huge string thousands of times. The text holds every cell at least once: count the
  // cells first and refuse before building a text that would not fit in memory.
  let cells = 0;
  for (const sheet of sheets) {
    for (const row of sheet.rows) for (const value of row.values()) cells += value.length;
    if (cells > MAX_PARSED_CHARS) throw tooLong();
  }
  const blocks: { name: string; text: string }[] = [];
  let length = 0;
  for (const sheet of sheets) {
    const text = toText(sheet.rows);
    if (text === "") continue;
    length += text.length;
    // Past parseDocument's limit the document is refused anyway: stop before joining the rest.
    if (length > MAX_PARSED_CHARS) throw tooLong();
    blocks.push({ name: sheet.name, text });
  }
  return blocks;
}

/** The workbook's text: each sheet's rows, with a heading per sheet when more than one has any. */
export function sheetsToText(sheets: Sheet[]): string {
  const blocks = sheetBlocks(sheets, rowsToText);
  if (blocks.length === 1) return blocks[0].text;
  return blocks.map((block) => `## ${oneLine(block.name)}\n\n${block.text}`).join("\n\n");
}

/**
 * Rows as a Markdown table, the first row its header, over the columns that hold anything: the
 * layout of Dify's document extractor for CSV and Excel files. Line breaks in a cell become spaces.
 */
export function markdownTable(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return "";
  const width = Math.max(...rows.map((row) => row.length));
  const line = (row: readonly string[]) =>
    `| ${Array.from({ length: width }, (_, i) => (row[i] ?? "").replace(/\r?\n|\r/g, " ")).join(" | ")} |`;
  const [header, ...data] = rows;
  const rule = `| ${Array.from({ length: width }, (_, i) => "-".repeat(Math.max((header[i] ?? "").length, 3))).join(" | ")} |`;
  return [line(header), rule, ...data.map(line)].join("\n");
}

/** Every sheet that holds anything as a Markdown table (Dify's document extractor), one after another. */
export function sheetsToMarkdown(sheets: Sheet[]): string {
  const blocks = sheetBlocks(sheets, (rows) => {
    const used = new Set<number>();
    for (const row of rows) for (const column of row.keys()) used.add(column);
    const columns = [...used].sort((a, b) => a - b);
    return markdownTable(rows.map((row) => columns.map((column) => row.get(column) ?? "")));
  });
  return blocks.map((block) => `${block.text}\n\n`).join("");
}
