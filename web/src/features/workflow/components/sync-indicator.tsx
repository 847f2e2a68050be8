// Where the draft stands: saving, saved (and when), or why it couldn't be saved, with Retry.
import { useEffect, useState } from "react";
import { AlertIcon, CheckIcon } from "../../../components/ui/icons";
import { Spinner } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import type { SyncState } from "../hooks/use-draft-sync";

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export function SyncIndicator({ state, onRetry, updatedAt }: { state: SyncState; onRetry: () => void; updatedAt: number | null }) {
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((t) => t + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div data-testid="save-indicator" aria-live="polite" className="flex min-w-0 items-center gap-1.5 text-xs">
      {state.status === "saving" ? (
        <>
          <Spinner className="size-3.5 text-zinc-400" />
          <span className="text-zinc-500">Saving…</span>
        </>
      ) : state.status === "pending" ? (
        <span className="text-zinc-500">Unsaved changes</span>
      ) : state.status === "error" ? (
        <>
          <AlertIcon className="size-3.5 shrink-0 text-red-500" />
          <span className="max-w-72 truncate text-red-600" title={errorMessage(state.error)}>
            Not saved: {errorMessage(state.error)}
          </span>
          <button type="button" onClick={onRetry} className="shrink-0 cursor-pointer font-medium text-red-700 underline underline-offset-2">
            Retry
          </button>
        </>
      ) : (
        <>
          <CheckIcon className="size-3.5 text-emerald-500" />
          <span className="text-zinc-500">{state.savedAt ? `Saved · ${clock(state.savedAt)}` : updatedAt ? `Saved · ${clock(updatedAt)}` : "All changes saved"}</span>
        </>
      )}
    </div>
  );
}
