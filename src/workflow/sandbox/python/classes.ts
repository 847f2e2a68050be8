// User-defined classes: class objects with a C3 method resolution order, their instances, the
// descriptors a class body can hold (functions, staticmethod, classmethod, property) and
// instantiation. Attribute access on them is in attributes.ts; special methods are called from
// ops.ts and format.ts through `special`.
import {
  E,
  type Kwargs,
  PyBuiltin,
  PyDict,
  PyException,
  PyObject,
  type Py,
  PyType,
  T,
  isInstance,
  pyError,
  runtime,
  typeName,
  typeOf,
} from "./values";

/** Bumped whenever a class namespace changes after creation; invalidates the lookup caches. */
let classVersion = 0;

/** The method resolution order of any type: a user class's C3 order, a built-in type's base chain. */
export function mroOf(t: PyType): PyType[] {
  if (t instanceof PyClass) return t.mro;
  const out: PyType[] = [];
  for (let b: PyType | null = t; b; b = b.base) out.push(b);
  return out;
}

const isDunder = (name: string) => name.length > 4 && name.startsWith("__") && name.endsWith("__");
/** Special methods a built-in base (an exception class) defines itself, which hide later bases. */
const NATIVE_SLOTS = new Set(["__init__", "__new__", "__str__", "__repr__"]);

export class PyClass extends PyType {
  readonly mro: PyType[];
  private readonly cache = new Map<string, Py | undefined>();
  private cacheVersion = -1;
  constructor(
    name: string,
    readonly qualname: string,
    readonly bases: PyType[],
    readonly dict: Map<string, Py>,
    module = "__main__",
  ) {
    super(name, bases[0], module);
    this.mro = c3(this, bases);
    this.call = (args, kwargs) => instantiate(this, args, kwargs);
    this.instanceKey = (v) => userHashKey(this, v);
  }
  isSubclassOf(other: PyType): boolean {
    return this.mro.includes(other);
  }
  get isException(): boolean {
    return this.mro.includes(E.BaseException);
  }
  /** A class attribute along the MRO (user namespaces and public attributes of built-in bases). */
  lookup(name: string): Py | undefined {
    if (this.cacheVersion !== classVersion) {
      this.cache.clear();
      this.cacheVersion = classVersion;
    }
    const hit = this.cache.get(name);
    if (hit !== undefined || this.cache.has(name)) return hit;
    let found: Py | undefined;
    for (const t of this.mro) {
      if (t instanceof PyClass) found = t.dict.get(name);
      else if (isDunder(name)) {
        if (t !== T.object && NATIVE_SLOTS.has(name)) break;
      } else found = t.attrs.get(name);
      if (found !== undefined) break;
    }
    this.cache.set(name, found);
    return found;
  }
  setAttr(name: string, value: Py | undefined): void {
    if (value === undefined) {
      if (!this.dict.delete(name)) throw pyError(E.AttributeError, `type object '${this.name}' has no attribute '${name}'`);
    } else this.dict.set(name, value);
    classVersion++;
  }
}

function c3(cls: PyClass, bases: PyType[]): PyType[] {
  const seqs = [...bases.map((b) => mroOf(b).slice()), bases.slice()];
  const out: PyType[] = [cls];
  for (;;) {
    const live = seqs.filter((s) => s.length);
    if (!live.length) return out;
    const head = live.map((s) => s[0]).find((h) => !live.some((s) => s.indexOf(h) > 0));
    if (!head) {
      throw pyError(E.TypeError, `Cannot create a consistent method resolution order (MRO) for bases ${bases.map((b) => b.name).join(", ")}`);
    }
    out.push(head);
    for (const s of live) if (s[0] === head) s.shift();
  }
}

/** An instance of a user class (or a bare `object()`); its attributes live in a dict, `__dict__`. */
export class PyInstance extends PyObject {
  readonly dict = new PyDict();
  constructor(readonly type: PyType) {
    super();
  }
  get cls(): PyType {
    return this.type;
  }
}

/** An object whose type is a user class: an instance, or an instance of a user exception class. */
export function isUserObject(v: Py): boolean {
  return v instanceof PyObject && v.cls instanceof PyClass;
}

/** The user-defined special method `name` of v's class; undefined when there is none (null: set to None). */
export function special(v: Py, name: string): Py | undefined {
  if (!(v instanceof PyObject)) return undefined;
  const t = v.cls;
  return t instanceof PyClass ? t.lookup(name) : undefined;
}

/** Calls a special method found by `special` on v, binding it like an attribute access would. */
export function callSpecial(v: PyObject, m: Py, args: Py[], name: string, kwargs: Kwargs = null): Py {
  runtime.tick();
  if (m !== null && typeof m === "object" && m.cls === T.function) return runtime.call(m, [v, ...args], kwargs);
  return runtime.call(bind(m, v, v.cls, name), args, kwargs);
}

/** Applies the descriptor protocol to a value found in a class namespace. */
export function bind(d: Py, obj: Py | undefined, owner: PyType, name: string): Py {
  if (d === null || typeof d !== "object") return d;
  const get = d.cls.descrGet;
  return get ? get(d, obj, owner, name) : d;
}

// ---- descriptors and bound methods -------------------------------------------------------------

export const classTypes = {
  method: new PyType("method", T.object),
  staticmethod: new PyType("staticmethod", T.object),
  classmethod: new PyType("classmethod", T.object),
  property: new PyType("property", T.object),
  super: new PyType("super", T.object),
  NotImplementedType: new PyType("NotImplementedType", T.object),
  methodDescriptor: new PyType("method_descriptor", T.object),
};

/** A natively implemented function that binds like a def when stored in a class (dataclass __init__). */
export class PyMethodDescriptor extends PyBuiltin {
  get cls(): PyType {
    return classTypes.methodDescriptor;
  }
}

export class PyBoundMethod extends PyObject {
  constructor(
    readonly self: Py,
    readonly fn: Py,
  ) {
    super();
  }
  get cls(): PyType {
    return classTypes.method;
  }
}

export class PyStaticMethod extends PyObject {
  constructor(readonly fn: Py) {
    super();
  }
  get cls(): PyType {
    return classTypes.staticmethod;
  }
}

export class PyClassMethod extends PyObject {
  constructor(readonly fn: Py) {
    super();
  }
  get cls(): PyType {
    return classTypes.classmethod;
  }
}

export class PyProperty extends PyObject {
  constructor(
    readonly fget: Py,
    readonly fset: Py,
    readonly fdel: Py,
    readonly doc: Py,
  ) {
    super();
  }
  get cls(): PyType {
    return classTypes.property;
  }
}

/** `super(cls, obj)`: attribute lookup on obj's MRO starting after cls. */
export class PySuper extends PyObject {
  constructor(
    readonly thisClass: PyType,
    readonly obj: Py,
  ) {
    super();
  }
  get cls(): PyType {
    return classTypes.super;
  }
  /** The type whose MRO is searched: obj's type, or obj itself inside a classmethod or __new__. */
  get start(): PyType {
    return this.obj instanceof PyType && this.obj.isSubclassOf(this.thisClass) ? this.obj : typeOf(this.obj);
  }
}

class NotImplementedValue extends PyObject {
  get cls(): PyType {
    return classTypes.NotImplementedType;
  }
}
export const NotImplemented = new NotImplementedValue();

const bindToInstance = (d: Py, obj: Py | undefined) => (obj === undefined ? d : new PyBoundMethod(obj, d));
T.function.descrGet = bindToInstance;
classTypes.methodDescriptor.descrGet = bindToInstance;
classTypes.staticmethod.descrGet = (d) => (d as PyStaticMethod).fn;
classTypes.classmethod.descrGet = (d, obj, owner) => new PyBoundMethod(obj instanceof PyType && obj.isSubclassOf(owner) ? obj : owner, (d as PyClassMethod).fn);
classTypes.property.descrGet = (d, obj, owner, name) => {
  const p = d as PyProperty;
  if (obj === undefined) return p;
  if (p.fget === null) throw pyError(E.AttributeError, `property '${name}' of '${owner.name}' object has no getter`);
  return runtime.call(p.fget, [obj], null);
};
classTypes.property.descrSet = (d, obj, value, name) => {
  const p = d as PyProperty;
  const f = value === undefined ? p.fdel : p.fset;
  if (f === null) throw pyError(E.AttributeError, `property '${name}' of '${typeName(obj)}' object has no ${value === undefined ? "deleter" : "setter"}`);
  runtime.call(f, value === undefined ? [obj] : [obj, value], null);
};

// ---- class creation and instantiation ----------------------------------------------------------

/** Bases a class may have: user classes, object and the exception classes. */
function checkBase(b: Py): PyType {
  if (!(b instanceof PyType)) throw pyError(E.TypeError, `bases must be types, not ${typeName(b)}`);
  if (b instanceof PyClass || b === T.object || b.isSubclassOf(E.BaseException)) return b;
  throw pyError(E.TypeError, `Kiln's Python sandbox cannot subclass the built-in type '${b.name}'; define a class of your own or wrap a ${b.name} in an attribute`);
}

/** Builds the class `name` from its bases and the namespace its body filled in. */
export function makeClass(name: string, qualname: string, baseValues: Py[], ns: Map<string, Py>): PyClass {
  const bases = baseValues.map(checkBase);
  for (let i = 0; i < bases.length; i++) {
    if (bases.indexOf(bases[i]) !== i) throw pyError(E.TypeError, `duplicate base class ${bases[i].name}`);
  }
  if (!bases.length) bases.push(T.object);
  // defining __eq__ without __hash__ makes instances unhashable, as in Python
  if (ns.has("__eq__") && !ns.has("__hash__")) ns.set("__hash__", null);
  return new PyClass(name, qualname, bases, ns);
}

/** A fresh, uninitialised instance of cls (what object.__new__ / BaseException.__new__ return). */
export function newInstance(cls: PyType, args: Py[]): PyObject {
  if (!(cls instanceof PyClass)) {
    if (cls === T.object) return new PyInstance(T.object);
    throw pyError(E.TypeError, `object.__new__(${cls.name}) is not safe, use ${cls.name}.__new__()`);
  }
  return cls.isException ? new PyException(cls, args) : new PyInstance(cls);
}

/** Functions marked by abc.abstractmethod; a class derived from abc.ABC with any left cannot be instantiated. */
export const abstractMethods = new WeakSet<object>();
let abcRoot: PyClass | null = null;
export function setAbcRoot(abc: PyClass): void {
  abcRoot = abc;
}

function checkAbstract(cls: PyClass): void {
  if (!abcRoot || !cls.isSubclassOf(abcRoot)) return;
  const names = new Set<string>();
  for (const t of cls.mro) if (t instanceof PyClass) for (const name of t.dict.keys()) names.add(name);
  const missing = [...names].filter((name) => {
    const v = cls.lookup(name);
    return v instanceof PyObject && (abstractMethods.has(v) || (v instanceof PyProperty && v.fget instanceof PyObject && abstractMethods.has(v.fget)) || ((v instanceof PyStaticMethod || v instanceof PyClassMethod) && v.fn instanceof PyObject && abstractMethods.has(v.fn)));
  });
  if (missing.length) {
    missing.sort();
    throw pyError(E.TypeError, `Can't instantiate abstract class ${cls.name} with abstract method${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
  }
}

function instantiate(cls: PyClass, args: Py[], kwargs: Kwargs): Py {
  checkAbstract(cls);
  const newFn = cls.lookup("__new__");
  let obj: Py;
  if (newFn !== undefined) {
    // __new__ is a static method even without the decorator
    const f = newFn instanceof PyStaticMethod ? newFn.fn : newFn;
    obj = runtime.call(f, [cls, ...args], kwargs);
    if (!isInstance(obj, cls)) return obj;
  } else obj = newInstance(cls, args);
  const init = cls.lookup("__init__");
  if (init !== undefined) {
    const r = callSpecial(obj as PyObject, init, args, "__init__", kwargs);
    if (r !== null) throw pyError(E.TypeError, `__init__() should return None, not '${typeName(r)}'`);
  } else if (newFn === undefined) {
    if (cls.isException) {
      if (kwargs?.size) throw pyError(E.TypeError, `${cls.name}() takes no keyword arguments`);
    } else if (args.length || kwargs?.size) throw pyError(E.TypeError, `${cls.name}() takes no arguments`);
  }
  return obj;
}

// ---- hashing --------------------------------------------------------------------------------------

/**
 * Instances with a __hash__ of their own are keyed by a representative: the first instance seen
 * with the same hash that compares equal. Cleared at the start of each run.
 */
const hashed = new Map<bigint, PyObject[]>();
export function resetClassState(): void {
  hashed.clear();
}

function userHashKey(cls: PyClass, v: PyObject): unknown {
  const h = cls.lookup("__hash__");
  if (h === undefined) return v;
  if (h === null) throw pyError(E.TypeError, `unhashable type: '${cls.name}'`);
  const n = callSpecial(v, h, [], "__hash__");
  if (typeof n !== "bigint" && typeof n !== "boolean") throw pyError(E.TypeError, "__hash__ method should return an integer");
  const key = BigInt(n);
  let bucket = hashed.get(key);
  if (!bucket) {
    bucket = [];
    hashed.set(key, bucket);
  }
  for (const o of bucket) if (o === v || runtime.eq(o, v)) return o;
  bucket.push(v);
  return v;
}
