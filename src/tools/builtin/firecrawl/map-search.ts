// Dify's firecrawl `map` (a site's URLs) and `search` (web search, optionally scraping each hit):
// the plugin's request bodies from the form, and Firecrawl's whole answer as the tool's JSON, its
// only output there too (an agent reads the JSON; see apps/runners/agent.ts).
import type { BuiltinHandler } from "../define";
import type { ToolArgs } from "../arguments";
import { type FirecrawlCredentials, firecrawl } from "./client";

/** The plugin's comma lists: trimmed, empty parts dropped, undefined when nothing is left. */
function list(args: ToolArgs, name: string): string[] | undefined {
  const values = (args.optionalString(name) ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  return values.length ? values : undefined;
}

export const firecrawlMap: BuiltinHandler = async (ctx, args, { signal, credentials }) => {
  const body: Record<string, unknown> = {
    url: args.string("url"),
    search: args.optionalString("search") ?? null,
    includeSubdomains: args.boolean("includeSubdomains"),
    limit: args.optionalNumber("limit") ?? 5000,
  };
  if (args.boolean("ignoreSitemap")) body.sitemap = "skip";
  const answer = await firecrawl(ctx, credentials as FirecrawlCredentials, "map", body, signal);
  return { text: "", json: [answer] };
};

export const firecrawlSearch: BuiltinHandler = async (ctx, args, { signal, credentials }) => {
  const formats = list(args, "scrapeFormats");
  const scrapeOptions = formats
    ? { formats: formats.map((type) => ({ type })), ...(args.optionalString("onlyMainContent") !== undefined ? { onlyMainContent: args.boolean("onlyMainContent") } : {}) }
    : undefined;
  const fields: Record<string, unknown> = {
    limit: args.optionalNumber("limit") ?? 10,
    sources: list(args, "sources"),
    categories: list(args, "categories"),
    includeDomains: list(args, "includeDomains"),
    excludeDomains: list(args, "excludeDomains"),
    tbs: args.optionalString("tbs"),
    location: args.optionalString("location"),
    country: args.optionalString("country"),
    timeout: args.optionalNumber("timeout"),
    ignoreInvalidURLs: args.optionalString("ignoreInvalidURLs") !== undefined ? args.boolean("ignoreInvalidURLs") : undefined,
    enterprise: list(args, "enterprise"),
    scrapeOptions,
  };
  const body: Record<string, unknown> = { query: args.string("query") };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null && v !== "") body[k] = v;
  const answer = await firecrawl(ctx, credentials as FirecrawlCredentials, "search", body, signal);
  return { text: "", json: [answer] };
};
