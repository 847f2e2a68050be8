// Dify's time tools localtime_to_timestamp and timestamp_to_localtime: a wall-clock reading
// "YYYY-MM-DD HH:MM:SS" in a time zone (Asia/Shanghai unless given; an empty one is the server's,
// UTC on Workers) to Unix seconds and back. Errors fail the call with Python's words, as Dify's
// ToolInvokeError carries them.
import type { BuiltinHandler } from "../define";
import { strftime } from "./strftime";
import { assertTimeZone, instantOf, isValidDateTime, wallClock } from "./zones";

const FORMAT = "%Y-%m-%d %H:%M:%S";
/** Dify's default for both tools. */
export const DEFAULT_ZONE = "Asia/Shanghai";

/** A zone name as Dify reads it: absent is Asia/Shanghai, empty the server's own (UTC here). */
function zoneOf(given: string | undefined): string {
  const name = given === undefined ? DEFAULT_ZONE : given.trim();
  if (!name) return "UTC";
  try {
    return assertTimeZone(name);
  } catch {
    throw new Error(`Invalid timezone: '${name}'`);
  }
}

/** Python's strptime(text, "%Y-%m-%d %H:%M:%S"): one- or two-digit fields, nothing before or after. */
function parseLocaltime(text: string) {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})$/.exec(text);
  const fields = m && { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]) };
  const inRange = (v: number, lo: number, hi: number) => v >= lo && v <= hi;
  if (!fields || !inRange(fields.month, 1, 12) || !inRange(fields.day, 1, 31) || !inRange(fields.hour, 0, 23) || !inRange(fields.minute, 0, 59) || !inRange(fields.second, 0, 59)) {
    throw new Error(`time data '${text}' does not match format '${FORMAT}'`);
  }
  // A 30 February matches the format; Python then refuses the date.
  if (!isValidDateTime(fields)) throw new Error("day is out of range for month");
  return fields;
}

export const localtimeToTimestamp: BuiltinHandler = (_ctx, args) => {
  const zone = zoneOf(args.optionalString("timezone"));
  const instant = instantOf(parseLocaltime(args.optionalString("localtime") ?? ""), zone);
  return { text: String(Math.trunc(instant.getTime() / 1000)) };
};

/** Python's datetime range: years 1 to 9999. */
const MIN_MS = Date.UTC(1, 0, 1) - 14 * 3_600_000;
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59) + 14 * 3_600_000;

export const timestampToLocaltime: BuiltinHandler = (_ctx, args) => {
  const seconds = args.number("timestamp");
  const zone = zoneOf(args.optionalString("timezone"));
  const ms = Math.floor(seconds * 1000);
  if (ms < MIN_MS || ms > MAX_MS) throw new Error("year is out of range");
  const instant = new Date(ms);
  return { text: strftime(FORMAT, wallClock(instant, zone), instant.getTime()) };
};
