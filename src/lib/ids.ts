// Ids are UUID v7 (time-ordered, so primary-key inserts stay append-mostly in D1); secrets are
// prefixed random strings with 24+ characters from a 62-letter alphabet, as Dify's keys are.

import { toHex } from "./hex";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Random bytes drawn a page at a time: one getRandomValues call per 256 ids instead of each. */
const POOL = new Uint8Array(4096);
let poolAt = POOL.length;

export function newId(now = Date.now()): string {
  if (poolAt + 16 > POOL.length) {
    crypto.getRandomValues(POOL);
    poolAt = 0;
  }
  const bytes = POOL.slice(poolAt, poolAt + 16);
  poolAt += 16;
  let ts = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ts & 0xff;
    ts = Math.floor(ts / 256);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return `${toHex(bytes, 0, 4)}-${toHex(bytes, 4, 6)}-${toHex(bytes, 6, 8)}-${toHex(bytes, 8, 10)}-${toHex(bytes, 10, 16)}`;
}

/** When a UUID v7 was minted (ms since the epoch), or null for any other string. */
export function idTime(id: string): number | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id)) return null;
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/** A random string over [A-Za-z0-9] without modulo bias. */
export function randomString(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (b < 248 && out.length < length) out += ALPHABET[b % 62];
    }
  }
  return out;
}

export function newSecret(prefix: string, length = 24): string {
  return `${prefix}${randomString(length)}`;
}
