// A statistics period in a timezone: Dify's `YYYY-MM-DD HH:MM` bounds read as wall-clock time,
// the local days it covers, and which parts of each day whole roll-up hours answer and which
// leftover minutes (a bound inside an hour, a half-hour timezone's midnight) the messages answer.
import { Invalid } from "../lib/errors";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const MAX_PERIOD_DAYS = 366;

export interface Period {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive (Dify: `created_at < end`). */
  end: number;
  timezone: string;
}

/** A local day of the period, clipped to it. */
export interface Bucket {
  date: string;
  start: number;
  end: number;
}

export interface Plan {
  buckets: Bucket[];
  /** Whole epoch hours [from, to) inside one bucket: read from the roll-ups. */
  hours: { from: number; to: number; bucket: number }[];
  /** Leftover [from, to) ms inside one bucket: read from the messages. */
  scans: { from: number; to: number; bucket: number }[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timezone, f);
  }
  return f;
}

export function isTimezone(timezone: string): boolean {
  try {
    formatter(timezone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in `timezone`. */
function wallClock(ms: number, timezone: string): number[] {
  if (timezone === "UTC") {
    const d = new Date(ms);
    return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  }
  const parts = formatter(timezone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return [get("year"), get("month"), get("day"), get("hour") % 24, get("minute"), get("second")];
}

/** Local time minus UTC at `ms`, in ms. */
function offsetAt(ms: number, timezone: string): number {
  const [y, mo, d, h, mi, s] = wallClock(ms, timezone);
  return Date.UTC(y, mo - 1, d, h, mi, s) - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock time names in `timezone`. As Dify (datetime_utils.localize_datetime):
 * an ambiguous time is its later occurrence; a time skipped by a clock change moves forward by
 * the gap.
 */
export function localToUtc(y: number, mo: number, d: number, h: number, mi: number, timezone: string): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  if (timezone === "UTC") return wall;
  const offsets = [offsetAt(wall - DAY_MS, timezone), offsetAt(wall + DAY_MS, timezone)];
  const candidates = offsets.map((o) => wall - o);
  const valid = candidates.filter((t, i) => offsetAt(t, timezone) === offsets[i]);
  return Math.max(...(valid.length ? valid : candidates));
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function localDate(ms: number, timezone: string): string {
  const [y, mo, d] = wallClock(ms, timezone);
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
}

const DIFY_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2})$/;

/** `YYYY-MM-DD HH:MM` in `timezone` (Dify's format), or Unix seconds; epoch ms. */
export function parseTimeBound(raw: string, timezone: string, name: string): number {
  const value = raw.trim();
  if (/^\d{1,11}$/.test(value)) return Number(value) * 1000;
  const m = value.match(DIFY_TIME);
  const [y, mo, d, h, mi] = m ? m.slice(1).map(Number) : [];
  const valid = m && mo >= 1 && mo <= 12 && h <= 23 && mi <= 59 && d >= 1 && d === new Date(Date.UTC(y, mo - 1, d)).getUTCDate();
  if (!valid) throw Invalid(`${name}: expected YYYY-MM-DD HH:MM or a Unix time in seconds, got "${value.slice(0, 40)}"`, [name]);
  return localToUtc(y, mo, d, h, mi, timezone);
}

/** Validates a period: start not after end, and at most MAX_PERIOD_DAYS long. */
export function checkPeriod(period: Period): Period {
  if (period.end < period.start) throw Invalid("start must be earlier than or equal to end", ["start", "end"]);
  if (period.end - period.start > MAX_PERIOD_DAYS * DAY_MS) {
    throw Invalid(`The period may be at most ${MAX_PERIOD_DAYS} days long.`, ["start", "end"]);
  }
  return period;
}

/** The local days of the period, each clipped to it. */
export function localDays(period: Period): Bucket[] {
  const { start, end, timezone } = period;
  const buckets: Bucket[] = [];
  if (end <= start) return buckets;
  let [y, mo, d] = wallClock(start, timezone);
  for (;;) {
    const dayStart = localToUtc(y, mo, d, 0, 0, timezone);
    const next = new Date(Date.UTC(y, mo - 1, d + 1));
    const dayEnd = localToUtc(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, timezone);
    const from = Math.max(start, dayStart);
    const to = Math.min(end, dayEnd);
    if (from < to) buckets.push({ date: `${pad(y, 4)}-${pad(mo)}-${pad(d)}`, start: from, end: to });
    if (dayEnd >= end) return buckets;
    [y, mo, d] = [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
  }
}

/** Splits buckets into whole roll-up hours and leftover minutes. */
export function planBuckets(buckets: Bucket[]): Plan {
  const plan: Plan = { buckets, hours: [], scans: [] };
  buckets.forEach((b, bucket) => {
    const from = Math.ceil(b.start / HOUR_MS);
    const to = Math.floor(b.end / HOUR_MS);
    if (from >= to) {
      plan.scans.push({ from: b.start, to: b.end, bucket });
      return;
    }
    plan.hours.push({ from, to, bucket });
    if (b.start < from * HOUR_MS) plan.scans.push({ from: b.start, to: from * HOUR_MS, bucket });
    if (to * HOUR_MS < b.end) plan.scans.push({ from: to * HOUR_MS, to: b.end, bucket });
  });
  return plan;
}

/** The period as one bucket (totals), planned. */
export function planWhole(period: Period): Plan {
  return planBuckets([{ date: localDate(period.start, period.timezone), start: period.start, end: period.end }]);
}
