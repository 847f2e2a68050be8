// End users of an app: a Service API `user` string or an anonymous WebApp browser. Their id is
// derived from (app, type, session), so a request can name one without a database round trip;
// the row itself is written with the run's log (INSERT OR IGNORE).
import type { Ctx } from "../context";
import { endUsers } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
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
