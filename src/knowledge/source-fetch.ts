// Fetching a webhook document's content from its URL: through the SSRF guard, with a timeout and
// the upload size limit, and with an extension chosen so the right parser reads it (an HTML page
// is stored as .html, so the HTML parser strips its markup).
import type { TenantCtx } from "../context";
import { Invalid, KilnError } from "../lib/errors";
import { createGuardedFetch } from "../lib/ssrf";
import { extensionOf, isSupportedFile } from "./parse";

const FETCH_TIMEOUT_MS = 15_000;
const MB = 1024 * 1024;

const EXTENSION_OF_TYPE: Record<string, string> = {
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/markdown": "md",
  "text/x-markdown": "md",
  "text/plain": "txt",
  "text/csv": "csv",
  "application/json": "json",
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
};

export interface FetchedContent {
  bytes: Uint8Array;
  extension: string;
  mimeType: string | null;
}

function tooLarge(limitMb: number) {
  return new KilnError("file_too_large", 413, `File size exceeded. The limit is ${limitMb} MB.`);
}

async function readCapped(res: Response, limitMb: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length"));
  if (declared > limitMb * MB) {
    await res.body?.cancel();
    throw tooLarge(limitMb);
  }
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // A missing or lying Content-Length must not let a response fill the isolate's memory.
    if (size > limitMb * MB) {
      await reader.cancel();
      throw tooLarge(limitMb);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * HTML answers are HTML whatever the path says; otherwise the path's extension wins when Kiln
 * reads it (raw.githubusercontent.com serves Markdown as text/plain), then the content type.
 */
function extensionFor(url: URL, mimeType: string | null): string | null {
  const byType = mimeType ? EXTENSION_OF_TYPE[mimeType] : undefined;
  if (byType === "html") return byType;
  const byPath = extensionOf(url.pathname);
  if (byPath && isSupportedFile(`x.${byPath}`)) return byPath;
  return byType ?? null;
}

/** Downloads a document for a webhook item; throws a per-item error the delivery reports. */
export async function fetchContent(ctx: TenantCtx, rawUrl: string): Promise<FetchedContent> {
  const limitMb = ctx.config.UPLOAD_FILE_SIZE_LIMIT_MB;
  let res: Response;
  try {
    res = await createGuardedFetch(ctx.config.SSRF_ALLOW_HOSTS)(rawUrl, {
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      headers: { accept: "text/markdown, text/html;q=0.9, text/plain;q=0.8, */*;q=0.5" },
    });
  } catch (err) {
    if (err instanceof KilnError) throw err;
    throw Invalid(`url: the document could not be fetched (${(err as Error)?.message ?? err})`, ["url"]);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw Invalid(`url: the server answered HTTP ${res.status}`, ["url"]);
  }
  const mimeType = (res.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase() || null;
  const extension = extensionFor(new URL(res.url || rawUrl), mimeType);
  if (!extension) {
    await res.body?.cancel();
    throw new KilnError("unsupported_file_type", 415, `url: content type ${mimeType ?? "(none)"} is not supported.`);
  }
  return { bytes: await readCapped(res, limitMb), extension, mimeType };
}
