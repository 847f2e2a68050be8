// MCP servers named inside an agent node rather than added under Tools: the MCP agent strategies
// of Dify's marketplace (hjlarry/agent's `mcp_server`, a server's SSE URL; junjiem/mcp_see_agent's
// `mcp_servers_config`, a JSON object of named servers). Their tools are listed when the node runs
// and called through the same client, SSRF guard and time limits as a saved MCP provider.
import { Invalid } from "../../lib/errors";
import type { TenantCtx } from "../../context";
import type { ResolvedTool, ToolProviderView } from "../types";
import { callMcpTool, listMcpTools, type McpEndpoint, type McpTransport } from "./client";
import { toolDefinitionOf, toolResultOf } from "./definitions";

export interface InlineMcpServer {
  name: string;
  endpoint: McpEndpoint;
}

/** At most this many servers per node: each is connected to on every run. */
export const MAX_INLINE_SERVERS = 10;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function transportOf(raw: unknown, url: string): McpTransport {
  const t = typeof raw === "string" ? raw.toLowerCase().replace("-", "_") : "";
  if (t === "sse" || t === "streamable_http") return t;
  // The plugins' default is SSE; a URL ending in /mcp is a Streamable HTTP server.
  return /\/mcp\/?$/.test(new URL(url).pathname) ? "streamable_http" : "sse";
}

function server(field: string, name: string, raw: unknown): InlineMcpServer {
  const config = typeof raw === "string" ? { url: raw } : raw;
  if (!isObject(config) || typeof config.url !== "string" || !config.url.trim()) {
    throw Invalid(`${field}: server "${name}" needs a "url"`, [field]);
  }
  const url = config.url.trim();
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw Invalid(`${field}: "${url}" is not an http(s) URL`, [field]);
  const headers: Record<string, string> = {};
  if (isObject(config.headers)) for (const [k, v] of Object.entries(config.headers)) if (v !== null && v !== undefined) headers[k] = String(v);
  return { name, endpoint: { url, transport: transportOf(config.transport, url), headers } };
}

function parseJson(field: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw Invalid(`${field}: not a URL and not valid JSON`, [field]);
  }
}

/** Named servers from either plugin's form: a URL, a list of URLs or configs, or `{name: config}` (optionally under `mcpServers`). */
function serversOf(field: string, value: unknown): InlineMcpServer[] {
  if (value === undefined || value === null || value === "") return [];
  let parsed: unknown = value;
  if (typeof value === "string") {
    const text = value.trim();
    if (!text) return [];
    parsed = /^[[{]/.test(text) ? parseJson(field, text) : text;
  }
  if (typeof parsed === "string") return [server(field, "mcp", parsed)];
  if (Array.isArray(parsed)) {
    const list: unknown[] = parsed;
    return list.map((entry, i) => server(field, list.length > 1 ? `mcp_${i + 1}` : "mcp", entry));
  }
  if (isObject(parsed)) {
    const named = isObject(parsed.mcpServers) ? parsed.mcpServers : parsed;
    if (typeof named.url === "string") return [server(field, "mcp", named)];
    return Object.entries(named).map(([name, config]) => server(field, name, config));
  }
  throw Invalid(`${field}: give the MCP server's URL, or a JSON object of named servers`, [field]);
}

/** The MCP servers an agent node's parameters name (hjlarry's `mcp_server`, junjiem's `mcp_servers_config`). */
export function inlineMcpServers(mcpServer: unknown, serversConfig: unknown): InlineMcpServer[] {
  const servers = [...serversOf("agent_parameters.mcp_server", mcpServer), ...serversOf("agent_parameters.mcp_servers_config", serversConfig)];
  if (servers.length > MAX_INLINE_SERVERS) {
    throw Invalid(`An agent node may name at most ${MAX_INLINE_SERVERS} MCP servers (${servers.length} given)`, ["agent_parameters"]);
  }
  return servers;
}

/** Lists one server's tools now; each is called by opening a connection, as saved MCP providers are. */
export async function inlineMcpTools(ctx: TenantCtx, mcp: InlineMcpServer, signal: AbortSignal): Promise<ResolvedTool[]> {
  const tools = await listMcpTools(ctx, mcp.endpoint, { signal });
  const definitions = tools.map(toolDefinitionOf);
  const provider: ToolProviderView = {
    id: `mcp:${mcp.name}`,
    name: mcp.name,
    type: "mcp",
    label: mcp.name,
    description: `MCP server at ${new URL(mcp.endpoint.url).host}`,
    icon: { type: "emoji", content: "🔌", background: "#F1F5F9" },
    author: "",
    is_team_authorization: true,
    allow_delete: false,
    tools: definitions,
    error: null,
  };
  return definitions.map((tool) => ({
    provider,
    tool,
    invoke: async (args, options) => toolResultOf(await callMcpTool(ctx, mcp.endpoint, tool.name, args, { signal: options.signal })),
  }));
}
