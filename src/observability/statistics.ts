// An app's monitoring statistics for a period in a timezone, loaded in one D1 batch: counters and
// the latency histogram per local day (and model), distinct active end users and conversations,
// and the KPIs derived from them. All of it comes from the roll-ups (plus the leftover minutes
// from messages), never from scanning an app's message history. statistics-series.ts shapes it.
import { and, eq, sql } from "drizzle-orm";
import type { WorkspaceCtx } from "../context";
import { apps } from "../db/schema";
import type { ActiveKind } from "../db/statistics";
import { latencyQuantile } from "./latency-buckets";
import { type Bucket, checkPeriod, DAY_MS, isTimezone, localDays, MAX_PERIOD_DAYS, type Period, type Plan, parseTimeBound, planBuckets, planWhole } from "./periods";
import { COUNTERS, HISTOGRAM } from "./rollup-sql";
import { activesDailyQuery, activesTotalQuery, COUNTER_SUMS, HISTOGRAM_SUMS, rollupQuery, scanConversationMessagesQuery, scanQuery } from "./statistics-queries";
import { Invalid, NotFound } from "../lib/errors";

export type Counters = Record<(typeof COUNTERS)[number] | "conversation_messages", number> & { histogram: number[] };

export const emptyCounters = (): Counters => ({
  ...(Object.fromEntries([...COUNTERS, "conversation_messages"].map((c) => [c, 0])) as Record<(typeof COUNTERS)[number], number>),
  conversation_messages: 0,
  histogram: HISTOGRAM.map(() => 0),
});

/** Adds a row of SQL sums (counters and, when present, lat_* columns) into `into`. */
export function addRow(into: Counters, row: Record<string, unknown>): void {
  for (const c of [...COUNTERS, "conversation_messages"] as const) into[c] += Number(row[c] ?? 0);
  HISTOGRAM.forEach((col, i) => {
    into.histogram[i] += Number(row[col] ?? 0);
  });
}

export interface PeriodQuery {
  start?: string;
  end?: string;
  tz?: string;
}

/**
 * The period a request asks for, in its timezone (`tz`, else the account's, else UTC). A missing
 * end is now; a missing start is as far back as a period may reach (Dify: no lower bound).
 */
export function resolvePeriod(q: PeriodQuery, accountTimezone: string | undefined, now: number): Period {
  if (q.tz !== undefined && !isTimezone(q.tz)) throw Invalid(`tz: unknown timezone "${q.tz.slice(0, 64)}"`, ["tz"]);
  const timezone = q.tz ?? (accountTimezone && isTimezone(accountTimezone) ? accountTimezone : "UTC");
  const end = q.end ? parseTimeBound(q.end, timezone, "end") : Math.ceil(now / 60_000) * 60_000;
  const start = q.start ? parseTimeBound(q.start, timezone, "start") : end - MAX_PERIOD_DAYS * DAY_MS;
  return checkPeriod({ start, end, timezone });
}

export interface AppStatistics {
  buckets: Bucket[];
  /** Per bucket, summed over models. */
  daily: Counters[];
  /** Per model over the whole period, and per bucket. */
  models: Map<string, { provider: string; model: string; total: Counters; daily: Counters[] }>;
  actives: Partial<Record<ActiveKind, { daily: number[]; total: number }>>;
}

type Row = Record<string, unknown>;

export interface Needs {
  /** Counters per bucket, or per bucket and model. */
  counters?: "daily" | "models";
  /** The latency histogram per bucket (for p95). */
  histogram?: boolean;
  actives?: ActiveKind[];
  /** Distinct actives over the whole period too. */
  totals?: boolean;
}

/** Loads what `need` asks of an app's statistics for a period, in one D1 batch. */
export async function loadAppStatistics(ctx: WorkspaceCtx, appId: string, period: Period, need: Needs): Promise<AppStatistics> {
  // The app check travels in the same batch as the queries (one round trip); nothing is answered
  // unless the app is the caller's workspace's. Ids are quoted into the SQL (sqlText).
  const app = { id: appId };
  const plan: Plan = planBuckets(localDays(period));
  const s = { appId: app.id };
  const queries: { name: string; sql: string | null }[] = [];
  if (need.counters) {
    queries.push(
      { name: "rollups", sql: rollupQuery(s, plan, need.counters === "models" ? ["provider", "model"] : [], COUNTER_SUMS) },
      { name: "scan", sql: scanQuery(s, plan, ["m.provider", "m.model"]) },
      { name: "scanConversations", sql: scanConversationMessagesQuery(s, plan) },
    );
  }
  if (need.histogram) queries.push({ name: "histogram", sql: rollupQuery(s, plan, [], HISTOGRAM_SUMS) });
  for (const kind of need.actives ?? []) {
    queries.push({ name: `daily:${kind}`, sql: activesDailyQuery(app.id, plan, kind) });
    // A total ignores local days: the whole period as one bucket keeps every inner hour whole.
    if (need.totals) queries.push({ name: `total:${kind}`, sql: activesTotalQuery(app.id, planWhole(period), kind) });
  }
  const runnable = queries.filter((q): q is { name: string; sql: string } => q.sql !== null);
  const byName = new Map<string, Row[]>();
  const appCheck = ctx.db
    .select({ id: apps.id })
    .from(apps)
    .where(and(eq(apps.id, appId), eq(apps.workspaceId, ctx.workspace.id)));
  const [found, ...results] = await ctx.db.batch([appCheck, ...runnable.map((q) => ctx.db.all<Row>(sql.raw(q.sql)))]);
  if (!found.length) throw NotFound("App");
  for (const [i, q] of runnable.entries()) byName.set(q.name, results[i] as Row[]);

  const stats: AppStatistics = { buckets: plan.buckets, daily: plan.buckets.map(emptyCounters), models: new Map(), actives: {} };
  const add = (bucket: number, row: Row) => {
    addRow(stats.daily[bucket], row);
    if (need.counters !== "models") return;
    const [provider, model] = [String(row.provider ?? row.k1), String(row.model ?? row.k2)];
    const key = `${provider}\u0000${model}`;
    let m = stats.models.get(key);
    if (!m) {
      m = { provider, model, total: emptyCounters(), daily: plan.buckets.map(emptyCounters) };
      stats.models.set(key, m);
    }
    addRow(m.total, row);
    addRow(m.daily[bucket], row);
  };
  for (const row of byName.get("rollups") ?? []) add(Number(row.b), row);
  for (const row of byName.get("scan") ?? []) add(Number(row.k0), row);
  for (const row of byName.get("histogram") ?? []) addRow(stats.daily[Number(row.b)], row);
  for (const row of byName.get("scanConversations") ?? []) {
    stats.daily[Number(row.k0)].conversation_messages += Number(row.conversation_messages);
  }
  for (const kind of need.actives ?? []) {
    const daily = plan.buckets.map(() => 0);
    for (const row of byName.get(`daily:${kind}`) ?? []) daily[Number(row.b)] += Number(row.n);
    const total = Number(byName.get(`total:${kind}`)?.[0]?.n ?? 0);
    stats.actives[kind] = { daily, total };
  }
  return stats;
}

export const round = (n: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/** Prices as Dify's Decimal sums print: seven decimals. */
export const price = (n: number) => (Math.abs(n) < 5e-8 ? 0 : n).toFixed(7);

export const ms = (seconds: number | null) => (seconds === null ? null : round(seconds * 1000, 2));

/** Kiln's KPIs of a set of counters (for the period, a day or a model). */
export function kpis(c: Counters) {
  const n = c.messages;
  return {
    messages: n,
    new_conversations: c.new_conversations,
    interactions: c.new_conversations ? round(c.conversation_messages / c.new_conversations, 2) : 0,
    message_tokens: c.message_tokens,
    answer_tokens: c.answer_tokens,
    total_tokens: c.message_tokens + c.answer_tokens,
    total_price: price(c.total_price),
    currency: "USD" as const,
    average_latency: n ? ms(c.latency_sum / n) : null,
    p95_latency: ms(latencyQuantile(c.histogram, 0.95)),
    average_response_time: n ? round((c.provider_latency_sum / n) * 1000, 4) : null,
    tokens_per_second: c.provider_latency_sum ? round(c.answer_tokens / c.provider_latency_sum, 4) : 0,
    generation_tokens_per_second: c.generate_time_sum ? round(c.generate_tokens / c.generate_time_sum, 2) : null,
    likes: c.likes,
    dislikes: c.dislikes,
    likes_per_1k: n ? round((c.likes * 1000) / n, 2) : 0,
    dislikes_per_1k: n ? round((c.dislikes * 1000) / n, 2) : 0,
    errors: c.errors,
    error_rate: n ? round(c.errors / n, 4) : 0,
    annotation_hits: c.annotation_hits,
    annotation_hit_rate: n ? round(c.annotation_hits / n, 4) : 0,
  };
}

export function sumCounters(list: Counters[]): Counters {
  const total = emptyCounters();
  for (const c of list) addRow(total, { ...c, ...Object.fromEntries(HISTOGRAM.map((col, i) => [col, c.histogram[i]])) });
  return total;
}
