// Deterministic record/replay for code that makes HTTP requests. Evaluation is synchronous and a
// Worker cannot block on I/O, so a request without a recorded response stops the run (NeedFetch);
// run.ts awaits the fetch, records it and runs the code again from the start. Every other
// nondeterministic result (random draws, clock readings, uuid4) is recorded too, so the replay
// takes the same path and sends the same requests.
import { SandboxError } from "../quickjs";

export interface HttpRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: string | Uint8Array | null;
  /** requests' timeout= in milliseconds, or null for none. */
  timeoutMs: number | null;
}

export type HttpOutcome =
  | { ok: true; status: number; reason: string; url: string; headers: [string, string][]; body: Uint8Array }
  | { ok: false; error: "ConnectionError" | "Timeout" | "RequestException"; message: string };

/**
 * Stops the run when a request has no recorded response. It is not a PyException, so no Python
 * `except` clause (bare or `except Exception`) can catch it.
 */
export class NeedFetch {
  constructor(readonly request: HttpRequest) {}
}

/** Requests (actual fetches) allowed in one code node run. */
export const MAX_FETCHES = 20;
/** Recorded random/clock values allowed in one run: a bound on the log's memory. */
const MAX_VALUES = 1_000_000;

interface Exchange {
  key: string;
  outcome: HttpOutcome;
}

const requestKey = (r: HttpRequest) =>
  JSON.stringify([r.method, r.url, r.headers, r.body instanceof Uint8Array ? Array.from(r.body) : r.body]);

export class ReplayLog {
  private readonly values: unknown[] = [];
  private readonly exchanges: Exchange[] = [];
  private valuePos = 0;
  private exchangePos = 0;
  fetches = 0;
  /** The request that stopped the current attempt; the attempt's results are then discarded. */
  pending: HttpRequest | null = null;

  /** `recordValues` is false when the code cannot import requests: then nothing is replayed. */
  constructor(readonly recordValues: boolean) {}

  startAttempt(): void {
    this.valuePos = 0;
    this.exchangePos = 0;
    this.pending = null;
  }

  value<T>(make: () => T): T {
    if (this.valuePos < this.values.length) return this.values[this.valuePos++] as T;
    const v = make();
    // after a stop the attempt is discarded (finally blocks may still run): record nothing
    if (!this.recordValues || this.pending) return v;
    if (this.values.length >= MAX_VALUES) {
      throw new SandboxError("memory", `Code execution exceeded the memory limit (more than ${MAX_VALUES} random or clock values recorded to replay requests)`);
    }
    this.values.push(v);
    this.valuePos++;
    return v;
  }

  /** The recorded outcome of this request, or throws NeedFetch. */
  exchange(request: HttpRequest): HttpOutcome {
    if (this.pending) throw new NeedFetch(this.pending);
    const key = requestKey(request);
    const logged = this.exchanges[this.exchangePos];
    if (logged?.key === key) {
      this.exchangePos++;
      return logged.outcome;
    }
    if (this.fetches >= MAX_FETCHES) {
      return { ok: false, error: "RequestException", message: `too many requests in one code node run (the limit is ${MAX_FETCHES})` };
    }
    // a different request than recorded (or none recorded): what follows is stale
    this.exchanges.length = this.exchangePos;
    this.values.length = this.valuePos;
    this.pending = request;
    throw new NeedFetch(request);
  }

  /** Records the outcome of the pending request. */
  record(outcome: HttpOutcome): void {
    if (!this.pending) throw new Error("no pending request to record");
    this.exchanges.push({ key: requestKey(this.pending), outcome });
    this.fetches++;
  }
}

/** The log of the attempt being evaluated; null when the run has no network access. */
export const replay: { current: ReplayLog | null } = { current: null };

/** A nondeterministic value, taken from the log when the run is a replay. */
export function recorded<T>(make: () => T): T {
  return replay.current ? replay.current.value(make) : make();
}
