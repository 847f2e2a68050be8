// The app's input variables: Dify's `user_input_form` items (`{ "<kind>": { … } }`) as flat rows
// the editor works with, and the checks a row must pass before the server would accept it.
import type { UserInputItem, VariableFields, VariableKind } from "../api/types";

export const EDITABLE_KINDS = ["text-input", "paragraph", "select", "number"] as const;
export type EditableKind = (typeof EDITABLE_KINDS)[number];

export const KIND_LABELS: Record<VariableKind, string> = {
  "text-input": "Short text",
  paragraph: "Paragraph",
  select: "Select",
  number: "Number",
  checkbox: "Checkbox",
  json_object: "JSON",
};

export interface FormVariable extends VariableFields {
  kind: VariableKind;
}

export function toFormVariables(items: UserInputItem[]): FormVariable[] {
  return items.flatMap((item) =>
    Object.entries(item).map(([kind, fields]) => ({
      ...(fields as VariableFields),
      label: fields?.label ?? "",
      required: Boolean(fields?.required),
      options: fields?.options ?? [],
      kind: kind as VariableKind,
    })),
  );
}

export function toUserInputForm(vars: FormVariable[]): UserInputItem[] {
  return vars.map(({ kind, ...fields }) => ({ [kind]: fields }) as UserInputItem);
}

export function newVariable(name: string, kind: VariableKind = "text-input"): FormVariable {
  return { kind, variable: name, label: name, required: true, max_length: kind === "text-input" ? 48 : null, options: [] };
}

/** Switching kind keeps the name and label; fields that no longer apply are dropped. */
export function changeKind(v: FormVariable, kind: VariableKind): FormVariable {
  const next: FormVariable = { ...v, kind };
  if (kind === "text-input") next.max_length = v.max_length ?? 48;
  if (kind === "paragraph") next.max_length = v.max_length ?? null;
  if (kind === "select" || kind === "number") next.max_length = null;
  if (kind !== "select") next.options = [];
  if (kind === "number" && typeof next.default === "string" && next.default && Number.isNaN(Number(next.default))) {
    next.default = null;
  }
  return next;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

export interface VariableProblem {
  field: "variable" | "options" | "max_length";
  message: string;
}

/** Why a row would be refused, in words, and which field to fix; null when it is fine. */
export function variableProblem(v: FormVariable, all: FormVariable[]): VariableProblem | null {
  const at = (field: VariableProblem["field"], message: string) => ({ field, message });
  if (!v.variable) return at("variable", "Give the variable a key.");
  if (!NAME.test(v.variable)) return at("variable", "Keys start with a letter or _ and use only letters, digits and _.");
  if (all.filter((o) => o.variable === v.variable).length > 1) return at("variable", `Another variable already uses the key ${v.variable}.`);
  if (v.kind === "select" && v.options.filter((o) => o.trim()).length === 0) return at("options", "Add at least one option.");
  if (v.max_length != null && (!Number.isInteger(v.max_length) || v.max_length < 1)) {
    return at("max_length", "Max length must be a whole number above 0.");
  }
  return null;
}

export function moveItem<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

/** Starting values for the debugger's form: each variable's default, or empty. */
export function initialInputs(vars: FormVariable[]): Record<string, string> {
  return Object.fromEntries(vars.map((v) => [v.variable, v.default == null ? "" : String(v.default)]));
}

/** The inputs as the API takes them (numbers as numbers), and the first required one left empty. */
export function prepareInputs(
  vars: FormVariable[],
  values: Record<string, string>,
): { inputs: Record<string, unknown>; missing: FormVariable | null } {
  const inputs: Record<string, unknown> = {};
  let missing: FormVariable | null = null;
  for (const v of vars) {
    const raw = values[v.variable] ?? "";
    if (!raw.trim()) {
      if (v.required && !missing) missing = v;
      continue;
    }
    inputs[v.variable] = v.kind === "number" ? Number(raw) : raw;
  }
  return { inputs, missing };
}

/** A plausible example value per variable, for the API reference's request bodies. */
export function exampleInputs(vars: FormVariable[]): Record<string, string | number> {
  return Object.fromEntries(
    vars.map((v) => [
      v.variable,
      v.default != null && v.default !== ""
        ? v.default
        : v.kind === "number"
          ? 1
          : v.kind === "select"
            ? (v.options[0] ?? "")
            : `your ${v.label || v.variable}`.toLowerCase(),
    ]),
  );
}
