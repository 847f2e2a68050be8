// The workspace's monitoring overview: every app's totals for a period and the workspace's daily
// messages, tokens, cost and ratings, from the roll-ups over the workspace index (plus the
// leftover minutes from messages).
import { asc, eq, sql } from "drizzle-orm";
import type { WorkspaceCtx } from "../context";
import { apps } from "../db/schema";
import { localDays, type Period, planBuckets, planWhole } from "./periods";
import { addRow, emptyCounters, kpis, price, sumCounters } from "./statistics";
import { COUNTER_SUMS, HISTOGRAM_SUMS, rollupQuery, scanConversationMessagesQuery, scanQuery } from "./statistics-queries";

type Row = Record<string, unknown>;
const sec = (ms: number) => Math.floor(ms / 1000);

export async function workspaceOverview(ctx: WorkspaceCtx, period: Period) {
  const days = planBuckets(localDays(period));
  const whole = planWhole(period);
  const s = { workspaceId: ctx.workspace.id };
  const queries = {
    perApp: rollupQuery(s, whole, ["app_id"], `${COUNTER_SUMS}, ${HISTOGRAM_SUMS}`),
    perAppScan: scanQuery(s, whole, ["m.app_id"]),
    perAppConversations: scanConversationMessagesQuery(s, whole),
    daily: rollupQuery(s, days, [], COUNTER_SUMS),
    dailyScan: scanQuery(s, days, []),
  };
  const names = (Object.keys(queries) as (keyof typeof queries)[]).filter((k) => queries[k] !== null);
  const [appRows, results] = await Promise.all([
    ctx.db
      .select({ id: apps.id, name: apps.name, mode: apps.mode, icon: apps.icon, iconBackground: apps.iconBackground })
      .from(apps)
      .where(eq(apps.workspaceId, ctx.workspace.id))
      .orderBy(asc(apps.name))
      .all(),
    names.length
      ? (() => {
          const [first, ...rest] = names.map((k) => ctx.db.all<Row>(sql.raw(queries[k] as string)));
          return ctx.db.batch([first, ...rest]);
        })()
      : Promise.resolve([]),
  ]);
  const got = new Map(names.map((k, i) => [k, (results[i] ?? []) as Row[]]));

  const perApp = new Map(appRows.map((a) => [a.id, emptyCounters()]));
  for (const row of got.get("perApp") ?? []) {
    const c = perApp.get(String(row.app_id));
    if (c) addRow(c, row);
  }
  for (const row of got.get("perAppScan") ?? []) {
    const c = perApp.get(String(row.k1));
    if (c) addRow(c, row);
  }
  for (const row of got.get("perAppConversations") ?? []) {
    const c = perApp.get(String(row.k1));
    if (c) c.conversation_messages += Number(row.conversation_messages);
  }
  const daily = days.buckets.map(emptyCounters);
  for (const row of got.get("daily") ?? []) addRow(daily[Number(row.b)], row);
  for (const row of got.get("dailyScan") ?? []) addRow(daily[Number(row.k0)], row);
  return {
    period: { start: sec(period.start), end: sec(period.end), timezone: period.timezone },
    totals: kpis(sumCounters([...perApp.values()])),
    apps: appRows
      .map((a) => ({ id: a.id, name: a.name, mode: a.mode, icon: a.icon, icon_background: a.iconBackground, ...kpis(perApp.get(a.id)!) }))
      .sort((a, b) => b.messages - a.messages || a.name.localeCompare(b.name)),
    daily: daily.map((c, i) => ({
      date: days.buckets[i].date,
      messages: c.messages,
      total_tokens: c.message_tokens + c.answer_tokens,
      total_price: price(c.total_price),
      errors: c.errors,
      likes: c.likes,
      dislikes: c.dislikes,
    })),
  };
}
