// A fixed-window request limit for the public WebApp: one browser must not be able to spend a
// workspace's model budget, nor one address mint end users without end.
// The window is per isolate: Cloudflare runs many isolates, so the effective ceiling is the limit
// times the isolates a caller reaches. That stops a runaway tab or script; a global limit would
// need a Durable Object or the Workers Rate Limiting binding.
import type { Context, MiddlewareHandler } from "hono";
import { RateLimited } from "../../lib/errors";

interface Window {
  start: number;
  count: number;
}

const MAX_KEYS = 10_000;
const WINDOW_MS = 60_000;

export function rateLimit<E extends { Variables: { ctx: { now: () => number } } }>(options: {
  name: string;
  /** Requests per minute. */
  limit: number;
  key: (c: Context<E>) => string;
}): MiddlewareHandler<E> {
  const windows = new Map<string, Window>();
  return async (c, next) => {
    const now = c.var.ctx.now();
    const key = options.key(c);
    let w = windows.get(key);
    if (!w || now - w.start >= WINDOW_MS) {
      if (windows.size >= MAX_KEYS) {
        for (const [k, old] of windows) if (now - old.start >= WINDOW_MS) windows.delete(k);
        if (windows.size >= MAX_KEYS) windows.clear();
      }
      w = { start: now, count: 0 };
      windows.set(key, w);
    }
    w.count += 1;
    if (w.count > options.limit) {
      throw RateLimited(
        (w.start + WINDOW_MS - now) / 1000,
        `Too many requests: at most ${options.limit} ${options.name} per minute. Please wait a moment and try again.`,
      );
    }
    await next();
  };
}
