// The question classifier: asks the model which of the node's classes the query belongs to and
// follows the edge of that class (its id is the source handle). The answer is requested as JSON
// restricted to the class ids; a reply that names no class falls back to the first class, and
// the process data says so (the offline echo model never classifies).
import { z } from "zod";
import { Invalid } from "../../lib/errors";
import { textOf } from "../variables";
import { invokeModel, modelSchema, modelTrace, parseJsonObject } from "./model/invoke";
import { loadTurns, memorySchema, turnsAsMessages } from "./model/memory";
import type { WorkflowNode } from "./types";

const schema = z.looseObject({
  model: modelSchema,
  query_variable_selector: z.array(z.string()).min(2),
  // `label` (Dify 1.14+) is the branch's name for people, output as class_label.
  classes: z.array(z.looseObject({ id: z.string().min(1), name: z.string().default(""), label: z.string().nullish() })).min(1),
  // The DSL spells it `instruction`; old exports say `instructions`.
  instruction: z.string().nullish(),
  instructions: z.string().nullish(),
  memory: memorySchema,
});

const SYSTEM = [
  "You are a text classification engine. Read the user's input and decide which one category it belongs to.",
  'Answer with JSON only: {"category_id": "<id>", "category_name": "<name>"}, using one of the categories listed.',
].join("\n");

export const questionClassifierNode: WorkflowNode<typeof schema> = {
  type: "question-classifier",
  schema,
  selectors: (data) => [data.query_variable_selector],
  async run(ctx, data) {
    const query = textOf(ctx.pool.get(data.query_variable_selector));
    const instruction = ctx.pool.render(data.instruction ?? data.instructions ?? "");
    // Class names may reference variables, rendered as Dify renders them; a class without a label is "CLASS n".
    const classes = data.classes.map((c, i) => ({ id: c.id, name: ctx.pool.render(c.name), label: c.label || `CLASS ${i + 1}` }));
    const categories = classes.map((c) => ({ category_id: c.id, category_name: c.name }));
    const turns = await loadTurns(ctx, data.memory);
    const user = [
      `Categories: ${JSON.stringify(categories)}`,
      instruction ? `Classification instructions: ${instruction}` : "",
      `Input: ${query}`,
    ]
      .filter(Boolean)
      .join("\n");
    const ids = classes.map((c) => c.id);
    const model = modelTrace(data.model);
    const prompts = [
      { role: "system", text: SYSTEM },
      { role: "user", text: user },
    ];
    ctx.trace?.({ inputs: { query }, processData: { ...model, prompts } });
    const answer = await invokeModel(ctx, data.model, [{ role: "system", content: SYSTEM }, ...turnsAsMessages(turns), { role: "user", content: user }], {
      jsonSchema: {
        type: "object",
        properties: { category_id: { type: "string", enum: ids }, category_name: { type: "string" } },
        required: ["category_id"],
        additionalProperties: false,
      },
    });
    const reply = parseJsonObject(answer.text);
    const byId = classes.find((c) => c.id === String(reply?.category_id ?? ""));
    const byName = classes.find((c) => c.name.trim() && c.name.trim() === String(reply?.category_name ?? "").trim());
    const chosen = byId ?? byName ?? classes[0];
    if (!chosen) throw Invalid("classes: at least one class is required", ["classes"]);
    const fellBack = !byId && !byName;
    return {
      outputs: { class_name: chosen.name, class_label: chosen.label, class_id: chosen.id, usage: answer.usage },
      inputs: { query },
      processData: {
        ...model,
        prompts,
        reply: answer.text,
        usage: answer.usage,
        finish_reason: answer.finishReason,
        ...(fellBack ? { fallback: `The model's reply named no class; using the first class "${chosen.name}".` } : {}),
      },
      edgeSourceHandle: chosen.id,
      usage: answer.nodeUsage,
      metadata: { total_tokens: answer.nodeUsage.totalTokens, total_price: answer.usage.total_price, currency: "USD" },
    };
  },
};
