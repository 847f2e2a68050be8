// Performs a request the Python code made through `requests` (see replay.ts) and turns the
// result, or the failure, into a recorded outcome.
import { KilnError } from "../../../lib/errors";
import { readCapped } from "../../nodes/model/files";
import { SandboxError } from "../quickjs";
import type { HttpOutcome, HttpRequest } from "./replay";

/** Response bodies larger than this become a RequestException instead of being read. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** readCapped's refusal, told apart from a network failure. */
class BodyTooLarge extends KilnError {
  constructor() {
    super("file_too_large", 413, "response body too large");
  }
}

const tooLarge = (url: string): HttpOutcome => ({
  ok: false,
  error: "RequestException",
  message: `The response from ${url} is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB, the limit of Kiln's Python sandbox`,
});

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
    const body = await readCapped(res, MAX_BODY_BYTES, () => new BodyTooLarge());
    return { ok: true, status: res.status, reason: res.statusText, url: res.url || request.url, headers: [...res.headers], body };
  } catch (e) {
    if (e instanceof BodyTooLarge) return tooLarge(request.url);
    if (budget.signal?.aborted) throw e;
    if (timer.aborted) {
      if (!ownLimit) throw timedOut();
      const host = new URL(request.url).host;
      return { ok: false, error: "Timeout", message: `${host}: Read timed out. (read timeout=${(request.timeoutMs as number) / 1000})` };
    }
    return { ok: false, error: "ConnectionError", message: e instanceof Error ? e.message : String(e) };
  }
}
