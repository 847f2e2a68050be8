// How a data-source delivery proves it comes from the holder of the source's secret.
//
// Kiln's scheme (any sender):
//   X-Kiln-Timestamp: <unix seconds>
//   X-Kiln-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
// The timestamp is signed too and must be within 5 minutes of the server's clock, so a captured
// delivery cannot be replayed later; X-Kiln-Delivery dedupes retries inside that window.
//
// GitHub's scheme (X-GitHub-Event present):
//   X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, raw body)>   (no timestamp)
import { timingSafeEqual } from "../lib/crypto";

export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

const enc = new TextEncoder();

async function hmacSha256Hex(secret: string, message: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, message));
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Compares `sha256=<hex>` with the expected MAC in constant time; the MAC covers the raw bytes. */
async function matches(header: string | null, secret: string, message: Uint8Array): Promise<boolean> {
  const given = header?.trim().toLowerCase() ?? "";
  const expected = `sha256=${await hmacSha256Hex(secret, message)}`;
  return timingSafeEqual(given, expected);
}

/** Why the delivery is refused, or null when its signature holds. */
export async function kilnSignatureProblem(headers: Headers, body: Uint8Array, secret: string, nowMs: number): Promise<string | null> {
  const signature = headers.get("x-kiln-signature");
  const timestamp = headers.get("x-kiln-timestamp")?.trim() ?? "";
  if (!signature) return "Missing X-Kiln-Signature header.";
  if (!/^\d{1,12}$/.test(timestamp)) return "Missing or malformed X-Kiln-Timestamp header (unix seconds).";
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > TIMESTAMP_TOLERANCE_SECONDS) {
    return "X-Kiln-Timestamp is more than 5 minutes away from the server's time.";
  }
  const prefix = enc.encode(`${timestamp}.`);
  const message = new Uint8Array(prefix.byteLength + body.byteLength);
  message.set(prefix);
  message.set(body, prefix.byteLength);
  return (await matches(signature, secret, message)) ? null : "Invalid X-Kiln-Signature.";
}

export async function githubSignatureProblem(headers: Headers, body: Uint8Array, secret: string): Promise<string | null> {
  const signature = headers.get("x-hub-signature-256");
  if (!signature) return "Missing X-Hub-Signature-256 header.";
  return (await matches(signature, secret, body)) ? null : "Invalid X-Hub-Signature-256.";
}
