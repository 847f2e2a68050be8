// A tool's parameters as a form: every value is typed as text on screen, then turned into the
// JSON value the tool expects (numbers, booleans, objects) before a test call.
import type { ToolParameter } from "../api/types";

export type ParamValues = Record<string, string>;

function initialText(p: ToolParameter): string {
  if (p.default === undefined || p.default === null) return p.type === "boolean" ? "false" : "";
  return typeof p.default === "string" ? p.default : JSON.stringify(p.default);
}

export function initialParamValues(parameters: ToolParameter[]): ParamValues {
  return Object.fromEntries(parameters.map((p) => [p.name, initialText(p)]));
}

export type ParamsResult = { ok: true; args: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

/** The call's arguments, or what is wrong with each field, in words. Blank optional fields are left out. */
export function toToolArgs(parameters: ToolParameter[], values: ParamValues): ParamsResult {
  const args: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const p of parameters) {
    const text = (values[p.name] ?? "").trim();
    if (!text) {
      if (p.required && p.type !== "boolean") errors[p.name] = `${p.label || p.name} is required.`;
      continue;
    }
    switch (p.type) {
      case "number": {
        const n = Number(text);
        if (Number.isFinite(n)) args[p.name] = n;
        else errors[p.name] = "Enter a number.";
        break;
      }
      case "boolean":
        args[p.name] = text === "true";
        break;
      case "object":
      case "array": {
        try {
          const parsed: unknown = JSON.parse(text);
          const isArray = Array.isArray(parsed);
          if (p.type === "array" ? isArray : parsed !== null && typeof parsed === "object" && !isArray) args[p.name] = parsed;
          else errors[p.name] = p.type === "array" ? "Enter a JSON array, e.g. [1, 2]." : 'Enter a JSON object, e.g. {"key": "value"}.';
        } catch {
          errors[p.name] = "This isn't valid JSON.";
        }
        break;
      }
      default:
        args[p.name] = values[p.name];
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, args };
}
