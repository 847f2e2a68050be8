// The Markdown Exporter plugin (bowenliang123/md_exporter), so Dify DSL tool nodes and agents that
// turn an LLM's Markdown into a file resolve: each tool stores its file(s) as files of the run
// (Dify's tool files), the tool node's `files` output. Not here: md_to_pdf, md_to_png and
// md_to_pptx (the plugin renders them with pandoc, a browser engine and python-pptx).
import { strToU8, zipSync } from "fflate";
import { KilnError } from "../../../lib/errors";
import { storeNodeFile } from "../../../apps/upload-files";
import { loadWorkspaceFile } from "../../../workflow/nodes/model/files";
import type { TenantCtx } from "../../../context";
import type { BuiltinCallOptions, BuiltinProvider, BuiltinTool, ToolDefinition, ToolResult } from "../../types";
import { type ToolArgs, toolArgs } from "../arguments";
import { param } from "../define";
import { markdownDocx, templateStyles } from "./docx";
import { markdownNotebook, markdownXml } from "./documents";
import { codeBlocks, markdownTables, markdownText, markdownToHtml } from "./markdown";
import { tableCsv, tableJson, tableLatex, tablesXlsx } from "./tables";

const MIME = {
  md: "text/markdown",
  html: "text/html",
  csv: "text/csv",
  json: "application/json",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xml: "text/xml",
  tex: "application/x-tex",
  ipynb: "application/x-ipynb+json",
  zip: "application/zip",
  txt: "text/plain",
} as const;

/** A code block's file type by its language, as the plugin names them (anything else is .txt). */
const CODE_FILES: Record<string, [ext: string, mime: string]> = {
  css: ["css", "text/css"],
  csv: ["csv", "text/csv"],
  python: ["py", "text/x-python"],
  json: ["json", "application/json"],
  javascript: ["js", "text/javascript"],
  js: ["js", "text/javascript"],
  bash: ["sh", "application/x-sh"],
  sh: ["sh", "application/x-sh"],
  svg: ["svg", "image/svg+xml"],
  xml: ["xml", "text/xml"],
  html: ["html", "text/html"],
  markdown: ["md", "text/markdown"],
  yaml: ["yaml", "text/yaml"],
  ruby: ["rb", "text/x-ruby"],
  php: ["php", "application/x-httpd-php"],
  java: ["java", "text/x-java-source"],
};

interface Output {
  bytes: Uint8Array;
  ext: string;
  mime: string;
  /** The name the user asked for (output_filename), without or with the extension. */
  name?: string;
}

/** The plugin's get_meta_data: a given name gets the extension when it lacks it; otherwise Dify names the tool file by a random id. */
function filename(out: Output): string {
  const name = out.name?.trim();
  if (!name) return `${crypto.randomUUID().replaceAll("-", "")}.${out.ext}`;
  return name.toLowerCase().endsWith(`.${out.ext}`) ? name : `${name}.${out.ext}`;
}

async function store(ctx: TenantCtx, options: BuiltinCallOptions, outputs: Output[]): Promise<ToolResult> {
  const owner = options.owner;
  if (!owner) throw new KilnError("tool_error", 400, "Markdown Exporter stores its files as files of the run, and this call has no run to store them for");
  const files = [];
  for (const out of outputs) files.push(await storeNodeFile(ctx, owner, out.bytes, filename(out), out.mime));
  return { text: "", files };
}

/** One file per table: with a name given and several tables, "<name>_1", "<name>_2"… */
const perTable = (name: string | undefined, count: number, i: number) => (name && count > 1 ? `${name}_${i + 1}` : name);

type Handler = (ctx: TenantCtx, args: ToolArgs, raw: Record<string, unknown>, options: BuiltinCallOptions) => Promise<ToolResult>;

/**
 * A tool of the plugin. A conversion error is the tool's text ("Failed to convert markdown text to
 * CSV file, error: …") where the plugin answers it so, and fails the call where the plugin raises
 * (`raises`). An empty md_text always fails the call, as in the plugin.
 */
function exporter(definition: ToolDefinition, target: string, raises: boolean, handler: Handler): BuiltinTool {
  return {
    definition,
    invoke: async (ctx, raw, options) => {
      const args = toolArgs(definition, raw ?? {});
      markdownText(args.optionalString("md_text"));
      try {
        return await handler(ctx, args, raw ?? {}, options);
      } catch (err) {
        if (err instanceof KilnError) throw err;
        const message = `Failed to convert markdown text to ${target}, error: ${err instanceof Error ? err.message : String(err)}`;
        if (raises) throw new Error(message);
        return { text: message };
      }
    },
  };
}

const mdText = param("md_text", "string", "Markdown text");
const outputFilename = param("output_filename", "string", "Optional custom output file name, and the filename suffix is not required.", { required: false });
const tool = (name: string, label: string, description: string, extra: ToolDefinition["parameters"] = []): ToolDefinition => ({
  name,
  label,
  description,
  parameters: [mdText, ...extra],
});

const tables = (args: ToolArgs) => markdownTables(markdownText(args.optionalString("md_text")));
const name = (args: ToolArgs) => args.optionalString("output_filename");

export const mdExporterProvider: BuiltinProvider = {
  name: "md_exporter",
  label: "Markdown Exporter",
  description: "Export Markdown to DOCX, XLSX, HTML, IPYNB, CSV, JSON, JSONL, XML and LaTeX files, and extract code blocks to Python, Bash, JS and other files.",
  icon: { type: "emoji", content: "📝", background: "#F1F5F9" },
  tools: [
    exporter(tool("md_to_docx", "Markdown → DOCX", "Generate DOCX file from Markdown text", [
      param("docx_template_file", "file", "Optional docx template file for styling: its styles (Word's Styles pane) are used.", { required: false }),
      outputFilename,
    ]), "DOCX file", true, async (ctx, args, raw, options) => {
      const md = markdownText(args.optionalString("md_text"), true);
      let styles: string | undefined;
      const template = raw.docx_template_file;
      if (template !== undefined && template !== null && template !== "") {
        const loaded = await loadWorkspaceFile(ctx, args.file("docx_template_file"), 15, options.signal);
        styles = templateStyles(loaded.bytes);
        if (styles === undefined) throw new Error("Not a valid file for docx template file");
      }
      return store(ctx, options, [{ bytes: await markdownDocx(md, styles), ext: "docx", mime: MIME.docx, name: name(args) }]);
    }),
    exporter(tool("md_to_xlsx", "Markdown → XLSX", "Generate XLSX file from Markdown tables", [
      param("force_text_value", "select", "Whether to keep every cell as text (true) or write numbers as numbers (false).", { form: "form", default: "true", options: ["true", "false"] }),
      outputFilename,
    ]), "XLSX file", false, async (ctx, args, _raw, options) =>
      store(ctx, options, [{ bytes: tablesXlsx(tables(args), args.optionalString("force_text_value") !== "false"), ext: "xlsx", mime: MIME.xlsx, name: name(args) }]),
    ),
    exporter(tool("md_to_ipynb", "Markdown → IPYNB", "Generate a Jupyter notebook (IPYNB) from Markdown text: code blocks become code cells.", [outputFilename]), "IPYNB file", true, async (ctx, args, _raw, options) =>
      store(ctx, options, [{ bytes: strToU8(markdownNotebook(markdownText(args.optionalString("md_text"), true))), ext: "ipynb", mime: MIME.ipynb, name: name(args) }]),
    ),
    exporter(tool("md_to_html", "Markdown → HTML", "Generate HTML file from Markdown text", [outputFilename]), "HTML file", true, async (ctx, args, _raw, options) =>
      store(ctx, options, [{ bytes: strToU8(markdownToHtml(markdownText(args.optionalString("md_text")))), ext: "html", mime: MIME.html, name: name(args) }]),
    ),
    exporter(tool("md_to_html_text", "Markdown → HTML Text", "Convert Markdown text to HTML text"), "HTML text", false, async (_ctx, args) => ({
      text: markdownToHtml(markdownText(args.optionalString("md_text"))),
    })),
    exporter(tool("md_to_md", "Markdown → MD", "Generate MD file from Markdown text", [outputFilename]), "MD file", false, async (ctx, args, _raw, options) =>
      store(ctx, options, [{ bytes: strToU8(markdownText(args.optionalString("md_text"))), ext: "md", mime: MIME.md, name: name(args) }]),
    ),
    exporter(tool("md_to_csv", "Markdown → CSV", "Generate CSV file from Markdown tables (one file per table)", [outputFilename]), "CSV file", false, async (ctx, args, _raw, options) => {
      const found = tables(args);
      return store(ctx, options, found.map((t, i) => ({ bytes: strToU8(tableCsv(t)), ext: "csv", mime: MIME.csv, name: perTable(name(args), found.length, i) })));
    }),
    exporter(tool("md_to_json", "Markdown → JSON", "Generate JSON or JSONL file from Markdown tables (one file per table)", [
      param("output_style", "select", "JSON Lines (one object per row and line) or one JSON array.", { form: "form", default: "jsonl", options: ["jsonl", "json_array"] }),
      outputFilename,
    ]), "JSON file", false, async (ctx, args, _raw, options) => {
      const found = tables(args);
      const style = args.optionalString("output_style") === "json_array" ? "json_array" : "jsonl";
      return store(ctx, options, found.map((t, i) => ({ bytes: strToU8(tableJson(t, style)), ext: "json", mime: MIME.json, name: perTable(name(args), found.length, i) })));
    }),
    exporter(tool("md_to_xml", "Markdown → XML", "Generate XML file from Markdown text", [outputFilename]), "XML file", false, async (ctx, args, _raw, options) =>
      store(ctx, options, [{ bytes: strToU8(markdownXml(markdownText(args.optionalString("md_text"), true))), ext: "xml", mime: MIME.xml, name: name(args) }]),
    ),
    exporter(tool("md_to_latex", "Markdown → LaTeX", "Generate LaTeX file from Markdown tables (one file per table)", [outputFilename]), "LaTeX file", false, async (ctx, args, _raw, options) => {
      const found = tables(args);
      return store(ctx, options, found.map((t, i) => ({ bytes: strToU8(tableLatex(t)), ext: "tex", mime: MIME.tex, name: perTable(name(args), found.length, i) })));
    }),
    exporter(tool("md_to_codeblock", "Markdown → Code Block Files", "Extract the code blocks of Markdown text into files (Python, JS, Bash…), or one ZIP of them", [
      outputFilename,
      param("is_compress", "select", "Whether to put all code blocks into one ZIP file.", { form: "form", default: "false", options: ["true", "false"] }),
    ]), "code block files", true, async (ctx, args, _raw, options) => {
      const blocks = codeBlocks(markdownText(args.optionalString("md_text")));
      if (!blocks.length) throw new Error("No code blocks found in the input text");
      const typeOf = (language: string) => CODE_FILES[language.toLowerCase()] ?? ["txt", MIME.txt];
      if (args.optionalString("is_compress") === "true") {
        const entries = Object.fromEntries(blocks.map((b, i) => [`code_${i + 1}.${typeOf(b.language)[0]}`, strToU8(b.code)]));
        return store(ctx, options, [{ bytes: zipSync(entries, { level: 6 }), ext: "zip", mime: MIME.zip, name: name(args) }]);
      }
      const base = name(args) || "code";
      return store(
        ctx,
        options,
        blocks.map((b, i) => {
          const [ext, mime] = typeOf(b.language);
          return { bytes: strToU8(b.code), ext, mime, name: blocks.length > 1 ? `${base}_${i + 1}` : base };
        }),
      );
    }),
  ],
};
