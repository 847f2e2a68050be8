// Dify's workflow statistics (workflow and chatflow apps): runs, distinct callers, tokens, and
// runs per caller, per local day of the period, counted over the app's runs from the API and the
// WebApp (`app-run`; debugger runs are left out, as in Dify). Read straight from workflow_runs
// through its (app, triggered_from, created_at) index, in one D1 batch with the app check.
import { and, eq, sql } from "drizzle-orm";
import type { WorkspaceCtx } from "../context";
import { apps } from "../db/schema";
import { KilnError, NotFound } from "../lib/errors";
import { type Bucket, localDays, type Period } from "./periods";
import { sqlText } from "./rollup-sql";
import { round } from "./statistics";

export const WORKFLOW_SERIES_NAMES = ["daily-conversations", "daily-terminals", "token-costs", "average-app-interactions"] as const;
export type WorkflowSeriesName = (typeof WORKFLOW_SERIES_NAMES)[number];

export interface WorkflowDay {
  date: string;
  runs: number;
  terminal_count: number;
  token_count: number;
  /** Runs per caller that day (Dify's average app interactions). */
  interactions: number;
}

type Row = Record<string, unknown>;

const int = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
};

/** The app's runs in each bucket, joined through a VALUES list of (bucket, start, end). */
function runsPerDay(appId: string, buckets: Bucket[]): string {
  const days = buckets.map((b, i) => `(${i}, ${int(b.start)}, ${int(b.end)})`).join(", ");
  return `d(b, s, e) AS (VALUES ${days}),
runs AS (SELECT d.b AS b, w.created_by AS caller, w.total_tokens AS tokens
  FROM d CROSS JOIN workflow_runs w
  ON w.app_id = ${sqlText(appId)} AND w.triggered_from = 'app-run' AND w.created_at >= d.s AND w.created_at < d.e)`;
}

/**
 * Every day of the period with its four figures, days without runs included; with `callers`, also
 * the distinct callers of the whole period (not a sum of days: one caller runs on many days).
 */
export async function workflowDays(
  ctx: WorkspaceCtx,
  appId: string,
  period: Period,
  options: { callers?: boolean } = {},
): Promise<{ app: { mode: string }; days: WorkflowDay[]; callers: number }> {
  const buckets = localDays(period);
  const appCheck = ctx.db
    .select({ mode: apps.mode })
    .from(apps)
    .where(and(eq(apps.id, appId), eq(apps.workspaceId, ctx.workspace.id)));
  const days: WorkflowDay[] = buckets.map((b) => ({ date: b.date, runs: 0, terminal_count: 0, token_count: 0, interactions: 0 }));
  if (!buckets.length) {
    const [found] = await appCheck;
    if (!found) throw NotFound("App");
    return { app: found, days, callers: 0 };
  }
  const perDay = sql.raw(`WITH ${runsPerDay(appId, buckets)}
SELECT b, COUNT(*) AS runs, COUNT(DISTINCT caller) AS terminals, COALESCE(SUM(tokens), 0) AS tokens FROM runs GROUP BY b`);
  const distinct = sql.raw(`WITH ${runsPerDay(appId, buckets)} SELECT COUNT(DISTINCT caller) AS n FROM runs`);
  const reads = [perDay, ...(options.callers ? [distinct] : [])].map((q) => ctx.db.all<Row>(q));
  const [found, counted, total] = await ctx.db.batch([appCheck, ...reads]);
  if (!found.length) throw NotFound("App");
  for (const row of counted) {
    const day = days[Number(row.b)];
    day.runs = Number(row.runs);
    day.terminal_count = Number(row.terminals);
    day.token_count = Number(row.tokens);
    // Dify averages each caller's run count over the day's callers: runs / callers.
    day.interactions = day.terminal_count ? round(day.runs / day.terminal_count, 2) : 0;
  }
  return { app: found[0], days, callers: Number(total?.[0]?.n ?? 0) };
}

/** One of Dify's workflow series: a row per local date with runs, in Dify's field names. */
export async function workflowSeries(ctx: WorkspaceCtx, appId: string, period: Period, name: WorkflowSeriesName) {
  const { app, days } = await workflowDays(ctx, appId, period);
  // Dify serves the average only for workflow apps (get_app_model(mode=[WORKFLOW])).
  if (name === "average-app-interactions" && app.mode !== "workflow") {
    throw new KilnError("app_unavailable", 400, "App unavailable, please check your app configurations.");
  }
  const used = days.filter((d) => d.runs > 0);
  switch (name) {
    case "daily-conversations":
      return { data: used.map((d) => ({ date: d.date, runs: d.runs })) };
    case "daily-terminals":
      return { data: used.map((d) => ({ date: d.date, terminal_count: d.terminal_count })) };
    case "token-costs":
      return { data: used.map((d) => ({ date: d.date, token_count: d.token_count })) };
    case "average-app-interactions":
      return { data: used.map((d) => ({ date: d.date, interactions: d.interactions })) };
  }
}

/** Kiln's summary for the dashboard: the period's totals and every day. */
export async function workflowSummary(ctx: WorkspaceCtx, appId: string, period: Period) {
  const { days, callers } = await workflowDays(ctx, appId, period, { callers: true });
  return {
    period: { start: period.start, end: period.end, timezone: period.timezone },
    totals: {
      runs: days.reduce((n, d) => n + d.runs, 0),
      terminal_count: callers,
      token_count: days.reduce((n, d) => n + d.token_count, 0),
    },
    daily: days,
  };
}
