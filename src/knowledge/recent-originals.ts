// Originals this isolate stored a moment ago, kept briefly so the ingest consumer (locally always,
// in production often, the same isolate) indexes them without reading them back from R2. Only a
// copy that is whole (the size the document row records) is used; anything else reads R2 as before.
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_TOTAL_BYTES = 16 * 1024 * 1024;
const recent = new Map<string, Uint8Array>();
let total = 0;

/** Keeps a just-stored original under its R2 key, evicting the oldest beyond the budget. */
export function rememberOriginal(key: string, bytes: Uint8Array): void {
  if (bytes.byteLength > MAX_FILE_BYTES || recent.has(key)) return;
  recent.set(key, bytes);
  total += bytes.byteLength;
  for (const [oldKey, old] of recent) {
    if (total <= MAX_TOTAL_BYTES) break;
    recent.delete(oldKey);
    total -= old.byteLength;
  }
}

/** The original stored under `key` if this isolate still holds all `size` bytes of it; taken once. */
export function takeOriginal(key: string, size: number): Uint8Array | null {
  const bytes = recent.get(key);
  if (!bytes) return null;
  recent.delete(key);
  total -= bytes.byteLength;
  return bytes.byteLength === size ? bytes : null;
}
