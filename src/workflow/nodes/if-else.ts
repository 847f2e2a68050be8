// The if-else node: the first case whose conditions hold picks the branch (its case_id); none
// picks "false". Workflows from before cases existed have one top-level condition list, whose
// branches are "true" / "false".
import { z } from "zod";
import { conditionSchema, evaluateConditions, logicalOperatorSchema } from "../conditions";
import type { WorkflowNode } from "./types";

const caseSchema = z.looseObject({
  case_id: z.string().optional(),
  id: z.string().optional(),
  logical_operator: logicalOperatorSchema,
  conditions: z.array(conditionSchema).default([]),
});

const schema = z
  .looseObject({
    cases: z.array(caseSchema).optional().nullable(),
    logical_operator: logicalOperatorSchema.optional(),
    conditions: z.array(conditionSchema).optional().nullable(),
  })
  .refine((d) => (d.cases?.length ?? 0) > 0 || (d.conditions?.length ?? 0) > 0, {
    message: "an if-else node needs cases (or the legacy conditions list)",
  });

export const ifElseNode: WorkflowNode<typeof schema> = {
  type: "if-else",
  schema,
  selectors: (data) =>
    [...(data.cases ?? []).flatMap((c) => c.conditions), ...(data.conditions ?? [])].map((c) => c.variable_selector),
  async run(ctx, data) {
    const cases = data.cases?.length
      ? data.cases.map((c) => ({ id: c.case_id ?? c.id ?? "true", op: c.logical_operator, conditions: c.conditions }))
      : [{ id: "true", op: data.logical_operator ?? "and", conditions: data.conditions ?? [] }];
    const evaluated: unknown[] = [];
    for (const c of cases) {
      const { result, evaluated: checked } = evaluateConditions(ctx.pool, c.conditions, c.op);
      evaluated.push(...checked);
      if (result) {
        return {
          outputs: { result: true, selected_case_id: c.id },
          inputs: { conditions: evaluated },
          processData: { condition_results: evaluated },
          edgeSourceHandle: c.id,
        };
      }
    }
    return {
      outputs: { result: false, selected_case_id: "false" },
      inputs: { conditions: evaluated },
      processData: { condition_results: evaluated },
      edgeSourceHandle: "false",
    };
  },
};
