// The schedule trigger (Dify 1.10+ `trigger-schedule`): a run the app's schedule starts begins here
// instead of at the Start node, with `current_time` (the time in the schedule's zone) and the
// `sys.*` values. Its settings become a cron expression as Dify's ScheduleService.visual_to_cron
// makes it; the cron handler (workflow/triggers.ts) runs the published schedules when they are due.
import { Cron } from "croner";
import { z } from "zod";
import { Invalid, type KilnError } from "../../lib/errors";
import { requireEngine } from "../engine/state";
import { withSys } from "./start";
import type { WorkflowNode } from "./types";

export const SCHEDULE_FREQUENCIES = ["hourly", "daily", "weekly", "monthly"] as const;
export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

const settingsSchema = z.looseObject({
  mode: z.enum(["visual", "cron"]).default("visual"),
  frequency: z.enum(SCHEDULE_FREQUENCIES).nullish(),
  cron_expression: z.string().nullish(),
  timezone: z.string().min(1).default("UTC"),
  visual_config: z
    .looseObject({
      /** 12-hour clock, "hh:mm AM" (Dify's form). */
      time: z.string().nullish(),
      weekdays: z.array(z.enum(WEEKDAYS)).nullish(),
      on_minute: z.number().int().min(0).max(59).nullish(),
      monthly_days: z.array(z.union([z.number().int().min(1).max(31), z.literal("last")])).nullish(),
    })
    .nullish(),
});
export type ScheduleNodeData = z.infer<typeof settingsSchema>;

/** The node's settings, which must make a schedule (a valid cron expression and time zone). */
export const scheduleSchema = settingsSchema.superRefine((data, ctx) => {
  try {
    scheduleOf(data);
  } catch (err) {
    const e = err as KilnError;
    ctx.addIssue({ code: "custom", message: e.message, path: e.extra?.params?.[0]?.split(".") ?? [] });
  }
});

export const scheduleTriggerNode: WorkflowNode<typeof scheduleSchema> = {
  type: "trigger-schedule",
  schema: scheduleSchema,
  async run(ctx) {
    const engine = requireEngine(ctx);
    const inputs = withSys({ ...engine.userInputs }, engine.sys);
    return { outputs: { ...inputs }, inputs };
  },
};

/** "hh:mm AM" → [hour, minute] on a 24-hour clock (Dify's convert_12h_to_24h). */
function hour24(time: string): [number, number] {
  const m = /^\s*(\d{1,2}):(\d{2})\s*(AM|PM)\s*$/i.exec(time);
  const hour = m ? Number(m[1]) : Number.NaN;
  const minute = m ? Number(m[2]) : Number.NaN;
  if (!m || hour < 1 || hour > 12 || minute > 59) throw Invalid(`Invalid time "${time}": use hh:mm AM or hh:mm PM`, ["visual_config.time"]);
  const pm = m[3].toUpperCase() === "PM";
  return [(hour % 12) + (pm ? 12 : 0), minute];
}

/** The node's schedule as a five-field cron expression and a time zone; Invalid when it has none. */
export function scheduleOf(data: ScheduleNodeData): { cron: string; timezone: string } {
  const v = data.visual_config ?? {};
  let cron: string;
  if (data.mode === "cron") {
    cron = (data.cron_expression ?? "").trim().replace(/\s+/g, " ");
    if (!cron) throw Invalid("Cron expression is required for cron mode", ["cron_expression"]);
    if (cron.split(" ").length !== 5) throw Invalid(`Invalid cron expression "${cron}": it needs five fields (minute hour day month weekday)`, ["cron_expression"]);
  } else {
    const needTime = () => {
      if (!v.time) throw Invalid(`time is required for ${data.frequency} schedules`, ["visual_config.time"]);
      return hour24(v.time);
    };
    switch (data.frequency) {
      case "hourly":
        if (v.on_minute === null || v.on_minute === undefined) throw Invalid("on_minute is required for hourly schedules", ["visual_config.on_minute"]);
        cron = `${v.on_minute} * * * *`;
        break;
      case "daily": {
        const [h, m] = needTime();
        cron = `${m} ${h} * * *`;
        break;
      }
      case "weekly": {
        const [h, m] = needTime();
        if (!v.weekdays?.length) throw Invalid("Weekdays are required for weekly schedules", ["visual_config.weekdays"]);
        const days = [...new Set(v.weekdays.map((d) => WEEKDAYS.indexOf(d)))].sort((a, b) => a - b);
        cron = `${m} ${h} * * ${days.join(",")}`;
        break;
      }
      case "monthly": {
        const [h, m] = needTime();
        if (!v.monthly_days?.length) throw Invalid("Monthly days are required for monthly schedules", ["visual_config.monthly_days"]);
        const numbers = [...new Set(v.monthly_days.filter((d): d is number => d !== "last"))].sort((a, b) => a - b);
        const days = [...numbers.map(String), ...(v.monthly_days.includes("last") ? ["L"] : [])];
        cron = `${m} ${h} ${days.join(",")} * *`;
        break;
      }
      default:
        throw Invalid("Frequency is required for visual mode", ["frequency"]);
    }
  }
  if (nextRuns(cron, data.timezone, Date.now(), 1).length === 0) throw Invalid(`The cron expression "${cron}" never fires`, ["cron_expression"]);
  return { cron, timezone: data.timezone };
}

/** The next `count` times (epoch ms) the schedule fires after `from`; Invalid for a bad expression or zone. */
export function nextRuns(cron: string, timezone: string, from: number, count: number): number[] {
  try {
    const job = new Cron(cron, { timezone, paused: true });
    return job.nextRuns(count, new Date(from)).map((d) => d.getTime());
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw Invalid(/timezone/i.test(why) ? `Invalid time zone "${timezone}"` : `Invalid cron expression "${cron}": ${why}`, [/timezone/i.test(why) ? "timezone" : "cron_expression"]);
  }
}

/** Python's isoformat of `ms` in `timezone` (`2026-11-28T09:30:00.123000+09:00`), as Dify gives current_time. */
export function isoInZone(ms: number, timezone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: timezone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offset = Math.round((wall - (ms - (ms % 1000))) / 60_000);
  const sign = offset < 0 ? "-" : "+";
  const pad = (n: number) => String(n).padStart(2, "0");
  const fraction = ms % 1000 ? `.${String(ms % 1000).padStart(3, "0")}000` : "";
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${fraction}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}
