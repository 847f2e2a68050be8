// Password rules (Dify's: at least 8 characters with a letter and a digit) and the check that
// accepts both a plain password and the base64-encoded one Dify 1.11's console client sends.
import { z } from "zod";
import { verifyPassword } from "../lib/crypto";

export const passwordSchema = z
  .string()
  .max(256)
  .regex(/^(?=.*[a-zA-Z])(?=.*\d).{8,}$/, "Password must be at least 8 characters and contain a letter and a digit");

function decodeBase64Utf8(text: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  try {
    const bin = atob(text);
    const bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

export async function passwordMatches(candidate: string, hash: string, salt: string): Promise<boolean> {
  if (await verifyPassword(candidate, hash, salt)) return true;
  const decoded = decodeBase64Utf8(candidate);
  return decoded !== null && decoded !== candidate && (await verifyPassword(decoded, hash, salt));
}
