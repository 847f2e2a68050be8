// "Read aloud" under an answer; while the audio loads or plays it becomes "Stop reading".
import { SpeakerIcon } from "../../../components/ui/icons";
import { Spinner } from "../../../components/ui/spinner";
import { cn } from "../../../lib/cn";
import type { ReadAloud } from "../hooks/use-read-aloud";
import { StopIcon } from "./icons";

export function ReadAloudButton({ messageId, player }: { messageId: string; player: ReadAloud }) {
  const status = player.statusOf(messageId);
  const error = player.errorOf(messageId);
  const active = status !== "idle";
  return (
    <>
      <button
        type="button"
        onClick={() => (active ? player.stop() : void player.play(messageId))}
        aria-label={active ? "Stop reading" : "Read aloud"}
        title={active ? "Stop reading" : "Read aloud"}
        data-state={status}
        className={cn(
          "flex h-8 shrink-0 cursor-pointer items-center justify-center gap-1.5 rounded-md transition-colors",
          active ? "bg-brand-50 px-2 text-brand-700 hover:bg-brand-100" : "w-8 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700",
        )}
      >
        {status === "loading" ? (
          <Spinner className="size-3.5" />
        ) : status === "playing" ? (
          <StopIcon className="size-3.5" />
        ) : (
          <SpeakerIcon className="size-4" />
        )}
        {active && (
          <span className="text-xs font-medium" role="status">
            {status === "loading" ? "Loading audio…" : "Reading aloud…"}
          </span>
        )}
      </button>
      {error && (
        <span className="ml-1 text-xs text-red-600" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
