// Password hashing (PBKDF2-SHA256), token hashing (SHA-256: tokens are high-entropy, so a fast
// hash is enough) and secret encryption at rest (AES-GCM, key derived from APP_SECRET by HKDF).

import { fromBinaryString, toBinaryString } from "./binary-string";
import { toHex } from "./hex";

const enc = new TextEncoder();
const dec = new TextDecoder();

// workerd refuses PBKDF2 above 100,000 iterations.
const PBKDF2_ITERATIONS = 100_000;

// The runtime's own base64 (Uint8Array.prototype.toBase64 / Uint8Array.fromBase64, in workerd)
// when it has it: several times faster than a binary string through btoa/atob.
const nativeToBase64 = (Uint8Array.prototype as { toBase64?: (this: Uint8Array) => string }).toBase64;
const nativeFromBase64 = (Uint8Array as { fromBase64?: (text: string) => Uint8Array }).fromBase64;

export function toBase64(bytes: Uint8Array): string {
  return nativeToBase64 ? nativeToBase64.call(bytes) : btoa(toBinaryString(bytes));
}

export function fromBase64(text: string): Uint8Array {
  return nativeFromBase64 ? nativeFromBase64(text) : fromBinaryString(atob(text));
}

/** Base64 with the URL-safe alphabet and no padding (JWTs, signed URLs). */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array {
  const padded = text.replace(/-/g, "+").replace(/_/g, "/");
  return fromBase64(padded + "=".repeat((4 - (padded.length % 4)) % 4));
}

const derivedKeys = new Map<string, Promise<CryptoKey>>();

/** A key derived from APP_SECRET by HKDF for one purpose (`salt`), cached per isolate. */
function derivedKey(appSecret: string, salt: string, info: string, algorithm: Parameters<SubtleCrypto["deriveKey"]>[2], usages: string[]): Promise<CryptoKey> {
  const cacheKey = `${salt}\u0000${info}\u0000${appSecret}`;
  let key = derivedKeys.get(cacheKey);
  if (!key) {
    key = crypto.subtle
      .importKey("raw", enc.encode(appSecret), "HKDF", false, ["deriveKey"])
      .then((base) => crypto.subtle.deriveKey({ name: "HKDF", hash: "SHA-256", salt: enc.encode(salt), info: enc.encode(info) }, base, algorithm, false, usages));
    derivedKeys.set(cacheKey, key);
  }
  return key;
}

/**
 * An HMAC-SHA256 key of its own for `label`, derived from APP_SECRET, so that values signed for
 * one purpose (a passport, a file URL) can never pass for another's.
 */
export function hmacKey(appSecret: string, label: string): Promise<CryptoKey> {
  return derivedKey(appSecret, label, "hmac-sha256", { name: "HMAC", hash: "SHA-256", length: 256 }, ["sign", "verify"]);
}

export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", typeof data === "string" ? enc.encode(data) : data)));
}

export async function hashPassword(password: string, salt?: string): Promise<{ hash: string; salt: string }> {
  const saltB64 = salt ?? toBase64(crypto.getRandomValues(new Uint8Array(16)));
  const key = await crypto.subtle.importKey("raw", enc.encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: fromBase64(saltB64), iterations: PBKDF2_ITERATIONS },
    key,
    256,
  );
  return { hash: toBase64(new Uint8Array(bits)), salt: saltB64 };
}

export async function verifyPassword(password: string, hash: string, salt: string): Promise<boolean> {
  const { hash: candidate } = await hashPassword(password, salt);
  return timingSafeEqual(candidate, hash);
}

export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const secretKey = (appSecret: string) => derivedKey(appSecret, "kiln/secrets/v1", "aes-gcm", { name: "AES-GCM", length: 256 }, ["encrypt", "decrypt"]);

/** Encrypts a secret for storage: `v1.<iv>.<ciphertext>`, both base64. */
export async function encryptSecret(appSecret: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await secretKey(appSecret), enc.encode(plaintext));
  return `v1.${toBase64(iv)}.${toBase64(new Uint8Array(ct))}`;
}

export async function decryptSecret(appSecret: string, stored: string): Promise<string> {
  const [version, iv, ct] = stored.split(".");
  if (version !== "v1" || !iv || !ct) throw new Error("Unrecognised encrypted secret format");
  const pt = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64(iv) },
    await secretKey(appSecret),
    fromBase64(ct),
  );
  return dec.decode(pt);
}

/** Shows enough of a secret to recognise it, never enough to use it. */
export function maskSecret(secret: string): string {
  if (secret.length <= 8) return "*".repeat(secret.length);
  return `${secret.slice(0, 3)}${"*".repeat(Math.min(secret.length - 7, 20))}${secret.slice(-4)}`;
}
