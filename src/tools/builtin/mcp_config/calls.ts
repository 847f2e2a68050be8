// The MCP server a call of the mcp_config tools names: its URL, headers (JSON text) and transport.
import type { TenantCtx } from "../../../context";
import { Invalid } from "../../../lib/errors";
import { callInlineMcpTool, mcpArguments, mcpServer, mcpToolsText, timeoutMsOf } from "../../mcp/inline";
import type { BuiltinCallOptions, ToolResult } from "../../types";
import type { ToolArgs } from "../arguments";

function serverOf(args: ToolArgs) {
  const headersText = args.optionalString("headers")?.trim();
  let headers: unknown = {};
  if (headersText) {
    try {
      headers = JSON.parse(headersText);
    } catch {
      throw Invalid('headers must be a JSON object, such as {"Authorization": "Bearer …"}', ["headers"]);
    }
    if (typeof headers !== "object" || headers === null || Array.isArray(headers)) throw Invalid("headers must be a JSON object", ["headers"]);
  }
  return mcpServer("server_url", "mcp", { url: args.string("server_url"), headers, transport: args.optionalString("transport") });
}

export async function listTools(ctx: TenantCtx, args: ToolArgs, options: BuiltinCallOptions): Promise<ToolResult> {
  return { text: await mcpToolsText(ctx, [serverOf(args)], options.signal, timeoutMsOf(args.optionalNumber("timeout"))) };
}

export async function callTool(ctx: TenantCtx, args: ToolArgs, options: BuiltinCallOptions): Promise<ToolResult> {
  const server = serverOf(args);
  return callInlineMcpTool(ctx, [server], args.string("tool_name"), mcpArguments(args.optionalString("arguments")), options.signal, timeoutMsOf(args.optionalNumber("timeout")));
}
