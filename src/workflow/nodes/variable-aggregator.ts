// The variable aggregator (also stored under its old name `variable-assigner`): outputs the
// first of its variables that has a value, typically the one branch that ran. With groups, each
// group aggregates separately into `<group_name>.output`.
import { z } from "zod";
import type { VariablePool } from "../variables";
import type { WorkflowNode } from "./types";

const selectors = z.array(z.array(z.string()).min(2)).default([]);

const schema = z.looseObject({
  output_type: z.string().optional(),
  variables: selectors,
  advanced_settings: z
    .looseObject({
      group_enabled: z.boolean().default(false),
      groups: z.array(z.looseObject({ group_name: z.string().min(1), output_type: z.string().optional(), variables: selectors })).default([]),
    })
    .optional()
    .nullable(),
});

function firstSet(pool: VariablePool, list: string[][]): unknown {
  for (const selector of list) {
    const value = pool.get(selector);
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

function aggregate(pool: VariablePool, data: z.infer<typeof schema>): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  if (data.advanced_settings?.group_enabled) {
    for (const group of data.advanced_settings.groups) {
      const value = firstSet(pool, group.variables);
      if (value !== undefined) outputs[group.group_name] = { output: value };
    }
    return outputs;
  }
  const value = firstSet(pool, data.variables);
  if (value !== undefined) outputs.output = value;
  return outputs;
}

const allSelectors = (data: z.infer<typeof schema>) => [
  ...data.variables,
  ...(data.advanced_settings?.groups ?? []).flatMap((g) => g.variables),
];

export const variableAggregatorNode: WorkflowNode<typeof schema> = {
  type: "variable-aggregator",
  schema,
  selectors: allSelectors,
  async run(ctx, data) {
    return { outputs: aggregate(ctx.pool, data) };
  },
};

/** Dify's DSL still names the same node `variable-assigner` in older apps. */
export const legacyVariableAssignerNode: WorkflowNode<typeof schema> = { ...variableAggregatorNode, type: "variable-assigner" };
