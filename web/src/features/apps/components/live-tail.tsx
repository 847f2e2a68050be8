// The Logs screen's live tail: an EventSource on GET /console/api/apps/:id/logs/tail with the
// list's filters. The session cookie authenticates it (reads need no CSRF header); the server ends
// the stream every ten minutes and EventSource reconnects with Last-Event-ID, so nothing is missed.
import { useEffect, useState } from "react";
import { Button } from "../../../components/ui/button";
import { api, CONSOLE_API } from "../../../lib/api";
import { cn } from "../../../lib/cn";
import type { MessageLog, MessageLogFilters } from "../api/types";

export type TailStatus = "off" | "connecting" | "live" | "reconnecting" | "stopped";

/** Newest rows kept on screen. */
const KEEP = 200;

export function useLiveTail(appId: string, filters: Omit<MessageLogFilters, "page" | "limit">, enabled: boolean) {
  const [messages, setMessages] = useState<MessageLog[]>([]);
  const [status, setStatus] = useState<TailStatus>("off");
  const [attempt, setAttempt] = useState(0);
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "") params.set(key, String(value));
  const qs = params.toString();

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt re-opens the stream on purpose
  useEffect(() => {
    setMessages([]);
    if (!enabled) {
      setStatus("off");
      return;
    }
    setStatus("connecting");
    const source = new EventSource(`${CONSOLE_API}/apps/${appId}/logs/tail${qs ? `?${qs}` : ""}`, { withCredentials: true });
    source.onopen = () => setStatus("live");
    source.onmessage = (e) => {
      const message = JSON.parse(e.data) as MessageLog;
      setMessages((prev) => [message, ...prev.filter((m) => m.id !== message.id)].slice(0, KEEP));
    };
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "stopped" : "reconnecting");
    return () => source.close();
  }, [appId, qs, enabled, attempt]);

  /** Renews the session if it expired (a plain API call does), then reconnects. */
  const retry = () => {
    void api
      .get("/account/profile")
      .catch(() => undefined)
      .finally(() => setAttempt((n) => n + 1));
  };
  return { messages, status, retry };
}

const LABELS: Record<TailStatus, string> = {
  off: "Live",
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  stopped: "Live stopped",
};

/** The toggle, with a dot that pulses while new messages stream in. */
export function LiveTailToggle({
  status,
  count,
  onToggle,
  onRetry,
}: {
  status: TailStatus;
  count: number;
  onToggle: () => void;
  onRetry: () => void;
}) {
  const on = status !== "off";
  return (
    <div className="flex items-center gap-2">
      {status === "stopped" && (
        <Button size="sm" variant="ghost" onClick={onRetry}>
          Reconnect
        </Button>
      )}
      {on && status === "live" && (
        <span className="text-xs text-zinc-500 tabular-nums" data-testid="live-count">
          {count} new
        </span>
      )}
      <button
        type="button"
        aria-pressed={on}
        onClick={onToggle}
        title={on ? "Stop streaming new messages" : "Stream new messages as they are logged"}
        data-testid="live-toggle"
        className={cn(
          "inline-flex h-8 cursor-pointer items-center gap-2 rounded-lg px-3 text-[13px] font-medium ring-1 transition-colors ring-inset",
          on ? "bg-emerald-50 text-emerald-800 ring-emerald-200 hover:bg-emerald-100" : "bg-white text-zinc-700 ring-zinc-200 hover:bg-zinc-50",
        )}
      >
        <span className="relative flex size-2">
          {status === "live" && <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-75" />}
          <span
            className={cn(
              "relative inline-flex size-2 rounded-full",
              status === "live" ? "bg-emerald-500" : status === "stopped" ? "bg-red-500" : on ? "bg-amber-400" : "bg-zinc-300",
            )}
          />
        </span>
        {LABELS[status]}
      </button>
    </div>
  );
}
