// The schedule trigger's rules (Dify 1.10+ `trigger-schedule`): its 12-hour clock, the line its
// card shows, the problems the server would refuse, and the time zones to choose from.
import type { NodeData } from "../api/types";

export const SCHEDULE_FREQUENCIES = ["hourly", "daily", "weekly", "monthly"] as const;
export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

export type Frequency = (typeof SCHEDULE_FREQUENCIES)[number];
export type Weekday = (typeof WEEKDAYS)[number];
export type MonthDay = number | "last";

export interface VisualConfig {
  time?: string;
  on_minute?: number;
  weekdays?: Weekday[];
  monthly_days?: MonthDay[];
  [key: string]: unknown;
}

const TIME_12H = /^\s*(\d{1,2}):(\d{2})\s*(AM|PM)\s*$/i;
const pad = (n: number) => String(n).padStart(2, "0");
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const visualOf = (d: NodeData): VisualConfig => (d.visual_config && typeof d.visual_config === "object" ? (d.visual_config as VisualConfig) : {});
export const timezoneOf = (d: NodeData): string => (typeof d.timezone === "string" && d.timezone ? d.timezone : "UTC");

/** "hh:mm AM" (Dify's form) → "HH:mm" for a time input; "" when it isn't one. */
export function to24h(time: string | undefined): string {
  const m = TIME_12H.exec(time ?? "");
  if (!m) return "";
  const hour = Number(m[1]);
  if (hour < 1 || hour > 12 || Number(m[2]) > 59) return "";
  return `${pad((hour % 12) + (m[3]!.toUpperCase() === "PM" ? 12 : 0))}:${m[2]}`;
}

/** "HH:mm" from a time input → "hh:mm AM". */
export function to12h(time: string): string {
  const [h, m] = time.split(":").map(Number);
  if (!Number.isInteger(h) || !Number.isInteger(m)) return "";
  return `${pad(h! % 12 || 12)}:${pad(m!)} ${h! < 12 ? "AM" : "PM"}`;
}

const dayList = (days: MonthDay[]) => {
  const numbers = [...new Set(days.filter((x): x is number => typeof x === "number"))].sort((a, b) => a - b);
  return [...numbers.map(String), ...(days.includes("last") ? ["last"] : [])].join(", ");
};

/** The card's line: "Daily at 12:00 AM (UTC)", or the cron expression in cron mode. */
export function scheduleSummary(d: NodeData): string {
  const zone = timezoneOf(d);
  if (d.mode === "cron") {
    const cron = typeof d.cron_expression === "string" ? d.cron_expression.trim() : "";
    return cron ? `${cron} (${zone})` : "No cron expression";
  }
  const v = visualOf(d);
  const at = `at ${v.time || "no time set"} (${zone})`;
  switch (d.frequency) {
    case "hourly":
      return `Hourly at :${pad(Number(v.on_minute ?? 0))} (${zone})`;
    case "daily":
      return `Daily ${at}`;
    case "weekly":
      return `Weekly on ${WEEKDAYS.filter((w) => v.weekdays?.includes(w)).map(cap).join(", ") || "no day"} ${at}`;
    case "monthly":
      return `Monthly on day ${dayList(v.monthly_days ?? []) || "none"} ${at}`;
    default:
      return "No frequency chosen";
  }
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What the server would refuse to schedule, in the words of the form. */
export function scheduleProblems(d: NodeData): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const p = (field: string, message: string) => out.push({ field, message });
  if (!isTimeZone(timezoneOf(d))) p("timezone", `“${timezoneOf(d)}” isn't a time zone.`);
  if (d.mode === "cron") {
    const cron = typeof d.cron_expression === "string" ? d.cron_expression.trim() : "";
    if (!cron) p("cron_expression", "Enter a cron expression.");
    else if (cron.split(/\s+/).length !== 5) p("cron_expression", "A cron expression has five fields: minute hour day-of-month month day-of-week.");
    return out;
  }
  const v = visualOf(d);
  const frequency = d.frequency as Frequency | undefined;
  if (!frequency || !SCHEDULE_FREQUENCIES.includes(frequency)) {
    p("frequency", "Choose how often it runs.");
    return out;
  }
  if (frequency === "hourly") {
    const m = v.on_minute;
    if (typeof m !== "number" || !Number.isInteger(m) || m < 0 || m > 59) p("visual_config", "Choose the minute of the hour, 0 to 59.");
    return out;
  }
  if (!to24h(v.time)) p("visual_config", "Choose the time of day.");
  if (frequency === "weekly" && !v.weekdays?.length) p("visual_config", "Choose at least one weekday.");
  if (frequency === "monthly" && !v.monthly_days?.length) p("visual_config", "Choose at least one day of the month.");
  return out;
}

/** Every IANA time zone the browser knows, UTC first. */
export function timeZones(): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...known.filter((z) => z !== "UTC")];
}

/** A run time as the schedule's zone reads it: "Sun, Nov 29, 2026, 12:00 AM"; the ISO text if the zone is unknown. */
export function formatInZone(at: string | number, zone: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone, weekday: "short", year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(date);
  } catch {
    return date.toISOString();
  }
}
