// Python tokenizer: source text to tokens with INDENT/DEDENT, implicit joining inside brackets,
// backslash continuation and string literals (prefixes r/b/f/u, triple quotes, escapes).
import { PySyntaxError } from "./errors";

export type TokenType = "name" | "int" | "float" | "string" | "op" | "newline" | "indent" | "dedent" | "eof";

export interface Token {
  type: TokenType;
  value: string;
  line: number;
  /** For strings: the literal's prefix letters (lowercase), e.g. "f", "rb". */
  prefix?: string;
  /** For f-strings: the raw body (escapes not yet processed), parsed later. */
  raw?: string;
}

const OPERATORS = [
  "**=", "//=", ">>=", "<<=", "...", "->", ":=",
  "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=",
  "+", "-", "*", "/", "%", "@", "<", ">", "&", "|", "^", "~", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "=",
];

const isIdStart = (c: string) => /[\p{L}_]/u.test(c);
const isIdChar = (c: string) => /[\p{L}\p{N}_\p{Mn}\p{Mc}]/u.test(c);

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const indents = [0];
  let i = 0;
  let line = 1;
  let depth = 0;
  const open: { ch: string; line: number }[] = [];
  let atLineStart = true;
  const n = src.length;
  const err = (msg: string, l = line) => new PySyntaxError(msg, l);

  while (i < n) {
    if (atLineStart && depth === 0) {
      let col = 0;
      let j = i;
      while (j < n && (src[j] === " " || src[j] === "\t" || src[j] === "\f")) {
        col = src[j] === "\t" ? (Math.floor(col / 8) + 1) * 8 : col + 1;
        j++;
      }
      // Blank or comment-only lines do not affect indentation.
      if (j >= n || src[j] === "\n" || src[j] === "\r" || src[j] === "#") {
        while (j < n && src[j] !== "\n") j++;
        if (j < n) {
          j++;
          line++;
        }
        i = j;
        continue;
      }
      if (src[j] === "\\" && (src[j + 1] === "\n" || src[j + 1] === "\r")) {
        // a continuation on an otherwise empty line
      }
      i = j;
      atLineStart = false;
      const top = indents[indents.length - 1];
      if (col > top) {
        indents.push(col);
        tokens.push({ type: "indent", value: "", line });
      } else if (col < top) {
        while (col < indents[indents.length - 1]) {
          indents.pop();
          tokens.push({ type: "dedent", value: "", line });
        }
        if (col !== indents[indents.length - 1]) throw new PySyntaxError("unindent does not match any outer indentation level", line, "IndentationError");
      }
    }
    const c = src[i];
    if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      i++;
      if (depth === 0) {
        const last = tokens[tokens.length - 1];
        if (last && last.type !== "newline") tokens.push({ type: "newline", value: "", line });
        atLineStart = true;
      }
      line++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\f") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < n && src[i] !== "\n" && src[i] !== "\r") i++;
      continue;
    }
    if (c === "\\") {
      let j = i + 1;
      if (src[j] === "\r") j++;
      if (src[j] === "\n") {
        i = j + 1;
        line++;
        continue;
      }
      throw err("unexpected character after line continuation character");
    }
    // numbers
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      const start = i;
      let isFloat = false;
      if (c === "0" && /[xXoObB]/.test(src[i + 1] ?? "")) {
        i += 2;
        while (i < n && /[0-9a-fA-F_]/.test(src[i])) i++;
      } else {
        while (i < n && /[0-9_]/.test(src[i])) i++;
        if (src[i] === "." ) {
          isFloat = true;
          i++;
          while (i < n && /[0-9_]/.test(src[i])) i++;
        }
        if (src[i] === "e" || src[i] === "E") {
          const save = i;
          i++;
          if (src[i] === "+" || src[i] === "-") i++;
          if (/[0-9]/.test(src[i] ?? "")) {
            isFloat = true;
            while (i < n && /[0-9_]/.test(src[i])) i++;
          } else i = save;
        }
      }
      if (src[i] === "j" || src[i] === "J") throw err("complex numbers are not supported by Kiln's Python sandbox");
      const text = src.slice(start, i).replace(/_/g, "");
      if (i < n && isIdStart(src[i])) throw err("invalid decimal literal");
      tokens.push({ type: isFloat ? "float" : "int", value: text, line });
      continue;
    }
    // identifiers and string prefixes
    if (isIdStart(c)) {
      const start = i;
      while (i < n && isIdChar(src[i])) i++;
      const word = src.slice(start, i);
      if ((src[i] === "'" || src[i] === '"') && /^(r|u|f|b|br|rb|fr|rf)$/i.test(word)) {
        i = readString(word.toLowerCase(), i);
        continue;
      }
      tokens.push({ type: "name", value: word, line });
      continue;
    }
    if (c === "'" || c === '"') {
      i = readString("", i);
      continue;
    }
    let op = "";
    for (const candidate of OPERATORS) {
      if (src.startsWith(candidate, i)) {
        op = candidate;
        break;
      }
    }
    if (!op) {
      if (c === "!") throw err("invalid syntax");
      throw err(`invalid character '${c}' (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`);
    }
    if (op === "(" || op === "[" || op === "{") {
      depth++;
      open.push({ ch: op, line });
    } else if (op === ")" || op === "]" || op === "}") {
      if (depth === 0) throw err(`unmatched '${op}'`);
      const o = open.pop()!;
      const want = o.ch === "(" ? ")" : o.ch === "[" ? "]" : "}";
      if (want !== op) {
        throw err(o.line === line ? `closing parenthesis '${op}' does not match opening parenthesis '${o.ch}'` : `closing parenthesis '${op}' does not match opening parenthesis '${o.ch}' on line ${o.line}`);
      }
      depth--;
    }
    tokens.push({ type: "op", value: op, line });
    i += op.length;
  }
  if (depth > 0) throw err(`'${open[open.length - 1].ch}' was never closed`, open[open.length - 1].line);
  const last = tokens[tokens.length - 1];
  if (last && last.type !== "newline") tokens.push({ type: "newline", value: "", line });
  while (indents.length > 1) {
    indents.pop();
    tokens.push({ type: "dedent", value: "", line });
  }
  tokens.push({ type: "eof", value: "", line });
  return tokens;

  function readString(prefix: string, start: number): number {
    const q = src[start];
    const triple = src[start + 1] === q && src[start + 2] === q;
    const startLine = line;
    let j = start + (triple ? 3 : 1);
    const bodyStart = j;
    for (;;) {
      if (j >= n) throw err(triple ? "unterminated triple-quoted string literal" : "unterminated string literal", startLine);
      const ch = src[j];
      if (ch === "\\") {
        if (src[j + 1] === "\n") line++;
        j += 2;
        continue;
      }
      if (ch === "\n") {
        if (!triple) throw err("unterminated string literal", startLine);
        line++;
      }
      if (ch === q && (!triple || (src[j + 1] === q && src[j + 2] === q))) break;
      j++;
    }
    const body = src.slice(bodyStart, j);
    const end = j + (triple ? 3 : 1);
    const isRaw = prefix.includes("r");
    if (prefix.includes("f")) {
      tokens.push({ type: "string", value: "", prefix, raw: body, line: startLine });
    } else {
      const value = isRaw ? body.replace(/\r\n/g, "\n") : decodeEscapes(body, prefix.includes("b"), startLine);
      tokens.push({ type: "string", value, prefix, line: startLine });
    }
    return end;
  }
}

/** Processes backslash escapes of a non-raw literal body. */
export function decodeEscapes(body: string, isBytes: boolean, line: number): string {
  if (!body.includes("\\")) return body.replace(/\r\n/g, "\n");
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const d = body[++i];
    switch (d) {
      case "\n": break;
      case "\r": if (body[i + 1] === "\n") i++; break;
      case "\\": out += "\\"; break;
      case "'": out += "'"; break;
      case '"': out += '"'; break;
      case "a": out += "\x07"; break;
      case "b": out += "\b"; break;
      case "f": out += "\f"; break;
      case "n": out += "\n"; break;
      case "r": out += "\r"; break;
      case "t": out += "\t"; break;
      case "v": out += "\v"; break;
      case "x": {
        const hex = body.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new PySyntaxError("(unicode error) truncated \\xXX escape", line);
        out += String.fromCharCode(Number.parseInt(hex, 16));
        i += 2;
        break;
      }
      case "u":
      case "U": {
        if (isBytes) {
          out += `\\${d}`;
          break;
        }
        const len = d === "u" ? 4 : 8;
        const hex = body.slice(i + 1, i + 1 + len);
        if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) throw new PySyntaxError(`(unicode error) truncated \\${d}${"X".repeat(len)} escape`, line);
        out += String.fromCodePoint(Number.parseInt(hex, 16));
        i += len;
        break;
      }
      case "N": throw new PySyntaxError("\\N{...} escapes are not supported by Kiln's Python sandbox", line);
      default:
        if (d !== undefined && /[0-7]/.test(d)) {
          let oct = d;
          while (oct.length < 3 && /[0-7]/.test(body[i + 1] ?? "")) oct += body[++i];
          out += String.fromCharCode(Number.parseInt(oct, 8));
        } else out += `\\${d ?? ""}`;
    }
  }
  return out;
}
