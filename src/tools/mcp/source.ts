// MCP servers as a tool provider kind: each server a workspace added is one provider whose tools
// are the server's last tools/list; calling one opens a connection and sends tools/call.
import type { ResolvedTool, ToolDefinition, ToolProviderSource } from "../types";
import { callMcpTool } from "./client";
import { toolResultOf } from "./definitions";
import { endpointOf, findMcpProvider, listMcpProviderRows, mcpProviderView } from "./providers";

export const mcpSource: ToolProviderSource = {
  type: "mcp",
  list: async (ctx) => Promise.all((await listMcpProviderRows(ctx)).map((row) => mcpProviderView(ctx, row))),
  resolve: async (ctx, providerId, toolName): Promise<ResolvedTool | null> => {
    const row = await findMcpProvider(ctx, providerId);
    if (!row) return null;
    const provider = await mcpProviderView(ctx, row);
    let tool: ToolDefinition | undefined = provider.tools.find((t) => t.name === toolName);
    // A server that could not be listed may still have the tool: call it, so the caller sees
    // why the server fails now rather than a bare "not found".
    if (!tool && provider.error === null) return null;
    tool ??= { name: toolName, label: toolName, description: "", parameters: [], inputSchema: { type: "object" } };
    return {
      provider,
      tool,
      invoke: async (args, { signal }) => toolResultOf(await callMcpTool(ctx, await endpointOf(ctx, row), toolName, args, { signal })),
    };
  },
};
