// Jinja2 templates as Dify renders them (template-transform and jinja2 prompts run Python's
// `jinja2.Template(source).render(**inputs)` in its sandbox), on @huggingface/jinja:
// - Python's defaults for whitespace: no trim_blocks, no lstrip_blocks (the library's own
//   Template turns both on, as chat templates want), and one trailing newline of the source
//   dropped (keep_trailing_newline is off; the tokenizer does that);
// - printed values as Python's str() prints them: True/False, None, lists and dicts in their
//   repr (`['a', 'b']`, `{'k': 1}`), where the library prints JSON; the same for `~`
//   concatenation, the `string` filter and `join`, which Jinja2 also builds from str();
// - `+` as Python adds (a string and a number do not add: TypeError), line endings as "\n";
// - Jinja2's own filters where the library lacks them or uses JavaScript's rules: jinja-filters.ts.
import { Environment, Interpreter, parse, tokenize } from "@huggingface/jinja";
import { PYTHON_FILTERS, type Plain, pythonFilter } from "./jinja-filters";
import { PyFloat, PyTupleValue, pyRepr as plainRepr, pyStr as plainStr } from "./py-plain";
import { wrapPlain } from "./sandbox/python/modules/textwrap";

/** The statements of the template language; every other node a block holds is a printed expression. */
const STATEMENTS = new Set(["If", "For", "Break", "Continue", "Set", "Macro", "Comment", "FilterStatement", "CallStatement"]);

interface Value {
  type: string;
  value: unknown;
  toString(): string;
}

function pyQuote(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else out += ch;
  }
  return out + quote;
}

/** Python's repr() of a runtime value, as it appears inside a printed list or dict. */
function pyRepr(v: Value): string {
  switch (v.type) {
    case "StringValue":
      return pyQuote(String(v.value));
    case "ArrayValue":
      return `[${(v.value as Value[]).map(pyRepr).join(", ")}]`;
    case "TupleValue": {
      const items = (v.value as Value[]).map(pyRepr);
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    }
    case "ObjectValue":
    case "KeywordArgumentsValue":
    case "NamespaceValue":
      return `{${[...(v.value as Map<string, Value>)].map(([k, x]) => `${pyQuote(k)}: ${pyRepr(x)}`).join(", ")}}`;
    default:
      return pyStr(v);
  }
}

/** Python's str() of a printed value. */
function pyStr(v: Value): string {
  switch (v.type) {
    case "BooleanValue":
      return v.value ? "True" : "False";
    case "NullValue":
      return "None";
    case "UndefinedValue":
      return "";
    case "StringValue":
      return String(v.value);
    case "ArrayValue":
    case "TupleValue":
    case "ObjectValue":
    case "KeywordArgumentsValue":
    case "NamespaceValue":
      return pyRepr(v);
    default:
      return v.toString();
  }
}

type Block = (statements: { type: string }[], environment: unknown) => Value;
type Node = { type: string; value?: unknown; operator?: { value: string }; left?: Node; right?: Node; callee?: Node; args?: Node[] };

/** Python's name of a runtime value's type, as its error messages give it. */
const PY_TYPES: Record<string, string> = {
  IntegerValue: "int",
  FloatValue: "float",
  BooleanValue: "bool",
  StringValue: "str",
  NullValue: "NoneType",
  ArrayValue: "list",
  TupleValue: "tuple",
  ObjectValue: "dict",
};
const pyType = (v: Value) => PY_TYPES[v.type] ?? v.type;
const NUMERIC = new Set(["IntegerValue", "FloatValue", "BooleanValue"]);

type Filter = (operand: Value, filter: Node, environment: unknown) => Value;
type Binary = (node: Node, environment: unknown) => Value;

/**
 * An interpreter whose blocks print values as Python does. The library keeps evaluateBlock
 * private, so the instance gets its own; every block (the template's, an if's, a loop's) goes
 * through it.
 */
function pythonInterpreter(env: Environment): Interpreter {
  const interpreter = new Interpreter(env);
  const base = (Interpreter.prototype as unknown as { evaluateBlock: Block }).evaluateBlock;
  const evaluate = (statement: unknown, environment: unknown) =>
    (interpreter as unknown as { evaluate(s: unknown, e: unknown): Value }).evaluate(statement, environment);
  const self = interpreter as unknown as { evaluateBlock: Block; applyFilter: Filter; evaluateBinaryExpression: Binary };
  const proto = Interpreter.prototype as unknown as { applyFilter: Filter; evaluateBinaryExpression: Binary };
  /** A string runtime value (the library does not export its class). */
  const text = (s: string, environment: unknown) => {
    const value = evaluate({ type: "StringLiteral", value: "" }, environment);
    value.value = s;
    return value;
  };
  const literal = (type: string, value: unknown, environment: unknown) => {
    const v = evaluate({ type, value: type === "ArrayLiteral" || type === "TupleLiteral" ? [] : value }, environment);
    v.value = value;
    return v;
  };
  const evaluateArguments = (args: Node[], environment: unknown) =>
    (interpreter as unknown as { evaluateArguments(a: Node[], e: unknown): [Value[], Map<string, Value>] }).evaluateArguments(args, environment);
  /** A runtime value as a plain one for jinja-filters.ts (floats and tuples keep their kind). */
  const toPlain = (v: Value | undefined): Plain => {
    if (!v) return undefined;
    switch (v.type) {
      case "FloatValue":
        return new PyFloat(v.value as number);
      case "ArrayValue":
        return (v.value as Value[]).map(toPlain);
      case "TupleValue":
        return new PyTupleValue((v.value as Value[]).map(toPlain));
      case "ObjectValue":
      case "KeywordArgumentsValue":
        return Object.fromEntries([...(v.value as Map<string, Value>)].map(([k, x]) => [k, toPlain(x)]));
      case "NullValue":
        return null;
      case "UndefinedValue":
        return undefined;
      default:
        return v.value;
    }
  };
  const unwrap = (p: Plain): unknown =>
    p instanceof PyFloat
      ? p.value
      : p instanceof PyTupleValue
        ? p.items.map(unwrap)
        : Array.isArray(p)
          ? p.map(unwrap)
          : p && typeof p === "object"
            ? Object.fromEntries(Object.entries(p).map(([k, x]) => [k, unwrap(x)]))
            : p;
  const fromPlain = (p: Plain, environment: unknown): Value => {
    if (p instanceof PyFloat) return literal("FloatLiteral", p.value, environment);
    if (p instanceof PyTupleValue) return literal("TupleLiteral", p.items.map((x) => fromPlain(x, environment)), environment);
    if (Array.isArray(p)) return literal("ArrayLiteral", p.map((x) => fromPlain(x, environment)), environment);
    if (typeof p === "string") return text(p, environment);
    if (typeof p === "number") return literal(Number.isInteger(p) ? "IntegerLiteral" : "FloatLiteral", p, environment);
    // None, True and False are the environment's literals (see LITERALS)
    if (p === null) return evaluate({ type: "Identifier", value: "None" }, environment);
    if (typeof p === "boolean") return evaluate({ type: "Identifier", value: p ? "True" : "False" }, environment);
    const scratch = new Environment();
    scratch.set("v", unwrap(p));
    return scratch.lookupVariable("v") as unknown as Value;
  };
  const filterName = (f: Node) =>
    f.type === "Identifier" ? String(f.value) : f.type === "CallExpression" && f.callee?.type === "Identifier" ? String(f.callee.value) : null;
  const runPythonFilter = (name: string, operand: Plain, args: Plain[], kwargs: Map<string, Plain>, environment: unknown): { value: Plain } | undefined =>
    pythonFilter(name, operand, args, kwargs, {
      // Jinja2 prints an undefined value as nothing
      show: (p) => (p === undefined ? "" : plainStr(p)),
      repr: plainRepr,
      apply: (other, x, rest) => {
        const done = runPythonFilter(other, x, rest, new Map(), environment);
        if (done) return done.value;
        if (rest.length) throw new Error(`map('${other}', …) with arguments is not supported`);
        return toPlain(self.applyFilter(fromPlain(x, environment), { type: "Identifier", value: other }, environment));
      },
      wrap: (t, width, breakLong, breakHyphens) => wrapPlain(t, width, breakLong, breakHyphens),
    });
  self.applyFilter = (operand, filter, environment) => {
    // Jinja2's own filters, where the library lacks them or computes them with JavaScript's rules
    const name = filterName(filter);
    if (name !== null && PYTHON_FILTERS.has(name)) {
      const [args, kwargs] = filter.type === "CallExpression" ? evaluateArguments(filter.args ?? [], environment) : [[], new Map<string, Value>()];
      const done = runPythonFilter(name, toPlain(operand), args.map(toPlain), new Map([...kwargs].map(([k, x]) => [k, toPlain(x)])), environment);
      if (done) return fromPlain(done.value, environment);
    }
    if (filter.type === "Identifier" && filter.value === "string") return text(pyStr(operand), environment);
    return proto.applyFilter.call(interpreter, operand, filter, environment);
  };
  self.evaluateBinaryExpression = (node, environment) => {
    const op = node.operator?.value;
    if (op !== "~" && op !== "+") return proto.evaluateBinaryExpression.call(interpreter, node, environment);
    const left = evaluate(node.left, environment);
    const right = evaluate(node.right, environment);
    if (op === "~") return text(pyStr(left) + pyStr(right), environment);
    // `+` as Python adds: numbers, or two strings, lists or tuples; anything else is a TypeError
    if (NUMERIC.has(left.type) && NUMERIC.has(right.type)) {
      const sum = Number(left.value) + Number(right.value);
      return literal(left.type === "FloatValue" || right.type === "FloatValue" ? "FloatLiteral" : "IntegerLiteral", sum, environment);
    }
    if (left.type === right.type && left.type === "StringValue") return text(String(left.value) + String(right.value), environment);
    if (left.type === right.type && (left.type === "ArrayValue" || left.type === "TupleValue")) {
      return literal(left.type === "ArrayValue" ? "ArrayLiteral" : "TupleLiteral", [...(left.value as Value[]), ...(right.value as Value[])], environment);
    }
    if (left.type === "UndefinedValue" || right.type === "UndefinedValue") return proto.evaluateBinaryExpression.call(interpreter, node, environment);
    if (left.type === "StringValue" || left.type === "ArrayValue" || left.type === "TupleValue") {
      throw new TypeError(`can only concatenate ${pyType(left)} (not "${pyType(right)}") to ${pyType(left)}`);
    }
    throw new TypeError(`unsupported operand type(s) for +: '${pyType(left)}' and '${pyType(right)}'`);
  };
  self.evaluateBlock = (statements, environment) => {
    const block = base.call(interpreter, [], environment);
    let out = "";
    for (const statement of statements) {
      const value = evaluate(statement, environment);
      if (!STATEMENTS.has(statement.type)) out += pyStr(value);
      else if (value.type !== "NullValue" && value.type !== "UndefinedValue") out += value.toString();
    }
    block.value = out;
    return block;
  };
  return interpreter;
}

/** Python's range(): range(stop), range(start, stop[, step]). */
function range(start: number, stop?: number, step = 1): number[] {
  const [from, to] = stop === undefined ? [0, start] : [start, stop];
  if (step === 0) throw new Error("range() arg 3 must not be zero");
  const out: number[] = [];
  for (let i = from; step > 0 ? i < to : i > to; i += step) out.push(i);
  return out;
}

/** Jinja2's literals in both spellings: names no variable can take over. */
const LITERALS = [["true", true], ["false", false], ["none", null], ["True", true], ["False", false], ["None", null]] as const;
const LITERAL_NAMES = new Set<string>(LITERALS.map(([name]) => name));

/** A compiled Jinja2 template; render() answers what Dify's Jinja2 would. */
export class JinjaTemplate {
  private readonly program: ReturnType<typeof parse>;

  constructor(source: string) {
    // The tokenizer drops one trailing newline of the source itself, as Jinja2 does.
    // Jinja2 writes every line ending of the template as "\n" (its newline_sequence).
    this.program = parse(tokenize(source.replace(/\r\n?/g, "\n"), { lstrip_blocks: false, trim_blocks: false }));
  }

  render(variables: Record<string, unknown>): string {
    const env = new Environment();
    // Jinja2's literals in both spellings, and its range().
    for (const [name, value] of LITERALS) env.set(name, value);
    // A variable may shadow range(), as a render() argument does in Jinja2; the literals it cannot.
    if (!Object.hasOwn(variables, "range")) env.set("range", range);
    for (const [name, value] of Object.entries(variables)) if (!LITERAL_NAMES.has(name)) env.set(name, value);
    return (pythonInterpreter(env).run(this.program) as unknown as Value).value as string;
  }
}
