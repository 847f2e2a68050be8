// A per-isolate cache of what the Service API and WebApp resolve on every request (the app and
// its published config, by API key or site code; dataset keys, grouped by workspace), so a
// request does not wait on D1 for them.
// Changes made in this isolate evict at once; other isolates see them within TTL_MS.
const TTL_MS = 5_000;

interface Entry<T> {
  appId: string;
  value: T;
  until: number;
}

const entries = new Map<string, Entry<unknown>>();

export async function cachedForApp<T>(key: string, now: number, load: () => Promise<{ appId: string; value: T }>): Promise<T> {
  const hit = entries.get(key) as Entry<T> | undefined;
  if (hit && hit.until > now) return hit.value;
  const { appId, value } = await load();
  if (entries.size > 5_000) entries.clear();
  entries.set(key, { appId, value, until: now + TTL_MS });
  return value;
}

export function forgetApp(appId: string) {
  for (const [key, e] of entries) if (e.appId === appId) entries.delete(key);
}

export function forgetKey(key: string) {
  entries.delete(key);
}
