// A fast token *estimate* for chunk sizing and the `tokens` field of documents and segments. It is
// not a BPE count (no tokenizer runs on megabytes of text in a Worker): about four Latin characters
// per token, and one token per CJK, Kana or Hangul character, which is how BPE vocabularies tend to
// treat them. Expect it to be within a few tens of percent of a real tokenizer.

/** True for code units that a BPE tokenizer spends about one token on each (CJK, Kana, Hangul, full-width). */
function isWideChar(c: number): boolean {
  if (c < 0x1100) return false;
  return (
    c <= 0x11ff || // Hangul Jamo
    (c >= 0x2e80 && c <= 0x9fff) || // CJK radicals, punctuation, Kana, Bopomofo, ext. A, unified ideographs
    (c >= 0xa960 && c <= 0xa97f) || // Hangul Jamo ext. A
    (c >= 0xac00 && c <= 0xd7ff) || // Hangul syllables and Jamo ext. B
    (c >= 0xf900 && c <= 0xfaff) || // CJK compatibility ideographs
    (c >= 0xff00 && c <= 0xffef) // half- and full-width forms
  );
}

/** The code units isWideChar counts as wide, as one class (test/unit/chunk.test.ts checks each range's edges against it). */
const WIDE = /[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff00-\uffef]/;

/** True when no code unit of `text` is wide: every range of it then weighs its length in quarter tokens. */
export const allNarrow = (text: string): boolean => !WIDE.test(text);

/** Size of one UTF-16 code unit in quarter tokens. */
export const charUnits = (code: number): number => (isWideChar(code) ? 4 : 1);

/**
 * Size of `text[start, end)` in quarter tokens: 1 per narrow code unit, 4 per wide one. Quarter
 * tokens add up exactly across adjacent ranges, which lets the chunker size a merge of pieces
 * without re-reading them; `estimateTokens` is the ceiling of this over four.
 */
export function tokenUnits(text: string, start = 0, end = text.length): number {
  let units = end - start;
  for (let i = start; i < end; i++) {
    if (isWideChar(text.charCodeAt(i))) units += 3;
  }
  return units;
}

/** Estimated token count: ceil(narrow chars / 4) + 1 per CJK/Kana/Hangul char; never 0 for non-empty text. */
export function estimateTokens(text: string): number {
  return Math.ceil(tokenUnits(text) / 4);
}
