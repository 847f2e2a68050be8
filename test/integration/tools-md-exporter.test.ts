// The Markdown Exporter plugin (bowenliang123/md_exporter) in workerd with real D1 and R2: a Dify
// workflow that names its tools by plugin id turns Markdown into Word, CSV, code and HTML, its
// files are the run's tool files (read back from R2 here), and bad input fails as the plugin does.
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { parseDocx } from "../../src/knowledge/parse/docx";
import { tryTool } from "../../src/tools/try-tool";
import { loadWorkspaceFile } from "../../src/workflow/nodes/model/files";
import { newOwner, type Owner, publishedWorkflowApp, v1 } from "../support/apps";

const PLUGIN = "bowenliang123/md_exporter/md_exporter";

const toolNode = (id: string, tool: string, parameters: string, configurations = "{}") => `    - id: ${id}
      data:
        type: tool
        title: ${tool}
        provider_id: ${PLUGIN}
        provider_name: ${PLUGIN}
        provider_type: builtin
        tool_name: ${tool}
        tool_configurations: ${configurations}
        tool_parameters:
${parameters}`;

const md = "          md_text: {type: mixed, value: '{{#start.report#}}'}";

const YAML = `version: 0.3.0
kind: app
app: {name: Report exporter, mode: workflow}
dependencies:
- type: marketplace
  value: {marketplace_plugin_unique_identifier: "bowenliang123/md_exporter:1.2.0@b18d95d19f25ed9c73d758048a69cf37c14c1f9f801b354aa7469db44f0df4d6"}
workflow:
  graph:
    edges:
    - {id: e1, source: start, target: docx}
    - {id: e2, source: docx, target: csv}
    - {id: e3, source: csv, target: code}
    - {id: e4, source: code, target: html}
    - {id: e5, source: html, target: end}
    nodes:
    - id: start
      data: {type: start, title: Start, variables: [{variable: report, label: Report, type: paragraph, required: true, max_length: 10000}]}
${toolNode("docx", "md_to_docx", `${md}\n          output_filename: {type: mixed, value: 'Quarterly report'}`)}
${toolNode("csv", "md_to_csv", md)}
${toolNode("code", "md_to_codeblock", md, "{is_compress: 'true'}")}
${toolNode("html", "md_to_html_text", md)}
    - id: end
      data:
        type: end
        title: End
        outputs:
        - {variable: word, value_selector: [docx, files]}
        - {variable: sheets, value_selector: [csv, files]}
        - {variable: sheets_text, value_selector: [csv, text]}
        - {variable: code, value_selector: [code, files]}
        - {variable: html, value_selector: [html, text]}
`;

const REPORT = "```markdown\n# Q3\n\nRevenue **grew**.\n\n| Region | Sales |\n|---|---|\n| North | 12 |\n\n## Staff\n| Name |\n|---|\n| Ada |\n\n```python\nprint('ok')\n```\n```";

const read = async (owner: Owner, file: unknown) => (await loadWorkspaceFile(owner.wctx, file, 15, new AbortController().signal)).bytes;

describe("md_exporter (bowenliang123's Markdown Exporter plugin)", () => {
  it("runs a Dify workflow's Markdown into Word, CSV and code files of the run, and HTML text", async () => {
    const owner = await newOwner();
    const { key } = await publishedWorkflowApp(owner.token, YAML);
    const run = await v1(key, "POST", "/workflows/run", { body: { inputs: { report: REPORT }, response_mode: "blocking", user: "exporter" } });
    expect(run.body.data.status, JSON.stringify(run.body.data.error)).toBe("succeeded");
    const { word, sheets, sheets_text, code, html } = run.body.data.outputs;

    expect(word).toEqual([
      expect.objectContaining({
        type: "document",
        transfer_method: "tool_file",
        filename: "Quarterly report.docx",
        extension: ".docx",
        mime_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      }),
    ]);
    // md_to_docx strips the wrapping fence; the Word file reads back as the report.
    const text = await parseDocx(await read(owner, word[0]));
    expect(text).toContain("# Q3");
    expect(text).toContain("Revenue grew.");
    expect(text).toContain("Region | Sales\nNorth | 12");

    // One CSV per table, named by Dify's random tool-file names; no text beside files.
    expect(sheets).toHaveLength(2);
    expect(sheets_text).toBe("");
    expect(sheets.map((f: { filename: string }) => f.filename)).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.csv$/), expect.stringMatching(/^[0-9a-f]{32}\.csv$/)]);
    expect(strFromU8(await read(owner, sheets[0]))).toBe("Region,Sales\nNorth,12\n");
    expect(strFromU8(await read(owner, sheets[1]))).toBe("Name\nAda\n");

    expect(code).toEqual([expect.objectContaining({ mime_type: "application/zip", extension: ".zip" })]);
    // md_to_codeblock does not strip the wrapping fence: to it, as to the plugin's pattern, the
    // ```markdown block is the one code block, ending where the ```python fence opens.
    const zipped = unzipSync(await read(owner, code[0]));
    expect(Object.keys(zipped)).toEqual(["code_1.md"]);
    expect(strFromU8(zipped["code_1.md"])).toMatch(/^# Q3\n[\s\S]*\| Ada \|$/);

    // md_to_html_text keeps the fence too (only md_to_docx, md_to_xml and md_to_ipynb strip it).
    expect(html).toMatch(/^<pre><code class="language-markdown"># Q3\n\nRevenue \*\*grew\*\*\./);
  });

  it("answers the plugin's text for Markdown without tables, and fails on empty Markdown or a template that is not Word", async () => {
    const owner = await newOwner();
    const call = (tool: string, parameters: Record<string, unknown>) => tryTool(owner.wctx, { provider_type: "builtin", provider_id: PLUGIN, tool_name: tool }, parameters);
    const none = await call("md_to_csv", { md_text: "# Just a heading" });
    expect(none.result).toEqual({
      text: "Failed to convert markdown text to CSV file, error: Failed to parse markdown to tables, exception: No available tables parsed from markdown text",
    });
    await expect(call("md_to_docx", { md_text: "   " })).rejects.toMatchObject({ message: expect.stringContaining("Empty input md_text") });
    await expect(call("md_to_codeblock", { md_text: "no code here" })).rejects.toMatchObject({ message: expect.stringContaining("No code blocks found in the input text") });

    // A template that is not a Word document fails md_to_docx, as the plugin's pandoc does.
    const notWord = (await call("md_to_md", { md_text: "# x", output_filename: "notes.md" })).result.files![0];
    expect(notWord).toMatchObject({ filename: "notes.md", mime_type: "text/markdown" });
    await expect(call("md_to_docx", { md_text: "# x", docx_template_file: notWord })).rejects.toMatchObject({ message: expect.stringContaining("Not a valid file for docx template file") });

    // A Word template's styles are used: the result carries the template's heading colour.
    const template = (await call("md_to_docx", { md_text: "# Styled" })).result.files![0];
    const styled = (await call("md_to_docx", { md_text: "# Again", docx_template_file: [template] })).result.files![0];
    expect(strFromU8(unzipSync(await read(owner, styled))["word/styles.xml"])).toBe(strFromU8(unzipSync(await read(owner, template))["word/styles.xml"]));

    // Another workspace cannot use this workspace's file as its template.
    const other = await newOwner();
    await expect(
      tryTool(other.wctx, { provider_type: "builtin", provider_id: PLUGIN, tool_name: "md_to_docx" }, { md_text: "# x", docx_template_file: template }),
    ).rejects.toMatchObject({ message: expect.stringContaining("not found") });
  });

  it("writes JSON Lines or an array, and an XLSX workbook whose sheets are named by the headings", async () => {
    const owner = await newOwner();
    const call = (tool: string, parameters: Record<string, unknown>) => tryTool(owner.wctx, { provider_type: "builtin", provider_id: PLUGIN, tool_name: tool }, parameters);
    const table = "## Team\n| Name | Age |\n|---|---|\n| Ada | 36 |\n| Alan | 41 |";
    const lines = (await call("md_to_json", { md_text: table })).result.files![0];
    expect(strFromU8(await read(owner, lines))).toBe('{"Name":"Ada","Age":"36"}\n{"Name":"Alan","Age":"41"}\n');
    const array = (await call("md_to_json", { md_text: table, output_style: "json_array", output_filename: "team" })).result.files![0];
    expect(array).toMatchObject({ filename: "team.json", mime_type: "application/json" });
    expect((await call("md_to_html_text", { md_text: "Revenue **grew**." })).result.text).toBe("<p>Revenue <strong>grew</strong>.</p>\n");
    expect(JSON.parse(strFromU8(await read(owner, array)))).toEqual([
      { Name: "Ada", Age: "36" },
      { Name: "Alan", Age: "41" },
    ]);
    const blocks = (await call("md_to_codeblock", { md_text: "```python\nprint(1)\n```\ntext\n```bash\nls\n```", output_filename: "snippet" })).result.files!;
    expect(blocks.map((f) => [f.filename, f.mime_type])).toEqual([
      ["snippet_1.py", "text/x-python"],
      ["snippet_2.sh", "application/x-sh"],
    ]);
    expect(strFromU8(await read(owner, blocks[1]))).toBe("ls");

    const workbook = (await call("md_to_xlsx", { md_text: table })).result.files![0];
    expect(workbook).toMatchObject({ type: "document", extension: ".xlsx" });
    expect(strFromU8(unzipSync(await read(owner, workbook))["xl/workbook.xml"])).toContain('<sheet name="Team"');
  });
});
