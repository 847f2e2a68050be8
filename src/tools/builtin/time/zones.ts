// Time zones through Intl (the IANA database that ships with workerd): a wall clock reading in any
// zone, and the instant a wall clock reading in a zone stands for.
import { Invalid } from "../../../lib/errors";

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday. */
  weekday: number;
  /** Minutes east of UTC. */
  offsetMinutes: number;
  /** The zone's short name at that instant ("CET", "GMT+8"). */
  zoneName: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        weekday: "short",
        timeZoneName: "short",
      });
    } catch {
      throw Invalid(`Invalid timezone: ${JSON.stringify(timeZone)}. Use an IANA name such as "UTC", "Europe/Paris" or "Asia/Tokyo".`, ["timezone"]);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a clear `invalid_param` for a name Intl does not know; answers the canonical name. */
export function assertTimeZone(timeZone: string): string {
  return formatterFor(timeZone.trim()).resolvedOptions().timeZone;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const clock = {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: instant.getUTCMilliseconds(),
  };
  const asUtc = utcOf(clock);
  return {
    ...clock,
    weekday: WEEKDAYS.indexOf(parts.weekday),
    offsetMinutes: Math.round((asUtc - (instant.getTime() - clock.millisecond)) / 60_000),
    zoneName: parts.timeZoneName ?? timeZone,
  };
}

type Fields = Pick<WallClock, "year" | "month" | "day" | "hour" | "minute" | "second">;

function utcOf(f: Fields): number {
  const d = new Date(Date.UTC(2000, f.month - 1, f.day, f.hour, f.minute, f.second));
  d.setUTCFullYear(f.year); // Date.UTC maps years 0–99 to 1900–1999
  return d.getTime();
}

/** True when the fields name a real calendar date and time (no 31 April, no 25:00). */
export function isValidDateTime(f: Fields): boolean {
  if (![f.year, f.month, f.day, f.hour, f.minute, f.second].every(Number.isInteger)) return false;
  if (f.hour > 23 || f.minute > 59 || f.second > 59 || f.hour < 0 || f.minute < 0 || f.second < 0) return false;
  const d = new Date(utcOf(f));
  return d.getUTCFullYear() === f.year && d.getUTCMonth() === f.month - 1 && d.getUTCDate() === f.day;
}

/**
 * The instant a wall clock reading in `timeZone` stands for. Around a DST change the offset is
 * measured twice; a reading that falls in the spring-forward gap lands just after it.
 */
export function instantOf(f: Fields, timeZone: string): Date {
  const guess = utcOf(f);
  const first = wallClock(new Date(guess), timeZone).offsetMinutes;
  let instant = guess - first * 60_000;
  const second = wallClock(new Date(instant), timeZone).offsetMinutes;
  if (second !== first) instant = guess - second * 60_000;
  return new Date(instant);
}
