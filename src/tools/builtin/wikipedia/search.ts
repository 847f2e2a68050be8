// Dify's wikipedia plugin `wikipedia_search`, as its `wikipedia` library answers: the first three
// articles MediaWiki's search finds, each as "Page: <title>\nSummary: <the article's lead>",
// disambiguation and missing pages left out, the whole cut at 4,000 characters. (The plugin then
// asks Dify to summarise it, which returns a text this short unchanged.)
import type { TenantCtx } from "../../../context";
import type { BuiltinCallOptions, ToolResult } from "../../types";
import type { ToolArgs } from "../arguments";
import { fetchText, tooLarge } from "../fetch-text";

/** MediaWiki's API of a language's Wikipedia; `{lang}` is the language code. */
export const WIKIPEDIA_API_URL = "https://{lang}.wikipedia.org/w/api.php";
const TOP_K = 3;
const MAX_QUERY = 300;
const MAX_CHARS = 4000;
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;
const USER_AGENT = "Kiln/1.0 (Dify-compatible wikipedia_search tool)";
/** A Wikipedia's subdomain: a language code such as "en", "zh", "zh-yue" or "simple". */
const LANGUAGE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$|^simple$/;

interface WikiPage {
  title: string;
  extract?: string;
  missing?: boolean;
  pageprops?: { disambiguation?: unknown };
}

/** What MediaWiki's action=query answers (formatversion 2), as far as this tool reads it. */
interface WikiAnswer {
  error?: { code?: string; info?: string };
  query?: { search?: { title?: unknown }[]; pages?: WikiPage[] };
}

async function query(ctx: TenantCtx, lang: string, params: Record<string, string>, signal: AbortSignal): Promise<WikiAnswer> {
  const url = new URL((ctx.env.WIKIPEDIA_API_URL || WIKIPEDIA_API_URL).replace("{lang}", lang));
  for (const [k, v] of Object.entries({ action: "query", format: "json", formatversion: "2", ...params })) url.searchParams.set(k, v);
  const { response, text, truncated } = await fetchText(ctx, url.toString(), { headers: { "user-agent": USER_AGENT, accept: "application/json" }, signal }, MAX_ANSWER_BYTES);
  if (!response.ok) throw new Error(`Wikipedia answered HTTP ${response.status}: ${text.slice(0, 300)}`);
  if (truncated) throw tooLarge("Wikipedia", MAX_ANSWER_BYTES);
  try {
    return JSON.parse(text) as WikiAnswer;
  } catch {
    throw new Error(`Wikipedia answered HTTP ${response.status} without JSON: ${text.slice(0, 300)}`);
  }
}

export async function wikipediaSearch(ctx: TenantCtx, args: ToolArgs, { signal }: BuiltinCallOptions): Promise<ToolResult> {
  const q = args.optionalString("query") ?? "";
  if (!q.trim()) return { text: "Please input query" };
  // As the plugin: a language Wikipedia does not have leaves the English one.
  const given = (args.optionalString("language") ?? "").trim().toLowerCase();
  const lang = LANGUAGE.test(given) ? given : "en";
  const found = await query(ctx, lang, { list: "search", srsearch: q.slice(0, MAX_QUERY), srlimit: String(TOP_K), srprop: "" }, signal);
  if (found.error) throw new Error(`Wikipedia: ${found.error.info ?? found.error.code}`);
  const titles = (found.query?.search ?? []).map((r) => String(r.title ?? "")).filter(Boolean);
  if (!titles.length) return { text: "No good Wikipedia Search Result was found" };
  const pages = await query(
    ctx,
    lang,
    { prop: "extracts|pageprops", exintro: "1", explaintext: "1", exlimit: String(TOP_K), ppprop: "disambiguation", titles: titles.join("|") },
    signal,
  );
  const byTitle = new Map<string, WikiPage>();
  for (const page of pages.query?.pages ?? []) byTitle.set(page.title, page);
  const summaries: string[] = [];
  for (const title of titles) {
    const page = byTitle.get(title);
    if (!page || page.missing || page.pageprops?.disambiguation !== undefined) continue;
    summaries.push(`Page: ${title}\nSummary: ${(page.extract ?? "").trim()}`);
  }
  if (!summaries.length) return { text: "No good Wikipedia Search Result was found" };
  return { text: summaries.join("\n\n").slice(0, MAX_CHARS) };
}
