// The Python value model: None→null, bool→boolean, int→bigint, float→number, str→string, and
// classes for everything else. Only what is defined here is reachable from user code.
import { SandboxError } from "../quickjs";

export type Py = null | boolean | bigint | number | string | PyObject;
export type Kwargs = Map<string, Py> | null;
export type NativeFn = (args: Py[], kwargs: Kwargs) => Py;

export abstract class PyObject {
  abstract get cls(): PyType;
}

/** Calls any Python callable and counts a step; installed by the interpreter. */
export const runtime = {
  call: (_f: Py, _args: Py[], _kwargs: Kwargs): Py => {
    throw new Error("interpreter not installed");
  },
  tick: () => {},
  /** Python equality, installed by ops.ts (user classes can define it). */
  eq: (a: Py, b: Py): boolean => a === b,
};

// Memory guards: a rough bound instead of real accounting (the isolate is shared).
export const MAX_STR = 50_000_000;
export const MAX_ITEMS = 10_000_000;
export const memoryError = () => new SandboxError("memory", "Code execution exceeded the memory limit");
/**
 * Bulk allocations (repetition, join, materialised ranges, list growth) are also charged to a
 * per-run budget. Freed memory is never credited back, so this bounds total bulk allocation,
 * which is what stops `while True: parts.append("x" * 10**6)` long before the isolate's limit.
 */
export const allocation = { used: 0, budget: Number.POSITIVE_INFINITY };
export function checkSize(n: number | bigint, limit: number): void {
  if (n > limit) throw memoryError();
  allocation.used += Number(n) * (limit === MAX_ITEMS ? 8 : 2);
  if (allocation.used > allocation.budget) throw memoryError();
}
export function chargeItems(n: number): void {
  allocation.used += n * 8;
  if (allocation.used > allocation.budget) throw memoryError();
}

export class PyType extends PyObject {
  /** Class attributes and static/class methods, e.g. datetime.now. */
  readonly attrs = new Map<string, Py>();
  /** Methods on instances: called with self first. */
  readonly methods = new Map<string, (self: Py, args: Py[], kwargs: Kwargs) => Py>();
  /** Read-only attributes computed from an instance. */
  readonly getters = new Map<string, (self: Py) => Py>();
  call: NativeFn | null = null;
  /**
   * The descriptor protocol for values of this type found in a class namespace: functions bind
   * to the instance, properties compute (obj is undefined for an access on the class itself).
   */
  descrGet: ((d: Py, obj: Py | undefined, owner: PyType, name: string) => Py) | null = null;
  /** Set for data descriptors (property): assignment and deletion (value undefined) go through it. */
  descrSet: ((d: Py, obj: Py, value: Py | undefined, name: string) => void) | null = null;
  /** The dict/set key of an instance, for types whose instances hash by value (user classes with __hash__). */
  instanceKey: ((v: PyObject) => unknown) | null = null;
  constructor(
    readonly name: string,
    readonly base: PyType | null = null,
    readonly module = "builtins",
  ) {
    super();
  }
  get cls(): PyType {
    return T.type;
  }
  isSubclassOf(other: PyType): boolean {
    for (let t: PyType | null = this; t; t = t.base) if (t === other) return true;
    return false;
  }
  lookupMethod(name: string): ((self: Py, args: Py[], kwargs: Kwargs) => Py) | undefined {
    for (let t: PyType | null = this; t; t = t.base) {
      const m = t.methods.get(name);
      if (m) return m;
    }
    return undefined;
  }
  lookupGetter(name: string): ((self: Py) => Py) | undefined {
    for (let t: PyType | null = this; t; t = t.base) {
      const g = t.getters.get(name);
      if (g) return g;
    }
    return undefined;
  }
}

const object = new PyType("object");
export const T = {
  object,
  type: new PyType("type", object),
  NoneType: new PyType("NoneType", object),
  bool: null as unknown as PyType,
  int: new PyType("int", object),
  float: new PyType("float", object),
  str: new PyType("str", object),
  bytes: new PyType("bytes", object),
  list: new PyType("list", object),
  tuple: new PyType("tuple", object),
  dict: new PyType("dict", object),
  set: new PyType("set", object),
  frozenset: new PyType("frozenset", object),
  range: new PyType("range", object),
  function: new PyType("function", object),
  builtin: new PyType("builtin_function_or_method", object),
  module: new PyType("module", object),
  iterator: new PyType("iterator", object),
  generator: new PyType("generator", object),
  dictKeys: new PyType("dict_keys", object),
  dictValues: new PyType("dict_values", object),
  dictItems: new PyType("dict_items", object),
  slice: new PyType("slice", object),
  native: new PyType("object", object),
};
T.bool = new PyType("bool", T.int);

// ---- exceptions -------------------------------------------------------------------------------

export class PyException extends PyObject {
  line: number | undefined;
  cause: PyException | null = null;
  context: PyException | null = null;
  readonly attrs = new Map<string, Py>();
  constructor(
    readonly type: PyType,
    public args: Py[],
  ) {
    super();
  }
  get cls(): PyType {
    return this.type;
  }
}

const exc = (name: string, base: PyType | null, module = "builtins") => new PyType(name, base, module);
const BaseException = exc("BaseException", object);
const Exception = exc("Exception", BaseException);
const ArithmeticError = exc("ArithmeticError", Exception);
const LookupError = exc("LookupError", Exception);
const ValueError = exc("ValueError", Exception);
const RuntimeError = exc("RuntimeError", Exception);
const ImportError = exc("ImportError", Exception);
const OSError = exc("OSError", Exception);
const UnicodeError = exc("UnicodeError", ValueError);
export const E = {
  BaseException,
  Exception,
  ArithmeticError,
  LookupError,
  ValueError,
  RuntimeError,
  ImportError,
  OSError,
  UnicodeError,
  SystemExit: exc("SystemExit", BaseException),
  KeyboardInterrupt: exc("KeyboardInterrupt", BaseException),
  GeneratorExit: exc("GeneratorExit", BaseException),
  StopIteration: exc("StopIteration", Exception),
  TypeError: exc("TypeError", Exception),
  AttributeError: exc("AttributeError", Exception),
  NameError: exc("NameError", Exception),
  UnboundLocalError: null as unknown as PyType,
  AssertionError: exc("AssertionError", Exception),
  NotImplementedError: exc("NotImplementedError", RuntimeError),
  RecursionError: exc("RecursionError", RuntimeError),
  KeyError: exc("KeyError", LookupError),
  IndexError: exc("IndexError", LookupError),
  ZeroDivisionError: exc("ZeroDivisionError", ArithmeticError),
  OverflowError: exc("OverflowError", ArithmeticError),
  ModuleNotFoundError: exc("ModuleNotFoundError", ImportError),
  UnicodeDecodeError: exc("UnicodeDecodeError", UnicodeError),
  UnicodeEncodeError: exc("UnicodeEncodeError", UnicodeError),
  FileNotFoundError: exc("FileNotFoundError", OSError),
  PermissionError: exc("PermissionError", OSError),
  TimeoutError: exc("TimeoutError", OSError),
  MemoryError: exc("MemoryError", Exception),
  SyntaxError: exc("SyntaxError", Exception),
  JSONDecodeError: exc("JSONDecodeError", ValueError, "json.decoder"),
  ZoneInfoNotFoundError: null as unknown as PyType,
};
E.UnboundLocalError = exc("UnboundLocalError", E.NameError);
E.ZoneInfoNotFoundError = exc("ZoneInfoNotFoundError", E.KeyError, "zoneinfo._common");

export function pyError(type: PyType, message?: string): PyException {
  return new PyException(type, message === undefined ? [] : [message]);
}

// ---- containers -------------------------------------------------------------------------------

export class PyList extends PyObject {
  constructor(public items: Py[] = []) {
    super();
  }
  get cls(): PyType {
    return T.list;
  }
}

export class PyTuple extends PyObject {
  constructor(readonly items: Py[]) {
    super();
  }
  get cls(): PyType {
    return T.tuple;
  }
}

export class PyBytes extends PyObject {
  constructor(readonly data: Uint8Array) {
    super();
  }
  get cls(): PyType {
    return T.bytes;
  }
}

export class PyRange extends PyObject {
  constructor(
    readonly start: bigint,
    readonly stop: bigint,
    readonly step: bigint,
  ) {
    super();
  }
  get length(): bigint {
    const { start, stop, step } = this;
    if (step > 0n) return stop > start ? (stop - start + step - 1n) / step : 0n;
    return start > stop ? (start - stop - step - 1n) / -step : 0n;
  }
  get cls(): PyType {
    return T.range;
  }
}

export class PySlice extends PyObject {
  constructor(
    readonly start: Py,
    readonly stop: Py,
    readonly step: Py,
  ) {
    super();
  }
  get cls(): PyType {
    return T.slice;
  }
}

/**
 * The key a value is stored under in a dict or set: equal Python values (1, 1.0, True) map to
 * the same JS Map key. Strings are used as they are, the fast path.
 */
export function hashKey(v: Py): unknown {
  switch (typeof v) {
    case "undefined":
      throw pyError(E.TypeError, "missing argument");
    case "string":
    case "bigint":
      return v;
    case "boolean":
      return v ? 1n : 0n;
    case "number":
      return Number.isInteger(v) ? BigInt(v) : v;
    case "object":
      if (v === null) return null;
      if (v instanceof PyTuple) return `\u0000t(${v.items.map((x) => keyString(hashKey(x))).join(",")})`;
      if (v instanceof PySet && v.frozen) return `\u0000f{${[...v.map.keys()].map(keyString).sort().join(",")}}`;
      if (v instanceof PyBytes) return `\u0000b${Array.from(v.data).join(",")}`;
      if (v instanceof PyList || v instanceof PyDict || v instanceof PySet) throw pyError(E.TypeError, `unhashable type: '${v.cls.name}'`);
      if (v instanceof PyNative && v.key) return v.key();
      if (v instanceof PyObject && v.cls.instanceKey) return v.cls.instanceKey(v);
      return v;
  }
  return v;
}

function keyString(k: unknown): string {
  if (typeof k === "string") return JSON.stringify(k);
  if (typeof k === "bigint") return `${k}n`;
  if (typeof k === "number") return String(k);
  if (k === null) return "None";
  if (typeof k === "object") return `@${objectId(k)}`;
  return String(k);
}

const ids = new WeakMap<object, number>();
let nextId = 1;
export function objectId(o: object): number {
  let id = ids.get(o);
  if (id === undefined) {
    id = nextId++;
    ids.set(o, id);
  }
  return id;
}

export class PyDict extends PyObject {
  readonly map = new Map<unknown, [Py, Py]>();
  /** The factory of a collections.defaultdict, or null. */
  defaultFactory: Py = null;
  counter = false;
  get cls(): PyType {
    return this.counter ? counterType : this.defaultFactory !== null ? defaultDictType : T.dict;
  }
  get size(): number {
    return this.map.size;
  }
  get(k: Py): Py | undefined {
    return this.map.get(hashKey(k))?.[1];
  }
  set(k: Py, v: Py): void {
    const h = hashKey(k);
    const e = this.map.get(h);
    if (e) e[1] = v;
    else {
      if (this.map.size >= MAX_ITEMS) throw memoryError();
      this.map.set(h, [k, v]);
    }
  }
  has(k: Py): boolean {
    return this.map.has(hashKey(k));
  }
  delete(k: Py): boolean {
    return this.map.delete(hashKey(k));
  }
  keys(): Py[] {
    return Array.from(this.map.values(), (e) => e[0]);
  }
  static from(entries: Iterable<[Py, Py]>): PyDict {
    const d = new PyDict();
    for (const [k, v] of entries) d.set(k, v);
    return d;
  }
}
export const defaultDictType = new PyType("defaultdict", T.dict, "collections");
export const counterType = new PyType("Counter", T.dict, "collections");

export class PySet extends PyObject {
  readonly map = new Map<unknown, Py>();
  constructor(readonly frozen = false) {
    super();
  }
  get cls(): PyType {
    return this.frozen ? T.frozenset : T.set;
  }
  add(v: Py): void {
    if (this.map.size >= MAX_ITEMS) throw memoryError();
    this.map.set(hashKey(v), v);
  }
  has(v: Py): boolean {
    return this.map.has(hashKey(v));
  }
  values(): Py[] {
    return [...this.map.values()];
  }
}

export class PyDictView extends PyObject {
  constructor(
    readonly dict: PyDict,
    readonly kind: "keys" | "values" | "items",
  ) {
    super();
  }
  get cls(): PyType {
    return this.kind === "keys" ? T.dictKeys : this.kind === "values" ? T.dictValues : T.dictItems;
  }
}

// ---- callables and other objects ---------------------------------------------------------------

export class PyBuiltin extends PyObject {
  constructor(
    readonly name: string,
    readonly fn: NativeFn,
  ) {
    super();
  }
  get cls(): PyType {
    return T.builtin;
  }
}

export class PyModule extends PyObject {
  constructor(
    readonly name: string,
    readonly attrs: Map<string, Py>,
  ) {
    super();
  }
  get cls(): PyType {
    return T.module;
  }
}

/** A lazy iterator (iter(), map(), generator expressions, ...). */
export class PyIterator extends PyObject {
  constructor(
    readonly it: Iterator<Py>,
    readonly isGenerator = false,
  ) {
    super();
  }
  get cls(): PyType {
    return this.isGenerator ? T.generator : T.iterator;
  }
}

/** An instance of a type implemented natively (datetime, match objects, hash objects, ...). */
export class PyNative<V = unknown> extends PyObject {
  constructor(
    readonly type: PyType,
    readonly value: V,
    readonly key?: () => unknown,
  ) {
    super();
  }
  get cls(): PyType {
    return this.type;
  }
}

export function typeOf(v: Py): PyType {
  switch (typeof v) {
    case "undefined":
      throw pyError(E.TypeError, "missing argument");
    case "string":
      return T.str;
    case "bigint":
      return T.int;
    case "number":
      return T.float;
    case "boolean":
      return T.bool;
    default:
      return v === null ? T.NoneType : v.cls;
  }
}

export const typeName = (v: Py) => typeOf(v).name;

export function isInstance(v: Py, t: PyType): boolean {
  return typeOf(v).isSubclassOf(t);
}

export function tuple(...items: Py[]): PyTuple {
  return new PyTuple(items);
}

/** Python int from a JS number that is known to be integral. */
export const int = (n: number): bigint => BigInt(n);
