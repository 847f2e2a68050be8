// Python `re` pattern syntax translated for the two engines: RE2 (linear, used whenever it can
// express the pattern) and JavaScript RegExp (only for lookahead and backreferences, see re.ts).
import { RE2JS } from "../../../../lib/safe-regex";

export const I = 2;
export const L = 4;
export const M = 8;
export const S = 16;
export const U = 32;
export const X = 64;
export const A = 256;

/** A pattern Python would reject, or one neither engine can run; re.ts raises it as re.error. */
export class PatternError extends Error {}

const FLAG_LETTERS: Record<string, number> = { a: A, i: I, L: L, m: M, s: S, u: U, x: X };

/** Python's \w, \d and \s for str patterns (str.isalnum() or "_", Nd, str.isspace()). */
const WORD = "\\p{L}\\p{N}_";
const SPACE = "\\t-\\r\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}";
const NOT_SPACE =
  "\\x{0}-\\x{8}\\x{e}-\\x{1b}\\x{21}-\\x{84}\\x{86}-\\x{9f}\\x{a1}-\\x{167f}\\x{1681}-\\x{1fff}\\x{200b}-\\x{2027}\\x{202a}-\\x{202e}\\x{2030}-\\x{205e}\\x{2060}-\\x{2fff}\\x{3001}-\\x{10ffff}";
const ASCII_CLASS: Record<string, string> = { w: "0-9A-Za-z_", d: "0-9", s: "\\t-\\r " };

function leadingFlags(pattern: string, flags: number): { flags: number; at: number } {
  const m = /^\(\?([aiLmsux]+)\)/.exec(pattern);
  if (!m) return { flags, at: 0 };
  for (const c of m[1]) flags |= FLAG_LETTERS[c];
  return { flags, at: m[0].length };
}

export interface Re2Pattern {
  source: string;
  flags: number;
  /** Why RE2 cannot run it ("lookahead", "backreference"), or null. */
  needsBacktracking: string | null;
  /** \b or \B with Unicode \w: RE2's are ASCII, exact only on text without non-ASCII letters/digits. */
  wordBoundary: boolean;
  /** A `$` outside MULTILINE, which also matches before a final newline. */
  endDollar: boolean;
  lookbehind: boolean;
  /** For each group, the group directly enclosing it (0 for none): lastindex needs the nesting. */
  parents: number[];
  /** False when `newline` could not stand in for '\n' everywhere (a class like [\S] matches it). */
  aliasable: boolean;
}

/**
 * Translates to RE2 syntax. `$` outside MULTILINE becomes \z, or with `endDollar: "line"` RE2's
 * (?m:$), which equals Python's `$` on text whose only '\n' is the last character; `newline`, a
 * character absent from the text, then stands in for every other '\n' (re.ts swaps them).
 */
export function translateRe2(pattern: string, baseFlags: number, dollar: "end" | "line" = "end", newline = ""): Re2Pattern {
  const lead = leadingFlags(pattern, baseFlags);
  const result: Re2Pattern = {
    source: "",
    flags: lead.flags,
    needsBacktracking: null,
    wordBoundary: false,
    endDollar: false,
    lookbehind: false,
    parents: [0],
    aliasable: true,
  };
  let flags = lead.flags;
  const ascii = (flags & A) !== 0;
  const stack: { flags: number; group: number }[] = [];
  let group = 0;
  let groups = 0;
  let out = "";
  let i = lead.at;
  let inClass = false;
  let classStart = 0;
  let lastWasQuantifier = false;
  const alias = newline ? `\\x{${newline.codePointAt(0)!.toString(16)}}` : "";
  // With a stand-in for '\n', a class must match it exactly when it matches '\n'.
  const aliased = (cls: string): string => {
    if (!newline) return cls;
    const re = RE2JS.compile(cls);
    const [matchesNewline, matchesAlias] = [re.test("\n"), re.test(newline)];
    if (matchesNewline === matchesAlias) return cls;
    const negated = cls.startsWith("[^");
    if (matchesNewline !== negated) return `${cls.slice(0, -1)}${alias}]`;
    result.aliasable = false;
    return cls;
  };
  const literal = (cp: number): string => {
    if (cp === 10) return inClass ? "\\n" : aliased("[\\n]");
    if (cp < 0x20 || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) return `\\x{${cp.toString(16)}}`;
    const ch = String.fromCodePoint(cp);
    return /[\\^$.|?*+()[\]{}-]/.test(ch) ? `\\${ch}` : ch;
  };
  const named = (kind: string): string => {
    const lower = kind.toLowerCase();
    const negated = kind !== lower;
    let set: string;
    if (ascii) set = ASCII_CLASS[lower];
    else if (lower === "d") return negated ? "\\P{Nd}" : "\\p{Nd}";
    else if (lower === "s") set = SPACE;
    // \W inside a class stays RE2's ASCII \W: a union cannot subtract the Unicode letters
    else if (inClass && negated) return "\\W";
    else set = WORD;
    if (!inClass) return aliased(`[${negated ? "^" : ""}${set}]`);
    if (!negated) return set;
    return lower === "s" ? (ascii ? "\\x{0}-\\x{8}\\x{e}-\\x{1f}\\x{21}-\\x{10ffff}" : NOT_SPACE) : `\\${kind}`;
  };
  while (i < pattern.length) {
    const c = pattern[i];
    const quantified: boolean = lastWasQuantifier;
    lastWasQuantifier = false;
    if (flags & X && !inClass) {
      if (/\s/.test(c)) {
        i++;
        lastWasQuantifier = quantified;
        continue;
      }
      if (c === "#") {
        while (i < pattern.length && pattern[i] !== "\n") i++;
        lastWasQuantifier = quantified;
        continue;
      }
    }
    if (c === "\\") {
      const d = pattern[i + 1];
      i += 2;
      if (d === undefined) throw new PatternError("bad escape (end of pattern)");
      switch (d) {
        case "A":
          out += inClass ? "A" : "\\A";
          break;
        case "Z":
          out += inClass ? "Z" : "\\z";
          break;
        case "b":
        case "B":
          if (inClass) {
            if (d === "B") throw new PatternError(`bad escape \\B at position ${i - 2}`);
            out += "\\x{8}";
          } else {
            out += `\\${d}`;
            if (!ascii) result.wordBoundary = true;
          }
          break;
        case "w":
        case "W":
        case "d":
        case "D":
        case "s":
        case "S":
          out += named(d);
          break;
        case "n":
          out += literal(10);
          break;
        case "t":
        case "r":
        case "f":
        case "v":
          out += `\\${d}`;
          break;
        case "a":
          out += "\\x{7}";
          break;
        case "x":
        case "u":
        case "U": {
          const n = d === "x" ? 2 : d === "u" ? 4 : 8;
          const h = pattern.slice(i, i + n);
          if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) throw new PatternError(`incomplete escape \\${d}${h} at position ${i - 2}`);
          const cp = Number.parseInt(h, 16);
          if (cp > 0x10ffff) throw new PatternError(`bad escape \\${d}${h} at position ${i - 2}`);
          out += literal(cp);
          i += n;
          break;
        }
        default:
          if (d === "0" || (/[1-7]/.test(d) && /^[0-7]{2}/.test(pattern.slice(i, i + 2))) || (inClass && /[1-9]/.test(d))) {
            let digits = d;
            while (digits.length < 3 && /[0-7]/.test(pattern[i] ?? "")) digits += pattern[i++];
            out += literal(Number.parseInt(digits, 8));
          } else if (/[1-9]/.test(d)) {
            result.needsBacktracking ??= "backreference";
            if (/[0-9]/.test(pattern[i] ?? "")) i++;
          } else if (/[a-zA-Z]/.test(d)) throw new PatternError(`bad escape \\${d} at position ${i - 2}`);
          else out += literal(d.codePointAt(0)!);
      }
      continue;
    }
    if (inClass) {
      if (c === "]") {
        inClass = false;
        out = out.slice(0, classStart) + aliased(`${out.slice(classStart)}]`);
      } else if (c === "[") out += "\\[";
      else if (c === "\n") out += literal(10);
      else out += c;
      i++;
      continue;
    }
    switch (c) {
      case "[":
        inClass = true;
        classStart = out.length;
        out += "[";
        i++;
        if (pattern[i] === "^") {
          out += "^";
          i++;
        }
        if (pattern[i] === "]") {
          out += "\\]";
          i++;
        }
        continue;
      case "(": {
        const rest = pattern.slice(i, i + 200);
        const scoped = /^\(\?([aiLmsux]*)(?:-([imsx]+))?:/.exec(rest);
        if (rest.startsWith("(?P<")) {
          const m = /^\(\?P<([^>]*)>/.exec(rest);
          if (!m || !/^[^\d\W]\w*$/u.test(m[1])) throw new PatternError(`bad character in group name '${m?.[1] ?? ""}' at position ${i + 4}`);
          stack.push({ flags, group });
          group = ++groups;
          result.parents[group] = stack.at(-1)!.group;
          out += `(?P<${m[1]}>`;
          i += m[0].length;
        } else if (rest.startsWith("(?P=")) {
          result.needsBacktracking ??= "backreference";
          i = pattern.indexOf(")", i) + 1;
          if (i === 0) throw new PatternError("missing ), unterminated name");
        } else if (rest.startsWith("(?#")) {
          i = pattern.indexOf(")", i) + 1;
          if (i === 0) throw new PatternError("missing ), unterminated comment");
          lastWasQuantifier = quantified;
        } else if (rest.startsWith("(?=") || rest.startsWith("(?!")) {
          result.needsBacktracking ??= "lookahead";
          stack.push({ flags, group });
          out += "(?:";
          i += 3;
        } else if (rest.startsWith("(?<=") || rest.startsWith("(?<!")) {
          result.lookbehind = true;
          stack.push({ flags, group });
          out += rest.slice(0, 4);
          i += 4;
        } else if (scoped) {
          stack.push({ flags, group });
          for (const f of scoped[1]) flags |= FLAG_LETTERS[f];
          for (const f of scoped[2] ?? "") flags &= ~FLAG_LETTERS[f];
          const caseOn = scoped[1].includes("i");
          const caseOff = (scoped[2] ?? "").includes("i");
          out += caseOn ? "(?i:" : caseOff ? "(?-i:" : "(?:";
          i += scoped[0].length;
        } else if (rest.startsWith("(?>")) throw new PatternError("atomic groups are not supported");
        else if (rest.startsWith("(?(")) throw new PatternError("conditional groups are not supported");
        else if (/^\(\?[aiLmsux]+\)/.test(rest)) throw new PatternError(`global flags not at the start of the expression at position ${i}`);
        else if (rest.startsWith("(?")) throw new PatternError(`unknown extension ${rest.slice(0, 3)} at position ${i}`);
        else {
          stack.push({ flags, group });
          group = ++groups;
          result.parents[group] = stack.at(-1)!.group;
          out += "(";
          i++;
        }
        continue;
      }
      case ")": {
        const top = stack.pop();
        if (!top) throw new PatternError(`unbalanced parenthesis at position ${i}`);
        flags = top.flags;
        group = top.group;
        out += ")";
        i++;
        continue;
      }
      case "{": {
        const m = /^\{(\d*)(,?)(\d*)\}/.exec(pattern.slice(i));
        if (m && (m[1] || m[3])) {
          out += `{${m[1] || "0"}${m[2]}${m[3]}}`;
          i += m[0].length;
          lastWasQuantifier = true;
        } else {
          out += "\\{";
          i++;
        }
        continue;
      }
      case "*":
      case "+":
      case "?":
        if (quantified && c === "+") throw new PatternError("possessive quantifiers are not supported");
        out += c;
        i++;
        lastWasQuantifier = c !== "?" || !quantified;
        continue;
      case "}":
        out += "\\}";
        i++;
        continue;
      case "|":
        out += "|";
        i++;
        continue;
      case ".":
        out += flags & S ? "(?s:.)" : aliased("[^\\n]");
        i++;
        continue;
      case "$":
        if (flags & M) {
          if (newline) result.aliasable = false;
          out += "(?m:$)";
        } else {
          result.endDollar = true;
          out += dollar === "end" ? "\\z" : "(?m:$)";
        }
        i++;
        continue;
      case "^":
        if (flags & M && newline) result.aliasable = false;
        out += flags & M ? "(?m:^)" : "\\A";
        i++;
        continue;
      default:
        out += literal(pattern.codePointAt(i)!);
        i += pattern.codePointAt(i)! > 0xffff ? 2 : 1;
    }
  }
  if (inClass) throw new PatternError(`unterminated character set at position ${classStart}`);
  if (stack.length) throw new PatternError("missing ), unterminated subpattern");
  result.source = out;
  return result;

}

/**
 * Translates to JavaScript RegExp syntax (flags "ud", plus "i"/"s"), for the patterns RE2 cannot
 * run. Every construct is quantifier-free, so the backtracking bound of re.ts sees only the user's.
 */
export function translateJs(pattern: string, baseFlags: number): { source: string; flags: number } {
  const lead = leadingFlags(pattern, baseFlags);
  const flags = lead.flags;
  let out = "";
  let i = lead.at;
  let inClass = false;
  const ascii = (flags & A) !== 0;
  const verbose = (flags & X) !== 0;
  const word = `[${WORD}]`;
  while (i < pattern.length) {
    const c = pattern[i];
    if (verbose && !inClass) {
      if (/\s/.test(c)) {
        i++;
        continue;
      }
      if (c === "#") {
        while (i < pattern.length && pattern[i] !== "\n") i++;
        continue;
      }
    }
    if (c === "\\") {
      const d = pattern[i + 1];
      i += 2;
      if (d === undefined) throw new PatternError("bad escape (end of pattern)");
      switch (d) {
        case "A":
          out += "(?<![\\s\\S])";
          break;
        case "Z":
          out += "(?![\\s\\S])";
          break;
        case "w":
          out += ascii ? "\\w" : inClass ? WORD : word;
          break;
        case "W":
          out += ascii || inClass ? "\\W" : `[^${WORD}]`;
          break;
        case "d":
          out += ascii ? "\\d" : "\\p{Nd}";
          break;
        case "D":
          out += ascii ? "\\D" : "\\P{Nd}";
          break;
        case "b":
          if (inClass) out += "\\x08";
          else out += ascii ? "\\b" : `(?:(?<=${word})(?!${word})|(?<!${word})(?=${word}))`;
          break;
        case "B":
          out += ascii ? "\\B" : `(?:(?<=${word})(?=${word})|(?<!${word})(?!${word}))`;
          break;
        case "s":
        case "S":
        case "n":
        case "t":
        case "r":
        case "f":
        case "v":
          out += `\\${d}`;
          break;
        case "a":
          out += "\\x07";
          break;
        case "x": {
          const h = pattern.slice(i, i + 2);
          if (!/^[0-9a-fA-F]{2}$/.test(h)) throw new PatternError(`incomplete escape \\x${h}`);
          out += `\\x${h}`;
          i += 2;
          break;
        }
        case "u":
        case "U": {
          const n = d === "u" ? 4 : 8;
          const h = pattern.slice(i, i + n);
          if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) throw new PatternError(`incomplete escape \\${d}${h}`);
          out += `\\u{${h}}`;
          i += n;
          break;
        }
        case "0":
          out += "\\0";
          break;
        default:
          if (/[1-9]/.test(d)) {
            let num = d;
            while (/[0-9]/.test(pattern[i] ?? "") && num.length < 2) num += pattern[i++];
            out += inClass ? `\\x${Number.parseInt(num, 8).toString(16).padStart(2, "0")}` : `(?:\\${num})`;
          } else if (/[a-zA-Z]/.test(d)) throw new PatternError(`bad escape \\${d} at position ${i - 2}`);
          else if (d === "-") out += inClass ? "\\-" : "-";
          else out += /[\^$\\.*+?()[\]{}|/]/.test(d) ? `\\${d}` : d;
      }
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      if (c === "[") out += "\\[";
      else out += c;
      i++;
      continue;
    }
    switch (c) {
      case "[":
        inClass = true;
        out += "[";
        i++;
        if (pattern[i] === "^") {
          out += "^";
          i++;
        }
        if (pattern[i] === "]") {
          out += "\\]";
          i++;
        }
        continue;
      case "(":
        if (pattern.startsWith("(?P<", i)) {
          out += "(?<";
          i += 4;
          continue;
        }
        if (pattern.startsWith("(?P=", i)) {
          const end = pattern.indexOf(")", i);
          out += `\\k<${pattern.slice(i + 4, end)}>`;
          i = end + 1;
          continue;
        }
        if (pattern.startsWith("(?#", i)) {
          i = pattern.indexOf(")", i) + 1;
          if (i === 0) throw new PatternError("missing ), unterminated comment");
          continue;
        }
        out += c;
        i++;
        continue;
      case "{": {
        const m = /^\{(\d*)(,?)(\d*)\}/.exec(pattern.slice(i));
        if (m && (m[1] || m[3])) {
          out += `{${m[1] || "0"}${m[2]}${m[3]}}`;
          i += m[0].length;
        } else {
          out += "\\{";
          i++;
        }
        continue;
      }
      case "}":
        out += "\\}";
        i++;
        continue;
      case ".":
        out += flags & S ? "." : "[^\\n]";
        i++;
        continue;
      case "$":
        out += flags & M ? "(?=\\n|(?![\\s\\S]))" : "(?=\\n(?![\\s\\S])|(?![\\s\\S]))";
        i++;
        continue;
      case "^":
        out += flags & M ? "(?<=^|\\n)" : "(?<![\\s\\S])";
        i++;
        continue;
      default:
        out += c;
        i++;
    }
  }
  return { source: out, flags };
}
