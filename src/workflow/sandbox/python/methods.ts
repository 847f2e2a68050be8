// Methods of the built-in types: str, bytes, list, tuple, dict, set.
import { arg, asInt, asStr, maxArgs } from "./args";
import { getAttr } from "./attributes";
import { repr, strFormat } from "./format";
import { codePoints, copyDict, eq, getItem, iterate, lt, runtime, setOp, toArray, truthy } from "./ops";
import {
  E,
  type Kwargs,
  MAX_ITEMS,
  MAX_STR,
  PyBuiltin,
  PyBytes,
  PyDict,
  PyDictView,
  PyException,
  PyList,
  type Py,
  PySet,
  PyTuple,
  type PyType,
  T,
  checkSize,
  chargeItems,
  hashKey as hashKeyOf,
  pyError,
  typeName,
  typeOf,
} from "./values";

type Method = (self: Py, args: Py[], kwargs: Kwargs) => Py;

// [min, max] positional arguments of the methods below, checked before they run.
const ARITY: Record<string, [number, number]> = {
  split: [0, 2], rsplit: [0, 2], splitlines: [0, 1], strip: [0, 1], lstrip: [0, 1], rstrip: [0, 1], join: [1, 1],
  replace: [2, 3], startswith: [1, 3], endswith: [1, 3], find: [1, 3], rfind: [1, 3], index: [1, 3], rindex: [1, 3],
  count: [1, 3], zfill: [1, 1], center: [1, 2], ljust: [1, 2], rjust: [1, 2], partition: [1, 1], rpartition: [1, 1],
  removeprefix: [1, 1], removesuffix: [1, 1], encode: [0, 2], decode: [0, 2], translate: [1, 1], expandtabs: [0, 1],
  format_map: [1, 1], append: [1, 1], extend: [1, 1], insert: [2, 2], pop: [0, 2], remove: [1, 1], get: [1, 2],
  setdefault: [1, 2], update: [0, 1], add: [1, 1], discard: [1, 1], issubset: [1, 1], issuperset: [1, 1],
  isdisjoint: [1, 1], symmetric_difference: [1, 1], intersection_update: [1, 1], difference_update: [1, 1],
};
const NO_ARGS = /^(lower|upper|casefold|title|capitalize|swapcase|is\w+|keys|values|items|popitem|copy|clear|reverse|hex|bit_length|total_seconds)$/;

function def(t: PyType, name: string, fn: Method): void {
  let [min, max] = ARITY[name] ?? (NO_ARGS.test(name) ? [0, 0] : [0, Number.POSITIVE_INFINITY]);
  if (name === "pop" && t === T.dict) min = 1;
  if (name === "pop" && t !== T.dict) max = 1;
  if (name === "update" && (t === T.set || t === T.frozenset)) max = Number.POSITIVE_INFINITY;
  if (name === "index" || name === "count") {
    if (t === T.list || t === T.tuple) max = name === "count" ? 1 : 3;
  }
  if (min === 0 && max === Number.POSITIVE_INFINITY) {
    t.methods.set(name, fn);
    return;
  }
  t.methods.set(name, (self, args, kwargs) => {
    const n = args.length;
    if (n < min || n > max) {
      const bound = n < min ? (min === max ? "exactly" : "at least") : min === max ? "exactly" : "at most";
      const want = n < min ? min : max;
      throw pyError(E.TypeError, `${typeOf(self).name}.${name}() takes ${bound} ${want} argument${want === 1 ? "" : "s"} (${n} given)`);
    }
    return fn(self, args, kwargs);
  });
}

// ---- str --------------------------------------------------------------------------------------

// CPython's str.split()/strip() also treat the separators \x1c-\x1f and NEL as whitespace.
const SPACE = "[\\s\\x1c-\\x1f\\x85]";
const WS = new RegExp(`^${SPACE}+|${SPACE}+$`, "g");
const LEADING_WS = new RegExp(`^${SPACE}+`);
const TRAILING_WS = new RegExp(`${SPACE}+$`);
const ANY_WS = new RegExp(`${SPACE}+`);
const LAST_WS = new RegExp(`${SPACE}+(?=[^\\s\\x1c-\\x1f\\x85]*$)`);
const ONLY_WS = new RegExp(`^${SPACE}+$`);
const SEPARATORS = "\\x1c-\\x1e";
const LINE_BREAK = new RegExp(`\\r\\n|[\\n\\r\\v\\f${SEPARATORS}\\x85\\u2028\\u2029]`, "g");
function strip(s: string, chars: Py, where: "both" | "left" | "right"): string {
  if (chars === null || chars === undefined) {
    if (where === "both") return s.replace(WS, "");
    if (where === "left") return s.replace(LEADING_WS, "");
    return s.replace(TRAILING_WS, "");
  }
  const set = new Set(codePoints(asStr(chars, "strip arg")));
  const cps = [...s];
  let a = 0;
  let b = cps.length;
  if (where !== "right") while (a < b && set.has(cps[a])) a++;
  if (where !== "left") while (b > a && set.has(cps[b - 1])) b--;
  return cps.slice(a, b).join("");
}

function split(s: string, sep: Py, maxsplit: number): PyList {
  if (sep === null) {
    const out: Py[] = [];
    let rest = s.replace(LEADING_WS, "");
    while (rest) {
      if (maxsplit >= 0 && out.length >= maxsplit) {
        out.push(rest);
        break;
      }
      const m = ANY_WS.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    if (out.length && out[out.length - 1] === "" ) out.pop();
    return new PyList(out);
  }
  const sp = asStr(sep, "separator");
  if (!sp) throw pyError(E.ValueError, "empty separator");
  const parts = s.split(sp);
  checkSize(parts.length, MAX_ITEMS);
  if (maxsplit >= 0 && parts.length > maxsplit + 1) {
    const head = parts.slice(0, maxsplit);
    head.push(parts.slice(maxsplit).join(sp));
    return new PyList(head);
  }
  return new PyList(parts);
}

function rsplit(s: string, sep: Py, maxsplit: number): PyList {
  if (maxsplit < 0) return split(s, sep, -1);
  if (sep === null) {
    const out: Py[] = [];
    let rest = s.replace(TRAILING_WS, "");
    while (rest) {
      if (out.length >= maxsplit) {
        out.unshift(rest);
        break;
      }
      const m = LAST_WS.exec(rest);
      if (!m) {
        out.unshift(rest);
        break;
      }
      out.unshift(rest.slice(m.index + m[0].length));
      rest = rest.slice(0, m.index);
    }
    return new PyList(out);
  }
  const sp = asStr(sep, "separator");
  if (!sp) throw pyError(E.ValueError, "empty separator");
  const parts = s.split(sp);
  if (parts.length > maxsplit + 1) {
    const tail = parts.slice(parts.length - maxsplit);
    tail.unshift(parts.slice(0, parts.length - maxsplit).join(sp));
    return new PyList(tail);
  }
  return new PyList(parts);
}

/** start/end arguments of find/count/startswith as UTF-16 offsets. */
function range(s: string, args: Py[], from: number): [number, number] {
  const cps = codePoints(s);
  const n = cps.length;
  const norm = (v: Py, d: number) => {
    if (v === undefined || v === null) return d;
    let i = Number(asInt(v, "slice indices"));
    if (i < 0) i = Math.max(0, i + n);
    return Math.min(i, n);
  };
  const a = norm(args[from], 0);
  const b = norm(args[from + 1], n);
  if (typeof cps === "string") return [a, b];
  return [cps.slice(0, a).join("").length, cps.slice(0, b).join("").length];
}

const cpIndex = (s: string, unitIndex: number): bigint => BigInt(unitIndex < 0 ? -1 : [...s.slice(0, unitIndex)].length);

function find(s: string, args: Py[], reverse: boolean): number {
  const sub = asStr(args[0], "must be str, not");
  const [a, b] = range(s, args, 1);
  if (b - a < sub.length) return -1;
  const region = s.slice(a, b);
  const i = reverse ? region.lastIndexOf(sub) : region.indexOf(sub);
  return i < 0 ? -1 : i + a;
}

const isCased = (c: string) => c.toLowerCase() !== c.toUpperCase();

function title(s: string): string {
  let out = "";
  let prevCased = false;
  for (const c of s) {
    out += prevCased ? c.toLowerCase() : c.toUpperCase();
    prevCased = isCased(c) || (/\p{L}/u.test(c) && prevCased);
  }
  return out;
}

function startsOrEnds(s: string, args: Py[], ends: boolean): boolean {
  const prefix = args[0];
  const [a, b] = range(s, args, 1);
  const region = s.slice(a, b);
  const test = (p: Py) => {
    if (typeof p !== "string") throw pyError(E.TypeError, `${ends ? "endswith" : "startswith"} first arg must be str or a tuple of str, not ${typeName(p)}`);
    return ends ? region.endsWith(p) : region.startsWith(p);
  };
  if (prefix instanceof PyTuple) return prefix.items.some(test);
  return test(prefix);
}

function justify(self: string, args: Py[], kind: "l" | "r" | "c"): string {
  const width = Number(asInt(args[0], ""));
  checkSize(width, MAX_STR);
  const fill = args[1] === undefined ? " " : asStr(args[1], "fill character");
  if ([...fill].length !== 1) throw pyError(E.TypeError, "The fill character must be exactly one character long");
  const len = [...self].length;
  if (width <= len) return self;
  const n = width - len;
  if (kind === "l") return self + fill.repeat(n);
  if (kind === "r") return fill.repeat(n) + self;
  const left = Math.floor(n / 2) + (n & width & 1);
  return fill.repeat(left) + self + fill.repeat(n - left);
}

const S = (self: Py) => self as string;
const strMethods: Record<string, Method> = {
  split: (self, args, kw) => split(S(self), arg("split", args, kw, 0, "sep", null), Number(asInt(arg("split", args, kw, 1, "maxsplit", -1n), ""))),
  rsplit: (self, args, kw) => rsplit(S(self), arg("rsplit", args, kw, 0, "sep", null), Number(asInt(arg("rsplit", args, kw, 1, "maxsplit", -1n), ""))),
  splitlines: (self, args, kw) => {
    const keep = truthy(arg("splitlines", args, kw, 0, "keepends", false));
    const out: Py[] = [];
    const re = new RegExp(LINE_BREAK.source, "g");
    const s = S(self);
    let last = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      out.push(s.slice(last, keep ? m.index + m[0].length : m.index));
      last = m.index + m[0].length;
    }
    if (last < s.length) out.push(s.slice(last));
    return new PyList(out);
  },
  strip: (self, args) => strip(S(self), args[0] ?? null, "both"),
  lstrip: (self, args) => strip(S(self), args[0] ?? null, "left"),
  rstrip: (self, args) => strip(S(self), args[0] ?? null, "right"),
  join: (self, args) => {
    const parts = toArray(args[0]);
    let total = 0;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (typeof p !== "string") throw pyError(E.TypeError, `sequence item ${i}: expected str instance, ${typeName(p)} found`);
      total += p.length;
    }
    checkSize(total + S(self).length * parts.length, MAX_STR);
    return parts.join(S(self));
  },
  replace: (self, args) => {
    const s = S(self);
    const a = asStr(args[0], "replace() argument 1");
    const b = asStr(args[1], "replace() argument 2");
    const count = args[2] === undefined ? -1 : Number(asInt(args[2], ""));
    if (count < 0) {
      if (a === "") {
        const out = [...s].join(b);
        return b + out + (s ? b : "");
      }
      const parts = s.split(a);
      checkSize(s.length + (parts.length - 1) * b.length, MAX_STR);
      return parts.join(b);
    }
    let out = "";
    let rest = s;
    for (let i = 0; i < count; i++) {
      const j = rest.indexOf(a);
      if (j < 0) break;
      out += rest.slice(0, j) + b;
      rest = rest.slice(j + a.length);
      if (a === "") {
        out += rest[0] ?? "";
        rest = rest.slice(1);
      }
    }
    return out + rest;
  },
  startswith: (self, args) => startsOrEnds(S(self), args, false),
  endswith: (self, args) => startsOrEnds(S(self), args, true),
  find: (self, args) => cpIndex(S(self), find(S(self), args, false)),
  rfind: (self, args) => cpIndex(S(self), find(S(self), args, true)),
  index: (self, args) => {
    const i = find(S(self), args, false);
    if (i < 0) throw pyError(E.ValueError, "substring not found");
    return cpIndex(S(self), i);
  },
  rindex: (self, args) => {
    const i = find(S(self), args, true);
    if (i < 0) throw pyError(E.ValueError, "substring not found");
    return cpIndex(S(self), i);
  },
  count: (self, args) => {
    const sub = asStr(args[0], "must be str, not");
    const [a, b] = range(S(self), args, 1);
    const region = S(self).slice(a, b);
    if (!sub) return BigInt([...region].length + 1);
    return BigInt(region.split(sub).length - 1);
  },
  lower: (self) => S(self).toLowerCase(),
  upper: (self) => S(self).toUpperCase(),
  casefold: (self) => S(self).toLowerCase().replace(/ß/g, "ss"),
  title: (self) => title(S(self)),
  capitalize: (self) => {
    const cps = [...S(self)];
    return cps.length ? cps[0].toUpperCase() + cps.slice(1).join("").toLowerCase() : "";
  },
  swapcase: (self) => [...S(self)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(""),
  isdigit: (self) => /^[\p{Nd}\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089]+$/u.test(S(self)),
  isdecimal: (self) => /^\p{Nd}+$/u.test(S(self)),
  isnumeric: (self) => /^\p{N}+$/u.test(S(self)),
  isalpha: (self) => /^\p{L}+$/u.test(S(self)),
  isalnum: (self) => /^[\p{L}\p{N}]+$/u.test(S(self)),
  isspace: (self) => ONLY_WS.test(S(self)),
  isupper: (self) => [...S(self)].some(isCased) && S(self) === S(self).toUpperCase(),
  islower: (self) => [...S(self)].some(isCased) && S(self) === S(self).toLowerCase(),
  istitle: (self) => [...S(self)].some(isCased) && title(S(self)) === S(self),
  isidentifier: (self) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(S(self)),
  isascii: (self) => [...S(self)].every((c) => c.charCodeAt(0) < 128),
  isprintable: (self) => !/[\p{C}\p{Zl}\p{Zp}]/u.test(S(self)),
  zfill: (self, args) => {
    const s = S(self);
    const width = Number(asInt(args[0], ""));
    checkSize(width, MAX_STR);
    const len = [...s].length;
    if (len >= width) return s;
    const sign = s[0] === "+" || s[0] === "-" ? s[0] : "";
    return sign + "0".repeat(width - len) + s.slice(sign.length);
  },
  center: (self, args) => justify(S(self), args, "c"),
  ljust: (self, args) => justify(S(self), args, "l"),
  rjust: (self, args) => justify(S(self), args, "r"),
  partition: (self, args) => {
    const s = S(self);
    const sep = asStr(args[0], "partition() argument");
    if (!sep) throw pyError(E.ValueError, "empty separator");
    const i = s.indexOf(sep);
    return i < 0 ? new PyTuple([s, "", ""]) : new PyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  rpartition: (self, args) => {
    const s = S(self);
    const sep = asStr(args[0], "rpartition() argument");
    if (!sep) throw pyError(E.ValueError, "empty separator");
    const i = s.lastIndexOf(sep);
    return i < 0 ? new PyTuple(["", "", s]) : new PyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  format: (self, args, kw) => strFormat(S(self), args, kw, getAttr, getItem),
  format_map: (self, args) => {
    const d = args[0];
    if (!(d instanceof PyDict)) throw pyError(E.TypeError, "format_map() argument must be a mapping");
    const kw = new Map<string, Py>();
    for (const [k, v] of d.map.values()) if (typeof k === "string") kw.set(k, v);
    return strFormat(S(self), [], kw, getAttr, getItem);
  },
  encode: (self, args, kw) => {
    const enc = String(arg("encode", args, kw, 0, "encoding", "utf-8")).toLowerCase().replace(/[-_]/g, "");
    const s = S(self);
    if (enc === "utf8") return new PyBytes(new TextEncoder().encode(s));
    if (enc === "ascii" || enc === "latin1" || enc === "iso88591") {
      const max = enc === "ascii" ? 127 : 255;
      const errors = String(arg("encode", args, kw, 1, "errors", "strict"));
      const out: number[] = [];
      for (const c of s) {
        const cp = c.codePointAt(0)!;
        if (cp > max) {
          if (errors === "ignore") continue;
          if (errors === "replace") {
            out.push(63);
            continue;
          }
          throw pyError(E.UnicodeEncodeError, `'${enc === "ascii" ? "ascii" : "latin-1"}' codec can't encode character '\\u${cp.toString(16).padStart(4, "0")}': ordinal not in range(${max + 1})`);
        }
        out.push(cp);
      }
      return new PyBytes(Uint8Array.from(out));
    }
    throw pyError(E.LookupError, `unknown encoding: ${String(args[0])}`);
  },
  removeprefix: (self, args) => {
    const p = asStr(args[0], "removeprefix() argument");
    return p && S(self).startsWith(p) ? S(self).slice(p.length) : S(self);
  },
  removesuffix: (self, args) => {
    const p = asStr(args[0], "removesuffix() argument");
    return p && S(self).endsWith(p) ? S(self).slice(0, -p.length) : S(self);
  },
  expandtabs: (self, args) => expandTabs(S(self), args[0] === undefined ? 8 : Number(asInt(args[0], ""))),
};
for (const [name, fn] of Object.entries(strMethods)) def(T.str, name, fn);

/** str.expandtabs: each tab pads to the next multiple of `size` columns; a line break restarts them. */
export function expandTabs(s: string, size: number): string {
  let col = 0;
  let out = "";
  for (const c of s) {
    if (c === "\t") {
      const n = size > 0 ? size - (col % size) : 0;
      out += " ".repeat(n);
      col += n;
    } else {
      out += c;
      col = c === "\n" || c === "\r" ? 0 : col + 1;
    }
  }
  return out;
}

def(T.str, "translate", (self, args) => {
  const table = args[0];
  let out = "";
  for (const c of S(self)) {
    const key = BigInt(c.codePointAt(0)!);
    const v = table instanceof PyDict ? table.get(key) : undefined;
    if (v === undefined) out += c;
    else if (v === null) continue;
    else out += typeof v === "bigint" ? String.fromCodePoint(Number(v)) : asStr(v, "character mapping");
  }
  return out;
});
T.str.attrs.set(
  "maketrans",
  new PyBuiltin("maketrans", (args) => {
    const d = new PyDict();
    const cp = (c: string) => BigInt(c.codePointAt(0)!);
    if (args.length === 1) {
      const src = args[0];
      if (!(src instanceof PyDict)) throw pyError(E.TypeError, "if you give only one argument to maketrans it must be a dict");
      for (const [k, v] of src.map.values()) d.set(typeof k === "string" ? cp(k) : k, v);
      return d;
    }
    const a = [...asStr(args[0], "maketrans() argument 1")];
    const b = [...asStr(args[1], "maketrans() argument 2")];
    if (a.length !== b.length) throw pyError(E.ValueError, "the first two maketrans arguments must have equal length");
    for (let i = 0; i < a.length; i++) d.set(cp(a[i]), cp(b[i]));
    if (args[2] !== undefined) for (const c of asStr(args[2], "maketrans() argument 3")) d.set(cp(c), null);
    return d;
  }),
);

// ---- int and float ----------------------------------------------------------------------------

def(T.int, "bit_length", (self) => {
  const n = BigInt(self as bigint);
  return BigInt((n < 0n ? -n : n).toString(2).replace(/^0$/, "").length);
});
def(T.int, "to_bytes", (self, args, kw) => {
  const n = BigInt(self as bigint);
  const length = Number(asInt(arg("to_bytes", args, kw, 0, "length", 1n), ""));
  const order = arg("to_bytes", args, kw, 1, "byteorder", "big");
  if (n < 0n || n >= 1n << BigInt(8 * length)) throw pyError(E.OverflowError, "int too big to convert");
  checkSize(length, MAX_STR);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[order === "little" ? i : length - 1 - i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return new PyBytes(out);
});
T.int.attrs.set(
  "from_bytes",
  new PyBuiltin("from_bytes", (args, kw) => {
    const data = arg("from_bytes", args, kw, 0, "bytes");
    const order = arg("from_bytes", args, kw, 1, "byteorder", "big");
    const bytes = data instanceof PyBytes ? Array.from(data.data) : toArray(data).map((x) => Number(asInt(x, "")));
    if (order === "little") bytes.reverse();
    return bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
  }),
);
def(T.float, "is_integer", (self) => Number.isInteger(self as number));

// ---- bytes ------------------------------------------------------------------------------------

export function decodeBytes(data: Uint8Array, encoding: string, errors: string): string {
  const enc = encoding.toLowerCase().replace(/[-_]/g, "");
  if (enc === "utf8") {
    try {
      return new TextDecoder("utf-8", { fatal: errors === "strict", ignoreBOM: true }).decode(data);
    } catch {
      let pos = 0;
      for (; pos < data.length; pos++) {
        try {
          new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(data.subarray(0, pos + 1));
        } catch {
          if (pos + 4 >= data.length || data[pos] < 0x80) break;
        }
      }
      const bad = data.findIndex((b, i) => i >= 0 && b >= 0x80 && !validUtf8At(data, i));
      const at = bad < 0 ? pos : bad;
      throw pyError(E.UnicodeDecodeError, `'utf-8' codec can't decode byte 0x${data[at].toString(16).padStart(2, "0")} in position ${at}: invalid start byte`);
    }
  }
  if (enc === "ascii" || enc === "latin1" || enc === "iso88591") {
    let out = "";
    for (let i = 0; i < data.length; i++) {
      if (enc === "ascii" && data[i] > 127) {
        if (errors === "ignore") continue;
        if (errors === "replace") {
          out += "\ufffd";
          continue;
        }
        throw pyError(E.UnicodeDecodeError, `'ascii' codec can't decode byte 0x${data[i].toString(16)} in position ${i}: ordinal not in range(128)`);
      }
      out += String.fromCharCode(data[i]);
    }
    return out;
  }
  throw pyError(E.LookupError, `unknown encoding: ${encoding}`);
}

function validUtf8At(data: Uint8Array, i: number): boolean {
  const b = data[i];
  const n = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
  if (!n) return false;
  try {
    new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(data.subarray(i, i + n));
    return true;
  } catch {
    return false;
  }
}

const B = (self: Py) => (self as PyBytes).data;
def(T.bytes, "decode", (self, args, kw) =>
  decodeBytes(B(self), String(arg("decode", args, kw, 0, "encoding", "utf-8")), String(arg("decode", args, kw, 1, "errors", "strict"))),
);
def(T.bytes, "hex", (self) => Array.from(B(self), (b) => b.toString(16).padStart(2, "0")).join(""));
def(T.bytes, "startswith", (self, args) => {
  const p = args[0] as PyBytes;
  return p.data.every((b, i) => B(self)[i] === b) && p.data.length <= B(self).length;
});

// ---- list -------------------------------------------------------------------------------------

const L = (self: Py) => self as PyList;

export function sortItems(items: Py[], key: Py, reverse: boolean): Py[] {
  const keys = key === null ? items : items.map((x) => runtime.call(key, [x], null));
  const idx = items.map((_, i) => i);
  let comparisons = 0;
  idx.sort((a, b) => {
    if ((++comparisons & 1023) === 0) runtime.tick();
    const ka = keys[a];
    const kb = keys[b];
    const c = reverse ? (lt(kb, ka) ? -1 : lt(ka, kb) ? 1 : 0) : lt(ka, kb) ? -1 : lt(kb, ka) ? 1 : 0;
    return c || a - b;
  });
  return idx.map((i) => items[i]);
}

function indexIn(items: Py[], v: Py, args: Py[], what: string): number {
  const n = items.length;
  let a = args[1] === undefined ? 0 : Number(asInt(args[1], ""));
  let b = args[2] === undefined ? n : Number(asInt(args[2], ""));
  if (a < 0) a = Math.max(0, a + n);
  if (b < 0) b = Math.max(0, b + n);
  for (let i = a; i < Math.min(b, n); i++) if (eq(items[i], v)) return i;
  throw pyError(E.ValueError, what === "list" ? `${repr(v)} is not in list` : "tuple.index(x): x not in tuple");
}

const listMethods: Record<string, Method> = {
  append: (self, args) => {
    maxArgs("append", args, 1);
    if (args.length !== 1) throw pyError(E.TypeError, "list.append() takes exactly one argument (0 given)");
    const items = L(self).items;
    if (items.length >= MAX_ITEMS) checkSize(items.length + 1, MAX_ITEMS);
    chargeItems(1);
    items.push(args[0]);
    return null;
  },
  extend: (self, args) => {
    const add = toArray(args[0]);
    checkSize(L(self).items.length + add.length, MAX_ITEMS);
    for (const x of add) L(self).items.push(x);
    return null;
  },
  insert: (self, args) => {
    const items = L(self).items;
    let i = Number(asInt(args[0], ""));
    if (i < 0) i = Math.max(0, i + items.length);
    items.splice(Math.min(i, items.length), 0, args[1]);
    return null;
  },
  pop: (self, args) => {
    const items = L(self).items;
    if (!items.length) throw pyError(E.IndexError, "pop from empty list");
    let i = args[0] === undefined ? items.length - 1 : Number(asInt(args[0], ""));
    if (i < 0) i += items.length;
    if (i < 0 || i >= items.length) throw pyError(E.IndexError, "pop index out of range");
    return items.splice(i, 1)[0];
  },
  remove: (self, args) => {
    const items = L(self).items;
    for (let i = 0; i < items.length; i++) {
      if (eq(items[i], args[0])) {
        items.splice(i, 1);
        return null;
      }
    }
    throw pyError(E.ValueError, "list.remove(x): x not in list");
  },
  index: (self, args) => BigInt(indexIn(L(self).items, args[0], args, "list")),
  count: (self, args) => BigInt(L(self).items.filter((x) => eq(x, args[0])).length),
  sort: (self, args, kw) => {
    if (args.length) throw pyError(E.TypeError, "sort() takes no positional arguments");
    const key = kw?.get("key") ?? null;
    const reverse = truthy(kw?.get("reverse") ?? false);
    L(self).items = sortItems(L(self).items, key, reverse);
    return null;
  },
  reverse: (self) => {
    L(self).items.reverse();
    return null;
  },
  copy: (self) => new PyList(L(self).items.slice()),
  clear: (self) => {
    L(self).items = [];
    return null;
  },
};
for (const [name, fn] of Object.entries(listMethods)) def(T.list, name, fn);

def(T.tuple, "index", (self, args) => BigInt(indexIn((self as PyTuple).items, args[0], args, "tuple")));
def(T.tuple, "count", (self, args) => BigInt((self as PyTuple).items.filter((x) => eq(x, args[0])).length));

// ---- dict -------------------------------------------------------------------------------------

const D = (self: Py) => self as PyDict;

export function updateDict(d: PyDict, args: Py[], kwargs: Kwargs): void {
  if (args.length > 1) throw pyError(E.TypeError, `update expected at most 1 argument, got ${args.length}`);
  const src = args[0];
  if (src !== undefined) {
    if (src instanceof PyDict) for (const [k, v] of src.map.values()) d.set(k, v);
    else {
      let i = 0;
      for (const item of iterate(src)) {
        const pair = toArray(item);
        if (pair.length !== 2) throw pyError(E.ValueError, `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
        d.set(pair[0], pair[1]);
        i++;
      }
    }
  }
  if (kwargs) for (const [k, v] of kwargs) d.set(k, v);
}

const dictMethods: Record<string, Method> = {
  get: (self, args) => {
    if (!args.length) throw pyError(E.TypeError, "get expected at least 1 argument, got 0");
    return D(self).get(args[0]) ?? args[1] ?? null;
  },
  keys: (self) => new PyDictView(D(self), "keys"),
  values: (self) => new PyDictView(D(self), "values"),
  items: (self) => new PyDictView(D(self), "items"),
  pop: (self, args) => {
    const v = D(self).get(args[0]);
    if (v !== undefined) {
      D(self).delete(args[0]);
      return v;
    }
    if (args.length > 1) return args[1];
    throw new PyException(E.KeyError, [args[0]]);
  },
  popitem: (self) => {
    const d = D(self);
    const last = [...d.map.entries()].pop();
    if (!last) throw pyError(E.KeyError, "popitem(): dictionary is empty");
    d.map.delete(last[0]);
    return new PyTuple([last[1][0], last[1][1]]);
  },
  setdefault: (self, args) => {
    const v = D(self).get(args[0]);
    if (v !== undefined) return v;
    const d = args[1] ?? null;
    D(self).set(args[0], d);
    return d;
  },
  update: (self, args, kw) => {
    updateDict(D(self), args, kw);
    return null;
  },
  copy: (self) => {
    const c = copyDict(D(self));
    c.defaultFactory = D(self).defaultFactory;
    c.counter = D(self).counter;
    return c;
  },
  clear: (self) => {
    D(self).map.clear();
    return null;
  },
  most_common: (self, args) => {
    const entries = [...D(self).map.values()].map(([k, v]) => new PyTuple([k, v]));
    const byCount = entries.slice().sort((a, b) => {
      const x = a.items[1];
      const y = b.items[1];
      return lt(y, x) ? -1 : lt(x, y) ? 1 : 0;
    });
    const n = args[0] === undefined || args[0] === null ? byCount.length : Number(asInt(args[0], ""));
    return new PyList(byCount.slice(0, n));
  },
};
for (const [name, fn] of Object.entries(dictMethods)) def(T.dict, name, fn);

for (const kind of [T.dictKeys, T.dictItems]) {
  def(kind, "isdisjoint", (self, args) => {
    const other = new PySet();
    for (const x of iterate(args[0])) other.add(x);
    for (const x of iterate(self)) if (other.has(x)) return false;
    return true;
  });
}

// ---- set --------------------------------------------------------------------------------------

const toSet = (v: Py): PySet => {
  if (v instanceof PySet) return v;
  const s = new PySet();
  for (const x of iterate(v)) s.add(x);
  return s;
};
const Z = (self: Py) => self as PySet;

const setMethods: Record<string, Method> = {
  add: (self, args) => {
    Z(self).add(args[0]);
    return null;
  },
  discard: (self, args) => {
    Z(self).map.delete(hashKeyOf(args[0]));
    return null;
  },
  remove: (self, args) => {
    if (!Z(self).map.delete(hashKeyOf(args[0]))) throw new PyException(E.KeyError, [args[0]]);
    return null;
  },
  pop: (self) => {
    const first = Z(self).map.entries().next();
    if (first.done) throw pyError(E.KeyError, "pop from an empty set");
    Z(self).map.delete(first.value[0]);
    return first.value[1];
  },
  update: (self, args) => {
    for (const a of args) for (const x of iterate(a)) Z(self).add(x);
    return null;
  },
  union: (self, args) => args.reduce<PySet>((acc, a) => setOp(acc, toSet(a), "|"), setOp(Z(self), new PySet(), "|")),
  intersection: (self, args) => args.reduce<PySet>((acc, a) => setOp(acc, toSet(a), "&"), setOp(Z(self), new PySet(), "|")),
  difference: (self, args) => args.reduce<PySet>((acc, a) => setOp(acc, toSet(a), "-"), setOp(Z(self), new PySet(), "|")),
  symmetric_difference: (self, args) => setOp(Z(self), toSet(args[0]), "^"),
  intersection_update: (self, args) => {
    const keep = toSet(args[0]);
    for (const h of [...Z(self).map.keys()]) if (!keep.map.has(h)) Z(self).map.delete(h);
    return null;
  },
  difference_update: (self, args) => {
    for (const x of iterate(args[0])) Z(self).map.delete(hashKeyOf(x));
    return null;
  },
  issubset: (self, args) => {
    const other = toSet(args[0]);
    return [...Z(self).map.keys()].every((h) => other.map.has(h));
  },
  issuperset: (self, args) => {
    const other = toSet(args[0]);
    return [...other.map.keys()].every((h) => Z(self).map.has(h));
  },
  isdisjoint: (self, args) => {
    const other = toSet(args[0]);
    return [...other.map.keys()].every((h) => !Z(self).map.has(h));
  },
  copy: (self) => setOp(Z(self), new PySet(), "|"),
  clear: (self) => {
    Z(self).map.clear();
    return null;
  },
};
for (const [name, fn] of Object.entries(setMethods)) {
  def(T.set, name, fn);
  if (!["add", "discard", "remove", "pop", "update", "clear", "intersection_update", "difference_update"].includes(name)) def(T.frozenset, name, fn);
}

