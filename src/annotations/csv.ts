// Annotation files: reading an import CSV (RFC 4180, Dify's template: a header row naming the
// columns question and answer) with every refusal naming its row, and writing the CSV and JSONL
// exports. Rows are counted as a spreadsheet shows them: the header is row 1.
import { Invalid } from "../lib/errors";

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024; // Dify's ANNOTATION_IMPORT_FILE_SIZE_LIMIT
export const MAX_IMPORT_ROWS = 1_000;
// Dify's per-row limits for imports.
export const MAX_IMPORTED_QUESTION = 2_000;
export const MAX_IMPORTED_ANSWER = 10_000;
const MAX_LISTED_PROBLEMS = 20;

const refuse = (message: string) => Invalid(message, ["file"]);

interface CsvRecord {
  row: number;
  fields: string[];
}

/** Splits CSV text into records; a malformed quote is refused with its row. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false; // inside a quoted field
  let closed = false; // right after a quoted field's closing quote
  let wasQuoted = false;
  let row = 1;
  const endField = () => {
    fields.push(field);
    field = "";
    closed = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is a row with nothing in it: counted, not kept.
    if (fields.length > 1 || fields[0] !== "" || wasQuoted) records.push({ row, fields });
    fields = [];
    wasQuoted = false;
    row++;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
        closed = true;
      }
      continue;
    }
    if (c === ",") endField();
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
    } else if (closed) {
      throw refuse(`row ${row}: unexpected text after a closing quote; quote the whole field and double any quote inside it.`);
    } else if (c === '"') {
      if (field !== "") throw refuse(`row ${row}: a quote inside an unquoted field; quote the whole field and double any quote inside it.`);
      quoted = true;
      wasQuoted = true;
    } else field += c;
  }
  if (quoted) throw refuse(`row ${row}: a quoted field is never closed.`);
  if (field !== "" || fields.length > 0 || wasQuoted) endRecord();
  return records;
}

const QUESTION_HEADERS = ["question", "问题"];
const ANSWER_HEADERS = ["answer", "答案"];

export interface ImportedAnnotation {
  question: string;
  answer: string;
}

/**
 * The annotations of an import file, all valid or none: a missing header column, a row of the
 * wrong width, an empty or too long cell, or too many rows is refused, listing the rows at fault.
 */
export function readAnnotationCsv(text: string): ImportedAnnotation[] {
  const records = parseCsv(text.replace(/^\uFEFF/, ""));
  const header = records[0];
  if (!header) throw refuse("The CSV file is empty: it needs a header row (question,answer) and at least one annotation.");
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const qi = names.findIndex((h) => QUESTION_HEADERS.includes(h));
  const ai = names.findIndex((h) => ANSWER_HEADERS.includes(h));
  const missing = [qi < 0 && "question", ai < 0 && "answer"].filter(Boolean);
  if (missing.length) {
    throw refuse(`row ${header.row}: missing column ${missing.join(" and ")}; the header row must name the columns question and answer.`);
  }
  const data = records.slice(1);
  if (!data.length) throw refuse("The CSV file has a header row but no annotations.");
  if (data.length > MAX_IMPORT_ROWS) {
    throw refuse(`row ${data[MAX_IMPORT_ROWS].row}: too many annotations; one import takes at most ${MAX_IMPORT_ROWS.toLocaleString("en-US")}, split the file.`);
  }
  const problems: string[] = [];
  const out: ImportedAnnotation[] = [];
  for (const r of data) {
    const problem = (msg: string) => problems.push(`row ${r.row}: ${msg}`);
    if (r.fields.length !== header.fields.length) {
      problem(`expected ${header.fields.length} columns like the header, found ${r.fields.length}`);
      continue;
    }
    const question = r.fields[qi].trim();
    const answer = r.fields[ai].trim();
    if (!question) problem("the question is empty");
    else if (question.length > MAX_IMPORTED_QUESTION) problem(`the question is longer than ${MAX_IMPORTED_QUESTION.toLocaleString("en-US")} characters`);
    if (!answer) problem("the answer is empty");
    else if (answer.length > MAX_IMPORTED_ANSWER) problem(`the answer is longer than ${MAX_IMPORTED_ANSWER.toLocaleString("en-US")} characters`);
    out.push({ question, answer });
  }
  if (problems.length) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).join("; ");
    const more = problems.length > MAX_LISTED_PROBLEMS ? `; and ${problems.length - MAX_LISTED_PROBLEMS} more` : "";
    throw refuse(`Nothing was imported. ${listed}${more}.`);
  }
  return out;
}

// Spreadsheets run cells that start like a formula; Dify's CSVSanitizer prefixes them with '.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Dify's CSV export: a BOM (so spreadsheets read UTF-8), the template's header, CRLF rows. */
export function annotationsCsv(rows: ImportedAnnotation[]): string {
  const lines = [["question", "answer"], ...rows.map((r) => [r.question, r.answer])];
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/** Dify's JSONL export: one OpenAI fine-tuning example per annotation. */
export function annotationsJsonl(rows: ImportedAnnotation[]): string {
  return rows
    .map((r) =>
      JSON.stringify({
        messages: [
          { role: "system", content: "" },
          { role: "user", content: r.question },
          { role: "assistant", content: r.answer },
        ],
      }),
    )
    .join("\n");
}
