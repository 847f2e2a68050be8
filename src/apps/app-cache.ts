// A per-isolate cache of what the Service API and WebApp resolve on every request (the app and
// its published config, by API key or site code; dataset keys and model providers, grouped by
// workspace), so a request does not wait on D1 for them.
// Changes made in this isolate evict at once; other isolates see them within TTL_MS.
// Stale-while-revalidate inside that bound: an entry older than REFRESH_AFTER_MS is still served,
// and reloaded in the background (once, kept alive by the request's waitUntil), so under steady
// traffic no request waits on D1 for it; one older than TTL_MS is reloaded before it is served.
// The reload comes late in that window, so an entry is read about once per TTL (a reload runs
// beside the request that triggered it and competes with its D1 work): any request in the last
// second keeps a busy app's entries warm.
// A reload that fails (a key revoked, an app deleted) drops the entry: refusals are never cached.
const TTL_MS = 5_000;
const REFRESH_AFTER_MS = 4_000;

interface Entry<T> {
  appId: string;
  value: T;
  loadedAt: number;
  refreshing: boolean;
}

const entries = new Map<string, Entry<unknown>>();

/** What the cache needs of a request: its clock, and a way to keep a background reload alive. */
export interface CacheCaller {
  now(): number;
  waitUntil(promise: Promise<unknown>): void;
}

function store<T>(key: string, appId: string, value: T, loadedAt: number) {
  if (entries.size > 5_000) entries.clear();
  entries.set(key, { appId, value, loadedAt, refreshing: false });
}

export async function cachedForApp<T>(key: string, caller: CacheCaller, load: () => Promise<{ appId: string; value: T }>): Promise<T> {
  const now = caller.now();
  const hit = entries.get(key) as Entry<T> | undefined;
  if (hit && now - hit.loadedAt < TTL_MS) {
    if (now - hit.loadedAt >= REFRESH_AFTER_MS && !hit.refreshing) {
      hit.refreshing = true;
      caller.waitUntil(
        load().then(
          // Unless the entry was evicted or replaced meanwhile (a change in this isolate wins).
          ({ appId, value }) => entries.get(key) === hit && store(key, appId, value, caller.now()),
          () => entries.get(key) === hit && entries.delete(key),
        ),
      );
    }
    return hit.value;
  }
  const { appId, value } = await load();
  store(key, appId, value, now);
  return value;
}

export function forgetApp(appId: string) {
  for (const [key, e] of entries) if (e.appId === appId) entries.delete(key);
}

export function forgetKey(key: string) {
  entries.delete(key);
}
