// Dify's tavily_extract: the pages' content through Tavily's /extract, the whole answer as JSON
// and the plugin's Markdown digest as the text.
import type { BuiltinHandler } from "../define";
import { tavily } from "./client";

interface Extracted {
  url?: string;
  raw_content?: string;
  images?: string[];
  favicon?: string;
}

/** The plugin's text for an extract answer. */
export function extractDigest(answer: Record<string, unknown>): string {
  const lines: string[] = [];
  ((answer.results ?? []) as Extracted[]).forEach((r, i) => {
    const url = r.url ?? "";
    lines.push(`# Extracted Content ${i + 1}: ${url}\n`);
    if (r.favicon) lines.push(`**Favicon:** ![Favicon for ${url}](${r.favicon})\n`);
    lines.push(`**Raw Content:**\n${r.raw_content ?? ""}\n`);
    if (r.images?.length) {
      lines.push("**Images:**\n");
      for (const image of r.images) lines.push(`![Image from ${url}](${image})\n`);
    }
    lines.push("---\n");
  });
  const failed = (answer.failed_results ?? []) as { url?: string; error?: string }[];
  if (failed.length) {
    lines.push("# Failed URLs:\n");
    for (const f of failed) lines.push(`- ${f.url ?? ""}: ${f.error ?? "Unknown error"}\n`);
  }
  return lines.join("\n");
}

export const tavilyExtract: BuiltinHandler = async (ctx, args, { signal, credentials }) => {
  const urls = args
    .string("urls")
    .split(",")
    .map((u) => u.trim())
    .filter(Boolean);
  if (urls.length === 0) throw new Error("Please input at least one URL to extract.");
  const body: Record<string, unknown> = {
    urls,
    extract_depth: args.optionalString("extract_depth") ?? "basic",
    format: args.optionalString("format") ?? "markdown",
  };
  const query = args.optionalString("query");
  if (query) body.query = query;
  for (const name of ["include_images", "include_favicon", "include_usage"]) if (args.boolean(name)) body[name] = true;
  const chunks = args.optionalNumber("chunks_per_source");
  if (chunks !== undefined) {
    if (chunks < 1 || chunks > 5) throw new Error("chunks_per_source must be between 1 and 5");
    body.chunks_per_source = Math.trunc(chunks);
  }
  const timeout = args.optionalNumber("timeout");
  if (timeout !== undefined) {
    if (timeout < 1 || timeout > 60) throw new Error("timeout must be between 1 and 60 seconds");
    body.timeout = timeout;
  }
  const answer = await tavily(ctx, credentials.tavily_api_key ?? "", "extract", body, signal, args.optionalString("project_id"));
  if (((answer.results ?? []) as unknown[]).length === 0) {
    return { text: "No content could be extracted from the provided URLs." };
  }
  return { text: extractDigest(answer), json: [answer] };
};
