// End users of an app: a Service API `user` string or an anonymous WebApp browser. Their id is
// derived from (app, type, session), so a request can name one without a database round trip;
// the row itself is written with the run's log (INSERT OR IGNORE).
import { and, eq } from "drizzle-orm";
import type { Ctx, TenantCtx } from "../context";
import { endUsers } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import { KilnError } from "../lib/errors";
import { insertRows } from "../lib/insert-rows";

export type EndUserType = "service_api" | "browser";
export const DEFAULT_SESSION_ID = "DEFAULT-USER";

export interface EndUser {
  id: string;
  sessionId: string;
  type: EndUserType;
  isAnonymous: boolean;
}

export async function endUserFor(appId: string, type: EndUserType, sessionId: string | undefined): Promise<EndUser> {
  const session = sessionId?.trim() || DEFAULT_SESSION_ID;
  const hex = await sha256Hex(`${appId}\u0000${type}\u0000${session}`);
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return { id, sessionId: session, type, isAnonymous: !sessionId?.trim() };
}

export function upsertEndUser(ctx: Ctx, workspaceId: string, appId: string, u: EndUser) {
  const row = { id: u.id, workspaceId, appId, type: u.type, sessionId: u.sessionId, isAnonymous: u.isAnonymous, createdAt: ctx.now() };
  return insertRows(ctx.db.$client, endUsers, [row], { ignoreConflicts: true });
}

/** Dify's datetime as its Service API prints it (pydantic, naive UTC): 2024-01-16T12:00:29. */
const naiveIso = (ms: number) => new Date(ms).toISOString().slice(0, 19);

/**
 * One end user of the app, in Dify's EndUserDetail shape (GET /v1/end-users/:id): only the app's
 * own, so a known id of another app or workspace is not found. Kiln keeps no name and never
 * changes the row, so `name` is null and `updated_at` is `created_at`.
 */
export async function endUserDetail(ctx: TenantCtx, appId: string, id: string) {
  const row = await ctx.db
    .select()
    .from(endUsers)
    .where(and(eq(endUsers.id, id), eq(endUsers.appId, appId), eq(endUsers.workspaceId, ctx.workspace.id)))
    .get();
  if (!row) throw new KilnError("end_user_not_found", 404, "End user not found.");
  return {
    id: row.id,
    tenant_id: row.workspaceId,
    app_id: row.appId,
    type: row.type,
    // Dify records the API's `user` string; a browser has none.
    external_user_id: row.type === "service_api" ? row.sessionId : null,
    name: null,
    is_anonymous: row.isAnonymous,
    session_id: row.sessionId,
    created_at: naiveIso(row.createdAt),
    updated_at: naiveIso(row.createdAt),
  };
}
