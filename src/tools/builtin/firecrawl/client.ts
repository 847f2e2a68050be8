// Calls Firecrawl's API (v2) as Dify's firecrawl plugin does: POST JSON to
// `<base_url>/v2/<endpoint>` with the key as a Bearer header. The base URL is the workspace's
// (a self-hosted Firecrawl) or Firecrawl's own; either way it goes through the SSRF guard.
import type { TenantCtx } from "../../../context";
import { fetchText, tooLarge } from "../fetch-text";

export const FIRECRAWL_API_URL = "https://api.firecrawl.dev";

/** A scraped page with its screenshots and raw HTML stays well below this. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

export interface FirecrawlCredentials {
  base_url?: string;
  firecrawl_api_key?: string;
}

export async function firecrawl(
  ctx: TenantCtx,
  credentials: FirecrawlCredentials,
  endpoint: "scrape" | "map" | "search",
  body: Record<string, unknown>,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const base = (credentials.base_url?.trim() || FIRECRAWL_API_URL).replace(/\/+$/, "");
  const { response, text, truncated } = await fetchText(ctx, `${base}/v2/${endpoint}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${credentials.firecrawl_api_key ?? ""}` },
    body: JSON.stringify(body),
    signal,
  }, MAX_ANSWER_BYTES);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`Firecrawl answered HTTP ${response.status} without JSON: ${text.slice(0, 300)}`);
  }
  if (truncated) throw tooLarge("Firecrawl", MAX_ANSWER_BYTES);
  const answer = (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? parsed : {}) as Record<string, unknown>;
  // Firecrawl answers {success: false, error} (or {error} for 401, 402, 429); the plugin would
  // answer an empty page, Kiln says why.
  if (!response.ok || answer.success === false) {
    const error = answer.error as string | { message?: unknown } | undefined;
    const message = typeof error === "string" ? error : typeof error?.message === "string" ? error.message : text.slice(0, 300);
    throw new Error(`Firecrawl answered HTTP ${response.status}: ${message}`);
  }
  return answer;
}
