// The on-write side of app_active_gaps (see db/statistics.ts): when a message is a subject's
// first of its UTC day, one `day` row with the days since it was last active; when it is its
// first of its UTC hour, one `hour` row with the hours since (capped). Read from app_daily_actives
// before the message's own actives upsert, in the same statement for both subjects.
import { type SQL, sql } from "drizzle-orm";
import type { ActiveKind } from "../db/statistics";
import { HOUR_GAP_CAP, sqlText } from "./rollup-sql";

// D1 binds every number as REAL: numbers are inlined so gaps stay integers and match their keys.
const n = (value: number) => sql.raw(String(value));

/** Hours back to the last active hour, from today's and yesterday's masks (`t`, `y`). */
function hourGap(h: number): SQL {
  const whens: SQL[] = [];
  for (let g = 1; g < HOUR_GAP_CAP; g++) {
    const from = h - g;
    whens.push(
      from >= 0
        ? sql`WHEN (coalesce(s.t, 0) & ${n(2 ** from)}) != 0 THEN ${n(g)}`
        : sql`WHEN (coalesce(s.y, 0) & ${n(2 ** (from + 24))}) != 0 THEN ${n(g)}`,
    );
  }
  return sql`CASE ${sql.join(whens, sql` `)} ELSE ${n(HOUR_GAP_CAP)} END`;
}

/** The SELECT (for INSERT INTO app_active_gaps) of one message's day and hour gap rows. */
export function gapRows(appId: string, createdAt: number, subjects: { kind: ActiveKind; id: string }[]): SQL {
  const hour = Math.floor(createdAt / 3_600_000);
  const day = Math.floor(hour / 24);
  const app = sql.raw(sqlText(appId));
  const actives = (kind: ActiveKind, id: string, d: string) =>
    sql`FROM app_daily_actives a WHERE a.app_id = ${app} AND a.kind = '${sql.raw(kind)}' AND a.subject_id = ${id} AND a.day ${sql.raw(d)}`;
  const rows = subjects.map(
    (s) => sql`('${sql.raw(s.kind)}', (SELECT a.hours ${actives(s.kind, s.id, `= ${day}`)}),
      (SELECT a.hours ${actives(s.kind, s.id, `= ${day - 1}`)}), (SELECT max(a.day) ${actives(s.kind, s.id, `< ${day}`)}))`,
  );
  return sql`WITH s(kind, t, y, prev) AS (VALUES ${sql.join(rows, sql`, `)})
    SELECT ${app}, s.kind, 'day', ${n(day)}, coalesce(${n(day)} - s.prev, 0), 1 FROM s WHERE s.t IS NULL
    UNION ALL
    SELECT ${app}, s.kind, 'hour', ${n(hour)}, ${hourGap(hour % 24)}, 1 FROM s WHERE (coalesce(s.t, 0) & ${n(2 ** (hour % 24))}) = 0`;
}
