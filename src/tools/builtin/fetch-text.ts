// How a built-in tool calls its service: through the SSRF guard, its answer read as text, at most
// `maxBytes` of it (a larger answer is cut there, and `truncated` says so: callers refuse it rather
// than read part of it).
import type { TenantCtx } from "../../context";
import { createGuardedFetch } from "../../lib/ssrf";
import { readCapped } from "./webscraper/read-capped";

export async function fetchText(
  ctx: TenantCtx,
  url: string,
  init: RequestInit & { signal: AbortSignal },
  maxBytes: number,
): Promise<{ response: Response; text: string; truncated: boolean }> {
  const response = await createGuardedFetch(ctx.config.SSRF_ALLOW_HOSTS)(url, init);
  const { bytes, truncated } = await readCapped(response, maxBytes, init.signal);
  return { response, text: new TextDecoder().decode(bytes), truncated };
}

/** The error for an answer larger than a tool reads. */
export const tooLarge = (service: string, maxBytes: number) => new Error(`${service}'s answer is larger than ${maxBytes / 1024 / 1024} MB`);
