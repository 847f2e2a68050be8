// One mathjs instance for every workspace, with the functions that could change it or run away
// removed (mathjs's own security advice): an expression can compute, never import, define units,
// reconfigure the shared instance, parse nested expressions or allocate a huge matrix. mathjs
// interprets its syntax tree (no eval, no new Function), so it runs in Workers.
import type { MathJsInstance } from "mathjs";

/** Longest expression accepted; a calculator expression is short, a long one is an attack or a mistake. */
export const MAX_EXPRESSION_CHARS = 2_000;
/** Most elements a range or a generated matrix may have. */
export const MAX_ELEMENTS = 100_000;

const DISABLED = [
  "import",
  "createUnit",
  "reviver",
  "config",
  "evaluate",
  "parse",
  "compile",
  "parser",
  "chain",
  "simplify",
  "simplifyConstant",
  "simplifyCore",
  "derivative",
  "resolve",
  "rationalize",
  "matrixFromFunction",
  "help",
];

type Fn = (...args: unknown[]) => unknown;

function disabled(name: string): Fn {
  return () => {
    throw new Error(`Function ${name} is disabled`);
  };
}

/** Elements a zeros/ones/identity call would allocate: the product of its size arguments. */
function sizeOf(args: unknown[]): number {
  let total = 1;
  for (const a of args) {
    if (typeof a === "number") total *= Math.max(0, a);
    else if (Array.isArray(a)) total *= sizeOf(a);
    else if (a && typeof a === "object" && "toArray" in a && typeof a.toArray === "function") total *= sizeOf(a.toArray());
    else if (a && typeof a === "object" && "toNumber" in a && typeof a.toNumber === "function") total *= Math.max(0, a.toNumber());
  }
  return total;
}

const num = (v: unknown) => (typeof v === "number" ? v : Number(String(v)));

/** How many values range(start, end, step) yields, without building it. */
function rangeLength(args: unknown[]): number {
  if (typeof args[0] === "string") {
    const parts = args[0].split(":").map(Number);
    return rangeLength(parts.length === 3 ? [parts[0], parts[2], parts[1]] : parts);
  }
  const [start, end, step = 1] = args.map(num);
  return Math.abs((end - start) / (step || 1));
}

function limit(name: string, original: Fn, count: (args: unknown[]) => number): Fn {
  return (...args: unknown[]) => {
    if (count(args) > MAX_ELEMENTS) throw new Error(`${name}: more than ${MAX_ELEMENTS} elements`);
    return original(...args);
  };
}

/**
 * The function wrapped with a size check. Overriding a function drops its expression transform
 * (range's makes `1:100` include 100), so a transform is wrapped and carried over too.
 */
function capped(math: MathJsInstance, name: "zeros" | "ones" | "identity" | "range", count: (args: unknown[]) => number) {
  const wrapped = limit(name, math[name] as Fn, count);
  const transform = (math.expression as unknown as { transform: Record<string, Fn | undefined> }).transform[name];
  return transform ? Object.assign(wrapped, { transform: limit(name, transform, count) }) : wrapped;
}

async function createLimitedMath() {
  // Imported when first needed: mathjs is large, and every isolate that never calculates (and
  // every test file) would pay for loading it.
  const { all, create } = await import("mathjs");
  const math = create(all);
  const evaluate = math.evaluate;
  math.import(
    {
      ...Object.fromEntries(DISABLED.map((name) => [name, disabled(name)])),
      zeros: capped(math, "zeros", sizeOf),
      ones: capped(math, "ones", sizeOf),
      identity: capped(math, "identity", sizeOf),
      range: capped(math, "range", rangeLength),
    },
    { override: true },
  );
  return { evaluate, format: math.format };
}

// Built on first use: creating the instance costs start-up time a Worker that never calculates should not pay.
let limitedMath: ReturnType<typeof createLimitedMath> | undefined;

/** Evaluates one or more statements (separated by ";" or new lines) in a fresh scope; answers each value. */
export async function evaluateExpression(expression: string): Promise<string[]> {
  if (expression.length > MAX_EXPRESSION_CHARS) {
    throw new Error(`The expression is too long (${expression.length} characters; at most ${MAX_EXPRESSION_CHARS})`);
  }
  // A failed load is not kept: the next call tries again.
  limitedMath ??= createLimitedMath().catch((err) => {
    limitedMath = undefined;
    throw err;
  });
  const { evaluate, format } = await limitedMath;
  const result: unknown = evaluate(expression, new Map());
  // Several statements answer a ResultSet; assignments ending in ";" are left out of it.
  const list = result && typeof result === "object" && "entries" in result && Array.isArray(result.entries) ? result.entries : [result];
  return list.filter((v) => v !== undefined).map((v) => (typeof v === "function" ? "[function]" : format(v, { precision: 14 })));
}
