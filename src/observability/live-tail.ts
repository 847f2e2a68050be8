// The live tail of an app's message log: polls D1 for rows logged after a cursor, so it sees
// messages written by any isolate. The cursor is the message's rowid, which SQLite assigns in
// commit order; created_at is when the request started, and a slow answer committed later than a
// fast one would slip behind a time cursor.
import { and, asc, eq, gte, gt, lt, type SQL, sql } from "drizzle-orm";
import { getApp } from "../apps/apps";
import type { WorkspaceCtx } from "../context";
import { accounts, endUsers, messages } from "../db/schema";
import type { MessageLogFilters, MessageLogView } from "./logs";

/** Seconds between polls; a burst larger than one page is read without waiting. */
export const TAIL_POLL_MS = 1000;
const PAGE = 100;

const rowid = sql<number>`${messages}.rowid`;

// The same conditions as the message log list (observability/logs.ts) plus the cursor. The app
// condition is written `+app_id` so SQLite walks the rowid range (the few rows logged since the
// last poll) instead of the app's whole index.
function tailWhere(ctx: WorkspaceCtx, appId: string, cursor: number, f: MessageLogFilters): SQL {
  const conditions: SQL[] = [gt(rowid, cursor), sql`+${messages.appId} = ${appId}`, eq(messages.workspaceId, ctx.workspace.id)];
  if (f.start !== undefined) conditions.push(gte(messages.createdAt, f.start));
  if (f.end !== undefined) conditions.push(lt(messages.createdAt, f.end));
  if (f.source) conditions.push(eq(messages.fromSource, f.source));
  if (f.status) conditions.push(eq(messages.status, f.status));
  if (f.feedback) {
    conditions.push(sql`EXISTS (SELECT 1 FROM message_feedbacks f WHERE f.message_id = ${messages.id} AND f.rating = ${f.feedback})`);
  }
  if (f.keyword) {
    const p = `%${f.keyword.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    conditions.push(
      sql`(${messages.query} LIKE ${p} ESCAPE '\\' OR ${messages.answer} LIKE ${p} ESCAPE '\\' OR ${endUsers.sessionId} LIKE ${p} ESCAPE '\\')`,
    );
  }
  return and(...conditions)!;
}

const feedbackOf = (source: "user" | "admin", field: "rating" | "content") =>
  sql<string | null>`(SELECT f.${sql.raw(field)} FROM message_feedbacks f WHERE f.message_id = ${messages.id} AND f.from_source = ${source})`;
const feedbackView = (rating: string | null, content: string | null) =>
  rating ? { rating: rating as "like" | "dislike", content } : null;
const sec = (ms: number) => Math.floor(ms / 1000);
const decimal = (n: number) => (Number.isInteger(n) ? n.toFixed(0) : n.toFixed(7).replace(/0+$/, "").replace(/\.$/, ""));

/**
 * The first page of matching messages after `cursor`, oldest first, as the log list shows them,
 * and the end of the whole log at that moment (read in the same transaction), so rows the filters
 * skip are not read again.
 */
async function readAfter(ctx: WorkspaceCtx, appId: string, cursor: number, filters: MessageLogFilters) {
  const page = ctx.db
    .select({
      rowid,
      m: messages,
      sessionId: endUsers.sessionId,
      accountName: accounts.name,
      userRating: feedbackOf("user", "rating"),
      userComment: feedbackOf("user", "content"),
      adminRating: feedbackOf("admin", "rating"),
      adminComment: feedbackOf("admin", "content"),
    })
    .from(messages)
    .leftJoin(endUsers, eq(endUsers.id, messages.endUserId))
    .leftJoin(accounts, eq(accounts.id, messages.accountId))
    .where(tailWhere(ctx, appId, cursor, filters))
    .orderBy(asc(rowid))
    .limit(PAGE);
  const [head, rows] = await ctx.db.batch([ctx.db.select({ last: sql<number | null>`max(rowid)` }).from(messages), page]);
  const events = rows.map((r): { cursor: number; message: MessageLogView } => {
    const m = r.m;
    return {
      cursor: Number(r.rowid),
      message: {
        id: m.id,
        conversation_id: m.conversationId,
        from_source: m.fromSource,
        from_end_user_id: m.endUserId,
        from_end_user_session_id: r.sessionId,
        from_account_id: m.accountId,
        from_account_name: r.accountName,
        inputs: JSON.parse(m.inputs) as Record<string, unknown>,
        query: m.query,
        answer: m.answer,
        status: m.status,
        error: m.error,
        reply_source: m.replySource,
        config_version: m.configVersion,
        model_provider: m.provider,
        model_id: m.model,
        message_tokens: m.messageTokens,
        answer_tokens: m.answerTokens,
        total_tokens: m.messageTokens + m.answerTokens,
        message_price: decimal(m.messagePrice),
        answer_price: decimal(m.answerPrice),
        total_price: decimal(m.totalPrice),
        currency: m.currency,
        provider_response_latency: m.providerLatency,
        latency: m.latency,
        time_to_first_token: m.timeToFirstToken,
        feedback: feedbackView(r.userRating, r.userComment),
        admin_feedback: feedbackView(r.adminRating, r.adminComment),
        retriever_resources: JSON.parse(m.retrieverResources) as unknown[],
        created_at: sec(m.createdAt),
      },
    };
  });
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
