// Request limits for the Service API: per API key (a runaway integration) and per end user (one
// user of an integration must not spend the whole key's budget). A sliding window over the last
// minute: each key keeps the times of its recent requests, so a burst at a window's edge cannot
// double the rate as a fixed window would.
// The windows live in this isolate's memory. Cloudflare runs many isolates, so the effective
// ceiling is the limit times the isolates a caller reaches; that stops runaway clients, not a
// determined one. A global limit needs a Durable Object or the Workers Rate Limiting binding.
import { createMiddleware } from "hono/factory";
import type { Ctx } from "../context";
import type { HonoEnv } from "../hono-env";
import { RateLimited } from "../lib/errors";

/** Defaults; RATE_LIMIT_PER_API_KEY and RATE_LIMIT_PER_END_USER override them. */
export const SERVICE_RATE_LIMITS = {
  /** Requests per minute with one API key, over all its end users. */
  perApiKey: 600,
  /** Requests per minute by one end user (`user`) of an app. */
  perEndUser: 60,
};

const WINDOW_MS = 60_000;
const MAX_TRACKED = 20_000;

/** Times of recent requests per key, oldest first. */
class SlidingWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly windowMs: number) {}

  /** Counts a request; answers 0 if allowed, else how many ms until one more would be. */
  take(key: string, limit: number, now: number): number {
    const since = now - this.windowMs;
    let times = this.hits.get(key);
    if (!times) {
      if (this.hits.size >= MAX_TRACKED) this.evict(since);
      times = [];
      this.hits.set(key, times);
    }
    let expired = 0;
    while (expired < times.length && times[expired] <= since) expired++;
    if (expired) times.splice(0, expired);
    if (times.length >= limit) return times[times.length - limit] + this.windowMs - now;
    times.push(now);
    return 0;
  }

  private evict(since: number) {
    for (const [key, times] of this.hits) if (times.length === 0 || times[times.length - 1] <= since) this.hits.delete(key);
    if (this.hits.size >= MAX_TRACKED) this.hits.clear();
  }
}

const byApiKey = new SlidingWindow(WINDOW_MS);
const byEndUser = new SlidingWindow(WINDOW_MS);

function refuse(waitMs: number, limit: number, who: string): never {
  throw RateLimited(
    waitMs / 1000,
    `Too many requests: at most ${limit} per minute ${who}. Please try again later.`,
  );
}

/** Limits requests per API key (app or dataset key). */
export function limitKey(ctx: Ctx, keyId: string): void {
  const limit = ctx.config.RATE_LIMIT_PER_API_KEY ?? SERVICE_RATE_LIMITS.perApiKey;
  const wait = byApiKey.take(keyId, limit, ctx.now());
  if (wait > 0) refuse(wait, limit, "with this API key");
}

/** After requireAppKey: limits requests per API key. */
export const limitApiKey = createMiddleware<HonoEnv>(async (c, next) => {
  limitKey(c.var.ctx, c.var.service.keyId);
  await next();
});

/** Limits requests per end user of an app; called once the request's `user` is known. */
export function limitEndUser(ctx: Ctx, endUserId: string): void {
  const limit = ctx.config.RATE_LIMIT_PER_END_USER ?? SERVICE_RATE_LIMITS.perEndUser;
  const wait = byEndUser.take(endUserId, limit, ctx.now());
  if (wait > 0) refuse(wait, limit, "for this user");
}
