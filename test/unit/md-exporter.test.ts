// The Markdown Exporter plugin's conversions (bowenliang123/md_exporter), without storage: what each
// reads of an LLM's Markdown and what it writes. Files written here are read back with Kiln's own
// document parsers.
import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { parseDocx } from "../../src/knowledge/parse/docx";
import { readXlsxSheets } from "../../src/knowledge/parse/xlsx";
import { markdownDocx, templateStyles } from "../../src/tools/builtin/md_exporter/docx";
import { markdownNotebook, markdownXml } from "../../src/tools/builtin/md_exporter/documents";
import { codeBlocks, markdownTables, markdownText, stripMarkdownWrapper } from "../../src/tools/builtin/md_exporter/markdown";
import { tableCsv, tableJson, tableLatex, tablesXlsx } from "../../src/tools/builtin/md_exporter/tables";

const REPORT = `# Sales
Quarterly figures:
| Region | Q1 | Note |
|---|--:|---|
| North | 1,200 | **best**, "steady" |
| South | 980 | a<br>b |

## Staff
| Name | Name | |
|---|---|---|
| Ada | Lovelace | x |
`;

describe("md_exporter: reading the Markdown", () => {
  it("reads md_text as the plugin does: trimmed, no <think>, literal \\n as line breaks, a wrapping fence removed only when asked", () => {
    expect(markdownText("  <think>plan</think>\\n# Title\\ntext  ")).toBe("\n# Title\ntext");
    expect(markdownText("```markdown\n# T\n```")).toBe("```markdown\n# T\n```");
    expect(markdownText("```markdown\n# T\n```", true)).toBe("\n# T\n");
    expect(stripMarkdownWrapper("```\nx\n```")).toBe("\nx\n");
    // As in the plugin, any whole-text fence goes, its language word staying as the first line.
    expect(stripMarkdownWrapper("```python\nx\n```")).toBe("python\nx\n");
    expect(() => markdownText("   ")).toThrow("Empty input md_text");
    expect(() => markdownText(undefined)).toThrow("Empty input md_text");
  });

  it("finds every table, a table right under a line of text included, named by the headings in order", () => {
    const tables = markdownTables(REPORT);
    expect(tables).toEqual([
      { heading: "Sales", columns: ["Region", "Q1", "Note"], rows: [["North", "1,200", 'best, "steady"'], ["South", "980", "a\nb"]] },
      // pandas' names for a repeated and an empty column.
      { heading: "Staff", columns: ["Name", "Name.1", "Unnamed: 2"], rows: [["Ada", "Lovelace", "x"]] },
    ]);
    expect(() => markdownTables("# No tables\njust text")).toThrow("No available tables parsed from markdown text");
    // A header without rows is no table.
    expect(() => markdownTables("| a | b |\n|---|---|\n")).toThrow("No available tables");
  });

  it("extracts fenced code blocks with their language (text when none)", () => {
    expect(codeBlocks("intro\n```python\nprint(1)\n```\n```\nplain\n```\n```js\nlet a\n```")).toEqual([
      { language: "python", code: "print(1)" },
      { language: "text", code: "plain" },
      { language: "js", code: "let a" },
    ]);
  });
});

describe("md_exporter: writing tables", () => {
  const [sales] = markdownTables(REPORT);

  it("writes CSV as pandas does: quotes only where needed", () => {
    expect(tableCsv(sales)).toBe('Region,Q1,Note\nNorth,"1,200","best, ""steady"""\nSouth,980,"a\nb"\n');
  });

  it("writes JSON records, one per line or as one array", () => {
    expect(tableJson(sales, "jsonl")).toBe('{"Region":"North","Q1":"1,200","Note":"best, \\"steady\\""}\n{"Region":"South","Q1":"980","Note":"a\\nb"}\n');
    expect(JSON.parse(tableJson(sales, "json_array"))).toEqual([
      { Region: "North", Q1: "1,200", Note: 'best, "steady"' },
      { Region: "South", Q1: "980", Note: "a\nb" },
    ]);
  });

  it("writes a LaTeX document with a booktabs tabular, special characters escaped", () => {
    const tex = tableLatex({ columns: ["Item", "Share"], rows: [["R&D_1", "50%"]] });
    expect(tex).toBe(
      "\\documentclass[]{article}\n\\usepackage{booktabs}\n\\begin{document}\n\n\\begin{tabular}{ll}\n\\toprule\nItem & Share \\\\\n\\midrule\nR\\&D\\_1 & 50\\% \\\\\n\\bottomrule\n\\end{tabular}\n\n\\end{document}\n",
    );
  });

  it("writes an XLSX workbook with a sheet per table, named by its heading, that Excel readers open", async () => {
    const tables = markdownTables(`${REPORT}\n## Sales\n| n |\n|---|\n| 7 |\n`);
    const workbook = tablesXlsx(tables, true);
    const sheets = await readXlsxSheets(workbook);
    expect(sheets.map((s) => s.name)).toEqual(["Sales", "Staff", "Sales 2"]);
    expect([...sheets[0].rows[0].values()]).toEqual(["Region", "Q1", "Note"]);
    expect([...sheets[0].rows[1].values()]).toEqual(["North", "1,200", 'best, "steady"']);
    expect(strFromU8(unzipSync(workbook)["xl/worksheets/sheet3.xml"])).toContain('t="inlineStr"');
    // With force_text_value false, numbers are numeric cells.
    const numeric = strFromU8(unzipSync(tablesXlsx(tables, false))["xl/worksheets/sheet3.xml"]);
    expect(numeric).toContain('<c r="A2"><v>7</v></c>');
  });
});

describe("md_exporter: writing documents", () => {
  it("writes a Word document that keeps headings, emphasis, lists, code, links and tables", async () => {
    const md = "# Report\n\nSome **bold** and *italic* text with `code` and [a link](https://example.com).\n\n- one\n- two\n  1. nested\n\n> quoted\n\n```python\nprint('hi')\n```\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n---\n";
    const bytes = await markdownDocx(md);
    const files = unzipSync(bytes);
    const body = strFromU8(files["word/document.xml"]);
    expect(body).toContain('<w:pStyle w:val="Heading1"/>');
    expect(body).toContain("<w:b/>");
    expect(body).toContain("<w:i/>");
    expect(body).toContain("<w:tbl>");
    // "nested" is a numbered list inside the second bullet: one level down.
    expect(body).toMatch(/<w:ilvl w:val="1"\/>[\s\S]*?nested/);
    expect(strFromU8(files["word/_rels/document.xml.rels"])).toContain("https://example.com");
    const text = await parseDocx(bytes);
    for (const part of ["# Report", "Some bold and italic text with code and a link.", "- one\n- two", "1. nested", "quoted", "print('hi')", "A | B\n1 | 2"]) {
      expect(text).toContain(part);
    }
  });

  it("starts a numbered list where the Markdown starts it", async () => {
    const numbering = strFromU8(unzipSync(await markdownDocx("3. three\n4. four\n\ntext\n\n1. one"))["word/numbering.xml"]);
    expect(numbering).toContain('<w:start w:val="3"/>');
  });

  it("takes a template's styles, and knows a file that is not a Word document", async () => {
    const styles = '<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:rPr><w:color w:val="C00000"/></w:rPr></w:style></w:styles>';
    const template = await markdownDocx("# x", styles);
    expect(templateStyles(template)).toContain('w:val="C00000"');
    expect(templateStyles(new TextEncoder().encode("not a zip"))).toBeUndefined();
  });

  it("writes XML with one root and closed empty elements", () => {
    expect(markdownXml("Line one  \nline two")).toBe("<?xml version='1.0' encoding='UTF-8'?>\n<p>Line one<br />line two</p>\n");
    const xml = markdownXml("# T\n\n---\n\ntext");
    expect(xml).toMatch(/^<\?xml version='1.0' encoding='UTF-8'\?>\n<div><h1>T<\/h1>\n<hr \/>\n<p>text<\/p><\/div>\n$/);
  });

  it("writes a notebook whose code blocks are code cells", () => {
    const nb = JSON.parse(markdownNotebook("# Demo\n\nRun this:\n\n```python\nx = 1\nprint(x)\n```\n\nDone."));
    expect(nb).toMatchObject({ nbformat: 4, nbformat_minor: 5 });
    expect(nb.cells.map((c: { cell_type: string; source: string[] }) => [c.cell_type, c.source])).toEqual([
      ["markdown", ["# Demo\n", "\n", "Run this:"]],
      ["code", ["x = 1\n", "print(x)"]],
      ["markdown", ["Done."]],
    ]);
    expect(nb.cells[1]).toMatchObject({ execution_count: null, outputs: [] });
  });
});
