// The parameter extractor: asks the model to pull the node's typed parameters out of a query and
// outputs each one plus `__is_success`, `__reason` and `__usage`, as Dify does. Both of Dify's
// reasoning modes (function_call, prompt) ask for the same JSON schema here. The reply is checked
// and read as Dify's node does: __is_success 0 with the first problem as __reason (a parameter
// missing or extra, of the wrong type, not among a select's options), and each parameter output
// as far as its type reads it.
import { z } from "zod";
import { laxString } from "../../lib/lax";
import { pyStr, pyTypeName } from "../py-plain";
import { textOf } from "../variables";
import { invokeModel, modelSchema, modelTrace, parseJsonObject } from "./model/invoke";
import { loadTurns, memorySchema, turnsAsMessages } from "./model/memory";
import type { WorkflowNode } from "./types";

const PARAMETER_TYPES = ["string", "number", "boolean", "bool", "select", "array[string]", "array[number]", "array[object]", "array[boolean]"] as const;

const parameterSchema = z.looseObject({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a parameter name must be a valid identifier"),
  type: z.enum(PARAMETER_TYPES),
  description: z.string().default(""),
  required: z.boolean().default(false),
  options: z.array(laxString()).nullish(),
});
type Parameter = z.infer<typeof parameterSchema>;

const schema = z.looseObject({
  model: modelSchema,
  query: z.array(z.string()).min(2),
  parameters: z.array(parameterSchema).min(1),
  instruction: z.string().nullish(),
  reasoning_mode: z.enum(["function_call", "prompt"]).catch("function_call").default("function_call"),
  memory: memorySchema,
});

function jsonTypeOf(p: Parameter): Record<string, unknown> {
  switch (p.type) {
    case "number":
      return { type: "number", description: p.description };
    case "boolean":
    case "bool":
      return { type: "boolean", description: p.description };
    case "select":
      return { type: "string", enum: p.options?.length ? p.options : undefined, description: p.description };
    case "array[string]":
      return { type: "array", items: { type: "string" }, description: p.description };
    case "array[number]":
      return { type: "array", items: { type: "number" }, description: p.description };
    case "array[boolean]":
      return { type: "array", items: { type: "boolean" }, description: p.description };
    case "array[object]":
      return { type: "array", items: { type: "object" }, description: p.description };
    default:
      return { type: "string", description: p.description };
  }
}

/** The value a parameter takes when the model gave none (Dify's defaults). */
function emptyValue(p: Parameter): unknown {
  if (p.type === "number") return 0;
  if (p.type === "boolean" || p.type === "bool") return false;
  if (p.type.startsWith("array")) return [];
  return "";
}

/** Dify's segment type name of a parameter type (select is a string, bool a boolean). */
const segmentType = (p: Parameter) => (p.type === "select" ? "string" : p.type === "bool" ? "boolean" : p.type);

const isNumber = (v: unknown) => typeof v === "number" || typeof v === "boolean";
const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
const ITEM_CHECKS: Record<string, (v: unknown) => boolean> = {
  number: isNumber,
  string: (v) => typeof v === "string",
  boolean: (v) => typeof v === "boolean",
  object: isObject,
};

/** Whether the model's value has the parameter's type, as Dify's SegmentType.is_valid (every item of a list). */
function validValue(p: Parameter, v: unknown): boolean {
  const type = segmentType(p);
  if (type.startsWith("array[")) return Array.isArray(v) && v.every(ITEM_CHECKS[type.slice(6, -1)]);
  return ITEM_CHECKS[type](v);
}

/** Dify's inferred segment type of a value, for its type error. */
function inferredType(v: unknown): string {
  if (v === null || v === undefined) return "none";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "float";
  if (typeof v === "string") return "string";
  if (!Array.isArray(v)) return "object";
  const kinds = new Set(v.map(inferredType).map((t) => (t === "integer" || t === "float" ? "number" : t)));
  return kinds.size === 1 ? `array[${[...kinds][0]}]` : "array[any]";
}

/** The first problem Dify's _validate_result finds in the model's result, or null. */
function problemOf(parameters: Parameter[], result: Record<string, unknown>): string | null {
  if (parameters.length !== Object.keys(result).length) return "Invalid number of parameters";
  for (const p of parameters) {
    if (p.required && !(p.name in result)) return `Parameter ${p.name} is required`;
    const value = result[p.name];
    if (!validValue(p, value)) {
      return `Invalid value for parameter ${p.name}, expected segment type: ${segmentType(p)}, actual_type: ${inferredType(value)}, python_type: <class '${pyTypeName(value)}'>, value: ${pyStr(value ?? null)}`;
    }
    if (p.type === "select" && p.options?.length && !p.options.includes(value as string)) return `Invalid \`select\` value for parameter ${p.name}`;
  }
  return null;
}

/** A number as Dify reads one: a boolean as 1/0, text as an int (or a float with a "."); null when it cannot. */
function toNumber(v: unknown): number | null {
  if (typeof v === "boolean") return Number(v);
  if (typeof v === "number") return v;
  if (typeof v !== "string") return null;
  const text = v.trim();
  const ok = v.includes(".") ? /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) : /^[-+]?\d+$/.test(text.replace(/_/g, ""));
  return ok ? Number(text.replace(/_/g, "")) : null;
}

/**
 * One parameter's output as Dify's _transform_result makes it, whatever the checks said: the
 * value read as its type where it can be, the type's empty value where not; a list keeps the
 * items it can read.
 */
function transform(p: Parameter, value: unknown): unknown {
  const type = segmentType(p);
  if (value === undefined) return emptyValue(p);
  if (type.startsWith("array[")) {
    if (!Array.isArray(value)) return emptyValue(p);
    const item = type.slice(6, -1);
    if (item === "number") return value.map(toNumber).filter((n) => n !== null);
    return value.filter(ITEM_CHECKS[item]);
  }
  if (type === "number") return toNumber(value) ?? emptyValue(p);
  if (type === "boolean") return typeof value === "boolean" || (typeof value === "number" && Number.isInteger(value)) ? Boolean(value) : emptyValue(p);
  return typeof value === "string" ? value : emptyValue(p);
}

export const parameterExtractorNode: WorkflowNode<typeof schema> = {
  type: "parameter-extractor",
  schema,
  selectors: (data) => [data.query],
  async run(ctx, data) {
    const query = textOf(ctx.pool.get(data.query));
    const instruction = ctx.pool.render(data.instruction ?? "");
    const properties = Object.fromEntries(data.parameters.map((p) => [p.name, jsonTypeOf(p)]));
    const jsonSchema = { type: "object", properties, required: data.parameters.filter((p) => p.required).map((p) => p.name) };
    const system = [
      "You extract structured parameters from the user's text.",
      `Answer with one JSON object that matches this JSON schema, and nothing else:\n${JSON.stringify(jsonSchema)}`,
      "Give every parameter, each of its type; for one the text does not give, use its type's empty value (\"\", 0, false or []).",
      instruction ? `Instructions: ${instruction}` : "",
    ]
      .filter(Boolean)
      .join("\n");
    const turns = await loadTurns(ctx, data.memory);
    const model = { ...modelTrace(data.model), reasoning_mode: data.reasoning_mode };
    const prompts = [
      { role: "system", text: system },
      { role: "user", text: query },
    ];
    ctx.trace?.({ inputs: { query }, processData: { ...model, prompts } });
    const answer = await invokeModel(ctx, data.model, [{ role: "system", content: system }, ...turnsAsMessages(turns), { role: "user", content: query }], {
      jsonSchema,
    });

    // As Dify: a reply with no JSON object is the empty result; the result is checked (the first
    // problem is the reason), and each parameter is output as its type reads it either way.
    const reply = parseJsonObject(answer.text);
    const result = reply ?? Object.fromEntries(data.parameters.map((p) => [p.name, emptyValue(p)]));
    const reason = reply ? problemOf(data.parameters, reply) : "Failed to extract result from function call or text response, using empty result.";
    const outputs = Object.fromEntries(data.parameters.map((p) => [p.name, transform(p, result[p.name])]));
    return {
      outputs: { __is_success: reason ? 0 : 1, __reason: reason, __usage: answer.usage, ...outputs },
      inputs: { query },
      processData: {
        ...model,
        prompts,
        reply: answer.text,
        usage: answer.usage,
        finish_reason: answer.finishReason,
      },
      usage: answer.nodeUsage,
      metadata: { total_tokens: answer.nodeUsage.totalTokens, total_price: answer.usage.total_price, currency: "USD" },
    };
  },
};
