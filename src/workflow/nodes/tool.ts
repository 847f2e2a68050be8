// The tool node. Kiln has no tool providers yet (built-in, OpenAPI or MCP tools arrive with
// issue 8), so an imported tool node is kept in the graph and fails when it runs, naming the
// tool; the node's error strategy (fail branch, default value) then applies as in Dify.
import { z } from "zod";
import { KilnError } from "../../lib/errors";
import { VariablePool } from "../variables";
import type { WorkflowNode } from "./types";

const schema = z.looseObject({
  provider_id: z.string().nullish(),
  provider_name: z.string().nullish(),
  provider_type: z.string().nullish(),
  tool_name: z.string().min(1),
  tool_label: z.string().nullish(),
  tool_configurations: z.record(z.string(), z.unknown()).nullish(),
  tool_parameters: z.record(z.string(), z.unknown()).nullish(),
});

export const toolNode: WorkflowNode<typeof schema> = {
  type: "tool",
  schema,
  // Parameters are `{type: variable, value: selector}` or text with `{{#…#}}` (mixed/constant).
  selectors(data) {
    return Object.values(data.tool_parameters ?? {}).flatMap((p) => {
      const param = p as { type?: unknown; value?: unknown } | null;
      if (param?.type === "variable" && Array.isArray(param.value)) return [param.value.map(String)];
      const text = typeof param?.value === "string" ? param.value : typeof p === "string" ? p : "";
      return VariablePool.selectorsIn(text);
    });
  },
  async run(_ctx, data) {
    const provider = data.provider_id || data.provider_name || data.provider_type || "unknown";
    throw new KilnError("bad_request", 400, `Tool ${provider}/${data.tool_name} is not available in Kiln yet`);
  },
};
