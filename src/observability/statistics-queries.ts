// The reads behind the statistics: roll-up rows for the whole hours of a plan, the same counters
// straight from messages for its leftover minutes, and distinct active end users / conversations.
// Every value in the SQL is a number computed here or a quoted id, so one D1 batch (one round
// trip, no 100-parameter limit) carries all of a chart's queries. The small VALUES lists drive
// each join (CROSS JOIN fixes SQLite's join order): left to itself, D1's planner walks the app's
// whole index and rescans the list for every entry.
import type { ActiveKind } from "../db/statistics";
import { COUNTED, COUNTERS, HISTOGRAM, messageRollupSql, sqlText } from "./rollup-sql";
import type { Plan } from "./periods";

export type Scope = { appId: string } | { workspaceId: string };

const FULL_DAY = 2 ** 24 - 1;
const int = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
};

const scope = (s: Scope) => ("appId" in s ? `app_id = ${sqlText(s.appId)}` : `workspace_id = ${sqlText(s.workspaceId)}`);

export const COUNTER_SUMS = [...COUNTERS, "conversation_messages"].map((c) => `SUM(s.${c}) AS ${c}`).join(", ");
export const HISTOGRAM_SUMS = HISTOGRAM.map((c) => `SUM(s.${c}) AS ${c}`).join(", ");

/**
 * Roll-up sums over the plan's whole hours, per bucket (`b`) and the `keys` given (columns of
 * app_hourly_stats). Each hour range probes the (app|workspace, hour) index; D1 hands back one
 * row per group, not one per hour.
 */
export function rollupQuery(s: Scope, plan: Plan, keys: string[], sums: string): string | null {
  if (!plan.hours.length) return null;
  const ranges = plan.hours.map((r) => `(${int(r.from)}, ${int(r.to)}, ${int(r.bucket)})`).join(", ");
  const groups = ["r.b", ...keys.map((k) => `s.${k}`)].join(", ");
  return `WITH r(f, t, b) AS (VALUES ${ranges})
SELECT ${["r.b AS b", ...keys.map((k) => `s.${k} AS ${k}`)].join(", ")}, ${sums}
FROM r CROSS JOIN app_hourly_stats s ON s.${scope(s)} AND s.hour >= r.f AND s.hour < r.t
GROUP BY ${groups}`;
}

const scanValues = (plan: Plan) =>
  `p(b, s, e) AS (VALUES ${plan.scans.map((p) => `(${int(p.bucket)}, ${int(p.from)}, ${int(p.to)})`).join(", ")})`;

const scanMessages = (s: Scope) =>
  "appId" in s
    ? `p CROSS JOIN messages m ON m.app_id = ${sqlText(s.appId)} AND m.created_at >= p.s AND m.created_at < p.e`
    : `p CROSS JOIN apps a ON a.workspace_id = ${sqlText(s.workspaceId)} CROSS JOIN messages m ON m.app_id = a.id AND m.created_at >= p.s AND m.created_at < p.e`;

/**
 * The roll-up counters of the plan's leftover minutes, from messages, per bucket (k0) and the
 * `keys` given (k1…); null when the plan has none.
 */
export function scanQuery(s: Scope, plan: Plan, keys: string[]): string | null {
  if (!plan.scans.length) return null;
  return `WITH ${scanValues(plan)} ${messageRollupSql({ from: scanMessages(s), where: "1", keys: ["p.b", ...keys] })}`;
}

/** Messages of the conversations that started in the leftover minutes, per bucket (k0) and app (k1). */
export function scanConversationMessagesQuery(s: Scope, plan: Plan): string | null {
  if (!plan.scans.length) return null;
  return `WITH ${scanValues(plan)} SELECT p.b AS k0, m.app_id AS k1, COUNT(*) AS conversation_messages
FROM ${scanMessages(s)}
JOIN conversations c ON c.id = m.conversation_id AND c.created_at = m.created_at
JOIN messages m2 ON m2.conversation_id = c.id
WHERE ${COUNTED} AND m2.from_source != 'debugger'
GROUP BY p.b, m.app_id`;
}

interface Segment {
  day: number;
  mask: number;
  bucket: number;
}

/** The plan's whole hours as (UTC day, hours-of-day mask) pieces. */
function segments(plan: Plan): Segment[] {
  const out: Segment[] = [];
  for (const r of plan.hours) {
    for (let h = r.from; h < r.to; ) {
      const day = Math.floor(h / 24);
      const end = Math.min(r.to, (day + 1) * 24);
      out.push({ day, mask: (2 ** (end - h) - 1) * 2 ** (h % 24), bucket: r.bucket });
      h = end;
    }
  }
  return out;
}

const ACTIVE_COLUMN: Record<ActiveKind, string> = { end_user: "end_user_id", conversation: "conversation_id" };

/** Subjects (bucket `b`, `subject`) of the given day segments and leftover minutes, as a UNION ALL. */
function subjectsOf(appId: string, kind: ActiveKind, segs: Segment[], scans: Plan["scans"]): { ctes: string[]; union: string | null } {
  const app = sqlText(appId);
  const ctes: string[] = [];
  const parts: string[] = [];
  const join = (cte: string) => `FROM ${cte} g CROSS JOIN app_daily_actives a ON a.app_id = ${app} AND a.kind = '${kind}' AND a.day = g.day`;
  const values = (gs: Segment[]) => gs.map((g) => `(${int(g.day)}, ${int(g.mask)}, ${int(g.bucket)})`).join(", ");
  const full = segs.filter((g) => g.mask === FULL_DAY);
  const partial = segs.filter((g) => g.mask !== FULL_DAY);
  if (full.length) {
    ctes.push(`gf(day, mask, b) AS (VALUES ${values(full)})`);
    parts.push(`SELECT g.b AS b, a.subject_id AS subject ${join("gf")}`);
  }
  if (partial.length) {
    ctes.push(`gp(day, mask, b) AS (VALUES ${values(partial)})`);
    parts.push(`SELECT g.b AS b, a.subject_id AS subject ${join("gp")} WHERE (a.hours & g.mask) != 0`);
  }
  if (scans.length) {
    const column = `m.${ACTIVE_COLUMN[kind]}`;
    ctes.push(scanValues({ buckets: [], hours: [], scans }));
    parts.push(`SELECT p.b AS b, ${column} AS subject FROM ${scanMessages({ appId })} WHERE ${COUNTED} AND ${column} IS NOT NULL`);
  }
  return { ctes, union: parts.length ? parts.join(" UNION ALL ") : null };
}

const withCtes = (ctes: string[]) => (ctes.length ? `WITH ${ctes.join(", ")} ` : "");

/**
 * Distinct active end users or conversations of one app per bucket (rows `b`, `n`, summed per
 * bucket by the caller): the bucket's whole hours from the hour gaps (subjects whose previous
 * active hour is before the bucket), plus the subjects of its leftover minutes not active in
 * those hours.
 */
export function activesDailyQuery(appId: string, plan: Plan, kind: ActiveKind): string {
  const app = sqlText(appId);
  const selects: string[] = [];
  const ctes: string[] = [];
  if (plan.hours.length) {
    ctes.push(`r(f, t, b) AS (VALUES ${plan.hours.map((r) => `(${int(r.from)}, ${int(r.to)}, ${int(r.bucket)})`).join(", ")})`);
    selects.push(`SELECT r.b AS b, SUM(g.subjects) AS n FROM r CROSS JOIN app_active_gaps g
  ON g.app_id = ${app} AND g.kind = '${kind}' AND g.span = 'hour' AND g.at >= r.f AND g.at < r.t
  WHERE g.gap > g.at - r.f GROUP BY r.b`);
  }
  if (plan.scans.length) {
    const hoursOf = new Map(plan.hours.map((r) => [r.bucket, r]));
    const buckets = [...new Set(plan.scans.map((p) => p.bucket))];
    const ranges = buckets.map((b) => `(${int(b)}, ${int(hoursOf.get(b)?.from ?? 0)}, ${int(hoursOf.get(b)?.to ?? 0)})`);
    ctes.push(scanValues(plan), `h(b, f, t) AS (VALUES ${ranges.join(", ")})`);
    const column = `m.${ACTIVE_COLUMN[kind]}`;
    // The hours [f, t) of day a.day as a mask: bits max(0, f − 24·day) … min(24, t − 24·day) − 1.
    selects.push(`SELECT x.b AS b, COUNT(*) AS n FROM (
    SELECT DISTINCT p.b AS b, ${column} AS subject FROM ${scanMessages({ appId })} WHERE ${COUNTED} AND ${column} IS NOT NULL
  ) x CROSS JOIN h ON h.b = x.b
  WHERE NOT EXISTS (SELECT 1 FROM app_daily_actives a
    WHERE a.app_id = ${app} AND a.kind = '${kind}' AND a.subject_id = x.subject AND a.day >= h.f / 24 AND a.day <= (h.t - 1) / 24
      AND (a.hours & ((1 << min(24, h.t - a.day * 24)) - (1 << max(0, h.f - a.day * 24)))) != 0)
  GROUP BY x.b`);
  }
  if (!selects.length) return "SELECT 0 AS b, 0 AS n WHERE 0";
  return `${withCtes(ctes)}${selects.join(" UNION ALL ")}`;
}

/**
 * Distinct active end users or conversations of one app over the whole period (one row `n`): the
 * longest run of whole UTC days from app_active_gaps, plus the subjects of the rest that were not
 * active in that run.
 */
export function activesTotalQuery(appId: string, plan: Plan, kind: ActiveKind): string {
  const app = sqlText(appId);
  // Buckets do not matter for a total: a UTC day split between two local days is whole again.
  const byDay = new Map<number, Segment>();
  for (const g of segments(plan)) {
    const seen = byDay.get(g.day);
    byDay.set(g.day, { day: g.day, mask: (seen?.mask ?? 0) + g.mask, bucket: 0 });
  }
  const segs = [...byDay.values()];
  let run: Segment[] = [];
  let current: Segment[] = [];
  for (const g of segs) {
    const continues = g.mask === FULL_DAY && current.length > 0 && current[current.length - 1].day === g.day - 1;
    if (g.mask === FULL_DAY) current = continues ? [...current, g] : [g];
    else current = [];
    if (current.length > run.length) run = current;
  }
  const inRun = new Set(run);
  const { ctes, union } = subjectsOf(
    appId,
    kind,
    segs.filter((g) => !inRun.has(g)),
    plan.scans,
  );
  const parts: string[] = [];
  if (run.length) {
    const [first, last] = [int(run[0].day), int(run[run.length - 1].day)];
    parts.push(`coalesce((SELECT SUM(subjects) FROM app_active_gaps WHERE app_id = ${app} AND kind = '${kind}' AND span = 'day'
  AND at BETWEEN ${first} AND ${last} AND (gap = 0 OR gap > at - ${first})), 0)`);
    if (union) {
      parts.push(`(SELECT COUNT(DISTINCT e.subject) FROM (${union}) e WHERE NOT EXISTS (SELECT 1 FROM app_daily_actives r
  WHERE r.app_id = ${app} AND r.kind = '${kind}' AND r.subject_id = e.subject AND r.day BETWEEN ${first} AND ${last}))`);
    }
  } else if (union) {
    parts.push(`(SELECT COUNT(DISTINCT subject) FROM (${union}))`);
  }
  return `${withCtes(ctes)}SELECT ${parts.length ? parts.join(" + ") : "0"} AS n`;
}
