// "Import from URL": fetches an OpenAPI document through the SSRF guard, at most 2 MB.
import type { TenantCtx } from "../../context";
import { Invalid, KilnError, ProviderError, TooLarge } from "../../lib/errors";
import { assertFetchableUrl, createGuardedFetch } from "../../lib/ssrf";

export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 15_000;

const tooLarge = () => TooLarge(`The document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`);

export async function fetchRemoteSchema(ctx: TenantCtx, url: string): Promise<{ schema: string }> {
  assertFetchableUrl(url, ctx.config.SSRF_ALLOW_HOSTS, "url");
  let res: Response;
  try {
    res = await createGuardedFetch(ctx.config.SSRF_ALLOW_HOSTS)(url, {
      headers: { accept: "application/json, application/yaml, text/yaml, text/plain;q=0.9, */*;q=0.5" },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (err) {
    if (err instanceof KilnError) throw err;
    const name = (err as { name?: string } | null)?.name;
    const reason = name === "TimeoutError" ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s` : String((err as Error)?.message ?? err);
    throw ProviderError("provider_unreachable", `Could not fetch ${new URL(url).origin}: ${reason}`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw Invalid(`url: the server answered HTTP ${res.status}`, ["url"]);
  }
  if (Number(res.headers.get("content-length") ?? 0) > MAX_DOCUMENT_BYTES) {
    await res.body?.cancel();
    throw tooLarge();
  }
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let schema = "";
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_DOCUMENT_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    schema += decoder.decode(value, { stream: true });
  }
  return { schema: schema + decoder.decode() };
}
