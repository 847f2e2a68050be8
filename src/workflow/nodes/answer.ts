// The answer node (a chatflow's reply; a workflow app may carry one too): renders its template; the
// engine streams it (`message` events in a chatflow, `text_chunk` in a workflow app) and the run's
// `answer` output is every Answer node's text joined.
import { z } from "zod";
import { isDifyFile, VariablePool } from "../variables";
import type { WorkflowNode } from "./types";

const schema = z.looseObject({ answer: z.string().default("") });

export const answerNode: WorkflowNode<typeof schema> = {
  type: "answer",
  schema,
  selectors: (data) => VariablePool.selectorsIn(data.answer),
  async run(ctx, data) {
    const files: unknown[] = [];
    for (const selector of VariablePool.selectorsIn(data.answer)) {
      const value = ctx.pool.get(selector);
      if (isDifyFile(value)) files.push(value);
      else if (Array.isArray(value)) files.push(...value.filter(isDifyFile));
    }
    // Dify answers with the template's Markdown form: lists as "- item" lines, objects as indented JSON
    return { outputs: { answer: ctx.pool.renderMarkdown(data.answer), files } };
  },
};
