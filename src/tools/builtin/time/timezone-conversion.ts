import { Invalid } from "../../../lib/errors";
import type { BuiltinHandler } from "../define";
import { isoString, strftime } from "./strftime";
import { assertTimeZone, instantOf, isValidDateTime, wallClock } from "./zones";

const FORMAT = "%Y-%m-%d %H:%M:%S";

/** "2026-11-26 10:05:00" (Dify's format); "T" and a missing seconds field are accepted too. */
function parseDateTime(text: string) {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  const fields = m && {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? 0),
  };
  if (!fields || !isValidDateTime(fields)) {
    throw Invalid(`current_time must be a date and time like "2026-01-31 14:30:00" (got ${JSON.stringify(text)})`, ["current_time"]);
  }
  return fields;
}

export const timezoneConversion: BuiltinHandler = (_ctx, args) => {
  const from = assertTimeZone(args.string("current_timezone"));
  const to = assertTimeZone(args.string("target_timezone"));
  const instant = instantOf(parseDateTime(args.string("current_time")), from);
  const clock = wallClock(instant, to);
  const time = strftime(FORMAT, clock, instant.getTime());
  return {
    text: time,
    json: [{ time, timezone: to, iso: isoString(clock), source_timezone: from, timestamp: Math.floor(instant.getTime() / 1000) }],
  };
};
