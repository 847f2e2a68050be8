import type { BuiltinHandler } from "../define";
import { isoString, strftime } from "./strftime";
import { assertTimeZone, wallClock } from "./zones";

export const currentTime: BuiltinHandler = (ctx, args) => {
  const timezone = assertTimeZone(args.string("timezone"));
  const now = ctx.now();
  const clock = wallClock(new Date(now), timezone);
  const time = strftime(args.string("format"), clock, now);
  return {
    text: time,
    json: [{ time, timezone, iso: isoString(clock), timestamp: Math.floor(now / 1000), weekday: strftime("%A", clock, now) }],
  };
};
