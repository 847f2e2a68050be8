// The logs page's filters as the URL keeps them, and the time range they mean in Unix seconds.
import type { MessageLogFilters, MessageSource, MessageStatus, Rating } from "../api/types";

export const RANGES = [
  { value: "today", label: "Today" },
  { value: "7d", label: "Last 7 days" },
  { value: "4w", label: "Last 4 weeks" },
  { value: "all", label: "All time" },
  { value: "custom", label: "Custom range" },
] as const;
export type RangeKey = (typeof RANGES)[number]["value"];

export const PAGE_SIZE = 20;

export interface LogView {
  range: RangeKey;
  /** `YYYY-MM-DDTHH:MM` in local time, for the custom range. */
  from: string;
  to: string;
  status: "" | MessageStatus;
  feedback: "" | Rating;
  source: "" | MessageSource;
  keyword: string;
  page: number;
}

export const DEFAULT_VIEW: LogView = { range: "7d", from: "", to: "", status: "", feedback: "", source: "", keyword: "", page: 1 };

const seconds = (ms: number) => Math.floor(ms / 1000);

/** The range's bounds in Unix seconds (either may be open). */
export function rangeBounds(view: Pick<LogView, "range" | "from" | "to">, now = new Date()): { start?: number; end?: number } {
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  switch (view.range) {
    case "today":
      return { start: seconds(startOfToday) };
    case "7d":
      return { start: seconds(startOfToday - 6 * 86_400_000) };
    case "4w":
      return { start: seconds(startOfToday - 27 * 86_400_000) };
    case "custom": {
      const from = view.from ? new Date(view.from).getTime() : Number.NaN;
      const to = view.to ? new Date(view.to).getTime() : Number.NaN;
      return { start: Number.isNaN(from) ? undefined : seconds(from), end: Number.isNaN(to) ? undefined : seconds(to) };
    }
    default:
      return {};
  }
}

export function customRangeProblem(view: LogView): string | null {
  if (view.range !== "custom") return null;
  const { start, end } = rangeBounds(view);
  if (start !== undefined && end !== undefined && end < start) return "The end of the range is before its start.";
  return null;
}

export function toQuery(view: LogView): MessageLogFilters {
  const { start, end } = rangeBounds(view);
  return {
    start,
    end,
    status: view.status || undefined,
    feedback: view.feedback || undefined,
    source: view.source || undefined,
    keyword: view.keyword.trim() || undefined,
    page: view.page,
    limit: PAGE_SIZE,
  };
}

const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

export function readView(params: URLSearchParams): LogView {
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    range: pick(params.get("range"), RANGES.map((r) => r.value), DEFAULT_VIEW.range),
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
    status: pick(params.get("status"), ["", "normal", "error", "stopped"] as const, ""),
    feedback: pick(params.get("feedback"), ["", "like", "dislike"] as const, ""),
    source: pick(params.get("source"), ["", "api", "webapp", "debugger"] as const, ""),
    keyword: params.get("keyword") ?? "",
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function writeView(view: LogView): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(view)) {
    if (value === DEFAULT_VIEW[key as keyof LogView] || value === "") continue;
    params.set(key, String(value));
  }
  return params;
}

export const SOURCE_LABELS: Record<MessageSource, string> = { api: "API", webapp: "WebApp", debugger: "Debugger" };
export const STATUS_LABELS: Record<MessageStatus, string> = { normal: "Succeeded", error: "Failed", stopped: "Stopped" };

/** Who asked: the member's name in the debugger, the end user's id elsewhere. */
export function describeAsker(m: {
  from_source: MessageSource;
  from_account_name: string | null;
  from_end_user_session_id: string | null;
}): string {
  if (m.from_account_name) return m.from_account_name;
  if (m.from_end_user_session_id) return m.from_end_user_session_id;
  return m.from_source === "debugger" ? "A member" : "Anonymous";
}

export function preview(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });
const dayAndTime = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** "1:41 PM" today, "Nov 26, 1:41 PM" this year, the full date before. */
export function formatLogTime(seconds: number, now = new Date()): string {
  const d = new Date(seconds * 1000);
  if (d.toDateString() === now.toDateString()) return timeOnly.format(d);
  if (d.getFullYear() === now.getFullYear()) return dayAndTime.format(d);
  return fullDate.format(d);
}
