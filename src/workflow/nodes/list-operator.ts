// The list operator: filters, picks the n-th element, sorts and truncates an array (in that
// order, as Dify), and outputs the result with its first and last records.
import { z } from "zod";
import { Invalid } from "../../lib/errors";
import { itemAttribute, matchesSubCondition, subConditionSchema } from "../conditions";
import type { WorkflowNode } from "./types";

const schema = z.looseObject({
  variable: z.array(z.string()).min(2),
  filter_by: z
    .looseObject({ enabled: z.boolean().default(false), conditions: z.array(subConditionSchema).default([]) })
    .default({ enabled: false, conditions: [] }),
  order_by: z
    .looseObject({ enabled: z.boolean().default(false), key: z.string().default(""), value: z.enum(["asc", "desc"]).default("asc") })
    .default({ enabled: false, key: "", value: "asc" }),
  limit: z.looseObject({ enabled: z.boolean().default(false), size: z.number().int().min(0).default(-1) }).default({ enabled: false, size: -1 }),
  extract_by: z
    .looseObject({ enabled: z.boolean().default(false), serial: z.union([z.string(), z.number()]).default("1") })
    .default({ enabled: false, serial: "1" }),
});

function compareItems(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

export const listOperatorNode: WorkflowNode<typeof schema> = {
  type: "list-operator",
  schema,
  selectors: (data) => [data.variable],
  async run(ctx, data) {
    const name = data.variable.join(".");
    const source = ctx.pool.get(data.variable);
    if (source === undefined) throw Invalid(`Variable ${name} not found`);
    // Nothing to operate on (null, an empty list): an empty result before any operation, as Dify.
    if (!source || (Array.isArray(source) && source.length === 0)) {
      return { outputs: { result: [], first_record: null, last_record: null }, inputs: { variable: [] } };
    }
    if (!Array.isArray(source)) throw Invalid(`Variable ${name} is not an array`);
    let items = [...source];
    const inputs = { variable: source };
    ctx.trace?.({ inputs });
    if (data.filter_by.enabled) {
      for (const condition of data.filter_by.conditions) {
        items = items.filter((item) => matchesSubCondition(item, condition, ctx.pool));
      }
    }
    if (data.extract_by.enabled) {
      const text = ctx.pool.render(String(data.extract_by.serial));
      const serial = Number(text);
      if (!Number.isInteger(serial) || serial < 1 || serial > items.length) {
        throw Invalid(`Invalid serial index ${JSON.stringify(text)}: must be between 1 and ${items.length}`);
      }
      items = [items[serial - 1]];
    }
    if (data.order_by.enabled) {
      const { key, value } = data.order_by;
      const read = (item: unknown) => (key ? itemAttribute(item, key) : item);
      items.sort((a, b) => compareItems(read(a), read(b)) * (value === "desc" ? -1 : 1));
    }
    if (data.limit.enabled && data.limit.size >= 0) items = items.slice(0, data.limit.size);
    return {
      outputs: { result: items, first_record: items[0] ?? null, last_record: items.at(-1) ?? null },
      inputs,
    };
  },
};
