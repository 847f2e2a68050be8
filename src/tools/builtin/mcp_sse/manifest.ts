// The `mcp_sse` tools of Dify's marketplace (junjiem/mcp_sse): list and call the tools of the MCP
// servers in a JSON config (named servers with url, headers and transport), set once for the
// workspace as the provider's credentials or given with a call.
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { callTool, checkServersConfig, listTools } from "./calls";

const serversConfig = param(
  "servers_config",
  "string",
  'The MCP servers as JSON, such as {"name": {"url": "https://…/sse", "headers": {}}}; the workspace\'s config when empty.',
  { form: "form", required: false },
);

export const mcpSseProvider: BuiltinProvider = {
  name: "mcp_sse",
  label: "MCP SSE",
  description: "List and call the tools of the MCP servers in a JSON config (SSE or Streamable HTTP).",
  icon: { type: "emoji", content: "🔌", background: "#EDE9FE" },
  credentials: [
    {
      name: "servers_config",
      label: "MCP servers config",
      // secret: its headers often carry tokens
      type: "secret-input",
      required: false,
      help: 'JSON of named servers: {"name": {"url": "https://…/sse", "headers": {}, "transport": "sse"}}',
      placeholder: '{"server_name": {"url": "https://…/sse"}}',
    },
  ],
  validateCredentials: checkServersConfig,
  tools: [
    defineTool(
      { name: "mcp_sse_list_tools", label: "MCP Tool List", description: "List the tools of the configured MCP servers, with their input schemas.", parameters: [serversConfig] },
      listTools,
    ),
    defineTool(
      {
        name: "mcp_sse_call_tool",
        label: "Call MCP Tool",
        description: "Call one tool of the configured MCP servers with its arguments.",
        parameters: [param("tool_name", "string", "The name of the tool to call."), param("arguments", "string", "The tool's arguments as a JSON object.", { required: false }), serversConfig],
      },
      callTool,
    ),
  ],
};
