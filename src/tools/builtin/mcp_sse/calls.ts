// The MCP servers of the mcp_sse tools: the call's `servers_config`, else the workspace's
// (stored as the provider's credentials), as the plugin reads its own settings.
import type { TenantCtx } from "../../../context";
import { Invalid } from "../../../lib/errors";
import { callInlineMcpTool, mcpArguments, mcpServersOf, mcpToolsText } from "../../mcp/inline";
import type { BuiltinCallOptions, ToolResult } from "../../types";
import type { ToolArgs } from "../arguments";

function serversOf(args: ToolArgs, options: BuiltinCallOptions) {
  const config = args.optionalString("servers_config")?.trim() || options.credentials.servers_config?.trim();
  if (!config) throw Invalid("Give the MCP servers config: authorize MCP SSE in Tools, or set servers_config", ["servers_config"]);
  const servers = mcpServersOf("servers_config", config);
  if (!servers.length) throw Invalid("servers_config names no MCP server", ["servers_config"]);
  return servers;
}

export async function listTools(ctx: TenantCtx, args: ToolArgs, options: BuiltinCallOptions): Promise<ToolResult> {
  return { text: await mcpToolsText(ctx, serversOf(args, options), options.signal) };
}

export async function callTool(ctx: TenantCtx, args: ToolArgs, options: BuiltinCallOptions): Promise<ToolResult> {
  return callInlineMcpTool(ctx, serversOf(args, options), args.string("tool_name"), mcpArguments(args.optionalString("arguments")), options.signal);
}

/** Proves a config before it is saved: every server it names lists its tools. */
export async function checkServersConfig(ctx: TenantCtx, credentials: Readonly<Record<string, string>>, signal: AbortSignal): Promise<void> {
  const servers = mcpServersOf("servers_config", credentials.servers_config ?? "");
  if (!servers.length) throw Invalid("servers_config names no MCP server", ["servers_config"]);
  await mcpToolsText(ctx, servers, signal);
}
