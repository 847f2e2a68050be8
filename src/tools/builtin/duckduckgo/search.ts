// Dify's duckduckgo plugin `ddgo_search`, as its duckduckgo_search library's "html" backend reads
// DuckDuckGo: the results page of html.duckduckgo.com, ads left out, each result as
// {title, href, body} (the plugin's JSON messages). With require_summary the bodies, one per line,
// are also the tool's text. DuckDuckGo's rate limit (HTTP 202) fails the call, as the library raises.
import { decodeEntities } from "../../../knowledge/parse/html-entities";
import type { TenantCtx } from "../../../context";
import type { BuiltinCallOptions, ToolResult } from "../../types";
import type { ToolArgs } from "../arguments";
import { fetchText, tooLarge } from "../fetch-text";

export const DUCKDUCKGO_HTML_URL = "https://html.duckduckgo.com/html/";
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;
const MAX_RESULTS = 50;
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

export interface DuckDuckGoResult {
  title: string;
  href: string;
  body: string;
}

const ANCHOR = /<a\b([^>]*)>([\s\S]*?)<\/a>/gi;
const attr = (attrs: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, "i").exec(attrs)?.[1];
const textOf = (html: string) => decodeEntities(html.replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim();

/** A result link as the page gives it: DuckDuckGo's redirect (//duckduckgo.com/l/?uddg=…) is unwrapped. */
function resultUrl(raw: string): string {
  const href = decodeEntities(raw);
  try {
    const url = new URL(href, "https://duckduckgo.com");
    const target = url.hostname.endsWith("duckduckgo.com") && url.pathname === "/l/" ? url.searchParams.get("uddg") : null;
    return target ?? url.toString();
  } catch {
    return href;
  }
}

/** The organic results of an html.duckduckgo.com page, in order, without ads or repeats. */
export function duckDuckGoResults(html: string): DuckDuckGoResult[] {
  const results: DuckDuckGoResult[] = [];
  const seen = new Set<string>();
  let current: DuckDuckGoResult | null = null;
  for (const m of html.matchAll(ANCHOR)) {
    const classes = attr(m[1], "class") ?? "";
    const href = attr(m[1], "href") ?? "";
    if (/\bresult__a\b/.test(classes)) {
      current = null;
      if (!href || /duckduckgo\.com\/y\.js\?ad_domain|^https?:\/\/www\.google\.com\/search\?q=/.test(decodeEntities(href))) continue;
      const url = resultUrl(href);
      if (seen.has(url)) continue;
      seen.add(url);
      current = { title: textOf(m[2]), href: url, body: "" };
      results.push(current);
    } else if (/\bresult__snippet\b/.test(classes) && current && !current.body) {
      current.body = textOf(m[2]);
    }
  }
  return results;
}

export async function duckDuckGoSearch(ctx: TenantCtx, args: ToolArgs, { signal }: BuiltinCallOptions): Promise<ToolResult> {
  const query = args.string("query");
  const max = Math.max(1, Math.min(MAX_RESULTS, Math.floor(args.optionalNumber("max_results") ?? 5)));
  const { response, text: html, truncated } = await fetchText(ctx, ctx.env.DUCKDUCKGO_HTML_URL || DUCKDUCKGO_HTML_URL, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": USER_AGENT, referer: "https://html.duckduckgo.com/" },
    body: new URLSearchParams({ q: query, b: "", kl: "wt-wt" }).toString(),
    signal,
  }, MAX_ANSWER_BYTES);
  if (response.status === 202) throw new Error("DuckDuckGo: rate limit reached (HTTP 202); try again later");
  if (!response.ok) throw new Error(`DuckDuckGo answered HTTP ${response.status}`);
  if (truncated) throw tooLarge("DuckDuckGo", MAX_ANSWER_BYTES);
  const results = duckDuckGoResults(html).slice(0, max);
  // The plugin's summary of a text this short is the text itself.
  const text = args.boolean("require_summary") ? results.map((r) => r.body).join("\n") : "";
  return { text, json: results };
}
