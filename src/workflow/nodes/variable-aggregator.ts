// The variable aggregator (also stored under its old name `variable-assigner`): outputs the
// first of its variables that is set (even to None), typically the one branch that ran. With groups, each
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

/** The first variable that is set, as Dify's aggregator takes it: one set to None counts (its node ran). */
function firstSet(pool: VariablePool, list: string[][]): { found: boolean; value: unknown } {
  for (const selector of list) {
    const hit = pool.find(selector);
    if (hit.found) return { found: true, value: hit.value ?? null };
  }
  return { found: false, value: undefined };
}

function aggregate(pool: VariablePool, data: z.infer<typeof schema>): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  if (data.advanced_settings?.group_enabled) {
    for (const group of data.advanced_settings.groups) {
      const hit = firstSet(pool, group.variables);
      if (hit.found) outputs[group.group_name] = { output: hit.value };
    }
    return outputs;
  }
  const hit = firstSet(pool, data.variables);
  if (hit.found) outputs.output = hit.value;
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
