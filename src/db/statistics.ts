// Monitoring roll-ups, written in the same batch as each message log (observability/rollups.ts)
// so the statistics never scan the message table: counters and a latency histogram per app, hour
// and model; who was active on which UTC day (with the hours they were active in, so a day in any
// whole-hour timezone can be counted exactly); and per day, how long since each was last active.
import { index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { LATENCY_BUCKETS, latencyColumn } from "../observability/latency-buckets";
import { apps } from "./apps";

const latencyColumns = Object.fromEntries(
  Array.from({ length: LATENCY_BUCKETS }, (_, i) => [latencyColumn(i), integer(latencyColumn(i)).notNull().default(0)]),
);

export const appHourlyStats = sqliteTable(
  "app_hourly_stats",
  {
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id").notNull(),
    /** Epoch hour (UTC): floor(created_at / 3,600,000) of the messages counted. */
    hour: integer("hour").notNull(),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    messages: integer("messages").notNull().default(0),
    /** Conversations whose first message fell in this hour. */
    newConversations: integer("new_conversations").notNull().default(0),
    /** Every message (so far) of the conversations created in this hour: Dify's interactions. */
    conversationMessages: integer("conversation_messages").notNull().default(0),
    errors: integer("errors").notNull().default(0),
    /** Feedback rows (from users and members) on these messages, as Dify counts them. */
    likes: integer("likes").notNull().default(0),
    dislikes: integer("dislikes").notNull().default(0),
    annotationHits: integer("annotation_hits").notNull().default(0),
    messageTokens: integer("message_tokens").notNull().default(0),
    answerTokens: integer("answer_tokens").notNull().default(0),
    totalPrice: real("total_price").notNull().default(0),
    /** Seconds, end to end. */
    latencySum: real("latency_sum").notNull().default(0),
    /** Seconds spent in the provider call (Dify's provider_response_latency). */
    providerLatencySum: real("provider_latency_sum").notNull().default(0),
    /** Seconds from first to last token, and the answer tokens of the messages that had them. */
    generateTimeSum: real("generate_time_sum").notNull().default(0),
    generateTokens: integer("generate_tokens").notNull().default(0),
    /** lat_0 … lat_50: the end-to-end latency histogram (see latency-buckets.ts). */
    ...latencyColumns,
  },
  (t) => [
    primaryKey({ columns: [t.appId, t.hour, t.provider, t.model] }),
    index("app_hourly_stats_workspace_idx").on(t.workspaceId, t.hour),
  ],
);

export const ACTIVE_KINDS = ["end_user", "conversation"] as const;
export type ActiveKind = (typeof ACTIVE_KINDS)[number];

export const appDailyActives = sqliteTable(
  "app_daily_actives",
  {
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    /** Epoch day (UTC). */
    day: integer("day").notNull(),
    kind: text("kind", { enum: ACTIVE_KINDS }).notNull(),
    /** The end user's or the conversation's id. */
    subjectId: text("subject_id").notNull(),
    /** Bit h set: active in UTC hour h of the day. */
    hours: integer("hours").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.appId, t.kind, t.day, t.subjectId] }),
    index("app_daily_actives_subject_idx").on(t.appId, t.kind, t.subjectId, t.day),
  ],
);

/** Units of app_active_gaps. */
export const GAP_SPANS = ["day", "hour"] as const;

/**
 * How many subjects became active in a UTC day (`span` day) or hour (`span` hour), by the time
 * since each one was last active: in days (0: never before), or in hours (capped at 25, which
 * also stands for never: rollup-sql.ts HOUR_GAP_CAP). The subjects active in a window starting at
 * `s` are the rows inside it with gap > at − s (day gap 0 counts too), so a distinct count sums a
 * few rows per day or hour instead of deduplicating ids: hours for each local day in any
 * whole-hour timezone, days for a whole period.
 */
export const appActiveGaps = sqliteTable(
  "app_active_gaps",
  {
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ACTIVE_KINDS }).notNull(),
    span: text("span", { enum: GAP_SPANS }).notNull(),
    /** Epoch day or epoch hour (UTC). */
    at: integer("at").notNull(),
    gap: integer("gap").notNull(),
    subjects: integer("subjects").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.appId, t.kind, t.span, t.at, t.gap] })],
);
