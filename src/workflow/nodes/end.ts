// The end node of a workflow app: its `outputs` become the run's outputs (and are streamed as
// text chunks by the engine).
import { z } from "zod";
import type { WorkflowNode } from "./types";

const schema = z.looseObject({
  outputs: z
    .array(z.looseObject({ variable: z.string().min(1), value_selector: z.array(z.string()).default([]), value_type: z.string().optional() }))
    .default([]),
});

export const endNode: WorkflowNode<typeof schema> = {
  type: "end",
  schema,
  selectors: (data) => data.outputs.map((o) => o.value_selector).filter((s) => s.length >= 2),
  async run(ctx, data) {
    const outputs: Record<string, unknown> = {};
    for (const o of data.outputs) outputs[o.variable] = o.value_selector.length >= 2 ? (ctx.pool.get(o.value_selector) ?? null) : null;
    return { outputs, inputs: outputs };
  },
};
