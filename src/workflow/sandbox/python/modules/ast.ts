// The ast module's literal_eval: a Python literal (strings, bytes, numbers, tuples, lists, dicts,
// sets, booleans, None, and set()) read with the sandbox's own parser and built without running
// anything; any other expression is a ValueError, as in CPython. LLM answers written as Python
// dicts are what code nodes use it for.
import type { Expr } from "../ast";
import { PySyntaxError } from "../errors";
import { parse } from "../parser";
import { E, type Py, PyDict, PyList, PySet, PyTuple, pyError, typeName } from "../values";
import { makeModule } from "./module";

function malformed(e: Expr): never {
  throw pyError(E.ValueError, `malformed node or string on line ${e.line}: <ast.${e.k} object>`);
}

function literal(e: Expr): Py {
  switch (e.k) {
    case "Const":
      return e.value;
    case "List":
      return new PyList(e.elts.map(literal));
    case "Tuple":
      return new PyTuple(e.elts.map(literal));
    case "Set": {
      const s = new PySet();
      for (const x of e.elts) s.add(literal(x));
      return s;
    }
    case "Dict": {
      const d = new PyDict();
      e.keys.forEach((k, i) => {
        if (k === null) malformed(e);
        d.set(literal(k), literal(e.values[i]));
      });
      return d;
    }
    case "Call":
      // set() is the one call allowed: the empty set has no literal.
      if (e.func.k === "Name" && e.func.id === "set" && e.args.length === 0 && e.keywords.length === 0) return new PySet();
      return malformed(e);
    case "UnaryOp": {
      if (e.op !== "+" && e.op !== "-") return malformed(e);
      // A number only (True is not one here, as in CPython).
      const n = e.operand.k === "Const" ? e.operand.value : undefined;
      if (typeof n !== "bigint" && typeof n !== "number") return malformed(e);
      return e.op === "-" ? -n : n;
    }
    default:
      return malformed(e);
  }
}

export function astModule() {
  return makeModule("ast", {
    literal_eval: (args) => {
      const source = args[0];
      if (typeof source !== "string") throw pyError(E.ValueError, `malformed node or string: ${typeName(source)}`);
      let body: ReturnType<typeof parse>["body"];
      try {
        body = parse(source.replace(/^[ \t]+/, "")).body;
      } catch (err) {
        if (err instanceof PySyntaxError || err instanceof RangeError) {
          throw pyError(E.SyntaxError, err instanceof PySyntaxError ? `${err.message} (<unknown>, line ${err.line})` : "too many nested parentheses");
        }
        throw err;
      }
      const [only] = body;
      if (body.length !== 1 || only.k !== "Expr") throw pyError(E.SyntaxError, "invalid syntax (<unknown>, line 1)");
      return literal(only.value);
    },
  });
}
