// Markdown tables written out as the md_exporter plugin writes them with pandas: CSV, JSON records,
// a LaTeX tabular and an XLSX workbook (one sheet per table).
import { strToU8, zipSync } from "fflate";
import type { MarkdownTable } from "./markdown";

/** pandas' to_csv: comma-separated, a field quoted when it holds a comma, a quote or a line break. */
export function tableCsv(table: MarkdownTable): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `${[table.columns, ...table.rows].map((row) => row.map(field).join(",")).join("\n")}\n`;
}

const record = (table: MarkdownTable, row: string[]) => Object.fromEntries(table.columns.map((c, i) => [c, row[i] ?? ""]));

/** pandas' to_json(orient="records"): one object per row, on its own line (jsonl) or in one array. */
export function tableJson(table: MarkdownTable, style: "jsonl" | "json_array"): string {
  const records = table.rows.map((row) => record(table, row));
  return style === "json_array" ? JSON.stringify(records) : `${records.map((r) => JSON.stringify(r)).join("\n")}\n`;
}

const LATEX_SPECIALS: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};
const latex = (s: string) => s.replace(/[\\&%$#_{}~^]/g, (c) => LATEX_SPECIALS[c]).replace(/\n/g, " ");

/**
 * A standalone LaTeX document holding the table as a booktabs tabular, as pandas' to_latex writes it
 * inside the plugin's article. Unlike pandas (whose escaping is off by default), special characters
 * are escaped, so the file compiles.
 */
export function tableLatex(table: MarkdownTable): string {
  const line = (cells: string[]) => `${cells.map(latex).join(" & ")} \\\\`;
  const tabular = [
    `\\begin{tabular}{${"l".repeat(table.columns.length)}}`,
    "\\toprule",
    line(table.columns),
    "\\midrule",
    ...table.rows.map(line),
    "\\bottomrule",
    "\\end{tabular}",
  ].join("\n");
  return `\\documentclass[]{article}\n\\usepackage{booktabs}\n\\begin{document}\n\n${tabular}\n\n\\end{document}\n`;
}

const xml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // Control characters other than tab and line breaks are not allowed in XML 1.0.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

/** Sheet names: at most 31 characters, none of []:*?/\, unique (Excel refuses a workbook otherwise). */
function sheetNames(tables: MarkdownTable[]): string[] {
  const used = new Set<string>();
  return tables.map((t, i) => {
    const base = (t.heading ?? `Sheet${i + 1}`).replace(/[[\]:*?/\\]/g, " ").trim().slice(0, 31) || `Sheet${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function sheetXml(table: MarkdownTable, forceText: boolean): string {
  // Columns as wide as their longest value (the plugin autofits, up to 200), in Excel's character units.
  const widths = table.columns.map((c, i) => Math.min(200, Math.max(c.length, ...table.rows.map((r) => (r[i] ?? "").length)) + 2));
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  const cell = (value: string, ref: string, header: boolean) => {
    if (!forceText && !header && NUMBER.test(value) && Number.isFinite(Number(value))) return `<c r="${ref}"><v>${Number(value)}</v></c>`;
    if (value === "") return "";
    return `<c r="${ref}" t="inlineStr"${header ? ' s="1"' : ""}><is><t xml:space="preserve">${xml(value)}</t></is></c>`;
  };
  const rows = [table.columns, ...table.rows]
    .map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cell(v, `${columnLetter(c)}${r + 1}`, r === 0)).join("")}</row>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols>${cols}</cols><sheetData>${rows}</sheetData></worksheet>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`;

/**
 * An XLSX workbook with one sheet per table, named after the table's heading (or "Sheet<n>"), the
 * header row bold. Cells are text; with `forceText` false, numbers are written as numbers.
 */
export function tablesXlsx(tables: MarkdownTable[], forceText: boolean): Uint8Array {
  const names = sheetNames(tables);
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${names
        .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
        .join("")}</Types>`,
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names
        .map((name, i) => `<sheet name="${xml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join("")}</sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join("")}<Relationship Id="rId${names.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    "xl/styles.xml": strToU8(STYLES),
  };
  tables.forEach((t, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(t, forceText));
  });
  return zipSync(files, { level: 6 });
}
