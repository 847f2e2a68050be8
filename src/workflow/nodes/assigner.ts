// The variable assigner: writes conversation variables (and, inside a loop, loop variables).
// Version 1 has one target with a write mode; version "2" has a list of items, each with an
// operation. Values must keep the variable's type, as in Dify.
import { z } from "zod";
import { Invalid } from "../../lib/errors";
import { engineOf } from "../engine/state";
import type { WorkflowNode } from "./types";

const OPERATIONS = ["over-write", "clear", "append", "extend", "set", "+=", "-=", "*=", "/=", "remove-first", "remove-last"] as const;
type Operation = (typeof OPERATIONS)[number];
const NO_VALUE: ReadonlySet<Operation> = new Set(["clear", "remove-first", "remove-last"]);

const selector = z.array(z.string()).min(2);
const itemSchema = z.looseObject({
  variable_selector: selector,
  operation: z.enum(OPERATIONS),
  input_type: z.enum(["variable", "constant"]).default("variable"),
  value: z.unknown().optional(),
});

const schema = z
  .looseObject({
    version: z.string().optional(),
    items: z.array(itemSchema).optional(),
    assigned_variable_selector: selector.optional(),
    write_mode: z.enum(["over-write", "append", "clear"]).optional(),
    input_variable_selector: z.array(z.string()).optional(),
  })
  .refine((d) => (d.version === "2" ? Array.isArray(d.items) : !!d.assigned_variable_selector && !!d.write_mode), {
    message: "a version 2 assigner needs items; a version 1 assigner needs assigned_variable_selector and write_mode",
  });

type Kind = "string" | "number" | "boolean" | "object" | "array";
function kindOf(value: unknown): Kind | null {
  if (Array.isArray(value)) return "array";
  if (value === null || value === undefined) return null;
  const t = typeof value;
  return t === "string" || t === "number" || t === "boolean" || t === "object" ? t : null;
}

const EMPTY: Record<Kind, unknown> = { string: "", number: 0, boolean: false, object: {}, array: [] };

/** Constants typed in the editor may arrive as text; read them as the variable's type. */
function fromConstant(current: unknown, value: unknown): unknown {
  if (typeof value !== "string") return value;
  const kind = kindOf(current);
  if (kind === "number" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  if (kind === "boolean" && (value === "true" || value === "false")) return value === "true";
  if (kind === "object" || kind === "array") {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

function apply(name: string, current: unknown, op: Operation, value: unknown): unknown {
  const kind = kindOf(current);
  const wrongType = () => Invalid(`Operation "${op}" is not supported for variable ${name} of type ${kind ?? "null"}`);
  switch (op) {
    case "over-write":
    case "set":
      if (kind && value !== null && kindOf(value) !== kind) {
        throw Invalid(`Value for ${name} must be of type ${kind}, got ${kindOf(value) ?? "null"}`);
      }
      return value;
    case "clear":
      return kind ? EMPTY[kind] : null;
    case "append":
      if (kind !== "array") throw wrongType();
      return [...(current as unknown[]), value];
    case "extend":
      if (kind !== "array") throw wrongType();
      if (!Array.isArray(value)) throw Invalid(`Value to extend ${name} with must be an array`);
      return [...(current as unknown[]), ...value];
    case "remove-first":
      if (kind !== "array") throw wrongType();
      return (current as unknown[]).slice(1);
    case "remove-last":
      if (kind !== "array") throw wrongType();
      return (current as unknown[]).slice(0, -1);
    default: {
      if (kind !== "number") throw wrongType();
      const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
      if (!Number.isFinite(n)) throw Invalid(`Value for ${op} on ${name} must be a number`);
      const a = current as number;
      if (op === "+=") return a + n;
      if (op === "-=") return a - n;
      if (op === "*=") return a * n;
      if (n === 0) throw Invalid(`Cannot divide ${name} by zero`);
      return a / n;
    }
  }
}

export const assignerNode: WorkflowNode<typeof schema> = {
  type: "assigner",
  schema,
  selectors: (data) =>
    data.version === "2"
      ? (data.items ?? []).flatMap((i) => [i.variable_selector, ...(i.input_type === "variable" && Array.isArray(i.value) ? [i.value as string[]] : [])])
      : [data.assigned_variable_selector ?? [], data.input_variable_selector ?? []].filter((s) => s.length >= 2),
  async run(ctx, data) {
    const engine = engineOf(ctx);
    const write = (sel: readonly string[], value: unknown) =>
      engine ? engine.assign(sel, value) : ctx.pool.set(sel[0], sel[1], value);
    const items =
      data.version === "2"
        ? (data.items ?? [])
        : [
            {
              variable_selector: data.assigned_variable_selector ?? [],
              operation: data.write_mode as Operation,
              input_type: "variable" as const,
              value: data.input_variable_selector,
            },
          ];
    const updated: { name: string; selector: string[]; value: unknown }[] = [];
    for (const item of items) {
      const target = item.variable_selector;
      const name = target.join(".");
      if (target.length !== 2) throw Invalid(`Assigner target ${name} must name a variable, not a path inside one`);
      if (target[0] === "sys" || target[0] === "env") throw Invalid(`Variable ${name} is read-only`);
      if (!ctx.pool.has(target)) throw Invalid(`Variable ${name} not found`);
      let value: unknown;
      if (!NO_VALUE.has(item.operation)) {
        if (item.input_type === "variable") {
          if (!Array.isArray(item.value) || item.value.length < 2) throw Invalid(`Assigner item for ${name} needs a value selector`);
          value = ctx.pool.get(item.value as string[]);
          if (value === undefined) throw Invalid(`Variable ${(item.value as string[]).join(".")} not found`);
          // Version 2 leaves the variable as it is when the source holds None, as Dify's does.
          if (value === null && data.version === "2") continue;
        } else value = fromConstant(ctx.pool.get(target), item.value);
      }
      const next = apply(name, ctx.pool.get(target), item.operation, value);
      write(target, next);
      updated.push({ name: target[1], selector: target, value: next });
    }
    return { outputs: {}, processData: { updated_variables: updated } };
  },
};
