// The document extractor: turns a file variable (or a file list) into text by Dify's rules for the
// node (parse/extract-text.ts: source files as written, tables as Markdown, the other types through
// the parsers knowledge ingestion uses). Files are this workspace's uploads (R2) or remote URLs
// fetched through the SSRF guard; a single file gives `text` as a string, a list gives an array of
// strings (empty entries of the list are skipped, as in Dify).
import { z } from "zod";
import { Invalid, KilnError } from "../../lib/errors";
import { extractorType, extractText, ParseError } from "../../knowledge/parse";
import { fileRefSchema, loadFile } from "./model/files";
import type { NodeRunContext, WorkflowNode } from "./types";

const schema = z.looseObject({
  variable_selector: z.array(z.string()).min(2),
  is_array_file: z.boolean().nullish(),
});

/** Files may be given by the upload limit of documents (Dify's 15 MB). */
const MAX_FILE_MB = 15;

async function extract(ctx: NodeRunContext, raw: unknown, index: number | null): Promise<string> {
  const where = index === null ? "variable_selector" : `variable_selector[${index}]`;
  const ref = fileRefSchema.safeParse(raw);
  if (!ref.success || typeof raw !== "object" || raw === null) throw Invalid(`${where}: the value is not a file`, ["variable_selector"]);
  const file = await loadFile(ctx, raw, MAX_FILE_MB);
  // A file named without its extension still says what it is in Dify's `extension` field, or by
  // its MIME type (a remote URL's answer).
  const type = extractorType(file.filename, ref.data.extension, file.mimeType);
  if (type === null) {
    throw new KilnError("unsupported_file_type", 415, `${where}: cannot extract text from ${file.filename}`);
  }
  try {
    return await extractText(file.bytes, type);
  } catch (err) {
    if (err instanceof ParseError) throw Invalid(`${where}: ${file.filename}: ${err.message}`, ["variable_selector"]);
    throw err;
  }
}

export const documentExtractorNode: WorkflowNode<typeof schema> = {
  type: "document-extractor",
  schema,
  selectors: (data) => [data.variable_selector],
  async run(ctx, data) {
    const value = ctx.pool.get(data.variable_selector);
    if (value === undefined) throw Invalid(`variable_selector: ${data.variable_selector.join(".")} is not set`, ["variable_selector"]);
    const inputs = { variable_selector: data.variable_selector };
    ctx.trace?.({ inputs });
    // No file (an optional input left empty, an empty list): no text, as Dify answers it.
    if (value === null || (Array.isArray(value) && !value.some((f) => f))) return { outputs: { text: [] }, inputs };
    if (Array.isArray(value)) {
      const texts: string[] = [];
      // One at a time: each file is held in memory while it is parsed.
      for (const [i, item] of value.entries()) if (item !== null && item !== undefined) texts.push(await extract(ctx, item, i));
      return { outputs: { text: texts }, inputs };
    }
    return { outputs: { text: await extract(ctx, value, null) }, inputs };
  },
};
