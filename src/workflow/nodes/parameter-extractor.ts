// The parameter extractor: asks the model to pull the node's typed parameters out of a query and
// outputs each one plus `__is_success`, `__reason` and `__usage`, as Dify does. Both of Dify's
// reasoning modes (function_call, prompt) ask for the same JSON schema here; a reply that is not
// valid leaves every parameter at its type's empty value with __is_success 0 and the reason.
import { z } from "zod";
import { laxString } from "../../lib/lax";
import { textOf } from "../variables";
import { invokeModel, modelSchema, parseJsonObject } from "./model/invoke";
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

/** Coerces one extracted value to its declared type; null when it cannot be. */
function coerce(p: Parameter, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (p.type) {
    case "number": {
      const n = typeof value === "number" ? value : Number(value);
      return Number.isFinite(n) ? n : null;
    }
    case "boolean":
    case "bool":
      if (typeof value === "boolean") return value;
      if (value === "true" || value === "false") return value === "true";
      return null;
    case "select":
      return p.options?.includes(String(value)) ? String(value) : null;
    case "string":
      return typeof value === "object" ? JSON.stringify(value) : String(value);
    default: {
      if (!Array.isArray(value)) return null;
      const item = p.type.slice(6, -1);
      const ok = value.every((v) => (item === "object" ? typeof v === "object" && v !== null : typeof v === item));
      return ok ? value : null;
    }
  }
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
      "Leave out a parameter the text does not give.",
      instruction ? `Instructions: ${instruction}` : "",
    ]
      .filter(Boolean)
      .join("\n");
    const turns = await loadTurns(ctx, data.memory);
    const answer = await invokeModel(ctx, data.model, [{ role: "system", content: system }, ...turnsAsMessages(turns), { role: "user", content: query }], {
      jsonSchema,
    });

    const reply = parseJsonObject(answer.text);
    const values: Record<string, unknown> = {};
    const problems: string[] = [];
    for (const p of data.parameters) {
      const value = reply ? coerce(p, reply[p.name]) : null;
      if (value === null && reply && reply[p.name] !== undefined && reply[p.name] !== null) problems.push(`${p.name} is not a valid ${p.type}`);
      else if (value === null && p.required && reply) problems.push(`${p.name} is required`);
      values[p.name] = value ?? emptyValue(p);
    }
    const reason = !reply ? "The model's reply is not a JSON object" : problems.length ? `Invalid parameters: ${problems.join("; ")}` : null;
    const outputs: Record<string, unknown> = reason
      ? Object.fromEntries(data.parameters.map((p) => [p.name, emptyValue(p)]))
      : values;
    return {
      outputs: { ...outputs, __is_success: reason ? 0 : 1, __reason: reason, __usage: answer.usage },
      inputs: { query },
      processData: {
        model_mode: data.model.mode,
        model_provider: data.model.provider,
        model_name: data.model.name,
        reasoning_mode: data.reasoning_mode,
        prompts: [
          { role: "system", text: system },
          { role: "user", text: query },
        ],
        reply: answer.text,
        usage: answer.usage,
        finish_reason: answer.finishReason,
      },
      usage: answer.nodeUsage,
      metadata: { total_tokens: answer.nodeUsage.totalTokens, total_price: answer.usage.total_price, currency: "USD" },
    };
  },
};
