// Attribute access. Only attributes defined by the sandbox or by the user's own classes exist:
// dunder names of built-in objects other than a few harmless ones are refused, so user code cannot
// reach anything of the host.
import {
  PyBoundMethod,
  PyClass,
  PyInstance,
  PySuper,
  NotImplemented,
  bind,
  callSpecial,
  mroOf,
  newInstance,
  special,
} from "./classes";
import { exceptionRepr, exceptionStr, objectRepr, repr, str } from "./format";
import { toArray } from "./ops";
import {
  E,
  type Kwargs,
  PyBuiltin,
  PyDict,
  PyException,
  PyList,
  PyModule,
  PyNative,
  type Py,
  PyObject,
  PyTuple,
  PyType,
  T,
  objectId,
  pyError,
  runtime,
  typeName,
  typeOf,
} from "./values";

const ALLOWED_DUNDERS = new Set(["__name__", "__class__", "__doc__", "__module__", "__qualname__"]);

/** A user-defined function's attributes are provided by the interpreter through this hook. */
export const functionAttrs = {
  get: (_f: PyObject, _name: string): Py | undefined => undefined,
  /** Sets (value undefined: deletes) an attribute of a user function; false if f is none. */
  set: (_f: PyObject, _name: string, _value: Py | undefined): boolean => false,
};

export function getAttr(o: Py, name: string): Py {
  const v = findAttr(o, name);
  if (v !== undefined) return v;
  const fallback = special(o, "__getattr__");
  if (fallback !== undefined && fallback !== null) return callSpecial(o as PyObject, fallback, [name], "__getattr__");
  throw noAttribute(o, name);
}

function noAttribute(o: Py, name: string) {
  if (o instanceof PyModule) return pyError(E.AttributeError, `module '${o.name}' has no attribute '${name}'`);
  if (o instanceof PyType) return pyError(E.AttributeError, `type object '${o.name}' has no attribute '${name}'`);
  return pyError(E.AttributeError, `'${typeOf(o).name}' object has no attribute '${name}'`);
}

const isAttributeError = (e: unknown) => e instanceof PyException && e.type.isSubclassOf(E.AttributeError);

export function hasAttr(o: Py, name: string): boolean {
  try {
    getAttr(o, name);
    return true;
  } catch (e) {
    if (isAttributeError(e)) return false;
    throw e;
  }
}

/** getattr(o, name, default). */
export function getAttrOr(o: Py, name: string, dflt: Py): Py {
  try {
    return getAttr(o, name);
  } catch (e) {
    if (isAttributeError(e)) return dflt;
    throw e;
  }
}

function findAttr(o: Py, name: string): Py | undefined {
  if (o instanceof PyObject) {
    const t = o.cls;
    if (t instanceof PyClass) return userAttr(o, t, name);
    if (o instanceof PyClass) return classAttr(o, name);
    if (o instanceof PySuper) return superAttr(o, name);
    if (t === T.function) return functionAttrs.get(o, name);
    if (o instanceof PyBoundMethod) {
      if (name === "__self__") return o.self;
      if (name === "__func__") return o.fn;
      return findAttr(o.fn, name);
    }
  }
  if (o instanceof PyException && (name === "__cause__" || name === "__context__" || name === "__traceback__")) return exceptionAttr(o, name);
  if (name.startsWith("__") && !ALLOWED_DUNDERS.has(name)) {
    // `Exception.__init__(self, msg)`, `object.__setattr__(self, k, v)`: the built-in slots
    return o instanceof PyType ? slotAlong(mroOf(o), name) : undefined;
  }
  if (o instanceof PyModule) {
    if (name === "__name__") return o.name;
    return o.attrs.get(name);
  }
  if (name === "__class__") return typeOf(o);
  if (o instanceof PyType) {
    if (name === "__name__" || name === "__qualname__") return o.name;
    if (name === "__module__") return o.module;
    for (let t: PyType | null = o; t; t = t.base) {
      const a = t.attrs.get(name);
      if (a !== undefined) return a;
    }
    const m = o.lookupMethod(name);
    if (m) return new PyBuiltin(name, (args, kwargs) => {
      if (!args.length) throw pyError(E.TypeError, `unbound method ${o.name}.${name}() needs an argument`);
      return m(args[0], args.slice(1), kwargs);
    });
    return undefined;
  }
  if (o instanceof PyException) {
    const a = o.attrs.get(name) ?? exceptionAttr(o, name);
    if (a !== undefined) return a;
  }
  const t = typeOf(o);
  const m = t.lookupMethod(name);
  if (m) return new PyBuiltin(name, (args, kwargs) => m(o, args, kwargs));
  const g = t.lookupGetter(name);
  if (g) return g(o);
  if (o instanceof PyBuiltin && name === "__name__") return o.name;
  return undefined;
}

/** An attribute of an instance of a user class: data descriptors, its own attributes, the class. */
function userAttr(o: PyObject, t: PyClass, name: string): Py | undefined {
  runtime.tick();
  const d = t.lookup(name);
  if (d !== null && typeof d === "object" && d.cls.descrSet) return bind(d, o, t, name);
  const own = o instanceof PyInstance ? o.dict.get(name) : (o as PyException).attrs.get(name);
  if (own !== undefined) return own;
  if (d !== undefined) return bind(d, o, t, name);
  switch (name) {
    case "__class__":
      return t;
    case "__dict__":
      return o instanceof PyInstance ? o.dict : PyDict.from((o as PyException).attrs);
    case "__module__":
      return t.module;
    case "__doc__":
      return null;
  }
  if (o instanceof PyException) {
    const v = exceptionAttr(o, name);
    if (v !== undefined) return v;
  }
  const slot = name.startsWith("__") ? slotAlong(t.mro, name) : undefined;
  return slot ? new PyBoundMethod(o, slot) : undefined;
}

function exceptionAttr(e: PyException, name: string): Py | undefined {
  switch (name) {
    case "args":
      return new PyTuple(e.args);
    case "__cause__":
      return e.cause;
    case "__context__":
      return e.context;
    case "__traceback__":
      return null;
  }
  return undefined;
}

function classAttr(cls: PyClass, name: string): Py | undefined {
  runtime.tick();
  const d = cls.lookup(name);
  if (d !== undefined) return bind(d, undefined, cls, name);
  switch (name) {
    case "__name__":
      return cls.name;
    case "__qualname__":
      return cls.qualname;
    case "__module__":
      return cls.module;
    case "__doc__":
      return null;
    case "__class__":
      return T.type;
    case "__bases__":
      return new PyTuple(cls.bases);
    case "__mro__":
      return new PyTuple(cls.mro);
    case "__dict__":
      return PyDict.from(cls.dict);
    case "mro":
      return new PyBuiltin("mro", () => new PyList(cls.mro));
  }
  return name.startsWith("__") ? slotAlong(cls.mro, name) : undefined;
}

function superAttr(s: PySuper, name: string): Py | undefined {
  const start = s.start;
  const mro = mroOf(start);
  const onClass = s.obj === start;
  for (let i = mro.indexOf(s.thisClass) + 1; i < mro.length; i++) {
    const t = mro[i];
    if (t instanceof PyClass) {
      const d = t.dict.get(name);
      if (d !== undefined) return bind(d, onClass ? undefined : s.obj, start, name);
      continue;
    }
    const slot = nativeSlot(t, name);
    if (slot) return onClass || name === "__new__" ? slot : new PyBoundMethod(s.obj, slot);
    if (!name.startsWith("__")) {
      const a = t.attrs.get(name);
      if (a !== undefined) return a;
    }
  }
  return undefined;
}

// ---- the built-in slots of object and BaseException ---------------------------------------------

function slotAlong(mro: PyType[], name: string): PyBuiltin | undefined {
  for (const t of mro) {
    if (t instanceof PyClass) continue;
    const slot = nativeSlot(t, name);
    if (slot) return slot;
  }
  return undefined;
}

const slot = (name: string, fn: (self: Py, args: Py[], kwargs: Kwargs) => Py) =>
  new PyBuiltin(name, (args, kwargs) => {
    if (!args.length) throw pyError(E.TypeError, `descriptor '${name}' needs an argument`);
    return fn(args[0], args.slice(1), kwargs);
  });

const OBJECT_SLOTS: Record<string, PyBuiltin> = {
  __init__: slot("__init__", (_self, args, kwargs) => {
    if (args.length || kwargs?.size) throw pyError(E.TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
    return null;
  }),
  __new__: slot("__new__", (cls) => {
    if (!(cls instanceof PyType)) throw pyError(E.TypeError, `object.__new__(X): X is not a type object (${typeName(cls)})`);
    return newInstance(cls, []);
  }),
  __setattr__: slot("__setattr__", (self, args) => {
    rawSetAttr(self, attrName(args[0]), args[1]);
    return null;
  }),
  __delattr__: slot("__delattr__", (self, args) => {
    rawSetAttr(self, attrName(args[0]), undefined);
    return null;
  }),
  __getattribute__: slot("__getattribute__", (self, args) => {
    const v = findAttr(self, attrName(args[0]));
    if (v === undefined) throw noAttribute(self, attrName(args[0]));
    return v;
  }),
  __repr__: slot("__repr__", (self) => (self instanceof PyObject ? objectRepr(self) : repr(self))),
  __str__: slot("__str__", (self) => repr(self)),
  __format__: slot("__format__", (self, args) => {
    if (args[0]) throw pyError(E.TypeError, `unsupported format string passed to ${typeName(self)}.__format__`);
    return str(self);
  }),
  __eq__: slot("__eq__", (self, args) => (self === args[0] ? true : NotImplemented)),
  __ne__: slot("__ne__", (self, args) => (self === args[0] ? false : NotImplemented)),
  __hash__: slot("__hash__", (self) => BigInt(self !== null && typeof self === "object" ? objectId(self) : 0)),
  __init_subclass__: slot("__init_subclass__", () => null),
};

const EXCEPTION_SLOTS: Record<string, PyBuiltin> = {
  __init__: slot("__init__", (self, args) => {
    if (self instanceof PyException) self.args = args;
    return null;
  }),
  __new__: slot("__new__", (cls, args) => {
    if (!(cls instanceof PyType)) throw pyError(E.TypeError, "BaseException.__new__(X): X is not a type object");
    return newInstance(cls, args);
  }),
  __str__: slot("__str__", (self) => (self instanceof PyException ? exceptionStr(self) : str(self))),
  __repr__: slot("__repr__", (self) => (self instanceof PyException ? exceptionRepr(self) : repr(self))),
};

function nativeSlot(t: PyType, name: string): PyBuiltin | undefined {
  if (t === T.object) return Object.hasOwn(OBJECT_SLOTS, name) ? OBJECT_SLOTS[name] : undefined;
  if (t === E.BaseException) return Object.hasOwn(EXCEPTION_SLOTS, name) ? EXCEPTION_SLOTS[name] : undefined;
  return undefined;
}

function attrName(v: Py): string {
  if (typeof v !== "string") throw pyError(E.TypeError, `attribute name must be string, not '${typeName(v)}'`);
  return v;
}

// ---- assignment and deletion ----------------------------------------------------------------------

export function setAttr(o: Py, name: string, value: Py): void {
  if (o instanceof PyObject) {
    const t = o.cls;
    if (t instanceof PyClass) {
      const hook = t.lookup("__setattr__");
      if (hook !== undefined && hook !== null) callSpecial(o, hook, [name, value], "__setattr__");
      else rawSetAttr(o, name, value);
      return;
    }
    if (o instanceof PyClass) {
      o.setAttr(name, value);
      return;
    }
    if (o instanceof PyException) {
      rawSetAttr(o, name, value);
      return;
    }
    if (functionAttrs.set(o, name, value)) return;
  }
  if (o instanceof PyModule || o instanceof PyType) {
    throw pyError(E.AttributeError, `cannot set '${name}' attribute of ${o instanceof PyType ? `immutable type '${o.name}'` : `module ${repr(o.name)} in Kiln's Python sandbox`}`);
  }
  // a native type may accept assignments it knows (requests' response.encoding = "utf-8")
  const setter = o instanceof PyNative ? o.type.lookupMethod("__setattr__") : undefined;
  if (setter) {
    setter(o, [name, value], null);
    return;
  }
  throw pyError(E.AttributeError, `'${typeOf(o).name}' object has no attribute '${name}'`);
}

export function delAttr(o: Py, name: string): void {
  if (o instanceof PyObject) {
    const t = o.cls;
    if (t instanceof PyClass) {
      const hook = t.lookup("__delattr__");
      if (hook !== undefined && hook !== null) callSpecial(o, hook, [name], "__delattr__");
      else rawSetAttr(o, name, undefined);
      return;
    }
    if (o instanceof PyClass) {
      o.setAttr(name, undefined);
      return;
    }
    if (o instanceof PyException) {
      rawSetAttr(o, name, undefined);
      return;
    }
    if (functionAttrs.set(o, name, undefined)) return;
  }
  if (o instanceof PyModule || o instanceof PyType) {
    throw pyError(E.AttributeError, `cannot delete '${name}' attribute of ${o instanceof PyType ? `immutable type '${o.name}'` : `module ${repr(o.name)}`}`);
  }
  throw pyError(E.AttributeError, `'${typeOf(o).name}' object attribute '${name}' is read-only`);
}

/** object.__setattr__ / __delattr__ (value undefined): data descriptors, then the instance's own attributes. */
function rawSetAttr(o: Py, name: string, value: Py | undefined): void {
  const t = typeOf(o);
  if (t instanceof PyClass) {
    const d = t.lookup(name);
    if (d !== null && typeof d === "object" && d.cls.descrSet) {
      d.cls.descrSet(d, o, value, name);
      return;
    }
  }
  if (name === "__class__" || name === "__dict__") throw pyError(E.TypeError, `Kiln's Python sandbox cannot assign ${name}`);
  if (o instanceof PyInstance && t instanceof PyClass) {
    if (value !== undefined) o.dict.set(name, value);
    else if (!o.dict.delete(name)) throw noAttribute(o, name);
    return;
  }
  if (o instanceof PyException) {
    if (name === "args") {
      if (value === undefined) throw pyError(E.TypeError, "args may not be deleted");
      o.args = toArray(value);
    } else if (value !== undefined) o.attrs.set(name, value);
    else if (!o.attrs.delete(name)) throw noAttribute(o, name);
    return;
  }
  throw pyError(E.AttributeError, `'${typeName(o)}' object has no attribute '${name}'`);
}
