// The microphone beside the message box: press to record a question, press again to stop; the
// transcript then lands in the box to edit and send.
import { useEffect, useState } from "react";
import { MicIcon } from "../../../components/ui/icons";
import { Spinner } from "../../../components/ui/spinner";
import { cn } from "../../../lib/cn";
import type { VoiceInputStatus } from "../hooks/use-voice-input";
import { StopIcon } from "./icons";

function elapsed(since: number | null): string {
  const s = since ? Math.max(0, Math.floor((Date.now() - since) / 1000)) : 0;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

interface MicButtonProps {
  status: VoiceInputStatus;
  startedAt: number | null;
  onStart: () => void;
  onStop: () => void;
  disabled?: boolean;
}

export function MicButton({ status, startedAt, onStart, onStop, disabled }: MicButtonProps) {
  const [, tick] = useState(0);
  useEffect(() => {
    if (status !== "recording") return;
    const id = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(id);
  }, [status]);

  if (status === "recording") {
    return (
      <button
        type="button"
        onClick={onStop}
        aria-label="Stop recording"
        title="Stop recording"
        data-state="recording"
        className="flex h-9 shrink-0 cursor-pointer items-center gap-1.5 rounded-xl bg-red-50 px-2.5 text-[13px] font-medium text-red-700 ring-1 ring-red-200 transition-colors hover:bg-red-100"
      >
        <span className="relative flex size-2.5" aria-hidden="true">
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-red-400 opacity-75" />
          <span className="relative inline-flex size-2.5 rounded-full bg-red-500" />
        </span>
        <span className="tabular-nums" role="status">
          <span className="sr-only">Recording </span>
          {elapsed(startedAt)}
        </span>
        <StopIcon className="size-3.5" />
      </button>
    );
  }
  const busy = status === "starting" || status === "transcribing";
  return (
    <button
      type="button"
      onClick={onStart}
      disabled={disabled || busy}
      aria-label={status === "transcribing" ? "Transcribing your question" : "Record a question"}
      title={status === "transcribing" ? "Transcribing…" : "Record a question"}
      data-state={status}
      className={cn(
        "flex size-9 shrink-0 cursor-pointer items-center justify-center rounded-xl text-zinc-500 transition-colors hover:bg-zinc-100 hover:text-zinc-800",
        "disabled:cursor-not-allowed disabled:opacity-60 disabled:hover:bg-transparent",
      )}
    >
      {busy ? <Spinner className="size-4" /> : <MicIcon className="size-[18px]" />}
    </button>
  );
}
