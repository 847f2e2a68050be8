// Markdown to XML and to a Jupyter notebook, for md_exporter's md_to_xml and md_to_ipynb.
import { markdownToHtml, markdownTokens } from "./markdown";

const VOID_TAGS = /<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b([^>]*?)\s*\/?>/gi;

/**
 * The text's HTML as an XML document, as the plugin writes it (lxml's tostring of the HTML): one
 * root element, a <div> around several blocks, empty elements closed.
 */
export function markdownXml(md: string): string {
  const blocks = markdownTokens(md).filter((t) => t.type !== "space" && t.type !== "def").length;
  const html = markdownToHtml(md)
    .trim()
    .replace(VOID_TAGS, (_, tag: string, attrs: string) => `<${tag}${attrs} />`)
    .replace(/&nbsp;/g, "&#160;");
  return `<?xml version='1.0' encoding='UTF-8'?>\n${blocks === 1 ? html : `<div>${html}</div>`}\n`;
}

interface Cell {
  cell_type: "markdown" | "code";
  id: string;
  metadata: Record<string, never>;
  source: string[];
  execution_count?: null;
  outputs?: never[];
}

/** A cell's source as nbformat stores it: lines, each but the last keeping its line break. */
const sourceLines = (text: string) => text.split("\n").map((line, i, all) => (i < all.length - 1 ? `${line}\n` : line));

/**
 * A notebook (nbformat 4.5) of the text: every fenced code block is a code cell, whatever its
 * language (the plugin marks them all as code before pandoc converts), and the Markdown between
 * them a Markdown cell.
 */
export function markdownNotebook(md: string): string {
  const cells: Cell[] = [];
  const push = (type: Cell["cell_type"], lines: string[]) => {
    const text = type === "markdown" ? lines.join("\n").trim() : lines.join("\n");
    if (type === "markdown" && !text) return;
    const id = `cell-${cells.length + 1}`;
    cells.push(
      type === "code"
        ? { cell_type: "code", execution_count: null, id, metadata: {}, outputs: [], source: sourceLines(text) }
        : { cell_type: "markdown", id, metadata: {}, source: sourceLines(text) },
    );
  };
  let markdown: string[] = [];
  let code: string[] | null = null;
  for (const line of md.split("\n")) {
    if (line.trimStart().startsWith("```")) {
      if (code === null) {
        push("markdown", markdown);
        markdown = [];
        code = [];
      } else {
        push("code", code);
        code = null;
      }
    } else if (code !== null) code.push(line);
    else markdown.push(line);
  }
  // An unclosed fence runs to the end of the text, as in Markdown.
  if (code !== null) push("code", code);
  push("markdown", markdown);
  const notebook = {
    cells,
    metadata: { kernelspec: { display_name: "Python 3", language: "python", name: "python3" }, language_info: { name: "python" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}
