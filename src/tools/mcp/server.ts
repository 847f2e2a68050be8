// An app as an MCP server: a stateless Streamable HTTP endpoint (JSON responses, no sessions)
// offering one tool named after the app, whose arguments are the app's input form (plus `query`
// for chat apps) and whose call runs the published app as the Service API does.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { CallToolRequestSchema, type CallToolResult, ErrorCode, ListToolsRequestSchema, McpError, type Tool } from "@modelcontextprotocol/sdk/types.js";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker";
import { cachedForApp } from "../../apps/app-cache";
import { getApp } from "../../apps/apps";
import { endUserFor } from "../../apps/end-users";
import { type Ctx, forTenant, type TenantCtx } from "../../context";
import { sha256Hex } from "../../lib/crypto";
import { KilnError } from "../../lib/errors";
import { limitKey } from "../../middleware/rate-limit";
import { type AppMcpServerRow, authenticateAppMcpServer } from "../app-mcp-servers";
import { appInputSchema, appToolParameters, loadPublishedApp, type PublishedApp, runAppAsTool, toolNameOf } from "../app-run";

interface Served {
  server: AppMcpServerRow;
  published: PublishedApp;
  tool: Tool;
}

async function load(tctx: TenantCtx, server: AppMcpServerRow): Promise<Served> {
  const app = await getApp(tctx, server.appId).catch(() => {
    throw new KilnError("forbidden", 403, "The app no longer exists.");
  });
  if (!app.enableApi) throw new KilnError("forbidden", 403, "The app's API service has been disabled.");
  const published = await loadPublishedApp(tctx, app);
  const descriptions = JSON.parse(server.parameters) as Record<string, string>;
  const tool: Tool = {
    name: toolNameOf(app.name),
    title: app.name,
    description: server.description || app.description || `Runs the app ${app.name}.`,
    inputSchema: appInputSchema(published, appToolParameters(published, descriptions)) as Tool["inputSchema"],
  };
  return { server, published, tool };
}

async function callApp(tctx: TenantCtx, served: Served, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult> {
  const endUser = await endUserFor(served.published.app.id, "service_api", `mcp-${served.server.id}`);
  try {
    const result = await runAppAsTool(tctx, served.published, { args, endUser, signal });
    return { content: [{ type: "text", text: result.text }], ...(result.isError ? { isError: true } : {}) };
  } catch (err) {
    // Refused inputs and failed runs are the tool's answer, so the calling model can correct itself.
    if (err instanceof KilnError && err.status < 500) return { content: [{ type: "text", text: err.message }], isError: true };
    throw err;
  }
}

function mcpServerFor(tctx: TenantCtx, served: Served, signal: AbortSignal): Server {
  const server = new Server(
    { name: served.published.app.name, version: "1.0.0" },
    { capabilities: { tools: {} }, jsonSchemaValidator: new CfWorkerJsonSchemaValidator() },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [served.tool] }));
  server.setRequestHandler(CallToolRequestSchema, async (req) => {
    if (req.params.name !== served.tool.name) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${req.params.name}`);
    return callApp(tctx, served, req.params.arguments ?? {}, signal);
  });
  return server;
}

/**
 * The request and its JSON-RPC body read in one go by the runtime, for the transport. Its own
 * reader pulls the body chunk by chunk, which cost about 0.7 ms more per request under
 * `wrangler dev`. A body that is not JSON goes to the transport as text, so it answers with its
 * own parse error. The route's body limit still applies: reading past it throws.
 */
async function withParsedBody(request: Request): Promise<[Request, { parsedBody?: unknown }]> {
  const text = await request.text();
  try {
    return [request, { parsedBody: JSON.parse(text) }];
  } catch {
    return [new Request(request.url, { method: request.method, headers: request.headers, body: text }), {}];
  }
}

/**
 * Answers one MCP request for the server named by `serverCode`. Unknown code 404, missing or
 * wrong key 401, inactive server or API disabled 403, over the key's rate limit 429 — as HTTP
 * statuses, before any MCP.
 */
export async function handleAppMcpRequest(ctx: Ctx, serverCode: string, request: Request): Promise<Response> {
  const authorization = request.headers.get("authorization") ?? "";
  // The server, app and published form are resolved once per few seconds per isolate (refusals
  // are never cached), as the Service API caches its key lookup; changing or rotating the server,
  // or the app, evicts them here at once.
  const served = await cachedForApp(`mcp:${serverCode}:${await sha256Hex(authorization)}`, ctx, async () => {
    const row = await authenticateAppMcpServer(ctx, serverCode, authorization);
    return { appId: row.appId, value: await load(forTenant(ctx, row.workspaceId), row) };
  });
  // Each server key has its own per-minute budget, as an app key has: a runaway MCP client gets
  // 429 with Retry-After, before any MCP, instead of running the app without bound.
  limitKey(ctx, `mcp:${served.server.id}`);
  const tctx = forTenant(ctx, served.server.workspaceId);
  const server = mcpServerFor(tctx, served, request.signal);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    return await transport.handleRequest(...(await withParsedBody(request)));
  } finally {
    await server.close();
  }
}
