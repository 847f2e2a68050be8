// MCP servers named inside an agent node rather than added under Tools: the MCP agent strategies
// of Dify's marketplace (hjlarry/agent's `mcp_server`, a server's SSE URL; junjiem/mcp_see_agent's
// `mcp_servers_config`, a JSON object of named servers). Their tools are listed when the node runs
// and called through the same client, SSRF guard and time limits as a saved MCP provider.
import { Invalid } from "../../lib/errors";
import type { TenantCtx } from "../../context";
import type { ResolvedTool, ToolProviderView, ToolResult } from "../types";
import { callMcpTool, listMcpTools, MCP_CALL_TIMEOUT_MS, type McpEndpoint, type McpTransport } from "./client";
import { toolDefinitionOf, toolResultOf } from "./definitions";

export interface InlineMcpServer {
  name: string;
  endpoint: McpEndpoint;
}

/** At most this many servers per setting: each is connected to on every run. */
export const MAX_INLINE_SERVERS = 10;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function transportOf(raw: unknown, url: string): McpTransport {
  const t = typeof raw === "string" ? raw.toLowerCase().replace("-", "_") : "";
  if (t === "sse" || t === "streamable_http") return t;
  // The plugins' default is SSE; a URL ending in /mcp is a Streamable HTTP server.
  return /\/mcp\/?$/.test(new URL(url).pathname) ? "streamable_http" : "sse";
}

/** One server from a URL or a `{url, headers, transport}` config. */
export function mcpServer(field: string, name: string, raw: unknown): InlineMcpServer {
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

/** Named servers from the plugins' forms: a URL, a list of URLs or configs, or `{name: config}` (optionally under `mcpServers`); `field` names the setting in errors. */
export function mcpServersOf(field: string, value: unknown): InlineMcpServer[] {
  const servers = parseServers(field, value);
  if (servers.length > MAX_INLINE_SERVERS) throw Invalid(`${field}: at most ${MAX_INLINE_SERVERS} MCP servers (${servers.length} given)`, [field]);
  return servers;
}

function parseServers(field: string, value: unknown): InlineMcpServer[] {
  if (value === undefined || value === null || value === "") return [];
  let parsed: unknown = value;
  if (typeof value === "string") {
    const text = value.trim();
    if (!text) return [];
    parsed = /^[[{]/.test(text) ? parseJson(field, text) : text;
  }
  if (typeof parsed === "string") return [mcpServer(field, "mcp", parsed)];
  if (Array.isArray(parsed)) {
    const list: unknown[] = parsed;
    return list.map((entry, i) => mcpServer(field, list.length > 1 ? `mcp_${i + 1}` : "mcp", entry));
  }
  if (isObject(parsed)) {
    const named = isObject(parsed.mcpServers) ? parsed.mcpServers : parsed;
    if (typeof named.url === "string") return [mcpServer(field, "mcp", named)];
    return Object.entries(named).map(([name, config]) => mcpServer(field, name, config));
  }
  throw Invalid(`${field}: give the MCP server's URL, or a JSON object of named servers`, [field]);
}

/** The MCP servers an agent node's parameters name (hjlarry's `mcp_server`, junjiem's `mcp_servers_config`). */
export function inlineMcpServers(serverUrl: unknown, serversConfig: unknown): InlineMcpServer[] {
  return [...mcpServersOf("agent_parameters.mcp_server", serverUrl), ...mcpServersOf("agent_parameters.mcp_servers_config", serversConfig)];
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

/** A tool call's `arguments` as the MCP tool plugins take them: a JSON object, or its text. */
export function mcpArguments(value: string | undefined): Record<string, unknown> {
  const text = value?.trim();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw Invalid("arguments must be a JSON object of the tool's arguments", ["arguments"]);
  }
  if (!isObject(parsed)) throw Invalid("arguments must be a JSON object of the tool's arguments", ["arguments"]);
  return parsed;
}

/** Seconds given to a plugin's `timeout` as the client's time limit (at most the call ceiling). */
export function timeoutMsOf(seconds: number | undefined): number | undefined {
  return seconds && seconds > 0 ? Math.min(seconds * 1000, MCP_CALL_TIMEOUT_MS) : undefined;
}

/** A server's tools as the model reads them: name, description and input schema, as JSON. */
export async function mcpToolsText(ctx: TenantCtx, servers: InlineMcpServer[], signal: AbortSignal, timeoutMs?: number): Promise<string> {
  const lists = await Promise.all(servers.map((s) => listMcpTools(ctx, s.endpoint, { signal, timeoutMs })));
  const tools = lists.flatMap((list, i) =>
    list.map((t) => ({ ...(servers.length > 1 ? { server: servers[i].name } : {}), name: t.name, description: t.description ?? "", inputSchema: t.inputSchema })),
  );
  return JSON.stringify(tools, null, 2);
}

/** Calls `name` on the first of `servers` that has it (one server: called directly). */
export async function callInlineMcpTool(
  ctx: TenantCtx,
  servers: InlineMcpServer[],
  name: string,
  args: Record<string, unknown>,
  signal: AbortSignal,
  timeoutMs?: number,
): Promise<ToolResult> {
  let target = servers[0];
  if (servers.length > 1) {
    const lists = await Promise.all(servers.map((s) => listMcpTools(ctx, s.endpoint, { signal, timeoutMs })));
    const at = lists.findIndex((list) => list.some((t) => t.name === name));
    if (at < 0) throw Invalid(`No MCP server of this configuration has a tool named "${name}"`, ["tool_name"]);
    target = servers[at];
  }
  return toolResultOf(await callMcpTool(ctx, target.endpoint, name, args, { signal, ...(timeoutMs ? { timeoutMs } : {}) }));
}
