// Dify's tavily_search: the request its plugin builds from the tool's parameters, the whole answer
// as the tool's JSON, and the plugin's Markdown digest of it as the text.
import type { BuiltinHandler } from "../define";
import { tavily } from "./client";

/** The plugin's reading of include_answer / include_raw_content: "false" (or an older export's 0)
 * leaves it out, a level is sent as it is, anything else true asks for the first level. */
function level(value: string | undefined, on: string, levels: string[]): string | undefined {
  const v = value?.trim().toLowerCase();
  if (!v || v === "false" || v === "0" || v === "none") return undefined;
  return levels.includes(v) ? v : on;
}

const domains = (value: string | undefined) => (value ? value.replace(/,/g, " ").split(/\s+/).filter(Boolean) : undefined);

interface SearchResult {
  title?: string;
  url?: string;
  content?: string;
  score?: number;
  raw_content?: string;
  published_date?: string;
  favicon?: string;
}

type Image = string | { url?: string; description?: string };

/** The plugin's text for a search answer, line for line. */
export function searchDigest(answer: Record<string, unknown>, options: { includeAnswer: boolean; rawContent: boolean; news: boolean; images: boolean }): string {
  const lines: string[] = [];
  if (options.includeAnswer && answer.answer) lines.push(`**Answer:** ${answer.answer}\n`);
  const results = (answer.results ?? []) as SearchResult[];
  results.forEach((r, i) => {
    const title = r.title ?? "No Title";
    const url = r.url ?? "";
    lines.push(`# Result ${i + 1}: [${title}](${url})\n`);
    if (options.news && r.published_date) lines.push(`**Published Date:** ${r.published_date}\n`);
    lines.push(`**URL:** ${url}\n`);
    if (r.score) lines.push(`**Relevance Score:** ${r.score}\n`);
    if (r.favicon) lines.push(`**Favicon:** ![Favicon for ${r.title ?? "website"}](${r.favicon})\n`);
    if (r.content) lines.push(`**Content:**\n${r.content}\n`);
    if (options.rawContent && r.raw_content) lines.push(`**Raw Content:**\n${r.raw_content}\n`);
    lines.push("---\n");
  });
  const images = (answer.images ?? []) as Image[];
  if (options.images && images.length) {
    lines.push("**Images:**\n");
    for (const image of images) {
      const url = typeof image === "string" ? image : image.url;
      if (!url) continue;
      const description = (typeof image === "string" ? undefined : image.description) || "Tavily search result image";
      lines.push(`![${description}](${url})\n`);
    }
    lines.push("\n");
  }
  return lines.join("\n");
}

export const tavilySearch: BuiltinHandler = async (ctx, args, { signal, credentials }) => {
  const query = args.string("query").trim();
  if (!query) throw new Error("Please input a query.");
  const depth = args.optionalString("search_depth") ?? "basic";
  const topic = args.optionalString("topic") ?? "general";
  const body: Record<string, unknown> = {
    query,
    search_depth: depth,
    topic,
    max_results: Math.trunc(args.optionalNumber("max_results") ?? 5),
  };
  const timeRange = args.optionalString("time_range");
  if (timeRange && timeRange !== "not_specified") body.time_range = timeRange;
  for (const name of ["start_date", "end_date", "country"]) {
    const value = args.optionalString(name);
    if (value && value !== "None") body[name] = value;
  }
  for (const name of ["include_images", "include_image_descriptions", "auto_parameters", "include_favicon", "include_usage"]) {
    if (args.boolean(name)) body[name] = true;
  }
  const answerLevel = level(args.optionalString("include_answer"), "basic", ["basic", "advanced"]);
  if (answerLevel) body.include_answer = answerLevel;
  const rawLevel = level(args.optionalString("include_raw_content"), "markdown", ["markdown", "text"]);
  if (rawLevel) body.include_raw_content = rawLevel;
  const include = domains(args.optionalString("include_domains"));
  if (include?.length) body.include_domains = include;
  const exclude = domains(args.optionalString("exclude_domains"));
  if (exclude?.length) body.exclude_domains = exclude;
  if (depth === "advanced" || depth === "fast") body.chunks_per_source = Math.trunc(args.optionalNumber("chunks_per_source") ?? 3);

  const answer = await tavily(ctx, credentials.tavily_api_key ?? "", "search", body, signal, args.optionalString("project_id"));
  const results = (answer.results ?? []) as unknown[];
  if (results.length === 0) return { text: `No results found for '${query}' in Tavily.` };
  const text = searchDigest(answer, { includeAnswer: !!answerLevel, rawContent: !!rawLevel, news: topic === "news", images: !!body.include_images });
  return { text, json: [answer] };
};
