// The re module on JavaScript RegExp: Python pattern syntax is translated ((?P<name>...),
// (?P=name), \A, \Z, $ before a final newline, '.' not matching '\n', Unicode \w \d \b, literal
// braces, VERBOSE); match objects, sub with \1 / \g<name> templates or a function, split, findall.
import { arg, asInt, asStr } from "../args";
import { repr } from "../format";
import { hasSurrogates, runtime } from "../ops";
import { E, type Kwargs, PyBuiltin, PyDict, PyIterator, PyList, PyNative, type Py, PyTuple, PyType, T, pyError, typeName } from "../values";
import { makeModule } from "./module";

const I = 2;
const L = 4;
const M = 8;
const S = 16;
const U = 32;
const X = 64;
const A = 256;

const reError = new PyType("error", E.Exception, "re");
const patternType = new PyType("Pattern", T.object, "re");
const matchType = new PyType("Match", T.object, "re");

interface Compiled {
  pattern: string;
  flags: number;
  source: string;
  jsFlags: string;
  groups: number;
  groupNames: Map<string, number>;
  search: RegExp;
  sticky: RegExp;
  full: RegExp;
}

interface MatchData {
  re: Compiled;
  string: string;
  m: RegExpExecArray;
  pos: number;
  endpos: number;
}

const WORD = "\\p{L}\\p{N}_";
const cache = new Map<string, Compiled>();

function translate(pattern: string, flags: number): { source: string; flags: number } {
  let out = "";
  let i = 0;
  let inClass = false;
  const ascii = (flags & A) !== 0;
  if (pattern.startsWith("(?")) {
    const m = /^\(\?([aiLmsux]+)\)/.exec(pattern);
    if (m) {
      for (const c of m[1]) flags |= { a: A, i: I, L: L, m: M, s: S, u: U, x: X }[c as "a"] ?? 0;
      i = m[0].length;
    }
  }
  const verbose = (flags & X) !== 0;
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
      if (d === undefined) throw pyError(reError, "bad escape (end of pattern)");
      switch (d) {
        case "A":
          out += "(?<![\\s\\S])";
          break;
        case "Z":
          out += "(?![\\s\\S])";
          break;
        case "w":
          out += ascii ? "\\w" : inClass ? WORD : `[${WORD}]`;
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
          else out += ascii ? "\\b" : `(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))`;
          break;
        case "B":
          out += ascii ? "\\B" : `(?:(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}]))`;
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
        case "x": {
          const h = pattern.slice(i, i + 2);
          if (!/^[0-9a-fA-F]{2}$/.test(h)) throw pyError(reError, `incomplete escape \\x${h}`);
          out += `\\x${h}`;
          i += 2;
          break;
        }
        case "u":
        case "U": {
          const n = d === "u" ? 4 : 8;
          const h = pattern.slice(i, i + n);
          if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) throw pyError(reError, `incomplete escape \\${d}${h}`);
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
          } else if (/[a-zA-Z]/.test(d)) throw pyError(reError, `bad escape \\${d} at position ${i - 2}`);
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
          if (i === 0) throw pyError(reError, "missing ), unterminated comment");
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
        out += flags & M ? "(?=\\n|(?![\\s\\S]))" : "(?=\\n?(?![\\s\\S]))";
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

export function compile(pattern: string, flags: number): Compiled {
  const key = `${flags}:${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const t = translate(pattern, flags);
  let jsFlags = "ud";
  if (t.flags & I) jsFlags += "i";
  if (t.flags & S) jsFlags += "s";
  let search: RegExp;
  let sticky: RegExp;
  let full: RegExp;
  try {
    search = new RegExp(t.source, `${jsFlags}g`);
    sticky = new RegExp(t.source, `${jsFlags}y`);
    full = new RegExp(`(?:${t.source})(?![\\s\\S])`, `${jsFlags}y`);
  } catch (e) {
    throw pyError(reError, `${(e as Error).message.replace(/^Invalid regular expression: /, "")} (pattern ${repr(pattern)})`);
  }
  const groups = (new RegExp(`${t.source}|`, jsFlags).exec("")?.length ?? 1) - 1;
  const groupNames = new Map<string, number>();
  let idx = 0;
  const opening = /\\.|\[(?:\\.|[^\]])*\]|\((?!\?)|\(\?P?<([A-Za-z_]\w*)>/g;
  for (let m = opening.exec(pattern); m; m = opening.exec(pattern)) {
    if (m[0] === "(") idx++;
    else if (m[1]) groupNames.set(m[1], ++idx);
  }
  const c: Compiled = { pattern, flags: t.flags | U, source: t.source, jsFlags, groups, groupNames, search, sticky, full };
  if (cache.size > 200) cache.clear();
  cache.set(key, c);
  return c;
}

// UTF-16 offset → code point index (only differs when the string has astral characters).
function cpIndex(s: string, unit: number): number {
  if (!hasSurrogates(s)) return unit;
  return [...s.slice(0, unit)].length;
}
function unitIndex(s: string, cp: number): number {
  if (!hasSurrogates(s)) return cp;
  return [...s].slice(0, cp).join("").length;
}

function exec(c: Compiled, s: string, mode: "search" | "match" | "full", pos: number): MatchData | null {
  const re = mode === "search" ? c.search : mode === "match" ? c.sticky : c.full;
  re.lastIndex = unitIndex(s, pos);
  const m = re.exec(s);
  if (!m) return null;
  return { re: c, string: s, m, pos, endpos: [...s].length };
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
  const ind = d.m.indices?.[g];
  if (!ind) return [-1, -1];
  return [cpIndex(d.string, ind[0]), cpIndex(d.string, ind[1])];
}

function groupValue(d: MatchData, g: number, dflt: Py = null): Py {
  const v = d.m[g];
  return v === undefined ? dflt : v;
}

function expand(d: MatchData, template: string): string {
  return template.replace(/\\(g<([^>]*)>|[0-9]{1,2}|.)/gs, (all, what: string, name: string | undefined) => {
    if (name !== undefined) {
      const g = /^\d+$/.test(name) ? Number(name) : d.re.groupNames.get(name);
      if (g === undefined) throw pyError(E.IndexError, `unknown group name '${name}'`);
      if (g > d.re.groups) throw pyError(reError, `invalid group reference ${g}`);
      return d.m[g] ?? "";
    }
    if (/^\d+$/.test(what)) {
      const g = Number(what);
      if (g > d.re.groups || g === 0) throw pyError(reError, `invalid group reference ${g}`);
      return d.m[g] ?? "";
    }
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", f: "\f", v: "\v", a: "\x07", b: "\b", "\\": "\\" };
    if (what in simple) return simple[what];
    if (/[a-zA-Z]/.test(what)) throw pyError(reError, `bad escape ${all}`);
    return all;
  });
}

function* iterMatches(c: Compiled, s: string, pos = 0): Generator<MatchData> {
  const re = c.search;
  re.lastIndex = unitIndex(s, pos);
  for (;;) {
    runtime.tick();
    const start = re.lastIndex;
    const m = re.exec(s);
    if (!m) return;
    yield { re: c, string: s, m, pos, endpos: s.length };
    if (m[0] === "") re.lastIndex = m.index + (hasSurrogates(s.slice(m.index, m.index + 2)) && s.codePointAt(m.index)! > 0xffff ? 2 : 1);
    else re.lastIndex = m.index + m[0].length;
    if (re.lastIndex > s.length || (re.lastIndex === start && m[0] === "" && start >= s.length)) return;
    void start;
  }
}

function findall(c: Compiled, s: string, pos: number): PyList {
  const out: Py[] = [];
  for (const d of iterMatches(c, s, pos)) {
    if (c.groups === 0) out.push(d.m[0]);
    else if (c.groups === 1) out.push(d.m[1] ?? "");
    else out.push(new PyTuple(d.m.slice(1).map((x) => x ?? "")));
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
    out += s.slice(last, d.m.index);
    if (fn !== null) {
      const r = runtime.call(fn, [new PyNative<MatchData>(matchType, d)], null);
      if (typeof r !== "string") throw pyError(E.TypeError, `expected str instance, ${typeName(r)} found`);
      out += r;
    } else out += literal ? template : expand(d, template);
    last = d.m.index + d.m[0].length;
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
    out.push(s.slice(last, d.m.index));
    for (let g = 1; g <= c.groups; g++) out.push(d.m[g] ?? null);
    last = d.m.index + d.m[0].length;
    n++;
  }
  out.push(s.slice(last));
  return new PyList(out);
}

const P = (v: Py) => (v as PyNative<Compiled>).value;
const MD = (v: Py) => (v as PyNative<MatchData>).value;
const str = (v: Py, what: string) => asStr(v, what);
const posArg = (args: Py[], kw: Kwargs, i: number) => Number(asInt(arg("search", args, kw, i, "pos", 0n), ""));

function setup(): void {
  if (patternType.methods.size) return;
  const pm = patternType.methods;
  pm.set("match", (self, args, kw) => makeMatch(exec(P(self), str(args[0], "string"), "match", posArg(args, kw, 1))));
  pm.set("search", (self, args, kw) => makeMatch(exec(P(self), str(args[0], "string"), "search", posArg(args, kw, 1))));
  pm.set("fullmatch", (self, args, kw) => makeMatch(exec(P(self), str(args[0], "string"), "full", posArg(args, kw, 1))));
  pm.set("findall", (self, args, kw) => findall(P(self), str(args[0], "string"), posArg(args, kw, 1)));
  pm.set("finditer", (self, args, kw) => {
    const gen = iterMatches(P(self), str(args[0], "string"), posArg(args, kw, 1));
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
    return new PyTuple(MD(self).m.slice(1).map((x) => x ?? dflt));
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
    return `<re.Match object; span=(${a}, ${b}), match=${repr(d.m[0])}>`;
  });
  matchType.getters.set("string", (self) => MD(self).string);
  matchType.getters.set("pos", (self) => BigInt(MD(self).pos));
  matchType.getters.set("endpos", (self) => BigInt(MD(self).endpos));
  matchType.getters.set("re", (self) => new PyNative(patternType, MD(self).re));
  matchType.getters.set("lastindex", (self) => {
    const d = MD(self);
    let last: number | null = null;
    let lastEnd = -1;
    for (let g = 1; g <= d.re.groups; g++) {
      const ind = d.m.indices?.[g];
      if (ind && ind[1] >= lastEnd) {
        last = g;
        lastEnd = ind[1];
      }
    }
    return last === null ? null : BigInt(last);
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
