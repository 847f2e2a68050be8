// The live tail of an app's message log: polls D1 for rows logged after a cursor, so it sees
// messages written by any isolate. The cursor is the message's rowid, which SQLite assigns in
// commit order; created_at is when the request started, and a slow answer committed later than a
// fast one would slip behind a time cursor.
import { and, asc, eq, gt, type SQL, sql } from "drizzle-orm";
import { getApp } from "../apps/apps";
import type { WorkspaceCtx } from "../context";
import { accounts, endUsers, messages } from "../db/schema";
import { type MessageLogFilters, type MessageLogView, messageColumns, messageFilterConditions, messageLogView } from "./logs";

/** Seconds between polls; a burst larger than one page is read without waiting. */
export const TAIL_POLL_MS = 1000;
const PAGE = 100;

const rowid = sql<number>`${messages}.rowid`;

// The log list's filters plus the cursor. The app condition is written `+app_id` so SQLite walks
// the rowid range (the few rows logged since the last poll) instead of the app's whole index.
function tailWhere(ctx: WorkspaceCtx, appId: string, cursor: number, f: MessageLogFilters): SQL {
  return and(gt(rowid, cursor), sql`+${messages.appId} = ${appId}`, eq(messages.workspaceId, ctx.workspace.id), ...messageFilterConditions(f))!;
}

/**
 * The first page of matching messages after `cursor`, oldest first, as the log list shows them,
 * and the end of the whole log at that moment (read in the same transaction), so rows the filters
 * skip are not read again.
 */
async function readAfter(ctx: WorkspaceCtx, appId: string, cursor: number, filters: MessageLogFilters) {
  const page = ctx.db
    .select({ rowid, ...messageColumns })
    .from(messages)
    .leftJoin(endUsers, eq(endUsers.id, messages.endUserId))
    .leftJoin(accounts, eq(accounts.id, messages.accountId))
    .where(tailWhere(ctx, appId, cursor, filters))
    .orderBy(asc(rowid))
    .limit(PAGE);
  const [head, rows] = await ctx.db.batch([ctx.db.select({ last: sql<number | null>`max(rowid)` }).from(messages), page]);
  const events = rows.map((r): { cursor: number; message: MessageLogView } => ({ cursor: Number(r.rowid), message: messageLogView(r) }));
  const end = rows.length === PAGE ? events[events.length - 1].cursor : Math.max(cursor, Number(head[0]?.last ?? 0));
  return { events, end, full: rows.length === PAGE };
}

export type TailEvent = { type: "message"; cursor: number; message: MessageLogView } | { type: "idle"; cursor: number };

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });

/**
 * Messages of the app logged after `cursor` (a rowid; the current end of the log when absent), as
 * they are committed, until `signal` aborts or `durationMs` passes. Yields `idle` after each empty
 * poll so the transport can carry the cursor in its keep-alives.
 */
export async function* tailMessages(
  ctx: WorkspaceCtx,
  appId: string,
  filters: MessageLogFilters,
  options: { cursor?: number; signal: AbortSignal; durationMs: number; pollMs?: number },
): AsyncGenerator<TailEvent> {
  const app = await getApp(ctx, appId);
  let cursor =
    options.cursor ?? Number((await ctx.db.select({ last: sql<number | null>`max(rowid)` }).from(messages).get())?.last ?? 0);
  const until = ctx.now() + options.durationMs;
  yield { type: "idle", cursor };
  while (!options.signal.aborted && ctx.now() < until) {
    const page = await readAfter(ctx, app.id, cursor, filters);
    for (const event of page.events) yield { type: "message", ...event };
    cursor = page.end;
    if (page.full) continue;
    yield { type: "idle", cursor };
    await pause(Math.min(options.pollMs ?? TAIL_POLL_MS, Math.max(0, until - ctx.now())), options.signal);
  }
}
