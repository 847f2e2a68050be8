// Validates a run's `inputs` against the app's variable form, as Dify does: only declared
// variables are kept, required ones must be present, selects must be an option, text is capped.
import { Invalid } from "../lib/errors";
import { type FormVariable, formVariables, type ModelConfig } from "./model-config";

export type Inputs = Record<string, string | number | boolean>;

const TRUTHY = new Set(["true", "1", "yes", "on"]);

function coerce(v: FormVariable, value: unknown): string | number | boolean {
  const field = v.variable;
  switch (v.kind) {
    case "number": {
      if (typeof value === "number" && Number.isFinite(value)) return value;
      if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
      throw Invalid(`${field} in input form must be a valid number`, [`inputs.${field}`]);
    }
    case "checkbox":
      if (typeof value === "boolean") return value;
      if (typeof value === "number") return value === 1;
      if (typeof value === "string") return TRUTHY.has(value.toLowerCase());
      throw Invalid(`${field} in input form must be a boolean`, [`inputs.${field}`]);
    case "json_object":
      if (typeof value !== "string") throw Invalid(`${field} in input form must be a JSON string`, [`inputs.${field}`]);
      try {
        JSON.parse(value);
      } catch {
        throw Invalid(`${field} in input form must be valid JSON`, [`inputs.${field}`]);
      }
      return value;
    default: {
      if (typeof value !== "string") throw Invalid(`${field} in input form must be a string`, [`inputs.${field}`]);
      const text = value.replaceAll("\x00", "");
      if (v.kind === "select" && !v.options.includes(text)) {
        throw Invalid(`${field} in input form must be one of the following: [${v.options.join(", ")}]`, [`inputs.${field}`]);
      }
      if (v.max_length && text.length > v.max_length) {
        throw Invalid(`${field} in input form must be less than ${v.max_length} characters`, [`inputs.${field}`]);
      }
      return text;
    }
  }
}

export function validateInputs(config: ModelConfig, raw: Record<string, unknown>): Inputs {
  const out: Inputs = {};
  for (const v of formVariables(config)) {
    const value = raw[v.variable];
    const missing = value === undefined || value === null || value === "";
    if (missing) {
      if (v.required) throw Invalid(`${v.variable} is required in input form`, [`inputs.${v.variable}`]);
      if (v.default !== undefined && v.default !== null && v.default !== "") out[v.variable] = v.default;
      continue;
    }
    out[v.variable] = coerce(v, value);
  }
  return out;
}
