// Attribute access. Only attributes defined by the sandbox exist; dunder names other than a few
// harmless ones are refused so user code cannot reach anything of the host.
import { repr } from "./format";
import { E, PyBuiltin, PyException, PyModule, PyNative, type Py, PyObject, PyTuple, PyType, pyError, typeOf } from "./values";

const ALLOWED_DUNDERS = new Set(["__name__", "__class__", "__doc__", "__module__", "__qualname__"]);

/** A user-defined function's attributes are provided by the interpreter through this hook. */
export const functionAttrs = {
  get: (_f: PyObject, _name: string): Py | undefined => undefined,
};

export function getAttr(o: Py, name: string): Py {
  const v = findAttr(o, name);
  if (v !== undefined) return v;
  if (o instanceof PyModule) throw pyError(E.AttributeError, `module '${o.name}' has no attribute '${name}'`);
  if (o instanceof PyType) throw pyError(E.AttributeError, `type object '${o.name}' has no attribute '${name}'`);
  throw pyError(E.AttributeError, `'${typeOf(o).name}' object has no attribute '${name}'`);
}

export function hasAttr(o: Py, name: string): boolean {
  return findAttr(o, name) !== undefined;
}

function findAttr(o: Py, name: string): Py | undefined {
  if (name.startsWith("__") && !ALLOWED_DUNDERS.has(name)) return undefined;
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
    if (name === "args") return new PyTuple(o.args);
    const a = o.attrs.get(name);
    if (a !== undefined) return a;
  }
  const t = typeOf(o);
  const m = t.lookupMethod(name);
  if (m) return new PyBuiltin(name, (args, kwargs) => m(o, args, kwargs));
  const g = t.lookupGetter(name);
  if (g) return g(o);
  if (o instanceof PyObject && t.name === "function") return functionAttrs.get(o, name);
  if (o instanceof PyBuiltin && name === "__name__") return o.name;
  return undefined;
}

export function setAttr(o: Py, name: string, value: Py): void {
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
