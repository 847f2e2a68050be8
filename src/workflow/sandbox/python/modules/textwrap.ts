// The textwrap module as CPython computes it: wrap, fill and shorten (and the TextWrapper class
// behind them) with their options, dedent and indent.
import { getAttr, setAttr } from "../attributes";
import { PyClass, PyMethodDescriptor } from "../classes";
import { expandTabs } from "../methods";
import { iterate, runtime, truthy } from "../ops";
import { E, type Kwargs, type Py, pyError, PyList, T, typeName } from "../values";
import { makeModule } from "./module";

const text = (fname: string, v: Py): string => {
  if (typeof v !== "string") throw pyError(E.TypeError, `${fname}() argument must be str, not ${typeName(v)}`);
  return v;
};

/** Removes the whitespace every non-blank line starts with; blank lines become empty. */
function dedent(source: string): string {
  const lines = source.split("\n").map((line) => (/^[ \t]+$/.test(line) ? "" : line));
  let margin: string | null = null;
  for (const line of lines) {
    const indent = /^([ \t]*)[^ \t]/.exec(line)?.[1];
    if (indent === undefined) continue;
    if (margin === null || margin.startsWith(indent)) margin = indent;
    else if (!indent.startsWith(margin)) {
      let i = 0;
      while (i < margin.length && margin[i] === indent[i]) i++;
      margin = margin.slice(0, i);
    }
  }
  const cut = margin ?? "";
  return (cut ? lines.map((line) => (line.startsWith(cut) ? line.slice(cut.length) : line)) : lines).join("\n");
}

// ---- wrapping -----------------------------------------------------------------------------------

/** The options of a TextWrapper, with CPython's defaults. */
const WRAP_DEFAULTS: Record<string, Py> = {
  width: 70n,
  initial_indent: "",
  subsequent_indent: "",
  expand_tabs: true,
  replace_whitespace: true,
  fix_sentence_endings: false,
  break_long_words: true,
  drop_whitespace: true,
  break_on_hyphens: true,
  tabsize: 8n,
  max_lines: null,
  placeholder: " [...]",
};

interface WrapOptions {
  width: number;
  initialIndent: string;
  subsequentIndent: string;
  expandTabs: boolean;
  replaceWhitespace: boolean;
  fixSentenceEndings: boolean;
  breakLongWords: boolean;
  dropWhitespace: boolean;
  breakOnHyphens: boolean;
  tabsize: number;
  maxLines: number | null;
  placeholder: string;
}

function optionsFrom(read: (name: string) => Py): WrapOptions {
  const int = (name: string) => {
    const v = read(name);
    if (typeof v !== "bigint" && typeof v !== "boolean") throw pyError(E.TypeError, `'${typeName(v)}' object cannot be interpreted as an integer`);
    return Number(v);
  };
  const string = (name: string) => text(name, read(name));
  return {
    width: int("width"),
    initialIndent: string("initial_indent"),
    subsequentIndent: string("subsequent_indent"),
    expandTabs: truthy(read("expand_tabs")),
    replaceWhitespace: truthy(read("replace_whitespace")),
    fixSentenceEndings: truthy(read("fix_sentence_endings")),
    breakLongWords: truthy(read("break_long_words")),
    dropWhitespace: truthy(read("drop_whitespace")),
    breakOnHyphens: truthy(read("break_on_hyphens")),
    tabsize: int("tabsize"),
    maxLines: read("max_lines") === null ? null : int("max_lines"),
    placeholder: string("placeholder"),
  };
}

/** The whitespace textwrap knows: ASCII only, as string.whitespace. */
const WS = "[\\t\\n\\x0b\\x0c\\r ]";
const NOT_WS = "[^\\t\\n\\x0b\\x0c\\r ]";
/** Python's \\w (letters, numbers, "_"), a letter (\\w without decimal digits), word punctuation. */
const WORD = "[\\p{L}\\p{N}_]";
const LETTER = "[\\p{L}\\p{Nl}\\p{No}_]";
const WORD_PUNCT = `[\\p{L}\\p{N}_!"'&.,?]`;
// One chunk: a run of whitespace; an em-dash ("--") between words; or a word, which ends at
// whitespace or the end, before an em-dash, or just after a hyphen that joins two letters to two
// more ("look-" + "ahead", not "x-" + "y").
const CHUNK_WITH_HYPHENS = new RegExp(
  `(${WS}+|(?<=${WORD_PUNCT})-{2,}(?=${WORD})|${NOT_WS}+?(?:-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})|(?=${WS}|$)|(?<=${WORD_PUNCT})(?=-{2,}${WORD})))`,
  "u",
);
const CHUNK_SIMPLE = new RegExp(`(${WS}+)`, "u");
const SENTENCE_END = /[a-z][.!?]["']?$/;

const len = (s: string) => [...s].length;
const slice = (s: string, start: number, end?: number) => [...s].slice(start, end).join("");
/** What Python's str.isspace() takes for whitespace (strip() and split() remove it). */
const PY_SPACE = new Set([
  ..."\t\n\v\f\r \u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000",
  ...[0x1c, 0x1d, 0x1e, 0x1f, ...Array.from({ length: 11 }, (_, i) => 0x2000 + i)].map((c) => String.fromCharCode(c)),
]);
const isBlank = (s: string) => [...s].every((c) => PY_SPACE.has(c));

function chunksOf(textIn: string, o: WrapOptions): string[] {
  let t = o.expandTabs ? expandTabs(textIn, o.tabsize) : textIn;
  if (o.replaceWhitespace) t = t.replace(/[\t\n\v\f\r]/g, " ");
  const chunks = t.split(o.breakOnHyphens ? CHUNK_WITH_HYPHENS : CHUNK_SIMPLE).filter((c) => c);
  if (o.fixSentenceEndings) {
    for (let i = 0; i < chunks.length - 1; ) {
      if (chunks[i + 1] === " " && SENTENCE_END.test(chunks[i])) {
        chunks[i + 1] = "  ";
        i += 2;
      } else i += 1;
    }
  }
  return chunks;
}

/** Splits a word too long for any line: at a hyphen that fits when it can, else at the width. */
function handleLongWord(reversed: string[], line: string[], lineLen: number, width: number, o: WrapOptions) {
  const spaceLeft = width < 1 ? 1 : width - lineLen;
  if (o.breakLongWords) {
    let end = spaceLeft;
    const chunk = reversed[reversed.length - 1];
    if (o.breakOnHyphens && len(chunk) > spaceLeft) {
      const hyphen = slice(chunk, 0, spaceLeft).lastIndexOf("-");
      if (hyphen > 0 && /[^-]/.test(slice(chunk, 0, hyphen))) end = hyphen + 1;
    }
    line.push(slice(chunk, 0, end));
    reversed[reversed.length - 1] = slice(chunk, end);
  } else if (!line.length) line.push(reversed.pop()!);
}

function wrapText(t: string, o: WrapOptions): string[] {
  if (o.width <= 0) throw pyError(E.ValueError, `invalid width ${o.width} (must be > 0)`);
  if (o.maxLines !== null) {
    const indent = o.maxLines > 1 ? o.subsequentIndent : o.initialIndent;
    if (len(indent) + len(o.placeholder.replace(/^\s+/, "")) > o.width) throw pyError(E.ValueError, "placeholder too large for max width");
  }
  const reversed = chunksOf(t, o).reverse();
  const lines: string[] = [];
  while (reversed.length) {
    const line: string[] = [];
    let lineLen = 0;
    const indent = lines.length ? o.subsequentIndent : o.initialIndent;
    const width = o.width - len(indent);
    // whitespace at the start of a line other than the first is dropped
    if (o.dropWhitespace && isBlank(reversed[reversed.length - 1]) && lines.length) reversed.pop();
    while (reversed.length) {
      const l = len(reversed[reversed.length - 1]);
      if (lineLen + l > width) break;
      line.push(reversed.pop()!);
      lineLen += l;
    }
    if (reversed.length && len(reversed[reversed.length - 1]) > width) {
      handleLongWord(reversed, line, lineLen, width, o);
      lineLen = line.reduce((n, c) => n + len(c), 0);
    }
    if (o.dropWhitespace && line.length && isBlank(line[line.length - 1])) {
      lineLen -= len(line[line.length - 1]);
      line.pop();
    }
    if (!line.length) continue;
    const lastLineFits =
      !reversed.length || (o.dropWhitespace && reversed.length === 1 && isBlank(reversed[0]));
    if (o.maxLines === null || lines.length + 1 < o.maxLines || (lastLineFits && lineLen <= width)) {
      lines.push(indent + line.join(""));
      continue;
    }
    // the last line allowed: end it with the placeholder where it fits
    let placed = false;
    while (line.length) {
      if (!isBlank(line[line.length - 1]) && lineLen + len(o.placeholder) <= width) {
        line.push(o.placeholder);
        lines.push(indent + line.join(""));
        placed = true;
        break;
      }
      lineLen -= len(line[line.length - 1]);
      line.pop();
    }
    if (!placed) {
      const prev = lines.length ? lines[lines.length - 1].replace(/\s+$/, "") : null;
      if (prev !== null && len(prev) + len(o.placeholder) <= o.width) lines[lines.length - 1] = prev + o.placeholder;
      else lines.push(indent + o.placeholder.replace(/^\s+/, ""));
    }
    break;
  }
  return lines;
}

/** Wraps as a TextWrapper with these few options set (Jinja2's wordwrap filter). */
export function wrapPlain(t: string, width: number, breakLongWords: boolean, breakOnHyphens: boolean): string[] {
  const o = optionsFrom((name) => WRAP_DEFAULTS[name]);
  return wrapText(t, { ...o, width, breakLongWords, breakOnHyphens, expandTabs: false, replaceWhitespace: false });
}

/** The options of a call: positional width, then keywords, over the defaults. */
function callOptions(fname: string, args: Py[], kwargs: Kwargs, first = 1): WrapOptions {
  if (args.length > first + 1) throw pyError(E.TypeError, `${fname}() takes from 1 to 2 positional arguments but ${args.length} were given`);
  for (const k of kwargs?.keys() ?? []) {
    if (!(k in WRAP_DEFAULTS)) throw pyError(E.TypeError, `TextWrapper.__init__() got an unexpected keyword argument '${k}'`);
  }
  return optionsFrom((name) => (name === "width" && args.length > first ? args[first] : (kwargs?.get(name) ?? WRAP_DEFAULTS[name])));
}

/** Python's str.split(): the runs between whitespace. */
function words(s: string): string[] {
  const out: string[] = [];
  let word = "";
  for (const c of s) {
    if (!PY_SPACE.has(c)) word += c;
    else if (word) {
      out.push(word);
      word = "";
    }
  }
  if (word) out.push(word);
  return out;
}

function textWrapperClass(): PyClass {
  const method = (name: string, fn: (self: Py, args: Py[], kwargs: Kwargs) => Py): [string, Py] => [
    name,
    new PyMethodDescriptor(name, (args, kwargs) => fn(args[0], args.slice(1), kwargs)),
  ];
  const own = (self: Py) => optionsFrom((name) => getAttr(self, name));
  const ns = new Map<string, Py>([
    method("__init__", (self, args, kwargs) => {
      if (args.length > 1) throw pyError(E.TypeError, "TextWrapper.__init__() takes from 1 to 2 positional arguments");
      for (const k of kwargs?.keys() ?? []) {
        if (!(k in WRAP_DEFAULTS)) throw pyError(E.TypeError, `TextWrapper.__init__() got an unexpected keyword argument '${k}'`);
      }
      for (const name of Object.keys(WRAP_DEFAULTS)) setAttr(self, name, name === "width" && args.length ? args[0] : (kwargs?.get(name) ?? WRAP_DEFAULTS[name]));
      return null;
    }),
    method("wrap", (self, [t]) => new PyList(wrapText(text("wrap", t), own(self)))),
    method("fill", (self, [t]) => wrapText(text("fill", t), own(self)).join("\n")),
  ]);
  return new PyClass("TextWrapper", "TextWrapper", [T.object], ns, "textwrap");
}

export function textwrapModule() {
  return makeModule("textwrap", {
    wrap: (args, kwargs) => new PyList(wrapText(text("wrap", args[0]), callOptions("wrap", args, kwargs))),
    fill: (args, kwargs) => wrapText(text("fill", args[0]), callOptions("fill", args, kwargs)).join("\n"),
    shorten: (args, kwargs) => {
      const o = callOptions("shorten", args, kwargs);
      return wrapText(words(text("shorten", args[0])).join(" "), { ...o, maxLines: 1 }).join("\n");
    },
    dedent: ([source]) => dedent(text("dedent", source)),
    indent: ([source, prefix, predicate]) => {
      const pre = text("indent", prefix);
      const lines = runtime.call(getAttr(text("indent", source), "splitlines"), [true], null);
      let out = "";
      for (const line of iterate(lines)) {
        const s = line as string;
        const keep = predicate === undefined || predicate === null ? truthy(runtime.call(getAttr(s, "strip"), [], null)) : truthy(runtime.call(predicate, [s], null));
        out += keep ? pre + s : s;
      }
      return out;
    },
  }, { TextWrapper: textWrapperClass() });
}
