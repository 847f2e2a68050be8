// Signed links to uploaded files, as Dify's `/files/:id/file-preview?timestamp&nonce&sign`: what a
// message's `message_files[].url` holds, so a browser can show an attached image without an API
// key. A link names one file, is signed with a key derived from APP_SECRET, and lasts 5 minutes
// (Dify's FILES_ACCESS_TIMEOUT).
import { hmacKey, timingSafeEqual, toBase64Url } from "../lib/crypto";

export const FILE_URL_TTL_SECONDS = 300;

const enc = new TextEncoder();
const fileKey = (appSecret: string) => hmacKey(appSecret, "kiln/file-preview/v1");

async function signature(appSecret: string, fileId: string, timestamp: string, nonce: string): Promise<string> {
  const sig = await crypto.subtle.sign("HMAC", await fileKey(appSecret), enc.encode(`file-preview|${fileId}|${timestamp}|${nonce}`));
  return toBase64Url(new Uint8Array(sig));
}

/** A link to the file's bytes, relative to Kiln's origin (Dify's default, with FILES_URL unset). */
export async function signedFileUrl(appSecret: string, fileId: string, nowMs: number): Promise<string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  const sign = await signature(appSecret, fileId, timestamp, nonce);
  return `/files/${encodeURIComponent(fileId)}/file-preview?${new URLSearchParams({ timestamp, nonce, sign })}`;
}

/** Whether the link's signature is Kiln's for this file and it has not expired. */
export async function verifyFileUrl(
  appSecret: string,
  fileId: string,
  q: { timestamp: string; nonce: string; sign: string },
  nowMs: number,
): Promise<boolean> {
  const issued = Number(q.timestamp);
  if (!Number.isInteger(issued) || nowMs / 1000 - issued > FILE_URL_TTL_SECONDS || issued - nowMs / 1000 > 60) return false;
  return timingSafeEqual(await signature(appSecret, fileId, q.timestamp, q.nonce), q.sign);
}
