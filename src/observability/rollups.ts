// Roll-ups maintained on write: the statements one logged message (or one change of rating) adds
// to the batch that already writes the log row, so the statistics cost no extra round trip on the
// request; and the rebuild from messages, for apps logged before the roll-ups existed.
import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { getApp } from "../apps/apps";
import type { Ctx, TenantCtx } from "../context";
import { appActiveGaps, appDailyActives, appHourlyStats, type messages } from "../db/schema";
import type { ActiveKind } from "../db/statistics";
import type { Statement } from "../lib/group-commit";
import { insertRows } from "../lib/insert-rows";
import { gapRows } from "./active-gaps";
import { latencyBucket, latencyColumn } from "./latency-buckets";
import { rebuildRollupsSql } from "./rollup-sql";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

type MessageRow = typeof messages.$inferInsert;
type HourlyRow = typeof appHourlyStats.$inferInsert;

const isCounted = (source: MessageRow["fromSource"]) => source !== "debugger";
const HOURLY_TARGET = ["appId", "hour", "provider", "model"];
const ACTIVES_UPSERT = { target: ["appId", "kind", "day", "subjectId"], merge: { hours: "or" } } as const;

// Statements here join the log's group-commit batch (lib/group-commit.ts), which takes prepared
// statements and query builders. The ones every message writes are prepared from SQL text
// rendered once per shape: drizzle's rendering of them was about a tenth of a chat request's CPU.

// A follow-up counts toward the hour its conversation started in (Dify's interactions). D1 binds
// every number as REAL, so the divisor is inlined to keep this an integer division.
const FOLLOW_UP_SQL = `INSERT INTO app_hourly_stats (app_id, workspace_id, hour, provider, model, conversation_messages)
  VALUES (?, ?, coalesce((SELECT c.created_at / ${HOUR_MS} FROM conversations c WHERE c.id = ?), ?), ?, ?, 1)
  ON CONFLICT (app_id, hour, provider, model) DO UPDATE SET conversation_messages = conversation_messages + excluded.conversation_messages`;

/** Rendered gap statements by app, hour and subject kinds; their parameters are the subject ids. */
const gapTexts = new Map<string, string>();

/** gapRows into app_active_gaps (read before the actives upsert of the same message). */
function gapStatement(ctx: Ctx, appId: string, createdAt: number, subjects: { kind: ActiveKind; id: string }[]): Statement {
  const params = subjects.flatMap((s) => [s.id, s.id, s.id]);
  const key = `${appId}|${Math.floor(createdAt / HOUR_MS)}|${subjects.map((s) => s.kind).join(",")}`;
  let text = gapTexts.get(key);
  if (!text) {
    const built = ctx.db
      .insert(appActiveGaps)
      .select(gapRows(appId, createdAt, subjects))
      .onConflictDoUpdate({
        target: [appActiveGaps.appId, appActiveGaps.kind, appActiveGaps.span, appActiveGaps.at, appActiveGaps.gap],
        set: { subjects: sql`${appActiveGaps.subjects} + excluded.subjects` },
      });
    const query = built.toSQL();
    // Only the subject ids may be parameters, three per subject, or the text cannot be reused.
    if (query.params.length !== params.length || query.params.some((p, i) => p !== params[i])) return built;
    if (gapTexts.size >= 256) gapTexts.clear();
    text = query.sql;
    gapTexts.set(key, text);
  }
  return ctx.db.$client.prepare(text).bind(...params);
}

/** What one logged message adds to the roll-ups: statements for the log's own batch. */
export function messageRollups(ctx: Ctx, m: MessageRow, isNewConversation: boolean): Statement[] {
  if (!isCounted(m.fromSource)) return [];
  const hour = Math.floor(m.createdAt / HOUR_MS);
  const providerLatency = m.providerLatency ?? 0;
  const generated = m.timeToFirstToken != null;
  const counters: Record<string, number> = {
    messages: 1,
    newConversations: isNewConversation ? 1 : 0,
    conversationMessages: isNewConversation ? 1 : 0,
    errors: m.status === "error" ? 1 : 0,
    annotationHits: m.replySource === "annotation" ? 1 : 0,
    messageTokens: m.messageTokens ?? 0,
    answerTokens: m.answerTokens ?? 0,
    totalPrice: m.totalPrice ?? 0,
    latencySum: m.latency ?? 0,
    providerLatencySum: providerLatency,
    // The same arithmetic as rollup-sql.ts, so a rebuild reproduces these sums.
    generateTimeSum: generated ? providerLatency - (m.timeToFirstToken as number) : 0,
    generateTokens: generated ? (m.answerTokens ?? 0) : 0,
    [latencyColumn(latencyBucket(m.latency ?? 0))]: 1,
  };
  const key = { appId: m.appId, workspaceId: m.workspaceId, hour, provider: m.provider, model: m.model };
  const day = Math.floor(m.createdAt / DAY_MS);
  const hours = 2 ** (hour % 24);
  const actives: (typeof appDailyActives.$inferInsert)[] = [
    { appId: m.appId, day, kind: "conversation", subjectId: m.conversationId, hours },
  ];
  if (m.endUserId) actives.push({ appId: m.appId, day, kind: "end_user", subjectId: m.endUserId, hours });
  const statements: Statement[] = [
    insertRows(ctx.db.$client, appHourlyStats, [{ ...key, ...counters } as HourlyRow], {
      upsert: { target: HOURLY_TARGET, merge: Object.fromEntries(Object.keys(counters).map((k) => [k, "add" as const])) },
    }),
    // Before the actives upsert, which it reads: a subject's first message of a day or an hour.
    gapStatement(ctx, m.appId, m.createdAt, actives.map((a) => ({ kind: a.kind, id: a.subjectId }))),
    insertRows(ctx.db.$client, appDailyActives, actives, { upsert: ACTIVES_UPSERT }),
  ];
  if (!isNewConversation) {
    statements.push(ctx.db.$client.prepare(FOLLOW_UP_SQL).bind(m.appId, m.workspaceId, m.conversationId, hour, m.provider, m.model));
  }
  return statements;
}

/**
 * The change a new rating makes to the message's counters, computed inside the batch from the
 * rating it replaces, so concurrent changes cannot double count. Must run before the write.
 */
export function feedbackRollup(
  ctx: Ctx,
  m: Pick<MessageRow, "id" | "appId" | "provider" | "model" | "createdAt" | "fromSource">,
  fromSource: "user" | "admin",
  rating: "like" | "dislike" | null,
): BatchItem<"sqlite">[] {
  if (!isCounted(m.fromSource) || !m.id) return [];
  const change = (r: "like" | "dislike") =>
    sql`${rating === r ? 1 : 0} - (SELECT COUNT(*) FROM message_feedbacks WHERE message_id = ${m.id} AND from_source = ${fromSource} AND rating = ${r})`;
  return [
    ctx.db
      .update(appHourlyStats)
      .set({ likes: sql`${appHourlyStats.likes} + ${change("like")}`, dislikes: sql`${appHourlyStats.dislikes} + ${change("dislike")}` })
      .where(
        and(
          eq(appHourlyStats.appId, m.appId),
          eq(appHourlyStats.hour, Math.floor(m.createdAt / HOUR_MS)),
          eq(appHourlyStats.provider, m.provider),
          eq(appHourlyStats.model, m.model),
        ),
      ),
  ];
}

/**
 * Recomputes an app's roll-ups from its messages, in one batch (one transaction): for apps logged
 * before the roll-ups existed, and for data loaded around the log (the benchmark's seed).
 */
export async function rebuildRollups(ctx: TenantCtx, appId: string): Promise<void> {
  const app = await getApp(ctx, appId);
  const [first, ...rest] = rebuildRollupsSql(app.id).map((s) => ctx.db.run(sql.raw(s)));
  await ctx.db.batch([first, ...rest]);
}
