// Text cleaning before splitting, with the semantics of Dify's `CleanProcessor.clean`
// (core/rag/cleaner/clean_processor.py). Each rule is one regex pass over the whole text.

// Dify replaces `<|` / `|>` (chat-template markers a prompt could be steered with) by `<` / `>`.
const TEMPLATE_MARKER = /<\||\|>/g;
// C0 controls except \t and \n, DEL, and the U+FFFE non-character. Dify's pattern also lists the
// bytes \xEF\xBF\xBE, which in a Python str removes "ï", "¿" and "¾"; we keep those letters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const INVALID_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE]/g;
const EXTRA_NEWLINES = /\n{3,}/g;
const EXTRA_SPACES = /[\t\f\x20\u00a0\u1680\u180e\u2000-\u200a\u202f\u205f\u3000]{2,}/g;
// One pass: a Markdown image is matched first and kept whole; any other URL or e-mail is removed.
const URL_OR_EMAIL =
  /(!\[[^\]\n]*\]\(https?:\/\/[^\s)]+\))|https?:\/\/[^\s)]+|[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+/g;

export function cleanText(text: string, r: { removeExtraSpaces: boolean; removeUrlsEmails: boolean }): string {
  let out = text.replace(/\r\n?/g, "\n");
  out = out.replace(TEMPLATE_MARKER, (m) => (m === "<|" ? "<" : ">")).replace(INVALID_CHARS, "");
  if (r.removeExtraSpaces) {
    out = out.replace(EXTRA_NEWLINES, "\n\n").replace(EXTRA_SPACES, " ");
  }
  if (r.removeUrlsEmails) {
    out = out.replace(URL_OR_EMAIL, (_match, image: string | undefined) => image ?? "");
  }
  return out;
}
