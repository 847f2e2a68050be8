// The template node: renders a Jinja2 template over named variables (Dify runs Jinja2 in its
// sandbox; ../jinja.ts renders as it does, on a pure-JS Jinja, so nothing runs outside our process).
import { z } from "zod";
import { Invalid } from "../../lib/errors";
import { JinjaTemplate } from "../jinja";
import type { WorkflowNode } from "./types";

/** Dify's TEMPLATE_TRANSFORM_MAX_LENGTH. */
export const TEMPLATE_MAX_LENGTH = 400_000;

const schema = z.looseObject({
  template: z.string().default(""),
  variables: z.array(z.looseObject({ variable: z.string().min(1), value_selector: z.array(z.string()).min(2) })).default([]),
});

const compiled = new Map<string, JinjaTemplate>();

function templateOf(source: string): JinjaTemplate {
  let t = compiled.get(source);
  if (!t) {
    try {
      t = new JinjaTemplate(source);
    } catch (err) {
      throw Invalid(`Invalid Jinja2 template: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (compiled.size > 500) compiled.clear();
    compiled.set(source, t);
  }
  return t;
}

export const templateTransformNode: WorkflowNode<typeof schema> = {
  type: "template-transform",
  schema,
  selectors: (data) => data.variables.map((v) => v.value_selector),
  async run(ctx, data) {
    const inputs: Record<string, unknown> = {};
    for (const v of data.variables) inputs[v.variable] = ctx.pool.get(v.value_selector) ?? null;
    ctx.trace?.({ inputs });
    const template = templateOf(data.template);
    let output: string;
    try {
      output = template.render(inputs);
    } catch (err) {
      throw Invalid(`Template rendering failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (output.length > TEMPLATE_MAX_LENGTH) throw Invalid(`Output length exceeds ${TEMPLATE_MAX_LENGTH} characters`);
    return { outputs: { output }, inputs };
  },
};
