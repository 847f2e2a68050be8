// Talking to a remote MCP server as a client: connect (Streamable HTTP, legacy SSE, or Streamable
// HTTP falling back to SSE), list its tools, call one — each with a time limit, through the SSRF
// guard, and always closing the connection. Failures become one clear sentence naming the server.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker";
import type { TenantCtx } from "../../context";
import { KilnError } from "../../lib/errors";
import { createGuardedFetch } from "../../lib/ssrf";

export const MCP_TRANSPORTS = ["auto", "streamable_http", "sse"] as const;
export type McpTransport = (typeof MCP_TRANSPORTS)[number];

export interface McpEndpoint {
  url: string;
  transport: McpTransport;
  headers: Record<string, string>;
}

export interface McpCallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Listing tools when a server is added or refreshed. */
export const MCP_TIMEOUT_MS = 15_000;
/** A tool call's own ceiling; callers (the tool registry) usually bound it sooner with their signal. */
export const MCP_CALL_TIMEOUT_MS = 120_000;
const CLIENT_INFO = { name: "kiln", version: "1.0.0" };

/** What the HTTP exchange looked like, to tell "nobody answered" from "something else answered". */
interface Wire {
  answered: boolean;
  lastStatus: number | null;
  lastContentType: string | null;
}

function watchedFetch(ctx: TenantCtx, wire: Wire): typeof fetch {
  const guarded = createGuardedFetch(ctx.config.SSRF_ALLOW_HOSTS);
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const res = await guarded(input, init);
    wire.answered = true;
    wire.lastStatus = res.status;
    wire.lastContentType = res.headers.get("content-type");
    return res;
  }) as typeof fetch;
}

function newTransport(kind: "streamable_http" | "sse", endpoint: McpEndpoint, fetchFn: typeof fetch): Transport {
  const url = new URL(endpoint.url);
  const requestInit = { headers: endpoint.headers };
  return kind === "sse"
    ? new SSEClientTransport(url, { fetch: fetchFn, requestInit, eventSourceInit: { fetch: fetchFn } })
    : new StreamableHTTPClientTransport(url, { fetch: fetchFn, requestInit, reconnectionOptions: noReconnect });
}

// A tool call is one request; resuming a dropped stream would only hide a server that went away.
const noReconnect = { maxReconnectionDelay: 0, initialReconnectionDelay: 0, reconnectionDelayGrowFactor: 1, maxRetries: 0 };

/**
 * The URL as shown in errors, logs and responses: some servers take their token in the query
 * string (`?api_key=…`), so query values are masked.
 */
export function displayUrl(raw: string): string {
  try {
    const url = new URL(raw);
    for (const key of [...new Set(url.searchParams.keys())]) url.searchParams.set(key, "***");
    return url.toString().replaceAll("%2A%2A%2A", "***");
  } catch {
    return raw;
  }
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** One sentence a user can act on, from what the SDK threw and what came over the wire. */
function describeFailure(endpoint: McpEndpoint, wire: Wire, err: unknown, timedOut: boolean): KilnError {
  if (err instanceof KilnError) return err;
  const where = `MCP server at ${displayUrl(endpoint.url)}`;
  const detail = messageOf(err);
  if (timedOut) return new KilnError("tool_error", 400, `${where} did not answer in time: ${detail}`);
  if (!wire.answered) return new KilnError("tool_error", 400, `${where} did not answer: ${detail}`);
  if (wire.lastStatus === 401 || wire.lastStatus === 403) {
    return new KilnError("tool_error", 400, `${where} refused access (HTTP ${wire.lastStatus}); check the headers: ${detail}`);
  }
  const looksLikeMcp =
    wire.lastStatus !== null &&
    wire.lastStatus < 300 &&
    /json|event-stream/i.test(wire.lastContentType ?? "") &&
    !/content type|unexpected/i.test(detail);
  if (looksLikeMcp) return new KilnError("tool_error", 400, `${where} failed: ${detail}`);
  const got = wire.lastStatus === null ? "" : ` (HTTP ${wire.lastStatus}${wire.lastContentType ? `, ${wire.lastContentType.split(";")[0]}` : ""})`;
  return new KilnError("tool_error", 400, `${where} is not an MCP server${got}: ${detail}`);
}

async function connect(
  ctx: TenantCtx,
  endpoint: McpEndpoint,
  kind: "streamable_http" | "sse",
  signal: AbortSignal,
  timeoutMs: number,
): Promise<{ client: Client; wire: Wire }> {
  const wire: Wire = { answered: false, lastStatus: null, lastContentType: null };
  const client = new Client(CLIENT_INFO, { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() });
  try {
    await client.connect(newTransport(kind, endpoint, watchedFetch(ctx, wire)), { signal, timeout: timeoutMs });
    return { client, wire };
  } catch (err) {
    await client.close().catch(() => {});
    throw Object.assign(new Error(messageOf(err)), { wire, cause: err });
  }
}

/**
 * Opens a connection, runs `use`, and closes it whatever happens. `auto` tries Streamable HTTP and,
 * when the server answers but not in that protocol, the legacy SSE transport (as the SDK advises).
 */
export async function withMcpClient<T>(
  ctx: TenantCtx,
  endpoint: McpEndpoint,
  use: (client: Client, options: { signal: AbortSignal; timeout: number }) => Promise<T>,
  options: McpCallOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? MCP_TIMEOUT_MS;
  const timer = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timer]) : timer;
  const kinds: ("streamable_http" | "sse")[] = endpoint.transport === "auto" ? ["streamable_http", "sse"] : [endpoint.transport];
  let session: { client: Client; wire: Wire } | null = null;
  let failure: { err: unknown; wire: Wire } | null = null;
  for (const kind of kinds) {
    try {
      session = await connect(ctx, endpoint, kind, signal, timeoutMs);
      break;
    } catch (err) {
      const wire = (err as { wire?: Wire }).wire ?? { answered: false, lastStatus: null, lastContentType: null };
      const cause = (err as { cause?: unknown }).cause ?? err;
      // Only fall back when something answered; a server that is down is down for both.
      if (!failure || wire.answered) failure = { err: cause, wire };
      if (!wire.answered || signal.aborted) break;
    }
  }
  if (!session) {
    if (options.signal?.aborted) throw options.signal.reason ?? failure?.err;
    throw describeFailure(endpoint, failure!.wire, failure!.err, timer.aborted);
  }
  try {
    return await use(session.client, { signal, timeout: timeoutMs });
  } catch (err) {
    if (options.signal?.aborted) throw options.signal.reason ?? err;
    throw describeFailure(endpoint, session.wire, err, timer.aborted);
  } finally {
    await session.client.close().catch(() => {});
  }
}

/** The server's tools (every page of tools/list). */
export function listMcpTools(ctx: TenantCtx, endpoint: McpEndpoint, options: McpCallOptions = {}): Promise<Tool[]> {
  return withMcpClient(
    ctx,
    endpoint,
    async (client, request) => {
      const tools: Tool[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const res = await client.listTools(cursor ? { cursor } : undefined, request);
        tools.push(...res.tools);
        cursor = res.nextCursor;
        if (!cursor) break;
      }
      return tools;
    },
    options,
  );
}

export function callMcpTool(
  ctx: TenantCtx,
  endpoint: McpEndpoint,
  name: string,
  args: Record<string, unknown>,
  options: McpCallOptions = {},
): Promise<CallToolResult> {
  return withMcpClient(
    ctx,
    endpoint,
    async (client, request) => (await client.callTool({ name, arguments: args }, undefined, request)) as CallToolResult,
    { timeoutMs: MCP_CALL_TIMEOUT_MS, ...options },
  );
}
