// Dify's SSE transport: each event is `data: <json>\n\n` with Python's json.dumps formatting
// (", " and ": " separators, non-ASCII escaped), a bare `event: ping\n\n` every 10 s, and headers
// that stop proxies from buffering. Runners yield plain objects; this only frames them.

/**
 * JSON text as Python's json.dumps writes it, byte for byte for the values Kiln sends: the
 * engine's JSON.stringify, then one pass that adds the space after each `:` and `,` outside
 * strings and escapes every character from U+007F up inside them (astral characters as their
 * two surrogates, as Python does).
 */
export function pythonJson(value: unknown): string {
  const json = JSON.stringify(value ?? null) ?? "null";
  let out = "";
  let from = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // an escape: the next character cannot end the string
      else if (c === 0x22) inString = false;
      else if (c >= 0x7f) {
        out += `${json.slice(from, i)}\\u${c.toString(16).padStart(4, "0")}`;
        from = i + 1;
      }
    } else if (c === 0x22) inString = true;
    else if (c === 0x3a || c === 0x2c) {
      out += `${json.slice(from, i + 1)} `;
      from = i + 1;
    }
  }
  return from === 0 ? json : out + json.slice(from);
}

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
};

const encoder = new TextEncoder();

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * `p`'s outcome if it settles within a bounded run of microtasks, i.e. without waiting for I/O or
 * a timer (a producer's generators take a few hops to hand over a value they already have);
 * null if it does not.
 */
async function settleSoon<T>(p: Promise<T>): Promise<Settled<T> | null> {
  let out: Settled<T> | null = null;
  p.then(
    (value) => {
      out = { ok: true, value };
    },
    (error) => {
      out = { ok: false, error };
    },
  );
  for (let i = 0; i < 64 && !out; i++) await null;
  return out;
}

export interface SseOptions {
  pingMs?: number;
  /** Runs when the client goes away, so the producer can abort the provider call and record what it has. */
  onCancel?: () => void;
  frame?: (event: object) => string;
  ping?: string;
}

/** Bytes a slow client may leave unread before the stream stops taking events from the producer. */
const HIGH_WATER_BYTES = 64 * 1024;
const BACKPRESSURE_POLL_MS = 10;
const pause = () => new Promise((resolve) => setTimeout(resolve, BACKPRESSURE_POLL_MS));

/**
 * Frames events as Dify SSE. The stream is pushed, not pulled: its events are enqueued as the
 * producer yields them (those it already has share one chunk; the first is never held back for
 * the ones behind it), and it has no `pull`. In workerd, a stream with a pull callback, or whose
 * first chunk arrives after the Response is returned, reaches the client about 0.5 ms later.
 * A client that reads slower than the producer makes it wait above HIGH_WATER_BYTES unread.
 */
function framedStream(
  iterator: AsyncIterator<object>,
  first: Promise<IteratorResult<object>>,
  primed: Settled<IteratorResult<object>> | null,
  options: SseOptions,
): ReadableStream<Uint8Array> {
  const pingMs = options.pingMs ?? 10_000;
  // Dify's bare `event: ping`; other dialects (OpenAI's) need a comment line their clients skip.
  const ping = options.ping ?? "event: ping\n\n";
  const frame = options.frame ?? ((e: object) => `data: ${pythonJson(e)}\n\n`);
  let timer: ReturnType<typeof setInterval> | null = null;
  let done = false;
  const stopPing = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };

  async function pump(controller: ReadableStreamDefaultController<Uint8Array>, next: Promise<IteratorResult<object>>, sentFirst: boolean) {
    const send = (text: string) => {
      if (!done && text) controller.enqueue(encoder.encode(text));
    };
    let text = "";
    try {
      for (;;) {
        let result = await next;
        for (;;) {
          if (done) return;
          if (result.done) {
            send(text);
            done = true;
            stopPing();
            controller.close();
            return;
          }
          text += frame(result.value);
          if (!sentFirst) {
            sentFirst = true;
            next = iterator.next();
            break;
          }
          // Events the producer already has (no I/O or timer to wait for) share one chunk: fewer
          // writes for the runtime and any proxy to carry. The rest goes out now.
          const following = iterator.next();
          if (text.length >= HIGH_WATER_BYTES) {
            next = following;
            break;
          }
          const ready = await settleSoon(following);
          if (!ready) {
            next = following;
            break;
          }
          if (!ready.ok) throw ready.error;
          result = ready.value;
        }
        send(text);
        text = "";
        while (!done && (controller.desiredSize ?? 1) <= 0) await pause();
      }
    } catch (err) {
      if (done) return;
      send(text);
      stopPing();
      // Erroring a stream drops the chunks it still holds: the frames sent before the failure
      // reach the client first.
      while (!done && (controller.desiredSize ?? HIGH_WATER_BYTES) < HIGH_WATER_BYTES) await pause();
      if (done) return;
      done = true;
      controller.error(err);
    }
  }

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        timer = setInterval(() => {
          try {
            if (!done) controller.enqueue(encoder.encode(ping));
          } catch {
            stopPing();
          }
        }, pingMs);
        if (primed?.ok && !primed.value.done) {
          controller.enqueue(encoder.encode(frame(primed.value.value)));
          void pump(controller, iterator.next(), true);
        } else void pump(controller, first, false);
      },
      async cancel() {
        done = true;
        stopPing();
        options.onCancel?.();
        await iterator.return?.();
      },
    },
    { highWaterMark: HIGH_WATER_BYTES, size: (chunk) => chunk.byteLength },
  );
}

/**
 * The SSE response for `events`. When the producer already has its first event (a workflow's
 * workflow_started), that event is in the stream before the Response is returned, so it leaves
 * with the headers.
 */
export async function sseResponse(events: AsyncIterable<object>, options: SseOptions & { headers?: Record<string, string> } = {}): Promise<Response> {
  const iterator = events[Symbol.asyncIterator]();
  const first = iterator.next();
  const primed = await settleSoon(first);
  return new Response(framedStream(iterator, first, primed, options), { headers: options.headers ?? SSE_HEADERS });
}
