import { formatDateTime } from "../../../lib/format";
import type { JobEvent } from "../api/types";

/** The provider's events, newest first. */
export function JobEvents({ events }: { events: JobEvent[] }) {
  if (events.length === 0) return <p className="px-5 py-8 text-center text-[13px] text-zinc-400">No events yet.</p>;
  return (
    <ol className="max-h-80 divide-y divide-zinc-100 overflow-y-auto" data-testid="job-events">
      {[...events].reverse().map((e) => (
        <li key={e.id} className="flex gap-4 px-5 py-2 text-[13px]">
          <span className="w-40 shrink-0 text-xs text-zinc-400 tabular-nums">{formatDateTime(e.created_at)}</span>
          <span className={e.level === "error" ? "text-red-700" : e.type === "metrics" ? "text-zinc-500" : "text-zinc-800"}>{e.message}</span>
        </li>
      ))}
    </ol>
  );
}
