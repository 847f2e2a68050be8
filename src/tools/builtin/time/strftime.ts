// Python's strftime directives (Dify's time tools take them) over a wall clock reading. Unknown
// directives are kept as written, as Python does on most platforms.
import type { WallClock } from "./zones";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

function dayOfYear(c: WallClock): number {
  const start = Date.UTC(2000, 0, 1);
  const leap = (c.year % 4 === 0 && c.year % 100 !== 0) || c.year % 400 === 0;
  // Day counts within 2000 (a leap year) match any leap year; shift non-leap years after February.
  const inLeapYear = (Date.UTC(2000, c.month - 1, c.day) - start) / 86_400_000 + 1;
  return !leap && c.month > 2 ? inLeapYear - 1 : inLeapYear;
}

function offset(c: WallClock, colon: boolean): string {
  const m = Math.abs(c.offsetMinutes);
  return `${c.offsetMinutes < 0 ? "-" : "+"}${pad(Math.floor(m / 60))}${colon ? ":" : ""}${pad(m % 60)}`;
}

const DIRECTIVES: Record<string, (c: WallClock) => string> = {
  Y: (c) => String(c.year),
  y: (c) => pad(c.year % 100),
  m: (c) => pad(c.month),
  d: (c) => pad(c.day),
  e: (c) => String(c.day).padStart(2, " "),
  H: (c) => pad(c.hour),
  I: (c) => pad(c.hour % 12 || 12),
  M: (c) => pad(c.minute),
  S: (c) => pad(c.second),
  f: (c) => pad(c.millisecond * 1000, 6),
  p: (c) => (c.hour < 12 ? "AM" : "PM"),
  a: (c) => DAYS[c.weekday].slice(0, 3),
  A: (c) => DAYS[c.weekday],
  w: (c) => String(c.weekday),
  u: (c) => String(c.weekday || 7),
  b: (c) => MONTHS[c.month - 1].slice(0, 3),
  h: (c) => MONTHS[c.month - 1].slice(0, 3),
  B: (c) => MONTHS[c.month - 1],
  j: (c) => pad(dayOfYear(c), 3),
  z: (c) => offset(c, false),
  Z: (c) => c.zoneName,
  F: (c) => `${c.year}-${pad(c.month)}-${pad(c.day)}`,
  T: (c) => `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`,
  R: (c) => `${pad(c.hour)}:${pad(c.minute)}`,
  D: (c) => `${pad(c.month)}/${pad(c.day)}/${pad(c.year % 100)}`,
  "%": () => "%",
};

/** Formats `clock` with strftime directives; `%s` (epoch seconds) needs the instant, passed apart. */
export function strftime(format: string, clock: WallClock, epochMs: number): string {
  return format.replace(/%([a-zA-Z%])/g, (whole, d: string) => {
    if (d === "s") return String(Math.floor(epochMs / 1000));
    if (d === "c") return `${DIRECTIVES.a(clock)} ${DIRECTIVES.b(clock)} ${DIRECTIVES.e(clock)} ${DIRECTIVES.T(clock)} ${clock.year}`;
    const f = DIRECTIVES[d];
    return f ? f(clock) : whole;
  });
}

/** ISO 8601 with the zone's offset: 2026-11-26T10:05:00+01:00. */
export function isoString(clock: WallClock): string {
  return `${clock.year}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}${offset(clock, true)}`;
}
