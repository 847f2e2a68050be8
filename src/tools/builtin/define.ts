// Small builders for built-in manifests: a parameter in one line, and a tool whose handler receives
// arguments already checked against its parameter list.
import type { TenantCtx } from "../../context";
import type { BuiltinCallOptions, BuiltinTool, ToolDefinition, ToolParameter, ToolResult } from "../types";
import { type ToolArgs, toolArgs } from "./arguments";

export type BuiltinHandler = (ctx: TenantCtx, args: ToolArgs, options: BuiltinCallOptions) => Promise<ToolResult> | ToolResult;

type ParamExtra = Partial<Pick<ToolParameter, "label" | "form" | "required" | "default" | "options">>;

const labelOf = (name: string) => name.replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase());

/** A parameter the model fills in (form "llm") unless `extra.form` says otherwise; required unless it has a default. */
export function param(name: string, type: ToolParameter["type"], description: string, extra: ParamExtra = {}): ToolParameter {
  return {
    name,
    label: extra.label ?? labelOf(name),
    description,
    type,
    form: extra.form ?? "llm",
    required: extra.required ?? extra.default === undefined,
    ...(extra.default !== undefined ? { default: extra.default } : {}),
    ...(extra.options ? { options: extra.options } : {}),
  };
}

export function defineTool(definition: ToolDefinition, handler: BuiltinHandler): BuiltinTool {
  return {
    definition,
    invoke: async (ctx, raw, options) => handler(ctx, toolArgs(definition, raw ?? {}), options),
  };
}
