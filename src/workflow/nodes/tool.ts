// The tool node: calls one tool of any provider (built-in, custom API, MCP, apps as tools) with
// Dify's data fields. Parameters are `{type: variable, value: selector}`, `{type: mixed, value:
// "text {{#node.var#}}"}` or `{type: constant, value}`; configurations are the tool's form settings.
// A tool that reports an error fails the node, so the node's error strategy applies as in Dify.
import { z } from "zod";
import { KilnError, withErrorType } from "../../lib/errors";
import { callTool, resolveTool } from "../../tools/registry";
import { TOOL_PROVIDER_TYPES, type ToolDefinition, type ToolProviderType, type ToolRef, type ToolResult } from "../../tools/types";
import { VariablePool } from "../variables";
import { runFileOwner, type WorkflowNode } from "./types";

const schema = z.looseObject({
  provider_id: z.string().nullish(),
  provider_name: z.string().nullish(),
  provider_type: z.string().nullish(),
  tool_name: z.string().min(1),
  tool_label: z.string().nullish(),
  tool_configurations: z.record(z.string(), z.unknown()).nullish(),
  tool_parameters: z.record(z.string(), z.unknown()).nullish(),
  timeout: z.number().positive().nullish(),
});

type Param = { type?: unknown; value?: unknown } | null;

function isTyped(p: unknown): p is { type: string; value: unknown } {
  return typeof p === "object" && p !== null && "value" in p && typeof (p as Param)?.type === "string";
}

function resolveValue(pool: VariablePool, p: unknown): unknown {
  if (isTyped(p)) {
    if (p.type === "variable" && Array.isArray(p.value)) return pool.get(p.value.map(String)) ?? null;
    if (p.type === "mixed" && typeof p.value === "string") return pool.render(p.value);
    return p.value;
  }
  return typeof p === "string" ? pool.render(p) : p;
}

/** Strings from templates become numbers/booleans where the tool declares those types. */
function coerce(tool: ToolDefinition, name: string, value: unknown): unknown {
  const declared = tool.parameters.find((p) => p.name === name)?.type;
  if (typeof value !== "string") return value;
  if (declared === "number" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  if (declared === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value;
}

function providerTypeOf(raw: string | null | undefined): ToolProviderType {
  const type = raw === "app" ? "workflow" : (raw ?? "builtin");
  if (!(TOOL_PROVIDER_TYPES as readonly string[]).includes(type)) {
    throw new KilnError("invalid_param", 400, `Tool provider type "${raw}" is not supported`);
  }
  return type as ToolProviderType;
}

/** The registry's reference to the tool a node's data names (Dify's provider fields). */
export function toolRefOf(data: Pick<z.infer<typeof schema>, "provider_id" | "provider_name" | "provider_type" | "tool_name">): ToolRef {
  return {
    provider_type: providerTypeOf(data.provider_type),
    provider_id: data.provider_id || data.provider_name || "",
    provider_name: data.provider_name,
    tool_name: data.tool_name,
  };
}

/** A tool's result as the node's outputs, as Dify's tool node: no JSON is [{"data": []}], and a tool's variables override the built-in outputs. */
export function toolOutputs(result: Pick<ToolResult, "text" | "files" | "json" | "variables">): Record<string, unknown> {
  return { text: result.text, files: result.files ?? [], json: result.json?.length ? result.json : [{ data: [] }], ...result.variables };
}

export const toolNode: WorkflowNode<typeof schema> = {
  type: "tool",
  retries: true,
  schema,
  selectors(data) {
    return [...Object.values(data.tool_parameters ?? {}), ...Object.values(data.tool_configurations ?? {})].flatMap((p) => {
      if (isTyped(p) && p.type === "variable" && Array.isArray(p.value)) return [p.value.map(String)];
      const text = isTyped(p) && typeof p.value === "string" ? p.value : typeof p === "string" ? p : "";
      return VariablePool.selectorsIn(text);
    });
  },
  async run(ctx, data) {
    const ref = toolRefOf(data);
    // Named as Dify's tool node names them (error_type): a tool it cannot get, then one that fails.
    const named = (type: string) => (err: unknown) => {
      throw err instanceof Error ? withErrorType(err, type) : err;
    };
    const resolved = await resolveTool(ctx.tctx, ref).catch(named("ToolRuntimeResolutionError"));
    const args: Record<string, unknown> = {};
    for (const [name, p] of Object.entries(data.tool_configurations ?? {})) args[name] = coerce(resolved.tool, name, resolveValue(ctx.pool, p));
    for (const [name, p] of Object.entries(data.tool_parameters ?? {})) args[name] = coerce(resolved.tool, name, resolveValue(ctx.pool, p));
    ctx.trace?.({ inputs: args });
    const result = await callTool(resolved, args, {
      signal: ctx.signal,
      owner: runFileOwner(ctx),
      timeoutMs: data.timeout ? data.timeout * 1000 : undefined,
    }).catch(named("ToolRuntimeInvocationError"));
    const toolInfo = { provider_type: ref.provider_type, provider_id: resolved.provider.id, tool_name: resolved.tool.name };
    if (result.isError) {
      throw withErrorType(new KilnError("tool_error", 400, `Tool ${resolved.provider.name}/${resolved.tool.name} failed: ${result.text}`), "ToolRuntimeInvocationError");
    }
    return {
      inputs: args,
      outputs: toolOutputs(result),
      metadata: { tool_info: toolInfo },
    };
  },
};
