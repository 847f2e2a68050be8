// The batch tab's CSV rules: the template built from the form, reading an uploaded file into
// rows of form values (every problem named by row and column before anything runs), and the
// results file.
import type { FormVariable } from "../api/types";
import { CsvError, parseCsv, toCsv } from "./csv";
import { type InputValues, validateValues } from "./inputs";
import { outputText, type RunView } from "./workflow-run";

/** One CSV fills at most this many runs: a batch is for a sheet of cases, not a data pipeline. */
export const MAX_BATCH_ROWS = 200;

/** The variables a CSV fills: the visible ones (hidden ones keep their defaults). */
export const batchColumns = (variables: FormVariable[]) => variables.filter((v) => !v.hide);

/** A CSV with the header row the upload expects, and one row of the form's defaults as an example. */
export function templateCsv(variables: FormVariable[]): string {
  const columns = batchColumns(variables);
  const example = columns.map((v) => (v.default === null || v.default === undefined ? "" : String(v.default)));
  return toCsv(example.some((x) => x !== "") ? [columns.map((v) => v.variable), example] : [columns.map((v) => v.variable)]);
}

export interface BatchRow {
  /** The row's number in the spreadsheet (the header is row 1). */
  line: number;
  values: InputValues;
}

export type BatchFile = { ok: true; rows: BatchRow[] } | { ok: false; problems: string[] };

/** Reads an uploaded CSV against the form; any problem refuses the whole file, listed for fixing. */
export function readBatch(text: string, variables: FormVariable[]): BatchFile {
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch (err) {
    return { ok: false, problems: [err instanceof CsvError ? err.message : "The file is not a readable CSV."] };
  }
  const columns = batchColumns(variables);
  if (table.length === 0) return { ok: false, problems: ["The file is empty. Download the template and fill in one row per run."] };
  const header = table[0].map((h) => h.trim());
  const problems: string[] = [];
  const known = new Set(variables.map((v) => v.variable));
  const seen = new Set<string>();
  header.forEach((name, i) => {
    const where = `Column ${i + 1}`;
    if (!name) problems.push(`${where} of the header row has no name.`);
    else if (!known.has(name)) problems.push(`${where} "${name}" is not an input of this app (expected: ${columns.map((v) => v.variable).join(", ") || "none"}).`);
    else if (seen.has(name)) problems.push(`${where} "${name}" appears twice in the header row.`);
    seen.add(name);
  });
  for (const v of columns) {
    if (v.required && !seen.has(v.variable)) problems.push(`The header row has no "${v.variable}" column, and ${v.label} is required.`);
  }
  const data = table.slice(1);
  if (data.length === 0) problems.push("The file has a header row but no rows to run. Add one row per run below it.");
  if (data.length > MAX_BATCH_ROWS) problems.push(`The file has ${data.length} rows; a batch runs at most ${MAX_BATCH_ROWS}. Split it into smaller files.`);
  if (problems.length) return { ok: false, problems };

  const rows: BatchRow[] = [];
  data.forEach((cells, i) => {
    const line = i + 2;
    if (cells.length > header.length) {
      problems.push(`Row ${line} has ${cells.length} values but the header has ${header.length} columns.`);
      return;
    }
    const values: InputValues = Object.fromEntries(variables.map((v) => [v.variable, v.hide && v.default != null ? String(v.default) : ""]));
    header.forEach((name, c) => {
      values[name] = cells[c] ?? "";
    });
    const errors = validateValues(variables, values);
    for (const [name, message] of Object.entries(errors)) problems.push(`Row ${line}, column "${name}": ${message}`);
    rows.push({ line, values });
  });
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

export interface BatchResult {
  row: BatchRow;
  run: RunView | null;
  /** Why the server refused the row before running it. */
  refused: string | null;
}

/** The results as CSV: each row's inputs, then its status, error and every output. */
export function resultsCsv(variables: FormVariable[], results: BatchResult[]): string {
  const columns = batchColumns(variables).map((v) => v.variable);
  const outputKeys: string[] = [];
  for (const r of results) {
    for (const key of Object.keys(r.run?.outputs ?? {})) if (!outputKeys.includes(key)) outputKeys.push(key);
  }
  const header = [...columns, "status", "error", ...outputKeys];
  const lines = results.map((r) => [
    ...columns.map((c) => r.row.values[c] ?? ""),
    r.refused ? "refused" : (r.run?.status ?? "not run"),
    r.refused ?? r.run?.error ?? "",
    ...outputKeys.map((k) => outputText(r.run?.outputs?.[k])),
  ]);
  return toCsv([header, ...lines]);
}
