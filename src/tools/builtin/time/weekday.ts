import { Invalid } from "../../../lib/errors";
import type { BuiltinHandler } from "../define";
import { strftime } from "./strftime";
import { isValidDateTime, wallClock } from "./zones";

export const weekday: BuiltinHandler = (_ctx, args) => {
  const date = { year: args.number("year"), month: args.number("month"), day: args.number("day"), hour: 0, minute: 0, second: 0 };
  if (date.year < 1 || date.year > 9999 || !isValidDateTime(date)) {
    throw Invalid(`Invalid date: year ${date.year}, month ${date.month}, day ${date.day}`, ["year", "month", "day"]);
  }
  const instant = new Date(Date.UTC(2000, date.month - 1, date.day));
  instant.setUTCFullYear(date.year);
  const clock = wallClock(instant, "UTC");
  const name = strftime("%A", clock, instant.getTime());
  // Dify's wording: "November 26, 2026 is Thursday."
  return { text: `${strftime("%B", clock, 0)} ${date.day}, ${date.year} is ${name}.`, json: [{ weekday: name, date: strftime("%F", clock, 0) }] };
};
