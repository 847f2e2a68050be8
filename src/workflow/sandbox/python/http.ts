// Performs a request the Python code made through `requests` (see replay.ts) and turns the
// result, or the failure, into a recorded outcome.
import { SandboxError } from "../quickjs";
import type { HttpOutcome, HttpRequest } from "./replay";

/** Response bodies larger than this become a RequestException instead of being read. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

const tooLarge = (url: string): HttpOutcome => ({
  ok: false,
  error: "RequestException",
  message: `The response from ${url} is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB, the limit of Kiln's Python sandbox`,
});

async function readCapped(res: Response): Promise<Uint8Array | null> {
  if (Number(res.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    await res.body?.cancel();
    return null;
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

/**
 * Fetches the request within both its own timeout= and what is left of the run's time limit.
 * Running out of the run's time is a SandboxError timeout; everything else is an outcome the
 * Python code sees as a requests exception (a refused private address is a ConnectionError).
 */
export async function performRequest(
  fetcher: typeof fetch,
  request: HttpRequest,
  budget: { deadline: number; timeoutMs: number; signal?: AbortSignal },
): Promise<HttpOutcome> {
  const timedOut = () => new SandboxError("timeout", `Code execution exceeded the time limit of ${budget.timeoutMs} ms`);
  const remaining = budget.deadline - Date.now();
  if (remaining <= 0) throw timedOut();
  const ownLimit = request.timeoutMs !== null && request.timeoutMs < remaining;
  const timer = AbortSignal.timeout(ownLimit ? (request.timeoutMs as number) : remaining);
  const signal = budget.signal ? AbortSignal.any([timer, budget.signal]) : timer;
  try {
    const res = await fetcher(request.url, { method: request.method, headers: request.headers, body: request.body, signal });
    const body = await readCapped(res);
    if (!body) return tooLarge(request.url);
    return { ok: true, status: res.status, reason: res.statusText, url: res.url || request.url, headers: [...res.headers], body };
  } catch (e) {
    if (budget.signal?.aborted) throw e;
    if (timer.aborted) {
      if (!ownLimit) throw timedOut();
      const host = new URL(request.url).host;
      return { ok: false, error: "Timeout", message: `${host}: Read timed out. (read timeout=${(request.timeoutMs as number) / 1000})` };
    }
    return { ok: false, error: "ConnectionError", message: e instanceof Error ? e.message : String(e) };
  }
}
