// "Test" on the Tools page: call one tool of a saved provider with sample inputs and report the
// result and how long it took. Failures are the caller's answer (400 tool_error), not a crash.
// Files a tool makes (text to speech) are the member's, as a console upload is.
import type { WorkspaceCtx } from "../context";
import { callTool, resolveTool } from "./registry";
import type { ToolRef, ToolResult } from "./types";

export async function tryTool(ctx: WorkspaceCtx, ref: ToolRef, parameters: Record<string, unknown>): Promise<{ result: ToolResult; elapsed_ms: number }> {
  const resolved = await resolveTool(ctx, ref);
  const started = performance.now();
  const result = await callTool(resolved, parameters, { owner: { appId: null, role: "account", createdBy: ctx.actor.accountId } });
  return { result, elapsed_ms: Math.round((performance.now() - started) * 10) / 10 };
}
