// Dify's `time` provider (same provider, tool and parameter names, so Dify DSL tool nodes resolve).
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { currentTime } from "./current-time";
import { timezoneConversion } from "./timezone-conversion";
import { DEFAULT_ZONE, localtimeToTimestamp, timestampToLocaltime } from "./timestamps";
import { weekday } from "./weekday";

const DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S";
const zone = (what: string) => param("timezone", "string", `${what}, such as "${DEFAULT_ZONE}" (the default).`, { required: false, default: DEFAULT_ZONE });

export const timeProvider: BuiltinProvider = {
  name: "time",
  label: "CurrentTime",
  description: "Current date and time in any time zone, time zone conversion, Unix timestamps and the day of the week of a date.",
  icon: { type: "emoji", content: "🕒", background: "#E0F2FE" },
  tools: [
    defineTool(
      {
        name: "current_time",
        label: "Current Time",
        description: "Get the current date and time in a time zone.",
        parameters: [
          param("timezone", "string", 'IANA time zone name, such as "UTC", "America/New_York" or "Asia/Tokyo".', { default: "UTC" }),
          param("format", "string", 'Output format with strftime directives, such as "%Y-%m-%d %H:%M:%S" or "%A %d %B %Y".', {
            form: "form",
            default: DATETIME_FORMAT,
          }),
        ],
      },
      currentTime,
    ),
    defineTool(
      {
        name: "timezone_conversion",
        label: "Timezone Conversion",
        description: 'Convert a date and time ("YYYY-MM-DD HH:MM:SS") from one time zone to another.',
        parameters: [
          param("current_time", "string", 'The date and time to convert, as "YYYY-MM-DD HH:MM:SS".'),
          param("current_timezone", "string", 'IANA time zone of current_time, such as "Asia/Shanghai".'),
          param("target_timezone", "string", 'IANA time zone to convert to, such as "Asia/Tokyo".'),
        ],
      },
      timezoneConversion,
    ),
    defineTool(
      {
        name: "localtime_to_timestamp",
        label: "Localtime to Timestamp",
        description: "A tool for localtime convert to timestamp",
        parameters: [
          param("localtime", "string", 'The local date and time, such as "2024-1-1 0:0:0".'),
          zone("The time zone of localtime"),
        ],
      },
      localtimeToTimestamp,
    ),
    defineTool(
      {
        name: "timestamp_to_localtime",
        label: "Timestamp to Localtime",
        description: "A tool for timestamp convert to localtime",
        parameters: [
          param("timestamp", "number", "A Unix timestamp in seconds."),
          zone("The time zone to show it in"),
        ],
      },
      timestampToLocaltime,
    ),
    defineTool(
      {
        name: "weekday",
        label: "Weekday Calculator",
        description: "Find the day of the week of a date.",
        parameters: [
          param("year", "number", "Year, such as 2026."),
          param("month", "number", "Month, 1 to 12."),
          param("day", "number", "Day of the month, 1 to 31."),
        ],
      },
      weekday,
    ),
  ],
};
