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

/**
 * Whether `p` settles within a bounded run of microtasks, i.e. without waiting for I/O or a
 * timer (a producer's generators take a few hops to hand over a value they already have).
 */
async function settlesWithoutWaiting(p: Promise<unknown>): Promise<boolean> {
  let settled = false;
  p.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  for (let i = 0; i < 64 && !settled; i++) await null;
  return settled;
}

/**
 * Frames events as Dify SSE. `onCancel` runs when the client goes away, so the producer can
 * abort the provider call and record what it has.
 */
export function difySseStream(
  events: AsyncIterable<object>,
  options: { pingMs?: number; onCancel?: () => void; frame?: (event: object) => string; ping?: string } = {},
): ReadableStream<Uint8Array> {
  const pingMs = options.pingMs ?? 10_000;
  // Dify's bare `event: ping`; other dialects (OpenAI's) need a comment line their clients skip.
  const ping = options.ping ?? "event: ping\n\n";
  const frame = options.frame ?? ((e: object) => `data: ${pythonJson(e)}\n\n`);
  let timer: ReturnType<typeof setInterval> | null = null;
  const stopPing = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };
  let iterator: AsyncIterator<object> | undefined;
  /** The next event, asked for while framing the last chunk and not ready then. */
  let ahead: Promise<IteratorResult<object>> | null = null;
  /** The first event (the run's or message's start) is never held back for the ones behind it. */
  let sentFirst = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setInterval(() => {
        try {
          controller.enqueue(encoder.encode(ping));
        } catch {
          stopPing();
        }
      }, pingMs);
      iterator = events[Symbol.asyncIterator]();
    },
    async pull(controller) {
      let text = "";
      try {
        let next = await (ahead ?? iterator!.next());
        ahead = null;
        for (;;) {
          if (next.done) {
            if (text) controller.enqueue(encoder.encode(text));
            stopPing();
            controller.close();
            return;
          }
          text += frame(next.value);
          if (!sentFirst) {
            sentFirst = true;
            break;
          }
          // Events the producer already has (no I/O or timer to wait for) share one chunk: fewer
          // writes for the runtime and any proxy to carry. The rest goes out now.
          const following = iterator!.next();
          if (!(await settlesWithoutWaiting(following))) {
            ahead = following;
            break;
          }
          next = await following;
        }
        controller.enqueue(encoder.encode(text));
      } catch (err) {
        if (text) controller.enqueue(encoder.encode(text));
        stopPing();
        controller.error(err);
      }
    },
    async cancel() {
      stopPing();
      options.onCancel?.();
      await iterator?.return?.();
    },
  });
}
