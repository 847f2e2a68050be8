// The variable form's values: starting values from each variable's default, and the checks the
// server will make (required, length, number, option), so the visitor hears about them first.
import type { FormVariable } from "../api/types";

export type InputValues = Record<string, string>;

export function initialValues(variables: FormVariable[]): InputValues {
  return Object.fromEntries(
    variables.map((v) => [v.variable, v.default === null || v.default === undefined ? "" : String(v.default)]),
  );
}

export function validateValues(variables: FormVariable[], values: InputValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const v of variables) {
    if (v.hide) continue;
    const value = (values[v.variable] ?? "").trim();
    if (!value) {
      if (v.required) errors[v.variable] = `${v.label} is required.`;
      continue;
    }
    if (v.kind === "number" && !Number.isFinite(Number(value))) errors[v.variable] = `${v.label} must be a number.`;
    else if (v.kind === "select" && !v.options.includes(value)) errors[v.variable] = `Choose one of the options for ${v.label}.`;
    else if (v.max_length && (values[v.variable] ?? "").length > v.max_length) {
      errors[v.variable] = `${v.label} can be at most ${v.max_length} characters.`;
    }
  }
  return errors;
}

/** The values as the API takes them: numbers as numbers, empty optional fields left out. */
export function toInputs(variables: FormVariable[], values: InputValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of variables) {
    const raw = values[v.variable] ?? "";
    if (raw === "") continue;
    out[v.variable] = v.kind === "number" ? Number(raw) : raw;
  }
  return out;
}
