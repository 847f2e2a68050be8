// Apps exposed as MCP servers (app_mcp_servers rows): one per app, at /mcp/server/<code>/mcp,
// behind its own `mcp-…` bearer key. The key is shown once (created or rotated); only its SHA-256
// is stored, as for Service API keys. Only this file writes the table.
import { and, eq } from "drizzle-orm";
import { forgetApp } from "../apps/app-cache";
import { getApp } from "../apps/apps";
import type { Ctx, WorkspaceCtx } from "../context";
import { appMcpServers } from "../db/schema";
import { sha256Hex, timingSafeEqual } from "../lib/crypto";
import { Conflict, KilnError, NotFound, Unauthorized } from "../lib/errors";
import { newSecret, randomString } from "../lib/ids";

export type AppMcpServerRow = typeof appMcpServers.$inferSelect;
export type AppMcpServerStatus = AppMcpServerRow["status"];

export interface AppMcpServerInput {
  description?: string;
  /** {input variable: description}, shown to MCP clients in the tool's schema. */
  parameters?: Record<string, string>;
  status?: AppMcpServerStatus;
}

const KEY_PREFIX = "mcp-";
const sec = (ms: number) => Math.floor(ms / 1000);

export function appMcpServerView(row: AppMcpServerRow, origin: string, apiKey?: string) {
  return {
    id: row.id,
    app_id: row.appId,
    server_code: row.serverCode,
    server_url: `${origin}/mcp/server/${row.serverCode}/mcp`,
    status: row.status,
    description: row.description,
    parameters: JSON.parse(row.parameters) as Record<string, string>,
    key_hint: row.keyHint,
    created_at: sec(row.createdAt),
    updated_at: sec(row.updatedAt),
    ...(apiKey ? { api_key: apiKey } : {}),
  };
}

async function newCredentials() {
  const key = newSecret(KEY_PREFIX, 32);
  return {
    key,
    serverCode: randomString(16),
    keyHash: await sha256Hex(key),
    keyHint: `${key.slice(0, KEY_PREFIX.length + 4)}…${key.slice(-4)}`,
  };
}

async function findForApp(ctx: WorkspaceCtx, appId: string) {
  const app = await getApp(ctx, appId);
  const row = await ctx.db
    .select()
    .from(appMcpServers)
    .where(and(eq(appMcpServers.appId, app.id), eq(appMcpServers.workspaceId, ctx.workspace.id)))
    .get();
  return { app, row };
}

export async function getAppMcpServer(ctx: WorkspaceCtx, appId: string): Promise<AppMcpServerRow> {
  const { row } = await findForApp(ctx, appId);
  if (!row) throw NotFound("MCP server");
  return row;
}

/** Creates the app's server; the returned key is the only time it is shown. */
export async function createAppMcpServer(ctx: WorkspaceCtx, appId: string, input: AppMcpServerInput) {
  const { app, row: existing } = await findForApp(ctx, appId);
  if (existing) throw Conflict("This app already has an MCP server; refresh it to get a new key.");
  const { key, ...credentials } = await newCredentials();
  const now = ctx.now();
  const row: AppMcpServerRow = {
    id: ctx.newId(),
    workspaceId: ctx.workspace.id,
    appId: app.id,
    ...credentials,
    status: input.status ?? "active",
    description: input.description ?? app.description,
    parameters: JSON.stringify(input.parameters ?? {}),
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ctx.db.insert(appMcpServers).values(row);
  } catch (e) {
    if (/UNIQUE/.test(`${(e as Error)?.message} ${(e as { cause?: unknown })?.cause}`)) throw Conflict("This app already has an MCP server.");
    throw e;
  }
  return { row, apiKey: key };
}

export async function updateAppMcpServer(ctx: WorkspaceCtx, appId: string, input: AppMcpServerInput): Promise<AppMcpServerRow> {
  const row = await getAppMcpServer(ctx, appId);
  const changes = {
    status: input.status ?? row.status,
    description: input.description ?? row.description,
    parameters: input.parameters ? JSON.stringify(input.parameters) : row.parameters,
    updatedAt: ctx.now(),
  };
  await ctx.db.update(appMcpServers).set(changes).where(eq(appMcpServers.id, row.id));
  forgetApp(row.appId);
  return { ...row, ...changes };
}

/** A new server code and key; the old URL and key stop working at once. */
export async function rotateAppMcpServer(ctx: WorkspaceCtx, appId: string) {
  const row = await getAppMcpServer(ctx, appId);
  const { key, ...credentials } = await newCredentials();
  const changes = { ...credentials, updatedAt: ctx.now() };
  await ctx.db.update(appMcpServers).set(changes).where(eq(appMcpServers.id, row.id));
  forgetApp(row.appId);
  return { row: { ...row, ...changes }, apiKey: key };
}

/**
 * The server a request names, checked in the order an MCP client can act on: unknown code 404,
 * missing or wrong key 401, server switched off 403 (the app's own checks come after).
 */
export async function authenticateAppMcpServer(ctx: Ctx, serverCode: string, authorization: string | undefined): Promise<AppMcpServerRow> {
  const row = await ctx.db.select().from(appMcpServers).where(eq(appMcpServers.serverCode, serverCode)).get();
  if (!row) throw NotFound("MCP server");
  const token = authorization?.match(/^bearer\s+(\S+)$/i)?.[1];
  if (!token) throw Unauthorized("Authorization header must be provided and start with 'Bearer'");
  if (!token.startsWith(KEY_PREFIX) || !timingSafeEqual(await sha256Hex(token), row.keyHash)) throw Unauthorized("Access token is invalid");
  if (row.status !== "active") throw new KilnError("forbidden", 403, "This MCP server is inactive.");
  return row;
}
