// The statistics as the console API serves them: Dify's daily series (a row per local date with
// data, Dify's field names and rounding) and Kiln's summary of a period (every KPI, per day with
// empty days included, and per model).
import type { WorkspaceCtx } from "../context";
import type { ActiveKind } from "../db/statistics";
import type { Period } from "./periods";
import { type AppStatistics, type Counters, kpis, loadAppStatistics, price, round, sumCounters } from "./statistics";

type SeriesRow = Record<string, string | number>;
interface Series {
  actives?: ActiveKind;
  row: (date: string, c: Counters, actives: number) => SeriesRow | null;
}

export const DIFY_SERIES = {
  "daily-messages": { row: (date, c) => (c.messages ? { date, message_count: c.messages } : null) },
  "daily-conversations": {
    actives: "conversation",
    row: (date, _c, n) => (n ? { date, conversation_count: n } : null),
  },
  "daily-end-users": { actives: "end_user", row: (date, _c, n) => (n ? { date, terminal_count: n } : null) },
  "token-costs": {
    row: (date, c) =>
      c.messages
        ? { date, token_count: c.message_tokens + c.answer_tokens, total_price: price(c.total_price), currency: "USD" }
        : null,
  },
  // Dify groups by the conversation's creation date: the mean message count of the
  // conversations started that day.
  "average-session-interactions": {
    row: (date, c) => (c.new_conversations ? { date, interactions: round(c.conversation_messages / c.new_conversations, 2) } : null),
  },
  "user-satisfaction-rate": { row: (date, c) => (c.messages ? { date, rate: round((c.likes * 1000) / c.messages, 2) } : null) },
  "average-response-time": {
    row: (date, c) => (c.messages ? { date, latency: round((c.provider_latency_sum / c.messages) * 1000, 4) } : null),
  },
  "tokens-per-second": {
    row: (date, c) =>
      c.messages ? { date, tps: c.provider_latency_sum ? round(c.answer_tokens / c.provider_latency_sum, 4) : 0 } : null,
  },
} satisfies Record<string, Series>;

export type DifySeriesName = keyof typeof DIFY_SERIES;
export const DIFY_SERIES_NAMES = Object.keys(DIFY_SERIES) as DifySeriesName[];

/** One of Dify's daily series for an app. */
export async function difySeries(ctx: WorkspaceCtx, appId: string, period: Period, name: DifySeriesName) {
  const series: Series = DIFY_SERIES[name];
  const stats = await loadAppStatistics(ctx, appId, period, series.actives ? { actives: [series.actives] } : { counters: "daily" });
  const actives = series.actives ? stats.actives[series.actives]?.daily : undefined;
  const data = stats.buckets.flatMap((b, i): SeriesRow[] => {
    const row = series.row(b.date, stats.daily[i], actives?.[i] ?? 0);
    return row ? [row] : [];
  });
  return { data };
}

const sec = (ms: number) => Math.floor(ms / 1000);

function modelViews(stats: AppStatistics, bucket?: number) {
  return [...stats.models.values()]
    .map((m) => {
      const c = bucket === undefined ? m.total : m.daily[bucket];
      return {
        provider: m.provider,
        model: m.model,
        messages: c.messages,
        total_tokens: c.message_tokens + c.answer_tokens,
        total_price: price(c.total_price),
      };
    })
    .filter((m) => m.messages > 0 || m.total_tokens > 0)
    .sort((a, b) => b.total_tokens - a.total_tokens || a.model.localeCompare(b.model));
}

/** Every KPI of an app for the period: totals, one entry per local day, and per model. */
export async function appSummary(ctx: WorkspaceCtx, appId: string, period: Period) {
  const stats = await loadAppStatistics(ctx, appId, period, {
    counters: "models",
    histogram: true,
    actives: ["end_user", "conversation"],
    totals: true,
  });
  const users = stats.actives.end_user;
  const conversations = stats.actives.conversation;
  return {
    period: { start: sec(period.start), end: sec(period.end), timezone: period.timezone },
    totals: {
      ...kpis(sumCounters(stats.daily)),
      end_users: users?.total ?? 0,
      conversations: conversations?.total ?? 0,
    },
    daily: stats.buckets.map((b, i) => ({
      date: b.date,
      ...kpis(stats.daily[i]),
      end_users: users?.daily[i] ?? 0,
      conversations: conversations?.daily[i] ?? 0,
      models: modelViews(stats, i),
    })),
    models: modelViews(stats),
  };
}
