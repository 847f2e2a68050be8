// E-mail messages (.eml, RFC 5322 with MIME) to text: the subject, sender, recipients and date,
// then the readable body. Of alternative bodies the plain text wins, else HTML is read by the HTML
// parser; mixed parts are read in order, attachments named but not read, forwarded messages read
// in full. Transfer encodings (base64, quoted-printable), charsets and encoded-word headers are
// decoded.

import { fromBinaryString, toBinaryString } from "../../lib/binary-string";
import { htmlToText } from "./html";

const HEADERS_SHOWN = ["subject", "from", "to", "cc", "date"];
const MAX_DEPTH = 10;

interface Part {
  headers: Map<string, string>;
  /** The body as a binary string: one character per byte. */
  body: string;
}

export function parseEml(bytes: Uint8Array): string {
  return messageText(toBinaryString(bytes), 0);
}

function messageText(raw: string, depth: number): string {
  const message = splitPart(raw);
  const lines = HEADERS_SHOWN.flatMap((name) => {
    const value = message.headers.get(name);
    return value ? [`${name[0].toUpperCase()}${name.slice(1)}: ${decodeWords(value)}`] : [];
  });
  const body = partText(message, depth).trim();
  return [lines.join("\n"), body].filter(Boolean).join("\n\n");
}

function splitPart(raw: string): Part {
  const match = /\r?\n\r?\n/.exec(raw);
  const head = match ? raw.slice(0, match.index) : raw;
  const body = match ? raw.slice(match.index + match[0].length) : "";
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** A header value's main token ("text/plain") and its parameters (charset, boundary, name). */
function parseHeader(value: string | undefined): { value: string; params: Map<string, string> } {
  const [first = "", ...rest] = (value ?? "").split(";");
  const params = new Map<string, string>();
  for (const piece of rest) {
    const eq = piece.indexOf("=");
    if (eq < 0) continue;
    params.set(piece.slice(0, eq).trim().toLowerCase().replace(/\*$/, ""), piece.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1"));
  }
  return { value: first.trim().toLowerCase(), params };
}

function partText(part: Part, depth: number): string {
  if (depth > MAX_DEPTH) return "";
  const type = parseHeader(part.headers.get("content-type") ?? "text/plain");
  const disposition = parseHeader(part.headers.get("content-disposition"));
  const filename = disposition.params.get("filename") ?? type.params.get("name");
  // A forwarded message is read in full, attached or inline.
  if (type.value === "message/rfc822") return `Forwarded message:\n${messageText(part.body, depth + 1)}`;
  if (disposition.value === "attachment" || (filename && !type.value.startsWith("text/"))) {
    return filename ? `[Attachment: ${decodeWords(filename)}]` : "";
  }
  if (type.value.startsWith("multipart/")) {
    const boundary = type.params.get("boundary");
    if (!boundary) return "";
    const parts = splitMultipart(part.body, boundary).map(splitPart);
    if (type.value === "multipart/alternative") {
      const plain = parts.find((p) => parseHeader(p.headers.get("content-type") ?? "text/plain").value === "text/plain");
      const chosen = plain ?? parts.find((p) => parseHeader(p.headers.get("content-type")).value === "text/html") ?? parts[0];
      return chosen ? partText(chosen, depth + 1) : "";
    }
    return parts
      .map((p) => partText(p, depth + 1).trim())
      .filter(Boolean)
      .join("\n\n");
  }
  if (!type.value.startsWith("text/") && type.value !== "") return "";
  const text = decodeBody(part.body, part.headers.get("content-transfer-encoding"), type.params.get("charset"));
  return type.value === "text/html" ? htmlToText(text) : text;
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  const lines = body.split(/\r?\n/);
  let current: string[] | null = null;
  for (const line of lines) {
    if (line.startsWith(delimiter)) {
      if (current) parts.push(current.join("\n"));
      if (line.startsWith(`${delimiter}--`)) return parts;
      current = [];
    } else current?.push(line);
  }
  if (current) parts.push(current.join("\n"));
  return parts;
}

function decodeBody(body: string, encoding: string | undefined, charset: string | undefined): string {
  const transfer = (encoding ?? "").trim().toLowerCase();
  let binary = body;
  if (transfer === "base64") binary = base64ToBinary(body);
  else if (transfer === "quoted-printable") binary = quotedPrintable(body, false);
  return decodeCharset(binary, charset);
}

function base64ToBinary(text: string): string {
  const clean = text.replace(/[^A-Za-z0-9+/]/g, "");
  // A dangling sixth of a byte cannot be decoded; padding is optional in practice.
  const usable = clean.length % 4 === 1 ? clean.slice(0, -1) : clean;
  return atob(usable.padEnd(Math.ceil(usable.length / 4) * 4, "="));
}

function quotedPrintable(text: string, underscoreIsSpace: boolean): string {
  const spaced = underscoreIsSpace ? text.replace(/_/g, " ") : text;
  return spaced.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

function decodeCharset(binary: string, charset: string | undefined): string {
  const bytes = fromBinaryString(binary);
  const label = (charset ?? "utf-8").trim().toLowerCase();
  try {
    return new TextDecoder(label === "us-ascii" ? "utf-8" : label).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?iso-8859-1?Q?…?=`); the space between two is dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, kind: string, text: string) =>
      decodeCharset(kind.toUpperCase() === "B" ? base64ToBinary(text) : quotedPrintable(text, true), charset.replace(/\*.*$/, "")),
    );
}
