// The `mcp_config` tools of Dify's marketplace (arrenxxxxx/mcp_config_during_use): list or call the
// tools of an MCP server named in each call (URL, headers, transport), so Dify apps whose agents
// use them resolve. Calls go through Kiln's MCP client and SSRF guard.
import type { BuiltinProvider, ToolParameter } from "../../types";
import { defineTool, param } from "../define";
import { callTool, listTools } from "./calls";

const connection: ToolParameter[] = [
  param("server_url", "string", "The MCP server's endpoint URL (SSE, such as https://…/sse, or Streamable HTTP)."),
  param("headers", "string", 'HTTP headers as a JSON object, such as {"Authorization": "Bearer …"}.', { required: false }),
  param("timeout", "number", "The request's time limit in seconds.", { required: false }),
  param("sse_read_timeout", "number", "How long to wait for SSE events, in seconds (Kiln's time limit covers it).", { required: false }),
  param("transport", "select", "sse (the default) or streamable_http.", { required: false, options: ["sse", "streamable_http"] }),
];

export const mcpConfigProvider: BuiltinProvider = {
  name: "mcp_config",
  label: "MCP Config During Use",
  description: "List and call the tools of an MCP server whose address is given with each call.",
  icon: { type: "emoji", content: "🔌", background: "#E0E7FF" },
  tools: [
    defineTool(
      { name: "mcp_list_tools", label: "List MCP Tools", description: "List the tools of an MCP server, with their input schemas.", parameters: connection },
      listTools,
    ),
    defineTool(
      {
        name: "mcp_call_tool",
        label: "Call MCP Tool",
        description: "Call one tool of an MCP server with its arguments.",
        parameters: [
          ...connection,
          param("tool_name", "string", "The name of the tool to call."),
          param("arguments", "string", "The tool's arguments as a JSON object.", { required: false }),
        ],
      },
      callTool,
    ),
  ],
};
