// CSV to text: each data row becomes one self-describing line, `header: value; header: value`, so a
// row still makes sense when the chunker cuts it away from the header row.

import { ParseError } from "./parse-error";
import { decodeText } from "./txt";

export function parseCsv(bytes: Uint8Array): string {
  const rows = readCsv(decodeText(bytes)).filter((row) => row.some((cell) => cell.trim() !== ""));
  if (rows.length === 0) throw new ParseError("The CSV file is empty.");
  if (rows.length === 1) throw new ParseError("The CSV file has a header row but no data rows.");
  const [header, ...data] = rows;
  return describeRows(header, data);
}

/**
 * Table rows as lines of `header: value` pairs joined by "; ", empty cells left out; columns the
 * header does not name are called "column N". Shared with spreadsheets.
 */
export function describeRows(header: readonly string[], data: readonly (readonly string[])[]): string {
  const names = header.map((name, i) => oneLine(name) || `column ${i + 1}`);
  return data
    .map((row) =>
      row
        .map((cell, i) => [names[i] ?? `column ${i + 1}`, oneLine(cell)] as const)
        .filter(([, value]) => value !== "")
        .map(([name, value]) => `${name}: ${value}`)
        .join("; "),
    )
    .join("\n");
}

/**
 * RFC 4180 rows: quoted fields may hold the delimiter, line breaks and doubled quotes; CRLF, LF and
 * CR all end a row. The delimiter is a comma unless the header line plainly uses ";" or tabs, as
 * spreadsheets in many European locales write.
 */
export function readCsv(text: string): string[][] {
  const delimiter = sniffDelimiter(text);
  const plainRun = new RegExp(`[^"${delimiter === "\t" ? "\\t" : delimiter}\\r\\n]+`, "y");
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === "") {
      const start = i;
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) {
          const line = text.slice(0, start).split(/\r\n|\r|\n/).length;
          throw new ParseError(`The CSV file has a quoted field that is never closed (line ${line}).`);
        }
        field += text.slice(i, quote);
        i = quote + 1;
        if (text[i] !== '"') break;
        field += '"';
        i++;
      }
      continue;
    }
    if (c === delimiter) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (c === "\r" && text[i + 1] === "\n") i++;
    } else {
      plainRun.lastIndex = i;
      const run = plainRun.exec(text)?.[0] ?? c;
      field += run;
      i += run.length;
      continue;
    }
    i++;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function sniffDelimiter(text: string): string {
  const firstLine = text.slice(0, 4096).split(/\r\n|\r|\n/, 1)[0].replace(/"[^"]*"/g, "");
  const count = (d: string) => firstLine.split(d).length - 1;
  const [best] = [",", ";", "\t"].sort((a, b) => count(b) - count(a));
  return count(best) > 0 ? best : ",";
}

export function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}
