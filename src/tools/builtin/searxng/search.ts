// Dify's searxng plugin (langgenius/searxng): a search on the workspace's SearXNG instance, its
// JSON results as the tool's JSON (one item per result) and, for agents and for nodes of older
// exports that read `text`, as a Markdown list. The instance URL goes through the SSRF guard.
import type { TenantCtx } from "../../../context";
import { Invalid } from "../../../lib/errors";
import type { ToolResult } from "../../types";
import type { ToolArgs } from "../arguments";
import { fetchText, tooLarge } from "../fetch-text";

export const SEARCH_TYPES = ["general", "images", "videos", "news", "map", "music", "it", "science", "files", "social_media"];
export const TIME_RANGES = ["day", "week", "month", "year"];

/** The old built-in's categories (Dify 0.x: "Page", "News", "Image", "Video", "File") as SearXNG's. */
export function legacySearchType(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const v = value.trim().toLowerCase();
  const old: Record<string, string> = { page: "general", image: "images", video: "videos", file: "files" };
  return old[v] ?? (SEARCH_TYPES.includes(v) ? v : value);
}

const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

interface SearxResult {
  title?: unknown;
  url?: unknown;
  content?: unknown;
}

async function searx(ctx: TenantCtx, base: string, params: Record<string, string>, signal: AbortSignal): Promise<{ results: unknown[]; raw: string }> {
  if (!base.trim()) throw Invalid("SearXNG is not set up: add its base URL in Tools", ["searxng_base_url"]);
  if (!URL.canParse(base.trim())) throw Invalid(`The SearXNG base URL "${base}" is not a URL`, ["searxng_base_url"]);
  const url = new URL(base.trim());
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const { response, text: raw, truncated } = await fetchText(ctx, url.toString(), { headers: { accept: "application/json" }, signal }, MAX_ANSWER_BYTES);
  if (!response.ok) throw new Error(`Error ${response.status}: ${raw.slice(0, 500)}`);
  if (truncated) throw tooLarge("SearXNG", MAX_ANSWER_BYTES);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`SearXNG answered without JSON (is its "json" format enabled in settings.yml?): ${raw.slice(0, 300)}`);
  }
  const results = (parsed as { results?: unknown }).results;
  return { results: Array.isArray(results) ? results : [], raw };
}

const line = (r: SearxResult) => {
  const title = typeof r.title === "string" && r.title ? r.title : String(r.url ?? "");
  const head = typeof r.url === "string" ? `- [${title}](${r.url})` : `- ${title}`;
  return typeof r.content === "string" && r.content.trim() ? `${head}\n  ${r.content.trim()}` : head;
};

export async function searxngSearch(ctx: TenantCtx, args: ToolArgs, base: string, signal: AbortSignal): Promise<ToolResult> {
  // The plugin asks for the last day's results unless a time range is set.
  const { results, raw } = await searx(
    ctx,
    base,
    {
      q: args.string("query"),
      time_range: args.optionalString("time_range") || "day",
      format: "json",
      categories: args.optionalString("search_type") || "general",
    },
    signal,
  );
  if (!results.length) return { text: `No results found, get response: ${raw.slice(0, 2000)}` };
  const limit = args.optionalNumber("num_results");
  const shown = limit && limit > 0 ? results.slice(0, limit) : results;
  return { text: shown.map((r) => line(r as SearxResult)).join("\n"), json: shown };
}

/** A search on the instance proves its URL (and that its JSON format is on) before it is saved. */
export async function checkSearxng(ctx: TenantCtx, credentials: Readonly<Record<string, string>>, signal: AbortSignal): Promise<void> {
  await searx(ctx, credentials.searxng_base_url ?? "", { q: "SearXNG", format: "json", categories: "general" }, signal);
}
