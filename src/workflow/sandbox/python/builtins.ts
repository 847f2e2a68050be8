// The builtins namespace: functions and the callable built-in types and exception classes.
import { arg, asInt, asNum, asStr } from "./args";
import { delAttr, getAttr, getAttrOr, hasAttr, setAttr } from "./attributes";
import {
  NotImplemented,
  PyBoundMethod,
  PyClass,
  PyClassMethod,
  PyInstance,
  PyProperty,
  PyStaticMethod,
  PySuper,
  callSpecial,
  classTypes,
  isUserObject,
  makeClass,
  special,
} from "./classes";
import { formatValue, repr, str, toFixed } from "./format";
import { stdout, writeStdout } from "./stdout";
import { stopIteration } from "./generators";
import { sortItems, updateDict } from "./methods";
import { binop, hasSurrogates, iterate, len, lt, runtime, toArray, truthy } from "./ops";
import {
  E,
  type Kwargs,
  type NativeFn,
  PyBuiltin,
  PyBytes,
  PyDict,
  PyException,
  PyIterator,
  PyList,
  PyNative,
  type PyObject,
  type Py,
  PyRange,
  PySet,
  PySlice,
  PyTuple,
  PyType,
  T,
  checkSize,
  hashKey,
  isInstance,
  objectId,
  pyError,
  typeName,
  typeOf,
} from "./values";

// ---- int / float parsing ------------------------------------------------------------------------

export function parseIntText(text: string, base: number): bigint {
  const original = text;
  let s = text.trim().replace(/_(?=[0-9a-zA-Z])/g, (m, i: number) => (i > 0 ? "" : m));
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  const prefixed = /^0([xob])/i.exec(s);
  if (base === 0) {
    if (prefixed) base = { x: 16, o: 8, b: 2 }[prefixed[1].toLowerCase() as "x" | "o" | "b"];
    else {
      if (/^0+[1-9]/.test(s)) throw invalidInt(original, 0);
      base = 10;
    }
  }
  if (prefixed && ((base === 16 && /x/i.test(prefixed[1])) || (base === 8 && /o/i.test(prefixed[1])) || (base === 2 && /b/i.test(prefixed[1])))) s = s.slice(2);
  const digits = "0123456789abcdefghijklmnopqrstuvwxyz".slice(0, base);
  if (!s || ![...s.toLowerCase()].every((c) => digits.includes(c))) throw invalidInt(original, base);
  if (s.length > 4300) throw pyError(E.ValueError, "Exceeds the limit (4300 digits) for integer string conversion");
  let n = 0n;
  const b = BigInt(base);
  if (base === 10) n = BigInt(s);
  else for (const c of s.toLowerCase()) n = n * b + BigInt(digits.indexOf(c));
  return neg ? -n : n;
}

const invalidInt = (text: string, base: number) => pyError(E.ValueError, `invalid literal for int() with base ${base}: ${repr(text)}`);

export function parseFloatText(text: string): number {
  const s = text.trim().replace(/(?<=\d)_(?=\d)/g, "").toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(s)) return s.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^[+-]?nan$/.test(s)) return Number.NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) throw pyError(E.ValueError, `could not convert string to float: ${repr(text)}`);
  return Number(s);
}

export function toInt(v: Py, base?: Py): bigint {
  if (base !== undefined) {
    if (typeof v !== "string" && !(v instanceof PyBytes)) throw pyError(E.TypeError, "int() can't convert non-string with explicit base");
    const b = Number(asInt(base, "base"));
    if (b !== 0 && (b < 2 || b > 36)) throw pyError(E.ValueError, "int() base must be >= 2 and <= 36, or 0");
    return parseIntText(typeof v === "string" ? v : new TextDecoder().decode(v.data), b);
  }
  if (typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1n : 0n;
  if (typeof v === "number") {
    if (Number.isNaN(v)) throw pyError(E.ValueError, "cannot convert float NaN to integer");
    if (!Number.isFinite(v)) throw pyError(E.OverflowError, "cannot convert float infinity to integer");
    return BigInt(Math.trunc(v));
  }
  if (typeof v === "string") return parseIntText(v, 10);
  if (v instanceof PyBytes) return parseIntText(new TextDecoder().decode(v.data), 10);
  throw pyError(E.TypeError, `int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`);
}

export function toFloat(v: Py): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") {
    const n = Number(v);
    if (!Number.isFinite(n)) throw pyError(E.OverflowError, "int too large to convert to float");
    return n;
  }
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") return parseFloatText(v);
  throw pyError(E.TypeError, `float() argument must be a string or a real number, not '${typeName(v)}'`);
}

// ---- type constructors ----------------------------------------------------------------------------

function kwOnly(name: string, kwargs: Kwargs): void {
  if (kwargs?.size) throw pyError(E.TypeError, `${name}() takes no keyword arguments`);
}

T.int.call = (args, kwargs) => {
  if (!args.length && !kwargs?.size) return 0n;
  return toInt(arg("int", args, kwargs, 0, "x"), args[1] ?? kwargs?.get("base"));
};
T.float.call = (args) => (args.length ? toFloat(args[0]) : 0);
T.str.call = (args, kwargs) => {
  if (!args.length && !kwargs?.size) return "";
  const v = arg("str", args, kwargs, 0, "object");
  const enc = args[1] ?? kwargs?.get("encoding");
  if (v instanceof PyBytes && enc !== undefined) return getAttr(v, "decode") && runtime.call(getAttr(v, "decode"), [enc, args[2] ?? kwargs?.get("errors") ?? "strict"], null);
  return str(v);
};
T.bool.call = (args) => (args.length ? truthy(args[0]) : false);
T.list.call = (args, kwargs) => {
  kwOnly("list", kwargs);
  return new PyList(args.length ? toArray(args[0]) : []);
};
T.tuple.call = (args, kwargs) => {
  kwOnly("tuple", kwargs);
  return args.length ? (args[0] instanceof PyTuple ? args[0] : new PyTuple(toArray(args[0]))) : new PyTuple([]);
};
T.dict.call = (args, kwargs) => {
  const d = new PyDict();
  updateDict(d, args, kwargs);
  return d;
};
T.dict.attrs.set(
  "fromkeys",
  new PyBuiltin("fromkeys", (args) => {
    const d = new PyDict();
    for (const k of iterate(args[0])) d.set(k, args[1] ?? null);
    return d;
  }),
);
const makeSet = (frozen: boolean): NativeFn => (args, kwargs) => {
  kwOnly(frozen ? "frozenset" : "set", kwargs);
  const s = new PySet(frozen);
  if (args.length) for (const x of iterate(args[0])) s.add(x);
  return s;
};
T.set.call = makeSet(false);
T.frozenset.call = makeSet(true);
T.range.call = (args) => {
  const ints = args.map((a) => asInt(a, ""));
  if (!ints.length) throw pyError(E.TypeError, "range expected at least 1 argument, got 0");
  if (ints.length === 1) return new PyRange(0n, ints[0], 1n);
  const step = ints[2] ?? 1n;
  if (step === 0n) throw pyError(E.ValueError, "range() arg 3 must not be zero");
  return new PyRange(ints[0], ints[1], step);
};
T.slice.call = (args) => (args.length === 1 ? new PySlice(null, args[0], null) : new PySlice(args[0], args[1] ?? null, args[2] ?? null));
T.bytes.call = (args, kwargs) => {
  if (!args.length) return new PyBytes(new Uint8Array());
  const v = args[0];
  if (typeof v === "string") {
    const enc = arg("bytes", args, kwargs, 1, "encoding");
    return runtime.call(getAttr(v, "encode"), [enc], null);
  }
  if (typeof v === "bigint") {
    checkSize(v, 50_000_000);
    return new PyBytes(new Uint8Array(Number(v)));
  }
  if (v instanceof PyBytes) return v;
  return new PyBytes(Uint8Array.from(toArray(v), (x) => Number(asInt(x, ""))));
};
T.type.call = (args) => {
  if (args.length === 3) {
    const [name, bases, ns] = args;
    if (typeof name !== "string" || !(bases instanceof PyTuple) || !(ns instanceof PyDict)) {
      throw pyError(E.TypeError, "type.__new__() argument 1 must be str, 2 a tuple and 3 a dict");
    }
    const dict = new Map<string, Py>([["__module__", "__main__"], ["__qualname__", name]]);
    for (const [k, v] of ns.map.values()) dict.set(asStr(k, "attribute name"), v);
    return makeClass(name, name, bases.items, dict);
  }
  if (args.length !== 1) throw pyError(E.TypeError, "type() takes 1 or 3 arguments");
  return typeOf(args[0]);
};
T.object.call = (args, kwargs) => {
  if (args.length || kwargs?.size) throw pyError(E.TypeError, "object() takes no arguments");
  return new PyInstance(T.object);
};
classTypes.staticmethod.call = (args) => new PyStaticMethod(arg("staticmethod", args, null, 0, "function"));
classTypes.classmethod.call = (args) => new PyClassMethod(arg("classmethod", args, null, 0, "function"));
classTypes.property.call = (args, kwargs) =>
  new PyProperty(
    arg("property", args, kwargs, 0, "fget", null),
    arg("property", args, kwargs, 1, "fset", null),
    arg("property", args, kwargs, 2, "fdel", null),
    arg("property", args, kwargs, 3, "doc", null),
  );
const P = (self: Py) => self as PyProperty;
classTypes.property.methods.set("setter", (self, args) => new PyProperty(P(self).fget, args[0], P(self).fdel, P(self).doc));
classTypes.property.methods.set("getter", (self, args) => new PyProperty(args[0], P(self).fset, P(self).fdel, P(self).doc));
classTypes.property.methods.set("deleter", (self, args) => new PyProperty(P(self).fget, P(self).fset, args[0], P(self).doc));
classTypes.property.getters.set("fget", (self) => P(self).fget);
classTypes.property.getters.set("fset", (self) => P(self).fset);
classTypes.property.getters.set("fdel", (self) => P(self).fdel);
classTypes.staticmethod.getters.set("__func__", (self) => (self as PyStaticMethod).fn);
classTypes.classmethod.getters.set("__func__", (self) => (self as PyClassMethod).fn);
classTypes.super.call = (args) => {
  // zero-argument super() is resolved by the interpreter, which knows the calling method
  if (args.length !== 2) throw pyError(E.RuntimeError, "super(): no arguments");
  const [t, obj] = args;
  if (!(t instanceof PyType)) throw pyError(E.TypeError, `super() argument 1 must be a type, not ${typeName(t)}`);
  if (!(obj instanceof PyType ? obj.isSubclassOf(t) : typeOf(obj).isSubclassOf(t))) {
    throw pyError(E.TypeError, "super(type, obj): obj must be an instance or subtype of type");
  }
  return new PySuper(t, obj);
};
T.NoneType.call = () => null;

for (const t of Object.values(E)) {
  t.call = (args) => {
    const e = new PyException(t, args);
    if (t === E.JSONDecodeError && args.length >= 3) {
      e.attrs.set("msg", args[0]);
      e.attrs.set("doc", args[1]);
      e.attrs.set("pos", args[2]);
    }
    return e;
  };
}

// ---- functions --------------------------------------------------------------------------------

function minMax(name: string, args: Py[], kwargs: Kwargs, wantMax: boolean): Py {
  if (!args.length) throw pyError(E.TypeError, `${name} expected at least 1 argument, got 0`);
  const key = kwargs?.get("key") ?? null;
  const dflt = kwargs?.get("default");
  const items = args.length === 1 ? toArray(args[0]) : args;
  if (!items.length) {
    if (dflt !== undefined) return dflt;
    throw pyError(E.ValueError, `${name}() arg is an empty sequence`);
  }
  let best = items[0];
  let bestKey = key === null ? best : runtime.call(key, [best], null);
  for (let i = 1; i < items.length; i++) {
    const k = key === null ? items[i] : runtime.call(key, [items[i]], null);
    if (wantMax ? lt(bestKey, k) : lt(k, bestKey)) {
      best = items[i];
      bestKey = k;
    }
  }
  return best;
}

function round(args: Py[], kwargs: Kwargs): Py {
  const x = arg("round", args, kwargs, 0, "number");
  const nd = args[1] ?? kwargs?.get("ndigits") ?? null;
  if (typeof x === "bigint" || typeof x === "boolean") {
    const n = BigInt(x);
    if (nd === null) return n;
    const d = asInt(nd, "");
    if (d >= 0n) return n;
    const p = 10n ** -d;
    const q = n / p;
    let r = n - q * p;
    let base = q;
    if (r < 0n) {
      r += p;
      base -= 1n;
    }
    if (r * 2n > p || (r * 2n === p && base % 2n !== 0n)) base += 1n;
    return base * p;
  }
  const v = asNum(x, "type");
  if (nd === null) {
    if (!Number.isFinite(v)) throw pyError(Number.isNaN(v) ? E.ValueError : E.OverflowError, Number.isNaN(v) ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer");
    const f = Math.floor(v);
    const diff = v - f;
    const r = diff > 0.5 ? f + 1 : diff < 0.5 ? f : f % 2 === 0 ? f : f + 1;
    return BigInt(r);
  }
  const d = Number(asInt(nd, ""));
  if (!Number.isFinite(v) || v === 0) return v;
  if (d > 308) return v;
  if (d < 0) {
    const p = 10 ** -d;
    const q = v / p;
    const f = Math.floor(q);
    const diff = q - f;
    const r = diff > 0.5 ? f + 1 : diff < 0.5 ? f : f % 2 === 0 ? f : f + 1;
    return r * p;
  }
  return Number(toFixed(v, Math.min(d, 100)));
}

function sum(args: Py[], kwargs: Kwargs): Py {
  let acc: Py = args[1] ?? kwargs?.get("start") ?? 0n;
  if (typeof acc === "string") throw pyError(E.TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
  let floatAcc: number | null = null;
  for (const x of iterate(args[0])) {
    runtime.tick();
    if (typeof x === "number" && (typeof acc === "number" || typeof acc === "bigint" || typeof acc === "boolean")) {
      // CPython sums floats with compensated (Neumaier) summation since 3.12; plain addition before.
      floatAcc = (floatAcc ?? Number(acc)) + x;
      acc = floatAcc;
      continue;
    }
    acc = binop("+", acc, x);
    floatAcc = typeof acc === "number" ? acc : null;
  }
  return acc;
}


function isinstance(v: Py, t: Py): boolean {
  if (t instanceof PyTuple) return t.items.some((x) => isinstance(v, x));
  if (!(t instanceof PyType)) throw pyError(E.TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
  if (t === T.dict && v instanceof PyDict) return true;
  return isInstance(v, t);
}

function* zipIter(iters: Iterator<Py>[], strict: boolean): Generator<Py> {
  if (!iters.length) return;
  for (;;) {
    const row: Py[] = [];
    for (let i = 0; i < iters.length; i++) {
      const r = iters[i].next();
      if (r.done) {
        if (strict && (i > 0 || iters.slice(1).some((it) => !it.next().done))) throw pyError(E.ValueError, `zip() argument ${i + 1} is shorter than argument 1`);
        return;
      }
      row.push(r.value);
    }
    yield new PyTuple(row);
  }
}

const iterOf = (v: Py): Iterator<Py> => iterate(v)[Symbol.iterator]();

function chr(args: Py[]): Py {
  const n = asInt(args[0], "");
  if (n < 0n || n > 0x10ffffn) throw pyError(E.ValueError, "chr() arg not in range(0x110000)");
  return String.fromCodePoint(Number(n));
}

function ord(args: Py[]): Py {
  const v = args[0];
  if (typeof v === "string") {
    const cps = hasSurrogates(v) ? [...v] : v;
    if (cps.length !== 1) throw pyError(E.TypeError, `ord() expected a character, but string of length ${cps.length} found`);
    return BigInt(v.codePointAt(0)!);
  }
  if (v instanceof PyBytes && v.data.length === 1) return BigInt(v.data[0]);
  throw pyError(E.TypeError, `ord() expected string of length 1, but ${typeName(v)} found`);
}

function radix(prefix: string, base: number) {
  return (args: Py[]): Py => {
    const n = asInt(args[0], "");
    return (n < 0n ? "-" : "") + prefix + (n < 0n ? -n : n).toString(base);
  };
}

function pow(args: Py[]): Py {
  const [a, b, m] = args;
  if (m !== undefined && m !== null) {
    let base = asInt(a, "") % asInt(m, "");
    let e = asInt(b, "");
    const mod = asInt(m, "");
    if (e < 0n) throw pyError(E.ValueError, "pow() 2nd argument cannot be negative when 3rd argument specified");
    let r = 1n;
    while (e > 0n) {
      if (e & 1n) r = (r * base) % mod;
      base = (base * base) % mod;
      e >>= 1n;
    }
    return ((r % mod) + mod) % mod;
  }
  return binop("**", a, b);
}

function hash(args: Py[]): Py {
  const own = special(args[0], "__hash__");
  if (own !== undefined && own !== null) return callSpecial(args[0] as PyObject, own, [], "__hash__");
  const k = hashKey(args[0]);
  if (typeof k === "bigint") return k;
  if (typeof k === "number") return BigInt(Math.trunc(k * 1e6));
  if (k === null) return 0n;
  if (typeof k === "object") return BigInt(objectId(k));
  let h = 0;
  for (const c of String(k)) h = (Math.imul(h, 31) + c.codePointAt(0)!) | 0;
  return BigInt(h);
}

function nextFn(args: Py[]): Py {
  const it = args[0];
  const own = special(it, "__next__");
  if (own !== undefined && own !== null) {
    if (args.length < 2) return callSpecial(it as PyObject, own, [], "__next__");
    try {
      return callSpecial(it as PyObject, own, [], "__next__");
    } catch (e) {
      if (e instanceof PyException && e.type.isSubclassOf(E.StopIteration)) return args[1];
      throw e;
    }
  }
  const native = it instanceof PyNative ? it.type.lookupMethod("__next__") : undefined;
  if (native) {
    try {
      return native(it, [], null);
    } catch (e) {
      if (args.length > 1 && e instanceof PyException && e.type.isSubclassOf(E.StopIteration)) return args[1];
      throw e;
    }
  }
  if (!(it instanceof PyIterator)) throw pyError(E.TypeError, `'${typeName(it)}' object is not an iterator`);
  const r = it.it.next();
  if (r.done) {
    if (args.length > 1) return args[1];
    throw stopIteration(r.value);
  }
  return r.value;
}

function unsupported(name: string, why: string): PyBuiltin {
  return new PyBuiltin(name, () => {
    throw pyError(E.NotImplementedError, `${name}() is not available in Kiln's Python sandbox: ${why}`);
  });
}

export function makeBuiltins(): Map<string, Py> {
  const b = new Map<string, Py>();
  const fn = (name: string, f: NativeFn) => b.set(name, new PyBuiltin(name, f));
  for (const t of [T.int, T.float, T.str, T.bool, T.list, T.tuple, T.dict, T.set, T.frozenset, T.range, T.bytes, T.type, T.object, T.slice]) b.set(t.name, t);
  for (const t of [classTypes.staticmethod, classTypes.classmethod, classTypes.property, classTypes.super]) b.set(t.name, t);
  b.set("NotImplemented", NotImplemented);
  for (const [name, t] of Object.entries(E)) if (name !== "JSONDecodeError") b.set(name, t);
  b.set("IOError", E.OSError);
  b.set("EnvironmentError", E.OSError);
  b.set("None", null);
  b.set("True", true);
  b.set("False", false);
  b.set("__name__", "__main__");
  // print(*values, sep=" ", end="\n", file=None): a script's output (stdout.ts); file= elsewhere is
  // dropped, and so is all of it in a code node, whose output is main's dict alone.
  fn("print", (args, kwargs) => {
    if (!stdout.current) return null;
    const file = kwargs?.get("file");
    if (file !== undefined && file !== null) return null;
    const text = (name: string, fallback: string) => {
      const v = kwargs?.get(name);
      if (v === undefined || v === null) return fallback;
      if (typeof v !== "string") throw pyError(E.TypeError, `${name} must be None or a string, not ${typeName(v)}`);
      return v;
    };
    const sep = text("sep", " ");
    const end = text("end", "\n");
    writeStdout(args.map((a) => str(a)).join(sep) + end);
    return null;
  });
  fn("len", (args) => {
    if (args.length !== 1) throw pyError(E.TypeError, `len() takes exactly one argument (${args.length} given)`);
    return BigInt(len(args[0]));
  });
  fn("repr", (args) => repr(args[0]));
  fn("ascii", (args) => repr(args[0]).replace(/[^ -~]/gu, (c) => {
    const cp = c.codePointAt(0)!;
    return cp > 0xffff ? `\\U${cp.toString(16).padStart(8, "0")}` : cp > 0xff ? `\\u${cp.toString(16).padStart(4, "0")}` : `\\x${cp.toString(16).padStart(2, "0")}`;
  }));
  fn("format", (args) => formatValue(args[0], args[1] === undefined ? "" : asStr(args[1], "format_spec")));
  fn("abs", (args) => {
    const v = args[0];
    if (typeof v === "bigint") return v < 0n ? -v : v;
    if (typeof v === "boolean") return v ? 1n : 0n;
    if (typeof v === "number") return Math.abs(v);
    if (v instanceof PyNative) {
      const m = v.type.lookupMethod("__abs__");
      if (m) return m(v, [], null);
    }
    const own = special(v, "__abs__");
    if (own !== undefined && own !== null) return callSpecial(v as PyObject, own, [], "__abs__");
    throw pyError(E.TypeError, `bad operand type for abs(): '${typeName(v)}'`);
  });
  fn("min", (args, kw) => minMax("min", args, kw, false));
  fn("max", (args, kw) => minMax("max", args, kw, true));
  fn("sum", sum);
  fn("round", round);
  fn("divmod", (args) => {
    const [a, c] = args;
    return new PyTuple([binop("//", a, c), binop("%", a, c)]);
  });
  fn("pow", pow);
  fn("isinstance", (args) => isinstance(args[0], args[1]));
  fn("issubclass", (args) => {
    const [a, t] = args;
    if (!(a instanceof PyType)) throw pyError(E.TypeError, "issubclass() arg 1 must be a class");
    const types = t instanceof PyTuple ? t.items : [t];
    return types.some((x) => x instanceof PyType && a.isSubclassOf(x));
  });
  fn("callable", (args) => {
    const v = args[0];
    if (isUserObject(v)) return !!special(v, "__call__");
    return typeOf(v) === T.function || v instanceof PyBuiltin || v instanceof PyBoundMethod || (v instanceof PyType && v.call !== null) || (v instanceof PyNative && !!v.type.lookupMethod("__call__"));
  });
  fn("sorted", (args, kw) => {
    if (args.length !== 1) throw pyError(E.TypeError, `sorted expected 1 argument, got ${args.length}`);
    return new PyList(sortItems(toArray(args[0]), kw?.get("key") ?? null, truthy(kw?.get("reverse") ?? false)));
  });
  fn("reversed", (args) => {
    const v = args[0];
    if (v instanceof PyDict || v instanceof PySet) {
      if (v instanceof PySet) throw pyError(E.TypeError, "'set' object is not reversible");
    }
    return new PyIterator(toArray(v).reverse()[Symbol.iterator]());
  });
  fn("enumerate", (args, kw) => {
    let i = asInt(arg("enumerate", args, kw, 1, "start", 0n), "");
    const it = iterOf(arg("enumerate", args, kw, 0, "iterable"));
    return new PyIterator(
      (function* () {
        for (let r = it.next(); !r.done; r = it.next()) yield new PyTuple([i++, r.value]);
      })(),
    );
  });
  fn("zip", (args, kw) => new PyIterator(zipIter(args.map(iterOf), truthy(kw?.get("strict") ?? false))));
  fn("map", (args) => {
    if (args.length < 2) throw pyError(E.TypeError, "map() must have at least two arguments.");
    const f = args[0];
    const its = args.slice(1).map(iterOf);
    return new PyIterator(
      (function* () {
        for (;;) {
          const vals: Py[] = [];
          for (const it of its) {
            const r = it.next();
            if (r.done) return;
            vals.push(r.value);
          }
          yield runtime.call(f, vals, null);
        }
      })(),
    );
  });
  fn("filter", (args) => {
    const f = args[0];
    const it = iterOf(args[1]);
    return new PyIterator(
      (function* () {
        for (let r = it.next(); !r.done; r = it.next()) if (truthy(f === null ? r.value : runtime.call(f, [r.value], null))) yield r.value;
      })(),
    );
  });
  fn("iter", (args) => {
    const v = args[0];
    if (v instanceof PyIterator) return v;
    const own = special(v, "__iter__");
    if (own !== undefined && own !== null) {
      const it = callSpecial(v as PyObject, own, [], "__iter__");
      if (it instanceof PyIterator || special(it, "__next__")) return it;
      throw pyError(E.TypeError, `iter() returned non-iterator of type '${typeName(it)}'`);
    }
    return new PyIterator(iterOf(v));
  });
  fn("next", nextFn);
  fn("any", (args) => {
    for (const x of iterate(args[0])) if (truthy(x)) return true;
    return false;
  });
  fn("all", (args) => {
    for (const x of iterate(args[0])) if (!truthy(x)) return false;
    return true;
  });
  fn("chr", chr);
  fn("ord", ord);
  fn("hex", radix("0x", 16));
  fn("oct", radix("0o", 8));
  fn("bin", radix("0b", 2));
  fn("hash", hash);
  fn("id", (args) => {
    const v = args[0];
    return BigInt(v !== null && typeof v === "object" ? objectId(v) : objectId({ v }));
  });
  fn("hasattr", (args) => hasAttr(args[0], asStr(args[1], "attribute name")));
  fn("getattr", (args) => {
    const name = asStr(args[1], "attribute name");
    if (args.length > 2) return getAttrOr(args[0], name, args[2]);
    return getAttr(args[0], name);
  });
  fn("setattr", (args) => {
    if (args.length !== 3) throw pyError(E.TypeError, `setattr expected 3 arguments, got ${args.length}`);
    setAttr(args[0], asStr(args[1], "attribute name"), args[2]);
    return null;
  });
  fn("delattr", (args) => {
    if (args.length !== 2) throw pyError(E.TypeError, `delattr expected 2 arguments, got ${args.length}`);
    delAttr(args[0], asStr(args[1], "attribute name"));
    return null;
  });
  fn("vars", (args) => {
    const v = args[0];
    if (v instanceof PyInstance && v.type instanceof PyClass) return v.dict;
    if (v instanceof PyClass) return getAttr(v, "__dict__");
    // vars() called by name without an argument is locals(), answered by the interpreter
    if (args.length === 0) throw pyError(E.NotImplementedError, "vars() is not available in Kiln's Python sandbox: call it by its name to read the namespace");
    throw pyError(E.TypeError, "vars() argument must have __dict__ attribute");
  });
  // Called by name, the interpreter answers these from the caller's scope (Interpreter.namespace);
  // reached another way (`f = locals; f()`) they cannot see it.
  b.set("locals", unsupported("locals", "call it by its name to read the namespace"));
  b.set("globals", unsupported("globals", "call it by its name to read the namespace"));
  b.set("eval", unsupported("eval", "running code from strings is not allowed"));
  b.set("exec", unsupported("exec", "running code from strings is not allowed"));
  b.set("compile", unsupported("compile", "running code from strings is not allowed"));
  b.set("open", unsupported("open", "there is no file system"));
  b.set("input", unsupported("input", "there is no standard input"));
  b.set("__import__", unsupported("__import__", "use an import statement"));
  b.set("breakpoint", unsupported("breakpoint", "there is no debugger"));
  return b;
}

