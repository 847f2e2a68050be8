// Word scanning for text that is all ASCII, the common case for indexed documents: the words a
// Unicode regex like /[\p{L}\p{N}]+/gu would match, found by a plain loop over char codes (several
// times faster than the Unicode-property regex, which dominates short-text hashing and counting).

const NON_ASCII = /[\u0080-\uffff]/;

export const isAscii = (text: string) => !NON_ASCII.test(text);

/** ASCII letters and digits: the only ASCII characters in \p{L}, \p{N} or \p{M}. */
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);

/** Calls `visit(start, end)` for each run of ASCII letters and digits in `text`, in order. */
export function forEachAsciiWord(text: string, visit: (start: number, end: number) => void): void {
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (isWordChar(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      visit(start, i);
      start = -1;
    }
  }
  if (start >= 0) visit(start, text.length);
}
