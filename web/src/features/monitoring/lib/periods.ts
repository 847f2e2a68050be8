// The monitoring period as the URL keeps it (`?period=7d`, or `custom` with `from`/`to` dates) and
// the bounds it means: whole local days in the viewer's timezone, as Dify's `YYYY-MM-DD HH:MM`.
import type { PeriodQuery } from "../api/types";

export const PERIODS = [
  { value: "today", label: "Today" },
  { value: "7d", label: "Last 7 days" },
  { value: "4w", label: "Last 4 weeks" },
  { value: "3m", label: "Last 3 months" },
  { value: "custom", label: "Custom" },
] as const;
export type PeriodKey = (typeof PERIODS)[number]["value"];

/** Days back from today (inclusive) for each preset. */
const DAYS: Record<Exclude<PeriodKey, "custom">, number> = { today: 1, "7d": 7, "4w": 28, "3m": 90 };
export const MAX_DAYS = 366;

export interface PeriodView {
  period: PeriodKey;
  /** `YYYY-MM-DD`, for the custom period. */
  from: string;
  to: string;
}

export const DEFAULT_PERIOD: PeriodView = { period: "7d", from: "", to: "" };

const pad = (n: number) => String(n).padStart(2, "0");
export const isoDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const parseDate = (s: string) => {
  const m = s.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
};
const addDays = (d: Date, n: number) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
const midnight = (d: Date) => `${isoDate(d)} 00:00`;

export const browserTimezone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** The first and last day of the period (local dates), or a reason it has none. */
export function periodDays(view: PeriodView, now = new Date()): { first: Date; last: Date } | { problem: string } {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  if (view.period !== "custom") return { first: addDays(today, 1 - DAYS[view.period]), last: today };
  const first = parseDate(view.from);
  const last = parseDate(view.to);
  if (!first || !last) return { problem: "Pick a start and an end date." };
  if (last < first) return { problem: "The end date is before the start date." };
  if ((last.getTime() - first.getTime()) / 86_400_000 >= MAX_DAYS) return { problem: `A period can be at most ${MAX_DAYS} days.` };
  return { first, last };
}

/** The API query for whole days: from the first day's midnight to the midnight after the last. */
export function periodQuery(view: PeriodView, now = new Date()): PeriodQuery | null {
  const days = periodDays(view, now);
  if ("problem" in days) return null;
  return { start: midnight(days.first), end: midnight(addDays(days.last, 1)), tz: browserTimezone() };
}

export function readPeriod(params: URLSearchParams): PeriodView {
  const p = params.get("period");
  return {
    period: PERIODS.some((x) => x.value === p) ? (p as PeriodKey) : DEFAULT_PERIOD.period,
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  };
}

export function writePeriod(params: URLSearchParams, view: PeriodView): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of ["period", "from", "to"] as const) {
    if (view[key] && view[key] !== DEFAULT_PERIOD[key]) next.set(key, view[key]);
    else next.delete(key);
  }
  if (view.period !== "custom") {
    next.delete("from");
    next.delete("to");
  }
  return next;
}
