// The code node: runs the author's `main` — JavaScript in the QuickJS sandbox, python3 in Kiln's
// Python interpreter (sandbox/python) — and checks the returned values against the declared
// outputs (types, sizes, depth), as Dify does.
import { z } from "zod";
import { Invalid, withErrorType } from "../../lib/errors";
import { createGuardedFetch } from "../../lib/ssrf";
import { pyTypeName } from "../py-plain";
import { runPython } from "../sandbox/python";
import { runJavaScript } from "../sandbox/quickjs";
import type { NodeRunContext, WorkflowNode } from "./types";

/** Dify's CODE_MAX_* limits. */
export const CODE_LIMITS = { stringLength: 400_000, depth: 5, stringArray: 30, objectArray: 30, numberArray: 1000, booleanArray: 1000 };

const OUTPUT_TYPES = ["string", "number", "boolean", "object", "array[string]", "array[number]", "array[object]", "array[boolean]"] as const;
type OutputType = (typeof OUTPUT_TYPES)[number];
interface OutputSpec {
  type: OutputType;
  children?: Record<string, OutputSpec> | null;
}
const outputSpec: z.ZodType<OutputSpec> = z.lazy(() =>
  z.looseObject({ type: z.enum(OUTPUT_TYPES), children: z.record(z.string(), outputSpec).nullable().optional() }),
);

const schema = z.looseObject({
  code_language: z.string().default("javascript"),
  code: z.string().default(""),
  variables: z.array(z.looseObject({ variable: z.string().min(1), value_selector: z.array(z.string()).min(2) })).default([]),
  outputs: z.record(z.string(), outputSpec).nullable().default({}),
});

type Runner = (code: string, inputs: Record<string, unknown>, ctx: NodeRunContext) => Promise<Record<string, unknown>>;

/**
 * Dify's code languages: JavaScript gets `main(args)`, python3 `main(**args)`, as in Dify. Python
 * may use `requests`, through the same SSRF guard as the HTTP Request node.
 */
const RUNNERS = new Map<string, Runner>([
  ["javascript", (code, inputs) => runJavaScript(code, inputs)],
  ["python3", (code, inputs, ctx) => runPython(code, inputs, {}, { fetch: createGuardedFetch(ctx.tctx.config.SSRF_ALLOW_HOSTS), signal: ctx.signal })],
]);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Nesting as Dify counts it: the returned object is level 1, each object inside one more (a list adds none). */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return Math.max(0, ...value.map(depthOf));
  if (isPlainObject(value)) return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

const pyClass = (v: unknown) => `<class '${pyTypeName(v)}'>`;

function checkString(key: string, v: unknown): string {
  if (typeof v !== "string") throw Invalid(`Output ${key} must be a string, got ${pyTypeName(v)} instead.`);
  if (v.length > CODE_LIMITS.stringLength) {
    throw Invalid(`The length of output variable \`${key}\` must be less than ${CODE_LIMITS.stringLength} characters`);
  }
  return v;
}

/** A number; a boolean is one too (Python's bool is an int), output as 1 or 0, as Dify converts it. */
function checkNumber(v: unknown, message: string): number {
  if (typeof v === "boolean") return Number(v);
  if (typeof v !== "number" || !Number.isFinite(v)) throw Invalid(message);
  return v;
}

function checkArray(key: string, v: unknown, max: number, each: (k: string, item: unknown, i: number) => unknown): unknown[] {
  if (!Array.isArray(v)) throw Invalid(`Output ${key} is not an array, got ${pyClass(v)} instead.`);
  if (v.length > max) throw Invalid(`The length of output variable \`${key}\` must be less than ${max} elements.`);
  return v.map((item, i) => each(`${key}[${i}]`, item, i));
}

/**
 * One declared output checked as Dify's code node checks it. Dify lets lists of strings,
 * objects and booleans hold None, and does not check a boolean output's type.
 */
function checkValue(key: string, value: unknown, spec: OutputSpec): unknown {
  if (value === null || value === undefined) return null;
  switch (spec.type) {
    case "string":
      return checkString(key, value);
    case "number":
      return checkNumber(value, `Output ${key} is not a number, got ${pyClass(value)} instead.`);
    case "boolean":
      return value;
    case "object":
      if (!isPlainObject(value)) throw Invalid(`Output ${key} is not an object, got ${pyClass(value)} instead.`);
      return spec.children ? checkOutputs(value, spec.children, `${key}.`) : value;
    case "array[string]":
      return checkArray(key, value, CODE_LIMITS.stringArray, (k, item) => (item === null ? null : checkString(k, item)));
    case "array[number]":
      return checkArray(key, value, CODE_LIMITS.numberArray, (_, item, i) =>
        checkNumber(item, `The element at index ${i} of output variable \`${key}\` must be a number.`),
      );
    case "array[boolean]":
      return checkArray(key, value, CODE_LIMITS.booleanArray, (k, item) => {
        if (item !== null && typeof item !== "boolean") throw Invalid(`Output ${k} is not a boolean, got ${pyClass(item)} instead.`);
        return item;
      });
    case "array[object]":
      return checkArray(key, value, CODE_LIMITS.objectArray, (k, item, i) => {
        if (item === null) return null;
        if (!isPlainObject(item)) throw Invalid(`Output ${k} is not an object, got ${pyClass(item)} instead at index ${i}.`);
        return spec.children ? checkOutputs(item, spec.children, `${k}.`) : item;
      });
  }
}

/** The declared outputs, each checked against its type; a key that is not declared fails the node, as in Dify. */
export function checkOutputs(result: Record<string, unknown>, declared: Record<string, OutputSpec>, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(declared)) {
    if (!(key in result)) throw Invalid(`Output ${prefix}${key} is missing.`);
    out[key] = checkValue(`${prefix}${key}`, result[key], spec);
  }
  if (Object.keys(result).length !== Object.keys(out).length) throw Invalid("Not all output parameters are validated.");
  return out;
}

export const codeNode: WorkflowNode<typeof schema> = {
  type: "code",
  retries: true,
  schema,
  selectors: (data) => data.variables.map((v) => v.value_selector),
  async run(ctx, data) {
    const run = RUNNERS.get(data.code_language);
    if (!run) throw Invalid(`Unsupported code language "${data.code_language}": use "python3" or "javascript".`);
    const inputs: Record<string, unknown> = {};
    for (const v of data.variables) inputs[v.variable] = ctx.pool.get(v.value_selector) ?? null;
    ctx.trace?.({ inputs });
    // Named as Dify's code node names them (error_type): the sandbox's failures, then the checks'.
    let result: Record<string, unknown>;
    try {
      result = await run(data.code, inputs, ctx);
    } catch (err) {
      throw err instanceof Error ? withErrorType(err, "CodeExecutionError") : err;
    }
    if (!isPlainObject(result)) throw withErrorType(Invalid("The code's main function must return an object"), "CodeExecutionError");
    const declared = data.outputs ?? {};
    let outputs = result;
    if (Object.keys(declared).length > 0) {
      try {
        outputs = checkOutputs(result, declared);
      } catch (err) {
        throw err instanceof Error ? withErrorType(err, "OutputValidationError") : err;
      }
    }
    if (depthOf(outputs) > CODE_LIMITS.depth) throw withErrorType(Invalid(`Depth limit ${CODE_LIMITS.depth} reached, object too deep.`), "DepthLimitError");
    return { outputs, inputs };
  },
};
