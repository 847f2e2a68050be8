// The answer node of a chatflow: renders its template; the engine streams it as `message` events
// and the run's answer is every Answer node's text joined.
import { z } from "zod";
import { VariablePool } from "../variables";
import type { WorkflowNode } from "./types";

const schema = z.looseObject({ answer: z.string().default("") });

const isFile = (v: unknown) =>
  typeof v === "object" &&
  v !== null &&
  ((v as Record<string, unknown>).dify_model_identity === "__dify__file__" || "transfer_method" in (v as object));

export const answerNode: WorkflowNode<typeof schema> = {
  type: "answer",
  schema,
  selectors: (data) => VariablePool.selectorsIn(data.answer),
  async run(ctx, data) {
    const files: unknown[] = [];
    for (const selector of VariablePool.selectorsIn(data.answer)) {
      const value = ctx.pool.get(selector);
      if (isFile(value)) files.push(value);
      else if (Array.isArray(value)) files.push(...value.filter(isFile));
    }
    return { outputs: { answer: ctx.pool.render(data.answer), files } };
  },
};
