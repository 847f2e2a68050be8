// A web page as Markdown-ish text for a model: the page's title, its readable text (the knowledge
// parser's HTML reader: headings as "#", lists, no scripts or styles) and its links kept inline
// as "text (url)". Scans with indexOf rather than regular expressions so hostile markup costs
// linear time.
import { htmlToText } from "../../../knowledge/parse/html";
import { decodeEntities } from "../../../knowledge/parse/html-entities";

export function pageTitle(html: string): string {
  const open = /<title\b[^>]{0,1000}>/i.exec(html);
  if (!open) return "";
  const start = open.index + open[0].length;
  const end = html.slice(start).search(/<\/title/i);
  if (end < 0) return "";
  return decodeEntities(html.slice(start, start + end)).replace(/\s+/g, " ").trim();
}

const escapeText = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;");

function absoluteUrl(href: string, base: string): string | null {
  const raw = decodeEntities(href).trim();
  if (!raw || raw.startsWith("#")) return null;
  try {
    const url = new URL(raw, base);
    return url.protocol === "http:" || url.protocol === "https:" || url.protocol === "mailto:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Rewrites each `<a href>…</a>` as `…(url)` in the markup, before it is read as text. */
export function inlineLinks(html: string, base: string): string {
  const out: string[] = [];
  let copied = 0;
  let href: string | null = null;
  let at = 0;
  for (;;) {
    const lt = html.indexOf("<", at);
    if (lt < 0) break;
    at = lt + 1;
    const tag = /^<(\/?)a[\s>]/i.exec(html.slice(lt, lt + 4));
    if (!tag) continue;
    const opening = tag[1] === "";
    const gt = html.indexOf(">", lt);
    if (gt < 0) break;
    if (opening) {
      const attrs = html.slice(lt + 2, gt);
      const m = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(attrs);
      href = m ? absoluteUrl(m[1] ?? m[2] ?? m[3] ?? "", base) : null;
    } else if (href) {
      out.push(html.slice(copied, lt), ` (${escapeText(href)})`);
      copied = lt;
      href = null;
    }
    at = gt + 1;
  }
  out.push(html.slice(copied));
  return out.join("");
}

export function htmlPageToText(html: string, url: string): { title: string; text: string } {
  return { title: pageTitle(html), text: htmlToText(inlineLinks(html, url)) };
}
