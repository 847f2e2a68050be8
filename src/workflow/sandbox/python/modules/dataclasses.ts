// The dataclasses module: @dataclass (init, repr, eq, order, frozen), field, fields, asdict,
// astuple, replace, is_dataclass. The generated methods are native and bind like functions.
import { arg } from "../args";
import { getAttr, setAttr } from "../attributes";
import { NotImplemented, PyClass, PyInstance, PyMethodDescriptor } from "../classes";
import { repr } from "../format";
import { compare, eq, runtime, truthy } from "../ops";
import {
  E,
  hashKey,
  type Kwargs,
  PyBuiltin,
  PyDict,
  PyException,
  PyList,
  PyNative,
  type Py,
  PyObject,
  PySet,
  PyTuple,
  PyType,
  T,
  pyError,
  typeOf,
} from "../values";
import { makeModule } from "./module";

interface Field {
  name: string;
  type: Py;
  default: Py | undefined;
  factory: Py | undefined;
  init: boolean;
  repr: boolean;
  compare: boolean;
  kwOnly: boolean;
}

const fieldType = new PyType("Field", T.object, "dataclasses");
const missingType = new PyType("_MISSING_TYPE", T.object, "dataclasses");
const MISSING = new PyNative(missingType, null);
missingType.methods.set("__repr__", () => "<dataclasses._MISSING_TYPE object>");
const FrozenInstanceError = new PyType("FrozenInstanceError", E.AttributeError, "dataclasses");
FrozenInstanceError.call = (args) => new PyException(FrozenInstanceError, args);

const F = (v: Py) => (v as PyNative<Field>).value;
fieldType.getters.set("name", (v) => F(v).name);
fieldType.getters.set("type", (v) => F(v).type);
fieldType.getters.set("default", (v) => F(v).default ?? MISSING);
fieldType.getters.set("default_factory", (v) => F(v).factory ?? MISSING);
fieldType.getters.set("init", (v) => F(v).init);
fieldType.getters.set("repr", (v) => F(v).repr);
fieldType.getters.set("compare", (v) => F(v).compare);
fieldType.methods.set("__repr__", (v) => `Field(name=${repr(F(v).name)},type=${repr(F(v).type)},default=${repr(F(v).default ?? MISSING)})`);

const makeField = (f: Field) => new PyNative<Field>(fieldType, f);

function field(_args: Py[], kw: Kwargs): Py {
  const get = (name: string, dflt?: Py) => {
    const v = kw?.get(name);
    return v === undefined || v === MISSING ? dflt : v;
  };
  const f: Field = {
    name: "",
    type: null,
    default: get("default"),
    factory: get("default_factory"),
    init: truthy(get("init", true) ?? true),
    repr: truthy(get("repr", true) ?? true),
    compare: truthy(get("compare", true) ?? true),
    kwOnly: truthy(get("kw_only", false) ?? false),
  };
  if (f.default !== undefined && f.factory !== undefined) throw pyError(E.ValueError, "cannot specify both default and default_factory");
  return makeField(f);
}

/** The fields of a dataclass (or instance), in definition order, inherited ones first. */
function fieldsOf(v: Py): Field[] {
  const cls = v instanceof PyClass ? v : typeOf(v);
  const d = cls instanceof PyClass ? cls.lookup("__dataclass_fields__") : undefined;
  if (!(d instanceof PyDict)) throw pyError(E.TypeError, "must be called with a dataclass type or instance");
  return [...d.map.values()].map(([, f]) => F(f));
}

const isClassVar = (t: Py) => t instanceof PyType && t.module === "typing" && t.name === "ClassVar";

function collectFields(cls: PyClass, kwOnlyDefault: boolean): Map<string, Field> {
  const fields = new Map<string, Field>();
  for (const base of cls.mro.slice(1).reverse()) {
    const d = base instanceof PyClass ? base.dict.get("__dataclass_fields__") : undefined;
    if (d instanceof PyDict) for (const [, f] of d.map.values()) fields.set(F(f).name, F(f));
  }
  const annotations = cls.dict.get("__annotations__");
  if (!(annotations instanceof PyDict)) return fields;
  for (const [name, type] of annotations.map.values()) {
    if (typeof name !== "string" || isClassVar(type)) continue;
    const value = cls.dict.get(name);
    let f: Field;
    if (value instanceof PyNative && value.type === fieldType) {
      f = { ...F(value), name, type };
      if (f.default !== undefined) cls.setAttr(name, f.default);
      else cls.setAttr(name, undefined);
    } else {
      if (value instanceof PyList || value instanceof PyDict || (value instanceof PySet && !value.frozen)) {
        throw pyError(E.ValueError, `mutable default <class '${typeOf(value).name}'> for field ${name} is not allowed: use default_factory`);
      }
      f = { name, type, default: value, factory: undefined, init: true, repr: true, compare: true, kwOnly: kwOnlyDefault };
    }
    fields.set(name, f);
  }
  return fields;
}

const hasDefault = (f: Field) => f.default !== undefined || f.factory !== undefined;

function makeInit(cls: PyClass, fields: Field[], frozen: boolean): PyMethodDescriptor {
  const qual = `${cls.qualname}.__init__`;
  const positional = fields.filter((f) => f.init && !f.kwOnly);
  let seenDefault = false;
  for (const f of positional) {
    if (hasDefault(f)) seenDefault = true;
    else if (seenDefault) throw pyError(E.TypeError, `non-default argument '${f.name}' follows default argument`);
  }
  return new PyMethodDescriptor("__init__", (args, kwargs) => {
    const [self, ...rest] = args;
    if (rest.length > positional.length) {
      const required = positional.filter((f) => !hasDefault(f)).length + 1;
      const takes = required === positional.length + 1 ? `${required}` : `from ${required} to ${positional.length + 1}`;
      throw pyError(E.TypeError, `${qual}() takes ${takes} positional arguments but ${rest.length + 1} were given`);
    }
    const values = new Map<string, Py>();
    for (let i = 0; i < rest.length; i++) values.set(positional[i].name, rest[i]);
    for (const [k, v] of kwargs ?? []) {
      const f = fields.find((x) => x.name === k && x.init);
      if (!f) throw pyError(E.TypeError, `${qual}() got an unexpected keyword argument '${k}'`);
      if (values.has(k)) throw pyError(E.TypeError, `${qual}() got multiple values for argument '${k}'`);
      values.set(k, v);
    }
    const missing = fields.filter((f) => f.init && !values.has(f.name) && !hasDefault(f));
    if (missing.length) {
      const kind = missing[0].kwOnly ? "keyword-only" : "positional";
      const names = missing.map((f) => `'${f.name}'`);
      const joined = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
      throw pyError(E.TypeError, `${qual}() missing ${missing.length} required ${kind} argument${missing.length === 1 ? "" : "s"}: ${joined}`);
    }
    for (const f of fields) {
      let v = values.get(f.name);
      if (v === undefined) {
        if (f.factory !== undefined) v = runtime.call(f.factory, [], null);
        else if (f.default !== undefined) v = f.default;
        else continue;
      }
      if (frozen && self instanceof PyInstance) self.dict.set(f.name, v);
      else setAttr(self, f.name, v);
    }
    const post = (typeOf(self) as PyClass).lookup("__post_init__");
    if (post !== undefined) runtime.call(getAttr(self, "__post_init__"), [], null);
    return null;
  });
}

const valuesOf = (self: Py, fields: Field[], pick: (f: Field) => boolean) => new PyTuple(fields.filter(pick).map((f) => getAttr(self, f.name)));

function dataclass(cls: Py, kw: Kwargs): Py {
  if (!(cls instanceof PyClass)) throw pyError(E.TypeError, "dataclass() should be called on a class");
  const opt = (name: string, dflt: boolean) => truthy(kw?.get(name) ?? dflt);
  const frozen = opt("frozen", false);
  const fieldMap = collectFields(cls, opt("kw_only", false));
  const fields = [...fieldMap.values()];
  const define = (name: string, fn: (args: Py[]) => Py) => cls.setAttr(name, new PyMethodDescriptor(name, fn));
  cls.setAttr("__dataclass_fields__", PyDict.from(fields.map((f) => [f.name, makeField(f)])));
  if (opt("init", true) && !cls.dict.has("__init__")) cls.setAttr("__init__", makeInit(cls, fields, frozen));
  if (opt("repr", true) && !cls.dict.has("__repr__")) {
    define("__repr__", ([self]) => {
      const t = typeOf(self);
      const parts = fields.filter((f) => f.repr).map((f) => `${f.name}=${repr(getAttr(self, f.name))}`);
      return `${t instanceof PyClass ? t.qualname : t.name}(${parts.join(", ")})`;
    });
  }
  const eqDefined = opt("eq", true) && !cls.dict.has("__eq__");
  if (eqDefined) {
    define("__eq__", ([self, other]) => {
      if (typeOf(other) !== typeOf(self)) return NotImplemented;
      return eq(valuesOf(self, fields, (f) => f.compare), valuesOf(other, fields, (f) => f.compare));
    });
  }
  if (opt("order", false)) {
    for (const [name, op] of [["__lt__", "<"], ["__le__", "<="], ["__gt__", ">"], ["__ge__", ">="]] as const) {
      if (cls.dict.has(name)) throw pyError(E.TypeError, `Cannot overwrite attribute ${name} in class ${cls.name}. Consider using functools.total_ordering`);
      define(name, ([self, other]) => {
        if (typeOf(other) !== typeOf(self)) return NotImplemented;
        const c = compare(valuesOf(self, fields, (f) => f.compare), valuesOf(other, fields, (f) => f.compare), op);
        return op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
      });
    }
  }
  if (frozen) {
    define("__setattr__", ([, name]) => {
      throw new PyException(FrozenInstanceError, [`cannot assign to field ${repr(name)}`]);
    });
    define("__delattr__", ([, name]) => {
      throw new PyException(FrozenInstanceError, [`cannot delete field ${repr(name)}`]);
    });
  }
  if (eqDefined || opt("eq", true)) {
    if (frozen) define("__hash__", ([self]) => hashOf(valuesOf(self, fields, (f) => f.compare)));
    else if (eqDefined) cls.setAttr("__hash__", null);
  }
  return cls;
}

/** A hash of the field values; equal values hash alike, which is all dict keys need here. */
function hashOf(t: PyTuple): bigint {
  let h = 0;
  for (const c of String(hashKey(t))) h = (Math.imul(h, 31) + c.codePointAt(0)!) | 0;
  return BigInt(h);
}

function asValue(v: Py, asTuple: boolean): Py {
  if (v instanceof PyObject && v.cls instanceof PyClass && v.cls.lookup("__dataclass_fields__") instanceof PyDict) {
    const fields = fieldsOf(v);
    if (asTuple) return new PyTuple(fields.map((f) => asValue(getAttr(v, f.name), true)));
    return PyDict.from(fields.map((f) => [f.name, asValue(getAttr(v, f.name), false)]));
  }
  if (v instanceof PyList) return new PyList(v.items.map((x) => asValue(x, asTuple)));
  if (v instanceof PyTuple) return new PyTuple(v.items.map((x) => asValue(x, asTuple)));
  if (v instanceof PyDict) {
    const out = new PyDict();
    for (const [k, x] of v.map.values()) out.set(asValue(k, asTuple), asValue(x, asTuple));
    return out;
  }
  return v;
}

const isDataclassInstance = (v: Py) => !(v instanceof PyClass) && v instanceof PyObject && v.cls instanceof PyClass && v.cls.lookup("__dataclass_fields__") instanceof PyDict;

export function dataclassesModule() {
  return makeModule(
    "dataclasses",
    {
      dataclass: (args, kw) => {
        // @dataclass, or @dataclass(frozen=True, …) returning the decorator
        if (args.length) return dataclass(args[0], kw);
        return new PyBuiltin("dataclass", (a) => dataclass(a[0], kw));
      },
      field,
      fields: (args) => new PyTuple(fieldsOf(args[0]).map(makeField)),
      asdict: (args) => {
        if (!isDataclassInstance(args[0])) throw pyError(E.TypeError, "asdict() should be called on dataclass instances");
        return asValue(args[0], false);
      },
      astuple: (args) => {
        if (!isDataclassInstance(args[0])) throw pyError(E.TypeError, "astuple() should be called on dataclass instances");
        return asValue(args[0], true);
      },
      is_dataclass: (args) => {
        const v = args[0];
        const cls = v instanceof PyClass ? v : typeOf(v);
        return cls instanceof PyClass && cls.lookup("__dataclass_fields__") instanceof PyDict;
      },
      replace: (args, kw) => {
        const obj = arg("replace", args, null, 0, "obj");
        if (!isDataclassInstance(obj)) throw pyError(E.TypeError, "replace() should be called on dataclass instances");
        const values = new Map<string, Py>();
        for (const f of fieldsOf(obj)) if (f.init) values.set(f.name, getAttr(obj, f.name));
        for (const [k, v] of kw ?? []) values.set(k, v);
        return runtime.call(typeOf(obj), [], values);
      },
    },
    { MISSING, FrozenInstanceError },
  );
}
