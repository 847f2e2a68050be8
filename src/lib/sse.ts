// Dify's SSE transport: each event is `data: <json>\n\n` with Python's json.dumps formatting
// (", " and ": " separators, non-ASCII escaped), a bare `event: ping\n\n` every 10 s, and headers
// that stop proxies from buffering. Runners yield plain objects; this only frames them.

/** JSON text as Python's json.dumps writes it, byte for byte for the values Kiln sends. */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "null";
    return String(value);
  }
  if (typeof value === "string") {
    return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
  }
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  if (typeof value === "object") {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      parts.push(`${pythonJson(k)}: ${pythonJson(v)}`);
    }
    return `{${parts.join(", ")}}`;
  }
  return "null";
}

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
};

const encoder = new TextEncoder();

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
      try {
        const next = await iterator!.next();
        if (next.done) {
          stopPing();
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(frame(next.value)));
      } catch (err) {
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
