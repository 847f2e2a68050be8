// The re module. Patterns run on RE2 (re2js), linear in the text, so no pattern can stall the
// isolate; Python's syntax and semantics are translated in re-syntax.ts ((?P<name>...), \A, \Z,
// `$` before a final newline, '.' not matching '\n', Unicode \w \d \s \b, VERBOSE). Lookahead and
// backreferences, which RE2 lacks, run on JavaScript RegExp only when the pattern's backtracking
// is polynomial (no repeated group that repeats or alternates) and the text short enough for it;
// otherwise re.error. Scanning is charged to the step budget by text length and program size.
import {
  ANCHOR,
  type BacktrackBound,
  backtrackBound,
  maxBacktrackInput,
  RE2JS,
  RE2JSException,
  scanWork,
} from "../../../../lib/safe-regex";
import { arg, asInt, asStr } from "../args";
import { repr } from "../format";
import { hasSurrogates, runtime } from "../ops";
import { E, type Kwargs, PyBuiltin, PyDict, PyIterator, PyList, PyNative, type Py, PyTuple, PyType, T, pyError, typeName } from "../values";
import { makeModule } from "./module";
import { A, I, L, M, PatternError, type Re2Pattern, S, translateJs, translateRe2, U, X } from "./re-syntax";

const reError = new PyType("error", E.Exception, "re");
const patternType = new PyType("Pattern", T.object, "re");
const matchType = new PyType("Match", T.object, "re");

/** Work units per interpreter step (a step is about a third of a microsecond). */
const WORK_PER_STEP = 24;
/** One search may scan at most this much work: it cannot be interrupted (about 2 s). */
const MAX_SEARCH_WORK = 2 ** 28;

interface Backtracking {
  search: RegExp;
  sticky: RegExp;
  full: RegExp;
  maxInput: number;
}

interface Compiled {
  pattern: string;
  flags: number;
  groups: number;
  groupNames: Map<string, number>;
  parents: number[];
  re2: Re2Pattern;
  /** RE2 programs by variant: "end" ($ is \z), "line" ($ is (?m:$)), or "line" plus a newline stand-in. */
  programs: Map<string, RE2JS | null>;
  /** The RegExp form, built on first need; null when its backtracking is unbounded. */
  backtracking?: Backtracking | null;
}

/** Group spans in UTF-16 units of the searched string, [start, end] per group, -1 when unset. */
interface MatchData {
  re: Compiled;
  string: string;
  spans: number[];
  pos: number;
  endpos: number;
}

/** One way to search a given text: RE2 or, where RE2 cannot, a bounded RegExp. */
interface Searcher {
  /** Spans of the first match at or after `from` (anchored: at `from`; full: also ending at the end). */
  find(from: number, mode: "search" | "match" | "full"): number[] | null;
  work: number;
}

const cache = new Map<string, Compiled>();

const refuse = (why: string, pattern: string) =>
  pyError(
    reError,
    `${why}, which only a backtracking engine can run, and this pattern could backtrack for unbounded time (a repeated group that itself repeats or alternates, like (a+)+ or (a|b)*); the sandbox refuses it (pattern ${repr(pattern)})`,
  );

export function compile(pattern: string, flags: number): Compiled {
  const key = `${flags}:${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let re2: Re2Pattern;
  try {
    re2 = translateRe2(pattern, flags);
  } catch (e) {
    if (e instanceof PatternError) throw pyError(reError, e.message);
    throw e;
  }
  const c: Compiled = { pattern, flags: re2.flags | U, groups: 0, groupNames: new Map(), parents: re2.parents, re2, programs: new Map() };
  if (re2.needsBacktracking === null) {
    const program = program2(c, "end");
    if (program === null) backtracking(c, true);
  } else if (backtracking(c, true) === null) throw refuse(`it uses a ${re2.needsBacktracking}`, pattern);
  if (cache.size > 200) cache.clear();
  cache.set(key, c);
  return c;
}

/**
 * Compiles an RE2 variant (for fullmatch, ending in \z: RE2 anchors only at the text's start);
 * null when RE2 refuses it for a construct RegExp has (a capture in a lookbehind).
 */
function program2(c: Compiled, variant: string, full = false): RE2JS | null {
  const key = full ? `full ${variant}` : variant;
  if (c.programs.has(key)) return c.programs.get(key)!;
  const newline = variant.length > 4 ? variant.slice(4) : "";
  const t = variant === "end" ? c.re2 : translateRe2(c.pattern, c.re2.flags, "line", newline);
  if (newline && !t.aliasable) {
    c.programs.set(key, null);
    return null;
  }
  let program: RE2JS | null;
  try {
    const source = full ? `(?:${t.source})\\z` : t.source;
    program = RE2JS.compile(source, (t.flags & I ? RE2JS.CASE_INSENSITIVE : 0) | (t.lookbehind ? RE2JS.LOOKBEHINDS : 0));
  } catch (e) {
    if (!(e instanceof RE2JSException)) throw e;
    if (!/capture in lookbehind/.test(e.message)) throw pyError(reError, `${e.message.replace(/^error parsing regexp: /, "")} (pattern ${repr(c.pattern)})`);
    program = null;
  }
  if (program && key === "end") {
    c.groups = program.groupCount();
    c.groupNames = new Map(Object.entries(program.namedGroups()));
  }
  c.programs.set(key, program);
  return program;
}

/** The RegExp form; with `strict`, a pattern RegExp rejects raises re.error. */
function backtracking(c: Compiled, strict = false): Backtracking | null {
  if (c.backtracking !== undefined) return c.backtracking;
  const t = translateJs(c.pattern, c.re2.flags);
  let jsFlags = "ud";
  if (t.flags & I) jsFlags += "i";
  if (t.flags & S) jsFlags += "s";
  let search: RegExp;
  try {
    search = new RegExp(t.source, `${jsFlags}g`);
  } catch (e) {
    if (!strict) return null;
    throw pyError(reError, `${(e as Error).message.replace(/^Invalid regular expression: /, "")} (pattern ${repr(c.pattern)})`);
  }
  const bound: BacktrackBound | null = backtrackBound(t.source);
  c.backtracking =
    bound &&
    ({
      search,
      sticky: new RegExp(t.source, `${jsFlags}y`),
      full: new RegExp(`(?:${t.source})(?![\\s\\S])`, `${jsFlags}y`),
      maxInput: maxBacktrackInput(bound),
    } satisfies Backtracking);
  if (c.programs.get("end") == null) {
    c.groups = (new RegExp(`${t.source}|`, jsFlags).exec("")?.length ?? 1) - 1;
    c.groupNames = new Map();
    let idx = 0;
    const opening = /\\.|\[(?:\\.|[^\]])*\]|\((?!\?)|\(\?P?<([A-Za-z_]\w*)>/g;
    for (let m = opening.exec(c.pattern); m; m = opening.exec(c.pattern)) {
      if (m[0] === "(") idx++;
      else if (m[1]) c.groupNames.set(m[1], ++idx);
    }
  }
  return c.backtracking;
}

const NON_ASCII_WORD = /(?!\p{ASCII})[\p{L}\p{N}]/u;

/**
 * Picks the engine for one text (its first `end` units). RE2's \b is ASCII and its `$` is \z or
 * (?m:$), so a text with non-ASCII letters or with several newlines and a final one may need a
 * rewritten program or, failing that, RegExp.
 */
function searcher(c: Compiled, s: string, end: number): Searcher {
  const t = c.re2;
  let variant: string | null = "end";
  let text = s;
  if (t.needsBacktracking !== null || c.programs.get("end") === null) variant = null;
  else if (t.wordBoundary && NON_ASCII_WORD.test(s.slice(0, end))) variant = null;
  else if (t.endDollar && end > 0 && s[end - 1] === "\n") {
    const first = s.indexOf("\n");
    if (first === end - 1) variant = "line";
    else {
      let cp = 0xe000;
      while (cp < 0xf8ff && s.includes(String.fromCharCode(cp))) cp++;
      const newline = String.fromCharCode(cp);
      variant = program2(c, `line${newline}`) ? `line${newline}` : null;
      if (variant) text = `${s.slice(0, end - 1).replaceAll("\n", newline)}\n`;
    }
  }
  const program = variant && program2(c, variant);
  if (variant && program) {
    const chosen = variant;
    const n = c.groups + 1;
    // lookbehind state carries over successive searches of one text; one per program
    const engines = new Map<RE2JS, { re2: ReturnType<RE2JS["re2"]>; lookbehind: unknown }>();
    const engine = (p: RE2JS) => {
      const known = engines.get(p);
      if (known) return known;
      const e = { re2: p.re2(), lookbehind: t.lookbehind ? p.re2().createLookbehindState() : null };
      engines.set(p, e);
      return e;
    };
    return {
      work: scanWork(1, program.programSize()),
      find: (from, mode) => {
        const { re2, lookbehind } = engine(mode === "full" ? program2(c, chosen, true)! : program);
        // RE2 anchors only at the text's start; elsewhere the leftmost match must begin at `from`
        const anchor = mode !== "search" && from === 0 ? ANCHOR.start : ANCHOR.none;
        const [found, spans] = re2.matchWithGroup(text, from, end, anchor, n, lookbehind) as [boolean, number[] | null];
        if (!found || (mode !== "search" && spans![0] !== from)) return null;
        return spans!.slice(0, 2 * n);
      },
    };
  }
  const bt = backtracking(c);
  const why = t.needsBacktracking ? `it uses a ${t.needsBacktracking}` : t.wordBoundary ? "\\b with non-ASCII letters needs lookaround" : "it needs lookaround here";
  if (!bt) throw refuse(why, c.pattern);
  if (end > bt.maxInput) {
    throw pyError(
      reError,
      `${why}, which only a backtracking engine can run; for this pattern the sandbox allows that on at most ${bt.maxInput} characters, and the text has ${end} (pattern ${repr(c.pattern)})`,
    );
  }
  const sliced = end === s.length ? s : s.slice(0, end);
  return {
    work: 1,
    find: (from, mode) => {
      const re = mode === "search" ? bt.search : mode === "match" ? bt.sticky : bt.full;
      re.lastIndex = from;
      const m = re.exec(sliced);
      if (!m) return null;
      const spans: number[] = [];
      for (let g = 0; g <= c.groups; g++) spans.push(...(m.indices?.[g] ?? [-1, -1]));
      return spans;
    },
  };
}

/** Charges scanning `chars` characters to the step budget, so time limits hold on long texts. */
function charge(chars: number, work: number): void {
  for (let k = Math.ceil((chars * work) / WORK_PER_STEP); k > 0; k--) runtime.tick();
}

function start(c: Compiled, s: string, pos: number, endpos: number | undefined): { found: Searcher; from: number; end: number } {
  const end = endpos === undefined ? s.length : unitIndex(s, Math.max(0, endpos));
  const from = unitIndex(s, Math.max(0, pos));
  const found = searcher(c, s, Math.min(end, s.length));
  if ((end - from) * found.work > MAX_SEARCH_WORK) {
    throw pyError(reError, `the text is too long for this pattern: one search could scan ${end - from} characters with ${found.work} units of work each (pattern ${repr(c.pattern)})`);
  }
  // a search cannot be interrupted, so its worst case is paid before it runs
  charge(Math.max(0, end - from), found.work);
  return { found, from, end: Math.min(end, s.length) };
}

// UTF-16 offset → code point index (only differs when the string has astral characters).
function cpIndex(s: string, unit: number): number {
  if (!hasSurrogates(s)) return unit;
  return [...s.slice(0, unit)].length;
}
function unitIndex(s: string, cp: number): number {
  if (!hasSurrogates(s)) return Math.min(cp, s.length);
  return [...s].slice(0, cp).join("").length;
}

function exec(c: Compiled, s: string, mode: "search" | "match" | "full", pos: number, endpos?: number): MatchData | null {
  const { found, from, end } = start(c, s, pos, endpos);
  if (from > end) return null;
  const spans = found.find(from, mode);
  if (!spans) return null;
  return { re: c, string: s, spans, pos, endpos: cpIndex(s, end) };
}

function patternArg(v: Py, flags: Py | undefined): Compiled {
  if (v instanceof PyNative && v.type === patternType) return v.value as Compiled;
  if (typeof v !== "string") throw pyError(E.TypeError, `first argument must be string or compiled pattern, not ${typeName(v)}`);
  return compile(v, flags === undefined || flags === null ? 0 : Number(asInt(flags, "flags")));
}

const makeMatch = (d: MatchData | null): Py => (d ? new PyNative<MatchData>(matchType, d) : null);

function groupIndex(d: MatchData, g: Py): number {
  if (typeof g === "string") {
    const n = d.re.groupNames.get(g);
    if (n === undefined) throw pyError(E.IndexError, "no such group");
    return n;
  }
  const n = Number(asInt(g, ""));
  if (n < 0 || n > d.re.groups) throw pyError(E.IndexError, "no such group");
  return n;
}

function span(d: MatchData, g: number): [number, number] {
  const at = d.spans[2 * g];
  if (at === undefined || at < 0) return [-1, -1];
  return [cpIndex(d.string, at), cpIndex(d.string, d.spans[2 * g + 1])];
}

function groupValue(d: MatchData, g: number, dflt: Py = null): Py {
  const at = d.spans[2 * g];
  return at === undefined || at < 0 ? dflt : d.string.slice(at, d.spans[2 * g + 1]);
}

const groupText = (d: MatchData, g: number): string => groupValue(d, g, "") as string;
const allGroups = (d: MatchData, dflt: Py): Py[] => Array.from({ length: d.re.groups }, (_, g) => groupValue(d, g + 1, dflt));

function expand(d: MatchData, template: string): string {
  return template.replace(/\\(g<([^>]*)>|[0-9]{1,2}|.)/gs, (all, what: string, name: string | undefined) => {
    if (name !== undefined) {
      const g = /^\d+$/.test(name) ? Number(name) : d.re.groupNames.get(name);
      if (g === undefined) throw pyError(E.IndexError, `unknown group name '${name}'`);
      if (g > d.re.groups) throw pyError(reError, `invalid group reference ${g}`);
      return groupText(d, g);
    }
    if (/^\d+$/.test(what)) {
      const g = Number(what);
      if (g > d.re.groups || g === 0) throw pyError(reError, `invalid group reference ${g}`);
      return groupText(d, g);
    }
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", f: "\f", v: "\v", a: "\x07", b: "\b", "\\": "\\" };
    if (what in simple) return simple[what];
    if (/[a-zA-Z]/.test(what)) throw pyError(reError, `bad escape ${all}`);
    return all;
  });
}

/**
 * Matches left to right with Python 3.7's rule: an empty match may touch the previous match, and
 * after an empty match the next search starts one character later.
 */
function* iterMatches(c: Compiled, s: string, pos = 0, endpos?: number): Generator<MatchData> {
  const { found, from, end } = start(c, s, pos, endpos);
  const endCp = cpIndex(s, end);
  let at = from;
  while (at <= end) {
    runtime.tick();
    const spans = found.find(at, "search");
    if (!spans) return;
    yield { re: c, string: s, spans, pos, endpos: endCp };
    const [a, b] = spans;
    at = a === b ? b + (s.codePointAt(b)! > 0xffff ? 2 : 1) : b;
  }
}

function findall(c: Compiled, s: string, pos: number, endpos?: number): PyList {
  const out: Py[] = [];
  for (const d of iterMatches(c, s, pos, endpos)) {
    if (c.groups === 0) out.push(groupText(d, 0));
    else if (c.groups === 1) out.push(groupText(d, 1));
    else out.push(new PyTuple(allGroups(d, "")));
  }
  return new PyList(out);
}

function sub(c: Compiled, repl: Py, s: string, count: number): [string, number] {
  let out = "";
  let last = 0;
  let n = 0;
  const fn = typeof repl === "string" ? null : repl;
  const template = typeof repl === "string" ? repl : "";
  const literal = fn === null && !template.includes("\\");
  for (const d of iterMatches(c, s)) {
    if (count > 0 && n >= count) break;
    out += s.slice(last, d.spans[0]);
    if (fn !== null) {
      const r = runtime.call(fn, [new PyNative<MatchData>(matchType, d)], null);
      if (typeof r !== "string") throw pyError(E.TypeError, `expected str instance, ${typeName(r)} found`);
      out += r;
    } else out += literal ? template : expand(d, template);
    last = d.spans[1];
    n++;
  }
  return [out + s.slice(last), n];
}

function split(c: Compiled, s: string, maxsplit: number): PyList {
  const out: Py[] = [];
  let last = 0;
  let n = 0;
  for (const d of iterMatches(c, s)) {
    if (maxsplit > 0 && n >= maxsplit) break;
    out.push(s.slice(last, d.spans[0]));
    out.push(...allGroups(d, null));
    last = d.spans[1];
    n++;
  }
  out.push(s.slice(last));
  return new PyList(out);
}

/** The group that closed last: the latest end, and on a tie the enclosing group or else the later one. */
function lastIndex(d: MatchData): number | null {
  let last: number | null = null;
  for (let g = 1; g <= d.re.groups; g++) {
    if (d.spans[2 * g] < 0) continue;
    if (last === null || d.spans[2 * g + 1] > d.spans[2 * last + 1]) last = g;
    else if (d.spans[2 * g + 1] === d.spans[2 * last + 1] && !encloses(d.re, last, g)) last = g;
  }
  return last;
}

function encloses(c: Compiled, outer: number, inner: number): boolean {
  for (let g = c.parents[inner]; g; g = c.parents[g]) if (g === outer) return true;
  return false;
}

const P = (v: Py) => (v as PyNative<Compiled>).value;
const MD = (v: Py) => (v as PyNative<MatchData>).value;
const str = (v: Py, what: string) => asStr(v, what);
const posArg = (args: Py[], kw: Kwargs, i: number) => Number(asInt(arg("search", args, kw, i, "pos", 0n), ""));
const endposArg = (args: Py[], kw: Kwargs) => {
  const v = arg("search", args, kw, 2, "endpos", null);
  return v === null ? undefined : Number(asInt(v, ""));
};

function setup(): void {
  if (patternType.methods.size) return;
  const pm = patternType.methods;
  const text = (args: Py[]) => str(args[0], "string");
  pm.set("match", (self, args, kw) => makeMatch(exec(P(self), text(args), "match", posArg(args, kw, 1), endposArg(args, kw))));
  pm.set("search", (self, args, kw) => makeMatch(exec(P(self), text(args), "search", posArg(args, kw, 1), endposArg(args, kw))));
  pm.set("fullmatch", (self, args, kw) => makeMatch(exec(P(self), text(args), "full", posArg(args, kw, 1), endposArg(args, kw))));
  pm.set("findall", (self, args, kw) => findall(P(self), text(args), posArg(args, kw, 1), endposArg(args, kw)));
  pm.set("finditer", (self, args, kw) => {
    const gen = iterMatches(P(self), text(args), posArg(args, kw, 1), endposArg(args, kw));
    return new PyIterator((function* () { for (const d of gen) yield new PyNative<MatchData>(matchType, d); })());
  });
  pm.set("sub", (self, args, kw) => sub(P(self), arg("sub", args, kw, 0, "repl"), str(arg("sub", args, kw, 1, "string"), "string"), Number(asInt(arg("sub", args, kw, 2, "count", 0n), "")))[0]);
  pm.set("subn", (self, args, kw) => {
    const [s, n] = sub(P(self), arg("subn", args, kw, 0, "repl"), str(arg("subn", args, kw, 1, "string"), "string"), Number(asInt(arg("subn", args, kw, 2, "count", 0n), "")));
    return new PyTuple([s, BigInt(n)]);
  });
  pm.set("split", (self, args, kw) => split(P(self), str(arg("split", args, kw, 0, "string"), "string"), Number(asInt(arg("split", args, kw, 1, "maxsplit", 0n), ""))));
  pm.set("__repr__", (self) => `re.compile(${repr(P(self).pattern)}${flagsText(P(self).flags)})`);
  pm.set("__eq__", (self, [o]) => o instanceof PyNative && o.type === patternType && P(o).pattern === P(self).pattern && P(o).flags === P(self).flags);
  patternType.getters.set("pattern", (self) => P(self).pattern);
  patternType.getters.set("flags", (self) => BigInt(P(self).flags));
  patternType.getters.set("groups", (self) => BigInt(P(self).groups));
  patternType.getters.set("groupindex", (self) => PyDict.from([...P(self).groupNames].map(([k, v]) => [k, BigInt(v)])));

  const mm = matchType.methods;
  mm.set("group", (self, args) => {
    const d = MD(self);
    if (args.length <= 1) return groupValue(d, groupIndex(d, args[0] ?? 0n));
    return new PyTuple(args.map((g) => groupValue(d, groupIndex(d, g))));
  });
  mm.set("__getitem__", (self, [g]) => groupValue(MD(self), groupIndex(MD(self), g)));
  mm.set("groups", (self, args, kw) => {
    const dflt = arg("groups", args, kw, 0, "default", null);
    return new PyTuple(allGroups(MD(self), dflt));
  });
  mm.set("groupdict", (self, args, kw) => {
    const dflt = arg("groupdict", args, kw, 0, "default", null);
    const d = MD(self);
    return PyDict.from([...d.re.groupNames].map(([k, g]) => [k, groupValue(d, g, dflt)]));
  });
  mm.set("start", (self, args) => BigInt(span(MD(self), groupIndex(MD(self), args[0] ?? 0n))[0]));
  mm.set("end", (self, args) => BigInt(span(MD(self), groupIndex(MD(self), args[0] ?? 0n))[1]));
  mm.set("span", (self, args) => {
    const [a, b] = span(MD(self), groupIndex(MD(self), args[0] ?? 0n));
    return new PyTuple([BigInt(a), BigInt(b)]);
  });
  mm.set("expand", (self, args) => expand(MD(self), str(args[0], "template")));
  mm.set("__bool__", () => true);
  mm.set("__repr__", (self) => {
    const d = MD(self);
    const [a, b] = span(d, 0);
    return `<re.Match object; span=(${a}, ${b}), match=${repr(groupText(d, 0))}>`;
  });
  matchType.getters.set("string", (self) => MD(self).string);
  matchType.getters.set("pos", (self) => BigInt(MD(self).pos));
  matchType.getters.set("endpos", (self) => BigInt(MD(self).endpos));
  matchType.getters.set("re", (self) => new PyNative(patternType, MD(self).re));
  matchType.getters.set("lastindex", (self) => {
    const g = lastIndex(MD(self));
    return g === null ? null : BigInt(g);
  });
  matchType.getters.set("lastgroup", (self) => {
    const d = MD(self);
    const g = lastIndex(d);
    return [...d.re.groupNames].find(([, n]) => n === g)?.[0] ?? null;
  });
}

function flagsText(flags: number): string {
  const names: [number, string][] = [[I, "re.IGNORECASE"], [M, "re.MULTILINE"], [S, "re.DOTALL"], [X, "re.VERBOSE"], [A, "re.ASCII"]];
  const parts = names.filter(([f]) => flags & f).map(([, n]) => n);
  return parts.length ? `, ${parts.join("|")}` : "";
}

export function reModule() {
  setup();
  const fn = (name: string, f: (c: Compiled, args: Py[], kw: Kwargs) => Py, flagsAt: number) =>
    new PyBuiltin(name, (args, kw) => f(patternArg(arg(name, args, kw, 0, "pattern"), args[flagsAt] ?? kw?.get("flags")), args.slice(1), kw));
  const attrs = new Map<string, Py>();
  const method = (name: string, flagsAt: number) =>
    attrs.set(name, fn(name, (c, rest, kw) => patternType.methods.get(name)!(new PyNative(patternType, c), rest.slice(0, flagsAt - 1), kw && new Map([...kw].filter(([k]) => k !== "flags" && k !== "pattern"))), flagsAt));
  method("match", 2);
  method("search", 2);
  method("fullmatch", 2);
  method("findall", 2);
  method("finditer", 2);
  method("split", 3);
  method("sub", 4);
  method("subn", 4);
  const mod = makeModule(
    "re",
    {
      compile: (args, kw) => new PyNative(patternType, patternArg(arg("compile", args, kw, 0, "pattern"), args[1] ?? kw?.get("flags"))),
      escape: (args) => str(args[0], "pattern").replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, (ch) => `\\${ch}`),
      purge: () => {
        cache.clear();
        return null;
      },
    },
    {
      I: BigInt(I), IGNORECASE: BigInt(I), M: BigInt(M), MULTILINE: BigInt(M), S: BigInt(S), DOTALL: BigInt(S),
      X: BigInt(X), VERBOSE: BigInt(X), A: BigInt(A), ASCII: BigInt(A), U: BigInt(U), UNICODE: BigInt(U), L: BigInt(L),
      error: reError, Pattern: patternType, Match: matchType,
    },
  );
  for (const [k, v] of attrs) mod.attrs.set(k, v);
  return mod;
}
