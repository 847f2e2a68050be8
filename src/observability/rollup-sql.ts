// The roll-ups as SQL over the message table: what one message adds is defined once here, and
// used to rebuild an app's roll-ups, to backfill, and to count the minutes of a period that do not
// fill a whole hour. Plain strings with no imports beyond the buckets, so the benchmark can build
// roll-ups for a million seeded messages with `wrangler d1 execute`.
import { LATENCY_BUCKETS, latencyBucketSql, latencyColumn } from "./latency-buckets";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Hour gaps at or above this are stored as it: a local day is at most 25 hours long. */
export const HOUR_GAP_CAP = 25;

/** Counter columns of `app_hourly_stats` (besides the histogram and conversation_messages). */
export const COUNTERS = [
  "messages",
  "new_conversations",
  "errors",
  "likes",
  "dislikes",
  "annotation_hits",
  "message_tokens",
  "answer_tokens",
  "total_price",
  "latency_sum",
  "provider_latency_sum",
  "generate_time_sum",
  "generate_tokens",
] as const;
export type Counter = (typeof COUNTERS)[number] | "conversation_messages";

export const HISTOGRAM = Array.from({ length: LATENCY_BUCKETS }, (_, i) => latencyColumn(i));

/** Dify leaves the debugger out of every statistic; so do the roll-ups. */
export const COUNTED = "m.from_source != 'debugger'";

const feedbacks = (rating: "like" | "dislike") =>
  `(SELECT COUNT(*) FROM message_feedbacks f WHERE f.message_id = m.id AND f.rating = '${rating}')`;

// Per message `m` (joined to `c`, its conversation when `m` is that conversation's first message).
const PER_MESSAGE: Record<(typeof COUNTERS)[number], string> = {
  messages: "COUNT(*)",
  new_conversations: "SUM(c.id IS NOT NULL)",
  errors: "SUM(m.status = 'error')",
  likes: `SUM(${feedbacks("like")})`,
  dislikes: `SUM(${feedbacks("dislike")})`,
  annotation_hits: "SUM(m.reply_source = 'annotation')",
  message_tokens: "SUM(m.message_tokens)",
  answer_tokens: "SUM(m.answer_tokens)",
  total_price: "SUM(m.total_price)",
  latency_sum: "SUM(m.latency)",
  provider_latency_sum: "SUM(m.provider_latency)",
  // Generation time is what the provider spent after the first token.
  generate_time_sum: "SUM(CASE WHEN m.time_to_first_token IS NOT NULL THEN m.provider_latency - m.time_to_first_token ELSE 0 END)",
  generate_tokens: "SUM(CASE WHEN m.time_to_first_token IS NOT NULL THEN m.answer_tokens ELSE 0 END)",
};

/**
 * Counters and histogram of the messages `m` joined by `from`, grouped by `keys` (SQL
 * expressions, named k0, k1, …). Grouping by latency bucket first keeps the histogram to one
 * CASE per message.
 */
export function messageRollupSql(options: { from: string; where: string; keys: string[] }): string {
  const keys = options.keys.map((k, i) => `${k} AS k${i}`).join(", ");
  const keyNames = options.keys.map((_, i) => `k${i}`).join(", ");
  const inner = COUNTERS.map((c) => `${PER_MESSAGE[c]} AS ${c}`).join(", ");
  const outer = [
    ...COUNTERS.map((c) => `SUM(${c}) AS ${c}`),
    ...HISTOGRAM.map((col, i) => `SUM(CASE WHEN lb = ${i} THEN messages ELSE 0 END) AS ${col}`),
  ].join(", ");
  return `SELECT ${keyNames}, ${outer} FROM (
  SELECT ${keys}, ${latencyBucketSql("m.latency")} AS lb, ${inner}
  FROM ${options.from}
  LEFT JOIN conversations c ON c.id = m.conversation_id AND c.created_at = m.created_at
  WHERE ${COUNTED} AND ${options.where}
  GROUP BY ${keyNames}, lb
) GROUP BY ${keyNames}`;
}

/** An SQL string literal. */
export const sqlText = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * Statements that recompute roll-ups from messages: of one app, or of every app (`null`, the
 * backfill). Run them in one batch (D1 runs a batch as one transaction) so messages logged
 * meanwhile are counted exactly once.
 */
export function rebuildRollupsSql(appId: string | null): string[] {
  const only = appId === null ? "1" : `m.app_id = ${sqlText(appId)}`;
  const scope = appId === null ? "" : ` WHERE app_id = ${sqlText(appId)}`;
  const hourly = messageRollupSql({
    from: "messages m",
    where: only,
    keys: ["m.app_id", "m.workspace_id", `m.created_at / ${HOUR_MS}`, "m.provider", "m.model"],
  });
  const columns = ["app_id", "workspace_id", "hour", "provider", "model", ...COUNTERS, ...HISTOGRAM].join(", ");
  const actives = (kind: "conversation" | "end_user", column: string) => `INSERT INTO app_daily_actives (app_id, day, kind, subject_id, hours)
SELECT m.app_id, m.created_at / ${DAY_MS}, '${kind}', m.${column}, SUM(DISTINCT 1 << ((m.created_at / ${HOUR_MS}) % 24))
FROM messages m WHERE ${COUNTED} AND ${only} AND m.${column} IS NOT NULL
GROUP BY m.app_id, m.created_at / ${DAY_MS}, m.${column}`;
  return [
    `DELETE FROM app_hourly_stats${scope}`,
    `DELETE FROM app_daily_actives${scope}`,
    `INSERT INTO app_hourly_stats (${columns}) ${hourly}`,
    // Each message counts toward its conversation's creation hour (Dify's interactions).
    `INSERT INTO app_hourly_stats (app_id, workspace_id, hour, provider, model, conversation_messages)
SELECT m.app_id, m.workspace_id, c.created_at / ${HOUR_MS}, m.provider, m.model, COUNT(*)
FROM messages m JOIN conversations c ON c.id = m.conversation_id
WHERE ${COUNTED} AND ${only}
GROUP BY m.app_id, m.workspace_id, c.created_at / ${HOUR_MS}, m.provider, m.model
ON CONFLICT (app_id, hour, provider, model) DO UPDATE SET conversation_messages = excluded.conversation_messages`,
    actives("conversation", "conversation_id"),
    actives("end_user", "end_user_id"),
    `DELETE FROM app_active_gaps${scope}`,
    `INSERT INTO app_active_gaps (app_id, kind, span, at, gap, subjects)
SELECT app_id, kind, 'day', day, gap, COUNT(*) FROM (
  SELECT app_id, kind, day, coalesce(day - lag(day) OVER (PARTITION BY app_id, kind, subject_id ORDER BY day), 0) AS gap
  FROM app_daily_actives${scope}
) GROUP BY app_id, kind, day, gap`,
    // Every active hour of every subject, with the hours since its previous one (capped at 25).
    `INSERT INTO app_active_gaps (app_id, kind, span, at, gap, subjects)
SELECT app_id, kind, 'hour', at, gap, COUNT(*) FROM (
  SELECT a.app_id, a.kind, a.day * 24 + b.column1 AS at,
    min(${HOUR_GAP_CAP}, coalesce(a.day * 24 + b.column1 - lag(a.day * 24 + b.column1) OVER (PARTITION BY a.app_id, a.kind, a.subject_id ORDER BY a.day * 24 + b.column1), ${HOUR_GAP_CAP})) AS gap
  FROM app_daily_actives a CROSS JOIN (VALUES ${Array.from({ length: 24 }, (_, h) => `(${h})`).join(", ")}) b
  WHERE (a.hours >> b.column1) & 1 = 1${appId === null ? "" : ` AND a.app_id = ${sqlText(appId)}`}
) GROUP BY app_id, kind, at, gap`,
  ];
}
