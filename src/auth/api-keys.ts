// Service API keys: `app-…` keys bound to one app and `dataset-…` keys for a workspace's
// knowledge (Dify's two kinds). The key is shown once on creation; only its SHA-256 is stored.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Ctx, WorkspaceCtx } from "../context";
import { apiKeys } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import { KilnError, NotFound, Unauthorized } from "../lib/errors";
import { newSecret } from "../lib/ids";
import { forgetApp } from "../apps/app-cache";

export const MAX_KEYS_PER_RESOURCE = 10;
type KeyType = "app" | "dataset";
type KeyRow = typeof apiKeys.$inferSelect;

const seconds = (ms: number | null) => (ms == null ? null : Math.floor(ms / 1000));

export function apiKeyView(k: KeyRow, token?: string) {
  return {
    id: k.id,
    type: k.type,
    token: token ?? k.tokenHint,
    last_used_at: seconds(k.lastUsedAt),
    created_at: seconds(k.createdAt)!,
  };
}

const scope = (ctx: WorkspaceCtx, type: KeyType, appId: string | null) =>
  and(
    eq(apiKeys.workspaceId, ctx.workspace.id),
    eq(apiKeys.type, type),
    appId ? eq(apiKeys.appId, appId) : isNull(apiKeys.appId),
  );

export async function listApiKeys(ctx: WorkspaceCtx, type: KeyType, appId: string | null = null) {
  const rows = await ctx.db.select().from(apiKeys).where(scope(ctx, type, appId)).orderBy(desc(apiKeys.createdAt)).all();
  return rows.map((k) => apiKeyView(k));
}

/** Creates a key and returns it in full — the only time it is ever shown. */
export async function createApiKey(ctx: WorkspaceCtx, type: KeyType, appId: string | null = null) {
  const existing = await ctx.db.select({ id: apiKeys.id }).from(apiKeys).where(scope(ctx, type, appId)).all();
  if (existing.length >= MAX_KEYS_PER_RESOURCE) {
    throw new KilnError("invalid_param", 400, `Cannot create more than ${MAX_KEYS_PER_RESOURCE} API keys.`);
  }
  const token = newSecret(`${type}-`, 24);
  const row: KeyRow = {
    id: ctx.newId(),
    workspaceId: ctx.workspace.id,
    type,
    appId,
    tokenHash: await sha256Hex(token),
    tokenHint: `${token.slice(0, type.length + 4)}…${token.slice(-4)}`,
    createdBy: ctx.actor.accountId,
    lastUsedAt: null,
    createdAt: ctx.now(),
  };
  await ctx.db.insert(apiKeys).values(row);
  return apiKeyView(row, token);
}

export async function deleteApiKey(ctx: WorkspaceCtx, type: KeyType, keyId: string, appId: string | null = null) {
  const deleted = await ctx.db
    .delete(apiKeys)
    .where(and(eq(apiKeys.id, keyId), scope(ctx, type, appId)))
    .returning({ id: apiKeys.id })
    .all();
  if (deleted.length === 0) throw NotFound("API key");
  forgetApp(appId ?? datasetKeysGroup(ctx.workspace.id));
}

/** The app-cache group of a workspace's dataset keys (middleware/dataset-key caches them). */
export const datasetKeysGroup = (workspaceId: string) => `dataset-keys:${workspaceId}`;

/** Resolves a Service API bearer key of the expected type; unknown keys are 401 as in Dify. */
export async function authenticateApiKey(ctx: Ctx, token: string, type: KeyType): Promise<KeyRow> {
  if (!token.startsWith(`${type}-`)) throw Unauthorized("Access token is invalid");
  const row = await ctx.db.select().from(apiKeys).where(eq(apiKeys.tokenHash, await sha256Hex(token))).get();
  return acceptApiKey(ctx, row, type);
}

/** Checks a key row found by its token's hash (null: none) and notes its use; 401 as in Dify. */
export function acceptApiKey(ctx: Ctx, row: KeyRow | null | undefined, type: KeyType): KeyRow {
  if (!row || row.type !== type) throw Unauthorized("Access token is invalid");
  const now = ctx.now();
  // Dify updates last_used_at at most once a minute; do it off the request path.
  if (!row.lastUsedAt || now - row.lastUsedAt > 60_000) {
    ctx.waitUntil(ctx.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id)));
  }
  return row;
}
