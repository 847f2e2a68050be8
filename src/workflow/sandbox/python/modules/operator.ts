// The operator module: itemgetter, attrgetter and methodcaller (sort keys), and the operators as
// functions, each the same operation as its symbol.
import { getAttr } from "../attributes";
import { binop, compare, contains, eq, getItem, ne, truthy, unary } from "../ops";
import { E, type NativeFn, type Py, PyBuiltin, PyTuple, pyError, runtime, typeName } from "../values";
import { makeModule } from "./module";

function dotted(o: Py, path: Py): Py {
  if (typeof path !== "string") throw pyError(E.TypeError, "attribute name must be a string");
  return path.split(".").reduce((v, name) => getAttr(v, name), o);
}

/** f(x) for one key, a tuple of f(x) for several, as the getters answer. */
function getter(name: string, keys: Py[], get: (o: Py, key: Py) => Py): PyBuiltin {
  if (keys.length === 0) throw pyError(E.TypeError, `${name} expected 1 argument, got 0`);
  return new PyBuiltin(name, ([o]) => (keys.length === 1 ? get(o, keys[0]) : new PyTuple(keys.map((k) => get(o, k)))));
}

const two = (f: (a: Py, b: Py) => Py): NativeFn => ([a, b]) => f(a, b);
const BINARY: Record<string, string> = { add: "+", sub: "-", mul: "*", truediv: "/", floordiv: "//", mod: "%", pow: "**", and_: "&", or_: "|", xor: "^", lshift: "<<", rshift: ">>", matmul: "@" };

export function operatorModule() {
  const fns: Record<string, NativeFn> = {
    itemgetter: (keys) => getter("itemgetter", keys, getItem),
    attrgetter: (names) => getter("attrgetter", names, dotted),
    methodcaller: ([name, ...args], kwargs) => {
      if (typeof name !== "string") throw pyError(E.TypeError, "method name must be a string");
      return new PyBuiltin("methodcaller", ([o]) => runtime.call(getAttr(o, name), args, kwargs));
    },
    eq: two((a, b) => eq(a, b)),
    ne: two((a, b) => ne(a, b)),
    lt: two((a, b) => compare(a, b, "<") < 0),
    le: two((a, b) => compare(a, b, "<=") <= 0),
    gt: two((a, b) => compare(a, b, ">") > 0),
    ge: two((a, b) => compare(a, b, ">=") >= 0),
    not_: ([a]) => !truthy(a),
    truth: ([a]) => truthy(a),
    neg: ([a]) => unary("-", a),
    pos: ([a]) => unary("+", a),
    invert: ([a]) => unary("~", a),
    abs: ([a]) => {
      if (typeof a === "bigint") return a < 0n ? -a : a;
      if (typeof a === "number") return Math.abs(a);
      throw pyError(E.TypeError, `bad operand type for abs(): '${typeName(a)}'`);
    },
    contains: two((a, b) => contains(a, b)),
    getitem: two((a, b) => getItem(a, b)),
    concat: two((a, b) => binop("+", a, b)),
    is_: two((a, b) => a === b),
    is_not: two((a, b) => a !== b),
  };
  for (const [name, op] of Object.entries(BINARY)) fns[name] = two((a, b) => binop(op, a, b));
  return makeModule("operator", fns);
}
