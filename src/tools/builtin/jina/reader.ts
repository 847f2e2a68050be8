// Dify's `jina` provider's jina_reader tool (langgenius/jina plugin): fetches the page through
// Jina Reader (r.jina.ai) with the same request the plugin sends, Accept: application/json and the
// X-… headers its options set, and answers the reader's answer as it comes (Jina's JSON, title,
// url and Markdown content). Anonymous calls are rate-limited by Jina; the workspace's key (set in
// Tools), else JINA_API_KEY (the operator's), is sent as Bearer. JINA_READER_URL points elsewhere (tests, a proxy).
import type { TenantCtx } from "../../../context";
import { createGuardedFetch } from "../../../lib/ssrf";
import type { BuiltinHandler } from "../define";
import { MAX_PAGE_BYTES } from "../webscraper/scrape";
import { fetchText } from "../fetch-text";

export const JINA_READER_URL = "https://r.jina.ai/";

/** The plugin's switches, each the Reader header it sets. */
const SWITCHES: [string, string, string][] = [
  ["remove_images", "X-Retain-Images", "none"],
  ["image_caption", "X-With-Generated-Alt", "true"],
  ["gather_all_links_at_the_end", "X-With-Links-Summary", "true"],
  ["gather_all_images_at_the_end", "X-With-Images-Summary", "true"],
  ["no_cache", "X-No-Cache", "true"],
  ["no_cache_track", "DNT", "1"],
];

/** The request_params option: a JSON object whose entries go into the query, as the plugin sends them. */
function requestParams(text: string | undefined): [string, string][] {
  if (!text?.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`Invalid request_params: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("Invalid request_params: request_params must be a JSON object");
  return Object.entries(parsed).flatMap(([k, v]) =>
    v === null || v === undefined ? [] : Array.isArray(v) ? v.map((item): [string, string] => [k, String(item)]) : [[k, typeof v === "object" ? JSON.stringify(v) : String(v)]],
  );
}

/** A key is proved by reading a small page with it; Jina answers 401 to a key it does not know. */
export async function checkJinaKey(ctx: TenantCtx, credentials: Readonly<Record<string, string>>, signal: AbortSignal): Promise<void> {
  if (!credentials.api_key) return;
  const reader = ctx.env.JINA_READER_URL || JINA_READER_URL;
  const headers = { accept: "application/json", authorization: `Bearer ${credentials.api_key}` };
  const response = await createGuardedFetch(ctx.config.SSRF_ALLOW_HOSTS)(`${reader}https://example.com`, { headers, signal });
  await response.body?.cancel();
  if (response.status === 401 || response.status === 403) throw new Error("Jina rejected the API key");
  if (!response.ok) throw new Error(`Jina Reader answered HTTP ${response.status}`);
}

export const jinaReader: BuiltinHandler = async (ctx, args, { signal, credentials }) => {
  const page = args.string("url").trim();
  const headers = new Headers({ accept: "application/json" });
  const key = credentials.api_key || ctx.env.JINA_API_KEY;
  if (key) headers.set("authorization", `Bearer ${key}`);
  const target = args.optionalString("target_selector");
  if (target) headers.set("X-Target-Selector", target);
  const format = args.optionalString("content_format");
  if (format && format !== "default") headers.set("X-Return-Format", format);
  const waitFor = args.optionalString("wait_for_selector");
  if (waitFor) headers.set("X-Wait-For-Selector", waitFor);
  for (const [name, header, value] of SWITCHES) if (args.boolean(name)) headers.set(header, value);
  const proxy = args.optionalString("proxy_server");
  if (proxy) headers.set("X-Proxy-Url", proxy);

  const reader = ctx.env.JINA_READER_URL || JINA_READER_URL;
  const url = new URL(reader + page);
  for (const [k, v] of requestParams(args.optionalString("request_params"))) url.searchParams.append(k, v);
  const { response, text, truncated } = await fetchText(ctx, url.href, { headers, signal }, MAX_PAGE_BYTES);
  if (!response.ok) throw new Error(`Jina Reader answered HTTP ${response.status} for ${page}: ${text.slice(0, 500)}`);
  if (truncated) throw new Error(`Jina Reader's answer for ${page} is larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB`);
  return { text };
};
