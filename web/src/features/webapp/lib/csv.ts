// CSV as spreadsheets write it (RFC 4180): comma-separated, fields quoted with "" when they hold
// a comma, quote or line break, CRLF or LF line ends, an optional UTF-8 byte-order mark.

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvError";
  }
}

/** The rows of a CSV text; blank lines are dropped. Throws CsvError on an unclosed quote. */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let quoteLine = 1;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== "") rows.push(row);
    row = [];
    field = "";
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      quoteLine = line;
    } else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      endRow();
      line++;
    } else field += ch;
  }
  if (quoted) throw new CsvError(`A quoted field that starts on line ${quoteLine} is never closed.`, quoteLine);
  if (field !== "" || row.length > 0) endRow();
  return rows;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV text of the rows, CRLF line ends, with a byte-order mark so spreadsheets read UTF-8. */
export function toCsv(rows: string[][]): string {
  return `\ufeff${rows.map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}
