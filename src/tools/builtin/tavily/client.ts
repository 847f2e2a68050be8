// Calls Tavily's API as Dify's tavily plugin does through the tavily-python SDK: POST JSON to
// https://api.tavily.com/<endpoint> with the key as a Bearer header. TAVILY_API_URL points
// elsewhere (tests, a proxy).
import type { TenantCtx } from "../../../context";
import { fetchText } from "../fetch-text";

export const TAVILY_API_URL = "https://api.tavily.com";

/** Tavily answers a few hundred KB at most (raw content of 20 pages); more is refused. */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

export async function tavily(
  ctx: TenantCtx,
  apiKey: string,
  endpoint: "search" | "extract" | "map",
  body: Record<string, unknown>,
  signal: AbortSignal,
  projectId?: string,
): Promise<Record<string, unknown>> {
  const base = (ctx.env.TAVILY_API_URL || TAVILY_API_URL).replace(/\/+$/, "");
  const { response, text, truncated } = await fetchText(ctx, `${base}/${endpoint}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${apiKey}`,
      "x-client-name": "dify",
      ...(projectId ? { "x-project-id": projectId } : {}),
    },
    body: JSON.stringify(body),
    signal,
  }, MAX_ANSWER_BYTES);
  if (!response.ok) {
    let detail = text.slice(0, 300);
    try {
      // Tavily answers {detail: {error}}; a proxy may answer {error} or {error: {message}}.
      const parsed = JSON.parse(text) as { detail?: { error?: unknown } | string; error?: { message?: unknown } | string };
      const found = typeof parsed.detail === "string" ? parsed.detail : (parsed.detail?.error ?? (typeof parsed.error === "string" ? parsed.error : parsed.error?.message));
      if (typeof found === "string" && found) detail = found;
    } catch {
      // Not JSON: the text is the message.
    }
    throw new Error(`Tavily answered HTTP ${response.status}: ${detail}`);
  }
  if (truncated) throw new Error(`Tavily's answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB`);
  const parsed = JSON.parse(text) as unknown;
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("Tavily did not answer a JSON object");
  return parsed as Record<string, unknown>;
}
