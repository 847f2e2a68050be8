// MCP servers a workspace added as tool providers (tool_providers rows of kind `mcp`): create,
// update, delete and refresh. Adding or refreshing connects and lists the server's tools; a server
// that fails is still saved, with the failure shown. Headers (often bearer tokens) are stored
// encrypted and only ever shown masked.
import { and, eq, or } from "drizzle-orm";
import type { TenantCtx, WorkspaceCtx } from "../../context";
import { toolProviders } from "../../db/schema";
import { decryptSecret, encryptSecret, maskSecret } from "../../lib/crypto";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { assertFetchableUrl } from "../../lib/ssrf";
import type { ToolDefinition, ToolIcon, ToolProviderView } from "../types";
import { displayUrl, listMcpTools, type McpEndpoint, type McpTransport } from "./client";
import { toolDefinitionOf } from "./definitions";

export type McpProviderRow = typeof toolProviders.$inferSelect;

/** Dify's placeholder for a secret the client did not change. */
export const HIDDEN_VALUE = "[__HIDDEN__]";
const DEFAULT_ICON: ToolIcon = { type: "emoji", content: "🔌", background: "#EFF1F5" };

export interface McpProviderInput {
  name: string;
  server_url: string;
  headers?: Record<string, string>;
  transport?: McpTransport;
  icon?: ToolIcon;
  description?: string;
}

export type McpProviderView = ToolProviderView & {
  server_url: string;
  transport: McpTransport;
  masked_headers: Record<string, string>;
  refreshed_at: number | null;
};

async function headersOf(ctx: TenantCtx, row: McpProviderRow): Promise<Record<string, string>> {
  if (!row.credentials) return {};
  return JSON.parse(await decryptSecret(ctx.config.APP_SECRET, row.credentials)) as Record<string, string>;
}

export async function endpointOf(ctx: TenantCtx, row: McpProviderRow): Promise<McpEndpoint> {
  return { url: row.serverUrl ?? "", transport: (row.transport ?? "auto") as McpTransport, headers: await headersOf(ctx, row) };
}

export async function mcpProviderView(ctx: TenantCtx, row: McpProviderRow): Promise<McpProviderView> {
  const headers = await headersOf(ctx, row).catch(() => ({}));
  return {
    id: row.id,
    name: row.name,
    type: "mcp",
    label: row.name,
    description: row.description,
    icon: { ...DEFAULT_ICON, ...(JSON.parse(row.icon) as Partial<ToolIcon>) },
    author: "",
    is_team_authorization: row.refreshedAt !== null && row.lastError === null,
    allow_delete: true,
    tools: JSON.parse(row.tools) as ToolDefinition[],
    error: row.lastError,
    server_url: displayUrl(row.serverUrl ?? ""),
    transport: (row.transport ?? "auto") as McpTransport,
    masked_headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, maskSecret(v)])),
    refreshed_at: row.refreshedAt === null ? null : Math.floor(row.refreshedAt / 1000),
  };
}

export async function listMcpProviderRows(ctx: TenantCtx): Promise<McpProviderRow[]> {
  return ctx.db
    .select()
    .from(toolProviders)
    .where(and(eq(toolProviders.workspaceId, ctx.workspace.id), eq(toolProviders.kind, "mcp")))
    .orderBy(toolProviders.createdAt)
    .all();
}

/** By id, or by name (tool references from another Dify install carry the name). */
export async function findMcpProvider(ctx: TenantCtx, idOrName: string): Promise<McpProviderRow | undefined> {
  return ctx.db
    .select()
    .from(toolProviders)
    .where(
      and(
        eq(toolProviders.workspaceId, ctx.workspace.id),
        eq(toolProviders.kind, "mcp"),
        or(eq(toolProviders.id, idOrName), eq(toolProviders.name, idOrName)),
      ),
    )
    .get();
}

async function getMcpProvider(ctx: TenantCtx, id: string): Promise<McpProviderRow> {
  const row = await ctx.db
    .select()
    .from(toolProviders)
    .where(and(eq(toolProviders.workspaceId, ctx.workspace.id), eq(toolProviders.kind, "mcp"), eq(toolProviders.id, id)))
    .get();
  if (!row) throw NotFound("MCP tool provider");
  return row;
}

/** Lists the server's tools; a failure is recorded on the provider rather than thrown. */
async function probe(ctx: TenantCtx, endpoint: McpEndpoint) {
  try {
    const tools = (await listMcpTools(ctx, endpoint)).map(toolDefinitionOf);
    return { tools: JSON.stringify(tools), lastError: null, refreshedAt: ctx.now() };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    ctx.log.warn("mcp provider refresh failed", { url: displayUrl(endpoint.url), error: message });
    return { tools: "[]", lastError: message, refreshedAt: ctx.now() };
  }
}

function checkHeaders(headers: Record<string, string>) {
  const entries = Object.entries(headers);
  if (entries.length > 20) throw Invalid("headers: at most 20 headers", ["headers"]);
  for (const [name, value] of entries) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/.test(name)) throw Invalid(`headers: "${name}" is not a valid header name`, ["headers"]);
    if (value.length > 8192 || /[\r\n]/.test(value)) throw Invalid(`headers: the value of "${name}" is not a valid header value`, ["headers"]);
  }
}

const isUniqueViolation = (e: unknown) => /UNIQUE/.test(`${(e as Error)?.message} ${(e as { cause?: unknown })?.cause}`);
const duplicateName = (name: string) => Conflict(`A tool provider named "${name}" already exists.`);

export async function createMcpProvider(ctx: WorkspaceCtx, input: McpProviderInput): Promise<McpProviderView> {
  const url = assertFetchableUrl(input.server_url, ctx.config.SSRF_ALLOW_HOSTS, "server_url").toString();
  const headers = input.headers ?? {};
  checkHeaders(headers);
  const endpoint: McpEndpoint = { url, transport: input.transport ?? "auto", headers };
  const now = ctx.now();
  const row: McpProviderRow = {
    id: ctx.newId(),
    workspaceId: ctx.workspace.id,
    kind: "mcp",
    name: input.name,
    description: input.description ?? "",
    icon: JSON.stringify(input.icon ?? DEFAULT_ICON),
    schemaType: null,
    schema: null,
    serverUrl: url,
    transport: endpoint.transport,
    credentials: Object.keys(headers).length ? await encryptSecret(ctx.config.APP_SECRET, JSON.stringify(headers)) : null,
    privacyPolicy: "",
    createdBy: ctx.actor.accountId,
    createdAt: now,
    updatedAt: now,
    ...(await probe(ctx, endpoint)),
  };
  try {
    await ctx.db.insert(toolProviders).values(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName(input.name);
    throw e;
  }
  return mcpProviderView(ctx, row);
}

/**
 * Changes a provider. A header sent back masked (or as Dify's `[__HIDDEN__]`) keeps its stored
 * value; a header left out is removed. The tools are listed again when the connection changed.
 */
export async function updateMcpProvider(ctx: WorkspaceCtx, id: string, input: Partial<McpProviderInput>): Promise<McpProviderView> {
  const row = await getMcpProvider(ctx, id);
  const stored = await headersOf(ctx, row);
  // The URL comes back as shown (query values masked) when the user did not change it.
  const given = input.server_url;
  const url =
    given === undefined || given === displayUrl(row.serverUrl ?? "")
      ? (row.serverUrl ?? "")
      : assertFetchableUrl(given, ctx.config.SSRF_ALLOW_HOSTS, "server_url").toString();
  let headers = stored;
  if (input.headers !== undefined) {
    checkHeaders(input.headers);
    headers = Object.fromEntries(
      Object.entries(input.headers).map(([k, v]) => [k, k in stored && (v === HIDDEN_VALUE || v === maskSecret(stored[k])) ? stored[k] : v]),
    );
    for (const [k, v] of Object.entries(headers)) if (v === HIDDEN_VALUE) throw Invalid(`headers: "${k}" has no stored value to keep`, ["headers"]);
  }
  const transport = input.transport ?? ((row.transport ?? "auto") as McpTransport);
  const reconnect = url !== row.serverUrl || transport !== row.transport || JSON.stringify(headers) !== JSON.stringify(stored);
  const changes: Partial<McpProviderRow> = {
    name: input.name ?? row.name,
    description: input.description ?? row.description,
    icon: input.icon ? JSON.stringify(input.icon) : row.icon,
    serverUrl: url,
    transport,
    credentials: Object.keys(headers).length ? await encryptSecret(ctx.config.APP_SECRET, JSON.stringify(headers)) : null,
    updatedAt: ctx.now(),
    ...(reconnect ? await probe(ctx, { url, transport, headers }) : {}),
  };
  try {
    await ctx.db.update(toolProviders).set(changes).where(eq(toolProviders.id, row.id));
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName(changes.name ?? "");
    throw e;
  }
  return mcpProviderView(ctx, { ...row, ...changes });
}

export async function deleteMcpProvider(ctx: WorkspaceCtx, id: string): Promise<void> {
  const row = await getMcpProvider(ctx, id);
  await ctx.db.delete(toolProviders).where(eq(toolProviders.id, row.id));
}

/** Lists the server's tools again; the outcome (tools or error) is saved and returned. */
export async function refreshMcpProvider(ctx: WorkspaceCtx, id: string): Promise<McpProviderView> {
  const row = await getMcpProvider(ctx, id);
  const changes = { ...(await probe(ctx, await endpointOf(ctx, row))), updatedAt: ctx.now() };
  await ctx.db.update(toolProviders).set(changes).where(eq(toolProviders.id, row.id));
  return mcpProviderView(ctx, { ...row, ...changes });
}
