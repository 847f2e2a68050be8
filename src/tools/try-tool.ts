// "Test" on the Tools page: call one tool of a saved provider with sample inputs and report the
// result and how long it took. Failures are the caller's answer (400 tool_error), not a crash.
import type { TenantCtx } from "../context";
import { callTool, resolveTool } from "./registry";
import type { ToolRef, ToolResult } from "./types";

export async function tryTool(ctx: TenantCtx, ref: ToolRef, parameters: Record<string, unknown>): Promise<{ result: ToolResult; elapsed_ms: number }> {
  const resolved = await resolveTool(ctx, ref);
  const started = performance.now();
  const result = await callTool(resolved, parameters);
  return { result, elapsed_ms: Math.round((performance.now() - started) * 10) / 10 };
}
