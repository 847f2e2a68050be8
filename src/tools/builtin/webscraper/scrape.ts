// Dify's webscraper tool: fetches a page through the SSRF guard and answers it as text a model
// can read. Pages are cut at MAX_PAGE_BYTES; binary content is refused rather than garbled.
import { assertFetchableUrl, createGuardedFetch } from "../../../lib/ssrf";
import type { BuiltinHandler } from "../define";
import { htmlPageToText } from "./page-text";
import { readCapped } from "./read-capped";

export const MAX_PAGE_BYTES = 2 * 1024 * 1024;
const DEFAULT_USER_AGENT = "Mozilla/5.0 (compatible; KilnWebScraper/1.0)";

type Kind = "html" | "text" | null;

function kindOf(contentType: string, bytes: Uint8Array): Kind {
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (type === "text/html" || type === "application/xhtml+xml") return "html";
  if (type.startsWith("text/") || /^application\/([\w.+-]+\+)?(json|xml|javascript|x-ndjson|yaml|x-yaml)$/.test(type)) return "text";
  if (!type) return /^\s*</.test(new TextDecoder().decode(bytes.subarray(0, 256))) ? "html" : "text";
  return null;
}

function decode(bytes: Uint8Array, contentType: string): string {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

export const webscraper: BuiltinHandler = async (ctx, args, { signal }) => {
  const url = assertFetchableUrl(args.string("url").trim(), ctx.config.SSRF_ALLOW_HOSTS).href;
  const guardedFetch = createGuardedFetch(ctx.config.SSRF_ALLOW_HOSTS);
  const response = await guardedFetch(url, {
    headers: { "user-agent": args.optionalString("user_agent") ?? DEFAULT_USER_AGENT, accept: "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5" },
    signal,
  });
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new Error(`${url} answered HTTP ${response.status} ${response.statusText}`.trim());
  }
  const contentType = response.headers.get("content-type") ?? "";
  const { bytes, truncated } = await readCapped(response, MAX_PAGE_BYTES, signal);
  const kind = kindOf(contentType, bytes);
  if (!kind) throw new Error(`${url} is not a web page or text (content type ${contentType}); only HTML and text can be read`);
  const finalUrl = response.url || url;
  const raw = decode(bytes, contentType);
  const page = kind === "html" ? htmlPageToText(raw, finalUrl) : { title: "", text: raw.trim() };
  const note = truncated ? `\n\n[the page is larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB; only its first ${MAX_PAGE_BYTES / 1024 / 1024} MB were read]` : "";
  const text = `${page.title ? `# ${page.title}\n\n` : ""}URL: ${finalUrl}\n\n${page.text}${note}`;
  return {
    text,
    json: [{ url: finalUrl, title: page.title, content: page.text, content_type: contentType.split(";")[0].trim(), truncated }],
  };
};
