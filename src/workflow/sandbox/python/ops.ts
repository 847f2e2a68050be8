// Python operators on values: truthiness, equality, ordering, arithmetic, iteration, indexing.
import { NotImplemented, callSpecial, isUserObject, special } from "./classes";
import { formatValue, percentFormat, repr } from "./format";
import {
  E,
  MAX_ITEMS,
  MAX_STR,
  PyBytes,
  PyDict,
  PyDictView,
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
  memoryError,
  pyError,
  runtime,
  typeName,
} from "./values";

export { runtime };

export function truthy(v: Py): boolean {
  switch (typeof v) {
    case "boolean":
      return v;
    case "string":
      return v.length > 0;
    case "bigint":
      return v !== 0n;
    case "number":
      return v !== 0;
  }
  if (v === null) return false;
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PyDict) return v.size > 0;
  if (v instanceof PySet) return v.map.size > 0;
  if (v instanceof PyBytes) return v.data.length > 0;
  if (v instanceof PyRange) return v.length > 0n;
  if (v instanceof PyDictView) return v.dict.size > 0;
  if (v instanceof PyNative) {
    const m = v.type.lookupMethod("__bool__");
    if (m) return m(v, [], null) as boolean;
  }
  if (isUserObject(v)) return userTruthy(v as PyObject);
  return true;
}

function userTruthy(v: PyObject): boolean {
  const b = special(v, "__bool__");
  if (b !== undefined && b !== null) {
    const r = callSpecial(v, b, [], "__bool__");
    if (typeof r !== "boolean") throw pyError(E.TypeError, `__bool__ should return bool, returned ${typeName(r)}`);
    return r;
  }
  const n = special(v, "__len__");
  if (n !== undefined && n !== null) return len(v) > 0;
  return true;
}

/** a.name(b) for a user object a; undefined when a has no such method or it returns NotImplemented. */
function tryUser(a: Py, name: string, b: Py): Py | undefined {
  const m = special(a, name);
  if (m === undefined || m === null) return undefined;
  const r = callSpecial(a as PyObject, m, [b], name);
  return r === NotImplemented ? undefined : r;
}

function userEq(a: Py, b: Py): boolean {
  const r = tryUser(a, "__eq__", b) ?? tryUser(b, "__eq__", a);
  return r === undefined ? a === b : truthy(r);
}

export function ne(a: Py, b: Py): boolean {
  if (isUserObject(a) || isUserObject(b)) {
    const r = tryUser(a, "__ne__", b) ?? tryUser(b, "__ne__", a);
    if (r !== undefined) return truthy(r);
  }
  return !eq(a, b);
}

const REFLECTED: Record<string, [string, string]> = {
  "<": ["__lt__", "__gt__"],
  "<=": ["__le__", "__ge__"],
  ">": ["__gt__", "__lt__"],
  ">=": ["__ge__", "__le__"],
};

/** A rich comparison of user objects as the three-way number `compare` returns for `op`. */
function userCompare(a: Py, b: Py, op: string): number {
  const [name, reflected] = REFLECTED[op];
  const r = tryUser(a, name, b) ?? tryUser(b, reflected, a);
  if (r === undefined) throw pyError(E.TypeError, `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
  const yes = truthy(r);
  switch (op) {
    case "<":
      return yes ? -1 : 0;
    case "<=":
      return yes ? 0 : 1;
    case ">":
      return yes ? 1 : 0;
    default:
      return yes ? 0 : -1;
  }
}

const isNum = (v: Py): v is bigint | number | boolean => typeof v === "bigint" || typeof v === "number" || typeof v === "boolean";

export function eq(a: Py, b: Py): boolean {
  if (a === b) return typeof a !== "number" || !Number.isNaN(a);
  const ta = typeof a;
  const tb = typeof b;
  if (ta === "string" || tb === "string") return false;
  if (isNum(a) && isNum(b)) {
    if (typeof a === "number" || typeof b === "number") return Number(a) === Number(b) && numEqExact(a, b);
    return BigInt(a) === BigInt(b);
  }
  if (isUserObject(a) || isUserObject(b)) return userEq(a, b);
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (a instanceof PyList && b instanceof PyList) return seqEq(a.items, b.items);
  if (a instanceof PyTuple && b instanceof PyTuple) return seqEq(a.items, b.items);
  if (a instanceof PyDict && b instanceof PyDict) {
    if (a.size !== b.size) return false;
    for (const [h, [, v]] of a.map) {
      const other = b.map.get(h);
      if (!other || !eq(v, other[1])) return false;
    }
    return true;
  }
  if (a instanceof PySet && b instanceof PySet) {
    if (a.map.size !== b.map.size) return false;
    for (const h of a.map.keys()) if (!b.map.has(h)) return false;
    return true;
  }
  if (a instanceof PyBytes && b instanceof PyBytes) return a.data.length === b.data.length && a.data.every((x, i) => x === b.data[i]);
  if (a instanceof PyRange && b instanceof PyRange) return seqEq(rangeItems(a), rangeItems(b));
  if (a instanceof PyDictView && b instanceof PyDictView && a.kind !== "values") return eq(viewSet(a), viewSet(b));
  if (a instanceof PyNative && b instanceof PyNative) {
    const m = a.type.lookupMethod("__eq__");
    if (m) return m(a, [b], null) === true;
  }
  return false;
}

function numEqExact(a: bigint | number | boolean, b: bigint | number | boolean): boolean {
  // a float equals an int only when the int is exactly that float
  if (typeof a === "number" && typeof b === "bigint") return Number.isInteger(a) && BigInt(a) === b;
  if (typeof b === "number" && typeof a === "bigint") return Number.isInteger(b) && BigInt(b) === a;
  return true;
}

function seqEq(a: Py[], b: Py[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !eq(a[i], b[i])) return false;
  return true;
}

function viewSet(v: PyDictView): PySet {
  const s = new PySet();
  for (const x of iterate(v)) s.add(x);
  return s;
}

/** Three-way comparison for <, <=, >, >=; raises TypeError for unorderable types. */
export function compare(a: Py, b: Py, op: string): number {
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (isNum(a) && isNum(b)) {
    if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
    if (typeof a === "number" || typeof b === "number") {
      const x = Number(a);
      const y = Number(b);
      if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
      if (x === y && (typeof a === "bigint" || typeof b === "bigint")) {
        // compare exactly when the float rounds to the int
        const ia = typeof a === "number" ? (Number.isInteger(a) ? BigInt(a) : null) : BigInt(a);
        const ib = typeof b === "number" ? (Number.isInteger(b) ? BigInt(b) : null) : BigInt(b);
        if (ia !== null && ib !== null) return ia < ib ? -1 : ia > ib ? 1 : 0;
      }
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple)) {
    const x = a.items;
    const y = (b as PyList).items;
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (!eq(x[i], y[i])) return compare(x[i], y[i], op);
    }
    return x.length - y.length;
  }
  if (a instanceof PySet && b instanceof PySet) {
    const sub = [...a.map.keys()].every((k) => b.map.has(k));
    const sup = [...b.map.keys()].every((k) => a.map.has(k));
    if (sub && sup) return 0;
    if (sub) return -1;
    if (sup) return 1;
    return Number.NaN;
  }
  if (a instanceof PyBytes && b instanceof PyBytes) {
    for (let i = 0; i < Math.min(a.data.length, b.data.length); i++) if (a.data[i] !== b.data[i]) return a.data[i] - b.data[i];
    return a.data.length - b.data.length;
  }
  if (a instanceof PyNative && b instanceof PyNative) {
    const m = a.type.lookupMethod("__cmp__");
    if (m) return Number(m(a, [b], null));
  }
  if (isUserObject(a) || isUserObject(b)) return userCompare(a, b, op);
  throw pyError(E.TypeError, `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

export function lt(a: Py, b: Py): boolean {
  return compare(a, b, "<") < 0;
}

// ---- iteration --------------------------------------------------------------------------------

function* rangeIter(r: PyRange): Generator<Py> {
  const { start, stop, step } = r;
  if (step > 0n) for (let i = start; i < stop; i += step) yield i;
  else for (let i = start; i > stop; i += step) yield i;
}

function rangeItems(r: PyRange): Py[] {
  checkSize(r.length, MAX_ITEMS);
  return [...rangeIter(r)];
}

function* stringIter(s: string): Generator<Py> {
  yield* s;
}

export function iterate(v: Py): Iterable<Py> {
  if (v instanceof PyList || v instanceof PyTuple) return v.items;
  if (typeof v === "string") return stringIter(v);
  if (v instanceof PyDict) return guarded(v.map, v.keys(), "dictionary");
  if (v instanceof PySet) return guarded(v.map, v.values(), "set");
  if (v instanceof PyRange) return rangeIter(v);
  if (v instanceof PyIterator) return { [Symbol.iterator]: () => v.it };
  if (v instanceof PyDictView) {
    const entries = [...v.dict.map.values()];
    if (v.kind === "keys") return guarded(v.dict.map, entries.map((e) => e[0]), "dictionary");
    if (v.kind === "values") return guarded(v.dict.map, entries.map((e) => e[1]), "dictionary");
    return guarded(v.dict.map, entries.map((e) => new PyTuple([e[0], e[1]])), "dictionary");
  }
  if (v instanceof PyBytes) return Array.from(v.data, (b) => BigInt(b));
  if (v instanceof PyNative) {
    const m = v.type.lookupMethod("__iter__");
    if (m) return iterate(m(v, [], null));
  }
  if (isUserObject(v)) {
    const it = userIter(v as PyObject);
    if (it) return it;
  }
  throw pyError(E.TypeError, `'${typeName(v)}' object is not iterable`);
}

/** The iteration of a user object: __iter__ (then __next__ until StopIteration) or __getitem__ from 0. */
export function userIter(v: PyObject): Iterable<Py> | null {
  const m = special(v, "__iter__");
  if (m !== undefined && m !== null) {
    const it = callSpecial(v, m, [], "__iter__");
    if (isUserObject(it)) {
      const next = special(it, "__next__");
      if (next === undefined || next === null) throw pyError(E.TypeError, `iter() returned non-iterator of type '${typeName(it)}'`);
      return nextLoop(it as PyObject, next);
    }
    if (!(it instanceof PyIterator)) throw pyError(E.TypeError, `iter() returned non-iterator of type '${typeName(it)}'`);
    return iterate(it);
  }
  const gi = special(v, "__getitem__");
  if (gi !== undefined && gi !== null) return itemLoop(v, gi);
  return null;
}

function* nextLoop(it: PyObject, next: Py): Generator<Py> {
  for (;;) {
    let x: Py;
    try {
      x = callSpecial(it, next, [], "__next__");
    } catch (e) {
      if (e instanceof PyException && e.type.isSubclassOf(E.StopIteration)) return;
      throw e;
    }
    yield x;
  }
}

function* itemLoop(v: PyObject, getitem: Py): Generator<Py> {
  for (let i = 0n; ; i++) {
    let x: Py;
    try {
      x = callSpecial(v, getitem, [i], "__getitem__");
    } catch (e) {
      if (e instanceof PyException && (e.type.isSubclassOf(E.IndexError) || e.type.isSubclassOf(E.StopIteration))) return;
      throw e;
    }
    yield x;
  }
}

/** Iterates a snapshot but raises like CPython when the container changes size meanwhile. */
function* guarded(map: Map<unknown, unknown>, items: Py[], what: string): Generator<Py> {
  const size = map.size;
  for (const x of items) {
    if (map.size !== size) throw pyError(E.RuntimeError, `${what} changed size during iteration`);
    yield x;
  }
  if (map.size !== size) throw pyError(E.RuntimeError, `${what} changed size during iteration`);
}

/** Materializes an iterable, counting steps and bounding its size. */
export function toArray(v: Py): Py[] {
  if (v instanceof PyList || v instanceof PyTuple) return v.items.slice();
  if (typeof v === "string") {
    checkSize(v.length, MAX_ITEMS);
    return [...v];
  }
  if (v instanceof PyRange) return rangeItems(v);
  const out: Py[] = [];
  for (const x of iterate(v)) {
    if (out.length >= MAX_ITEMS) throw memoryError();
    if ((out.length & 1023) === 0) runtime.tick();
    out.push(x);
  }
  return out;
}

export function len(v: Py): number {
  if (typeof v === "string") return strLen(v);
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length;
  if (v instanceof PyDict) return v.size;
  if (v instanceof PySet) return v.map.size;
  if (v instanceof PyBytes) return v.data.length;
  if (v instanceof PyRange) return Number(v.length);
  if (v instanceof PyDictView) return v.dict.size;
  if (v instanceof PyNative) {
    const m = v.type.lookupMethod("__len__");
    if (m) return Number(m(v, [], null));
  }
  const m = special(v, "__len__");
  if (m !== undefined && m !== null) {
    const n = callSpecial(v as PyObject, m, [], "__len__");
    if (typeof n !== "bigint" && typeof n !== "boolean") throw pyError(E.TypeError, `'${typeName(n)}' object cannot be interpreted as an integer`);
    if (BigInt(n) < 0n) throw pyError(E.ValueError, "__len__() should return >= 0");
    return Number(n);
  }
  throw pyError(E.TypeError, `object of type '${typeName(v)}' has no len()`);
}

const SURROGATE = /[\uD800-\uDFFF]/;
export const hasSurrogates = (s: string) => SURROGATE.test(s);
export function strLen(s: string): number {
  if (!hasSurrogates(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}
/** A string as code points when it has astral characters, else itself (indexable by unit). */
export function codePoints(s: string): string | string[] {
  return hasSurrogates(s) ? [...s] : s;
}

export function contains(container: Py, item: Py): boolean {
  if (typeof container === "string") {
    if (typeof item !== "string") throw pyError(E.TypeError, `'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (container instanceof PyDict) return container.has(item);
  if (container instanceof PySet) return container.has(item);
  if (container instanceof PyList || container instanceof PyTuple) {
    for (const x of container.items) if (x === item || eq(x, item)) return true;
    return false;
  }
  if (container instanceof PyDictView && container.kind === "keys") return container.dict.has(item);
  if (container instanceof PyRange && typeof item === "bigint") {
    const { start, stop, step } = container;
    if (step > 0n ? item < start || item >= stop : item > start || item <= stop) return false;
    return (item - start) % step === 0n;
  }
  if (container instanceof PyBytes) {
    if (typeof item === "bigint") return container.data.includes(Number(item));
    if (item instanceof PyBytes) return bytesFind(container.data, item.data, 0) >= 0;
  }
  if (container instanceof PyNative) {
    const m = container.type.lookupMethod("__contains__");
    if (m) return truthy(m(container, [item], null));
  }
  const m = special(container, "__contains__");
  if (m !== undefined && m !== null) return truthy(callSpecial(container as PyObject, m, [item], "__contains__"));
  for (const x of iterate(container)) if (eq(x, item)) return true;
  return false;
}

// ---- arithmetic -------------------------------------------------------------------------------

const unsupported = (op: string, a: Py, b: Py) =>
  pyError(E.TypeError, `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);

function floorDivBig(a: bigint, b: bigint): bigint {
  if (b === 0n) throw pyError(E.ZeroDivisionError, "integer division or modulo by zero");
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function modBig(a: bigint, b: bigint): bigint {
  if (b === 0n) throw pyError(E.ZeroDivisionError, "integer modulo by zero");
  const r = a % b;
  return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
}

function modFloat(a: number, b: number): number {
  if (b === 0) throw pyError(E.ZeroDivisionError, "float modulo");
  const r = a % b;
  return r !== 0 && (r < 0) !== (b < 0) ? r + b : r === 0 ? (b < 0 ? -0 : 0) : r;
}

function repeatSeq(items: Py[], n: bigint): Py[] {
  if (n <= 0n) return [];
  checkSize(BigInt(items.length) * n, MAX_ITEMS);
  const out: Py[] = [];
  for (let i = 0n; i < n; i++) out.push(...items);
  return out;
}

/** Bits an int may grow to by `*` or `**`: one bigint operation cannot be interrupted. */
const MAX_INT_BITS = 1_000_000;
const LARGE = 1n << 1024n;
const bitsOf = (a: bigint) => (a < 0n ? -a : a).toString(16).length * 4;

function intPow(a: bigint, b: bigint): Py {
  if (b < 0n) return Number(a) ** Number(b);
  if (a !== 0n && a !== 1n && a !== -1n) checkSize(BigInt(bitsOf(a)) * b, MAX_INT_BITS);
  return a ** b;
}

function intMul(a: bigint, b: bigint): bigint {
  // Only products of two large ints are measured, so everyday arithmetic pays one comparison.
  if ((a > LARGE || a < -LARGE) && (b > LARGE || b < -LARGE)) checkSize(bitsOf(a) + bitsOf(b), MAX_INT_BITS);
  return a * b;
}

export function binop(op: string, a: Py, b: Py): Py {
  if (typeof a === "bigint" && typeof b === "bigint") {
    switch (op) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return intMul(a, b);
      case "/":
        if (b === 0n) throw pyError(E.ZeroDivisionError, "division by zero");
        return Number(a) / Number(b);
      case "//":
        return floorDivBig(a, b);
      case "%":
        return modBig(a, b);
      case "**":
        return intPow(a, b);
      case "&":
        return a & b;
      case "|":
        return a | b;
      case "^":
        return a ^ b;
      case "<<":
        if (b < 0n) throw pyError(E.ValueError, "negative shift count");
        checkSize(b, 10_000_000);
        return a << b;
      case ">>":
        if (b < 0n) throw pyError(E.ValueError, "negative shift count");
        return a >> b;
    }
  }
  if (isNum(a) && isNum(b)) {
    if (typeof a === "boolean" && typeof b === "boolean" && (op === "&" || op === "|" || op === "^")) {
      return op === "&" ? a && b : op === "|" ? a || b : a !== b;
    }
    if (typeof a !== "number" && typeof b !== "number") return binop(op, BigInt(a), BigInt(b));
    const x = Number(a);
    const y = Number(b);
    switch (op) {
      case "+":
        return x + y;
      case "-":
        return x - y;
      case "*":
        return x * y;
      case "/":
        if (y === 0) throw pyError(E.ZeroDivisionError, "float division by zero");
        return x / y;
      case "//":
        if (y === 0) throw pyError(E.ZeroDivisionError, "float floor division by zero");
        return Math.floor(x / y);
      case "%":
        return modFloat(x, y);
      case "**": {
        if (x === 0 && y < 0) throw pyError(E.ZeroDivisionError, "0.0 cannot be raised to a negative power");
        const r = x ** y;
        if (Number.isNaN(r) && x < 0 && !Number.isNaN(y)) throw pyError(E.ValueError, "complex results are not supported by Kiln's Python sandbox");
        if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) throw pyError(E.OverflowError, "(34, 'Numerical result out of range')");
        return r;
      }
    }
    throw unsupported(op, a, b);
  }
  if (isUserObject(a) || isUserObject(b)) {
    const name = OPERATOR_NAMES[op];
    const r = tryUser(a, `__${name}__`, b) ?? tryUser(b, `__r${name}__`, a);
    if (r !== undefined) return r;
  }
  if (op === "|" && isTypeLike(a) && isTypeLike(b)) return typeUnion(a, b);
  switch (op) {
    case "+":
      if (typeof a === "string" && typeof b === "string") {
        if (a.length + b.length > MAX_STR) throw memoryError();
        return a + b;
      }
      if (a instanceof PyList && b instanceof PyList) {
        checkSize(a.items.length + b.items.length, MAX_ITEMS);
        return new PyList(a.items.concat(b.items));
      }
      if (a instanceof PyTuple && b instanceof PyTuple) return new PyTuple(a.items.concat(b.items));
      if (a instanceof PyBytes && b instanceof PyBytes) {
        const out = new Uint8Array(a.data.length + b.data.length);
        out.set(a.data);
        out.set(b.data, a.data.length);
        return new PyBytes(out);
      }
      if (typeof a === "string" || typeof b === "string") {
        if (typeof a === "string") throw pyError(E.TypeError, `can only concatenate str (not "${typeName(b)}") to str`);
      }
      if (a instanceof PyList) throw pyError(E.TypeError, `can only concatenate list (not "${typeName(b)}") to list`);
      if (a instanceof PyTuple) throw pyError(E.TypeError, `can only concatenate tuple (not "${typeName(b)}") to tuple`);
      break;
    case "*": {
      if (a instanceof PyBytes && (typeof b === "bigint" || typeof b === "boolean")) {
        const n = Math.max(0, Number(b));
        checkSize(a.data.length * n, MAX_STR);
        const out = new Uint8Array(a.data.length * n);
        for (let i = 0; i < n; i++) out.set(a.data, i * a.data.length);
        return new PyBytes(out);
      }
      if ((typeof a === "string" || a instanceof PyList || a instanceof PyTuple) && (typeof b === "bigint" || typeof b === "boolean")) return repeat(a, BigInt(b));
      if ((typeof b === "string" || b instanceof PyList || b instanceof PyTuple) && (typeof a === "bigint" || typeof a === "boolean")) return repeat(b, BigInt(a));
      if (typeof a === "string" || a instanceof PyList || a instanceof PyTuple) {
        throw pyError(E.TypeError, `can't multiply sequence by non-int of type '${typeName(b)}'`);
      }
      break;
    }
    case "%":
      if (typeof a === "string") return percentFormat(a, b);
      break;
    case "|":
      if (a instanceof PyDict && b instanceof PyDict) {
        const d = copyDict(a);
        for (const [k, v] of b.map.values()) d.set(k, v);
        return d;
      }
      if (a instanceof PySet && b instanceof PySet) return setOp(a, b, "|");
      if (a instanceof PyDictView && b instanceof PySet) return setOp(viewSet(a), b, "|");
      break;
    case "&":
    case "-":
    case "^":
      if ((a instanceof PySet || a instanceof PyDictView) && (b instanceof PySet || b instanceof PyDictView)) {
        return setOp(a instanceof PySet ? a : viewSet(a), b instanceof PySet ? b : viewSet(b), op);
      }
      break;
  }
  if (a instanceof PyNative) {
    const m = a.type.lookupMethod(`__${op}__`);
    if (m) {
      const r = m(a, [b], null);
      if (r !== undefined) return r;
    }
  }
  if (b instanceof PyNative) {
    const m = b.type.lookupMethod(`__r${op}__`);
    if (m) {
      const r = m(b, [a], null);
      if (r !== undefined) return r;
    }
  }
  throw unsupported(op === "**" ? "** or pow()" : op, a, b);
}

export const OPERATOR_NAMES: Record<string, string> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "truediv",
  "//": "floordiv",
  "%": "mod",
  "**": "pow",
  "@": "matmul",
  "&": "and",
  "|": "or",
  "^": "xor",
  "<<": "lshift",
  ">>": "rshift",
};

const isTypeLike = (v: Py) => v === null || v instanceof PyType || (v instanceof PyTuple && v.items.every((x) => x instanceof PyType));

/** `int | None` in annotations and isinstance: a tuple of the types (CPython: types.UnionType). */
function typeUnion(a: Py, b: Py): PyTuple {
  const items: Py[] = [];
  for (const x of [a, b]) {
    if (x instanceof PyTuple) items.push(...x.items);
    else items.push(x === null ? T.NoneType : x);
  }
  return new PyTuple(items);
}

/** The in-place special method (`__iadd__`) of a user object, or undefined to fall back to binop. */
export function userInplace(op: string, a: Py, b: Py): Py | undefined {
  return isUserObject(a) ? tryUser(a, `__i${OPERATOR_NAMES[op]}__`, b) : undefined;
}

export function copyDict(d: PyDict): PyDict {
  const out = new PyDict();
  for (const [h, e] of d.map) out.map.set(h, [e[0], e[1]]);
  return out;
}

export function setOp(a: PySet, b: PySet, op: string): PySet {
  const out = new PySet(a.frozen);
  switch (op) {
    case "|":
      for (const [h, v] of a.map) out.map.set(h, v);
      for (const [h, v] of b.map) out.map.set(h, v);
      break;
    case "&":
      for (const [h, v] of a.map) if (b.map.has(h)) out.map.set(h, v);
      break;
    case "-":
      for (const [h, v] of a.map) if (!b.map.has(h)) out.map.set(h, v);
      break;
    case "^":
      for (const [h, v] of a.map) if (!b.map.has(h)) out.map.set(h, v);
      for (const [h, v] of b.map) if (!a.map.has(h)) out.map.set(h, v);
      break;
  }
  return out;
}

function repeat(seq: string | PyList | PyTuple, n: bigint): Py {
  if (typeof seq === "string") {
    if (n <= 0n) return "";
    checkSize(BigInt(seq.length) * n, MAX_STR);
    return seq.repeat(Number(n));
  }
  const items = repeatSeq(seq.items, n);
  return seq instanceof PyList ? new PyList(items) : new PyTuple(items);
}

export function unary(op: string, v: Py): Py {
  switch (op) {
    case "not":
      return !truthy(v);
    case "-":
      if (typeof v === "bigint") return -v;
      if (typeof v === "number") return -v;
      if (typeof v === "boolean") return v ? -1n : 0n;
      break;
    case "+":
      if (typeof v === "bigint" || typeof v === "number") return v;
      if (typeof v === "boolean") return v ? 1n : 0n;
      break;
    case "~":
      if (typeof v === "bigint") return ~v;
      if (typeof v === "boolean") return v ? -2n : -1n;
      break;
  }
  if (v instanceof PyNative) {
    const m = v.type.lookupMethod(op === "-" ? "__neg__" : op === "+" ? "__pos__" : "__invert__");
    if (m) return m(v, [], null);
  }
  const name = op === "-" ? "__neg__" : op === "+" ? "__pos__" : "__invert__";
  const um = special(v, name);
  if (um !== undefined && um !== null) return callSpecial(v as PyObject, um, [], name);
  throw pyError(E.TypeError, `bad operand type for unary ${op}: '${typeName(v)}'`);
}

// ---- indexing ---------------------------------------------------------------------------------

export function toIndex(v: Py, what = "indices"): number {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  throw pyError(E.TypeError, `${what} must be integers or slices, not ${typeName(v)}`);
}

/** start, stop, step of a slice over a sequence of the given length (CPython's PySlice_AdjustIndices). */
export function sliceIndices(s: PySlice, length: number): [number, number, number] {
  const step = s.step === null ? 1 : toIndex(s.step, "slice indices");
  if (step === 0) throw pyError(E.ValueError, "slice step cannot be zero");
  const norm = (v: Py, dflt: number, lower: number, upper: number) => {
    if (v === null) return dflt;
    let i = toIndex(v, "slice indices");
    if (i < 0) {
      i += length;
      if (i < lower) i = lower;
    } else if (i > upper) i = upper;
    return i;
  };
  if (step > 0) return [norm(s.start, 0, 0, length), norm(s.stop, length, 0, length), step];
  return [norm(s.start, length - 1, -1, length - 1), norm(s.stop, -1, -1, length - 1), step];
}

function sliceArray<X>(items: ArrayLike<X>, s: PySlice): X[] {
  const [start, stop, step] = sliceIndices(s, items.length);
  if (step === 1) return Array.prototype.slice.call(items, start, Math.max(start, stop)) as X[];
  const out: X[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(items[i]);
  else for (let i = start; i > stop; i += step) out.push(items[i]);
  return out;
}

function seqIndex(i: Py, length: number, what: string): number {
  let n = toIndex(i, `${what} indices`);
  if (n < 0) n += length;
  if (n < 0 || n >= length) throw pyError(E.IndexError, `${what} index out of range`);
  return n;
}

export function getItem(o: Py, key: Py): Py {
  if (o instanceof PyDict) {
    const v = o.get(key);
    if (v !== undefined) return v;
    if (o.defaultFactory !== null) {
      const d = runtime.call(o.defaultFactory, [], null);
      o.set(key, d);
      return d;
    }
    if (o.counter) return 0n;
    throw new PyException(E.KeyError, [key]);
  }
  if (o instanceof PyList || o instanceof PyTuple) {
    if (key instanceof PySlice) {
      const items = sliceArray(o.items, key);
      return o instanceof PyList ? new PyList(items) : new PyTuple(items);
    }
    return o.items[seqIndex(key, o.items.length, o instanceof PyList ? "list" : "tuple")];
  }
  if (typeof o === "string") {
    const cps = codePoints(o);
    if (key instanceof PySlice) {
      if (typeof cps === "string" && (key.step === null || key.step === 1n)) {
        const [start, stop] = sliceIndices(key, cps.length);
        return cps.slice(start, Math.max(start, stop));
      }
      return sliceArray(cps, key).join("");
    }
    if (typeof key !== "bigint" && typeof key !== "boolean") throw pyError(E.TypeError, `string indices must be integers, not '${typeName(key)}'`);
    return cps[seqIndex(key, cps.length, "string")];
  }
  if (o instanceof PyBytes) {
    if (key instanceof PySlice) return new PyBytes(Uint8Array.from(sliceArray(o.data, key)));
    return BigInt(o.data[seqIndex(key, o.data.length, "index")]);
  }
  if (o instanceof PyRange) {
    if (key instanceof PySlice) return new PyList(sliceArray(rangeItems(o), key));
    const n = seqIndex(key, Number(o.length), "range object");
    return o.start + BigInt(n) * o.step;
  }
  if (o instanceof PyType) {
    // typing-style subscription (List[int], Optional[str]): annotations only
    return o;
  }
  if (o instanceof PyNative) {
    const m = o.type.lookupMethod("__getitem__");
    if (m) return m(o, [key], null);
  }
  const m = special(o, "__getitem__");
  if (m !== undefined && m !== null) return callSpecial(o as PyObject, m, [key], "__getitem__");
  throw pyError(E.TypeError, `'${typeName(o)}' object is not subscriptable`);
}

export function setItem(o: Py, key: Py, value: Py): void {
  if (o instanceof PyDict) {
    o.set(key, value);
    return;
  }
  if (o instanceof PyList) {
    if (key instanceof PySlice) {
      const values = toArray(value);
      const [start, stop, step] = sliceIndices(key, o.items.length);
      if (step === 1) {
        o.items.splice(start, Math.max(0, stop - start), ...values);
        checkSize(o.items.length, MAX_ITEMS);
        return;
      }
      const idx: number[] = [];
      if (step > 0) for (let i = start; i < stop; i += step) idx.push(i);
      else for (let i = start; i > stop; i += step) idx.push(i);
      if (idx.length !== values.length) {
        throw pyError(E.ValueError, `attempt to assign sequence of size ${values.length} to extended slice of size ${idx.length}`);
      }
      idx.forEach((i, j) => {
        o.items[i] = values[j];
      });
      return;
    }
    o.items[seqIndex(key, o.items.length, "list assignment")] = value;
    return;
  }
  const m = special(o, "__setitem__");
  if (m !== undefined && m !== null) {
    callSpecial(o as PyObject, m, [key, value], "__setitem__");
    return;
  }
  throw pyError(E.TypeError, `'${typeName(o)}' object does not support item assignment`);
}

export function delItem(o: Py, key: Py): void {
  if (o instanceof PyDict) {
    if (!o.delete(key)) throw new PyException(E.KeyError, [key]);
    return;
  }
  if (o instanceof PyList) {
    if (key instanceof PySlice) {
      const [start, stop, step] = sliceIndices(key, o.items.length);
      if (step === 1) {
        o.items.splice(start, Math.max(0, stop - start));
        return;
      }
      const drop = new Set<number>();
      if (step > 0) for (let i = start; i < stop; i += step) drop.add(i);
      else for (let i = start; i > stop; i += step) drop.add(i);
      o.items = o.items.filter((_, i) => !drop.has(i));
      return;
    }
    o.items.splice(seqIndex(key, o.items.length, "list assignment"), 1);
    return;
  }
  const m = special(o, "__delitem__");
  if (m !== undefined && m !== null) {
    callSpecial(o as PyObject, m, [key], "__delitem__");
    return;
  }
  throw pyError(E.TypeError, `'${typeName(o)}' object does not support item deletion`);
}

export { formatValue, repr };
runtime.eq = eq;

export function bytesFind(hay: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
