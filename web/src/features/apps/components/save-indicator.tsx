import { useEffect, useState } from "react";
import { AlertIcon, CheckIcon } from "../../../components/ui/icons";
import { Spinner } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import type { AutosaveState } from "../hooks/use-autosave";
import { agoLabel } from "../lib/save-status";

/** Where the draft stands: saving, saved (and when), or why it couldn't be saved, with Retry. */
export function SaveIndicator({ state, onRetry }: { state: AutosaveState; onRetry: () => void }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (state.status !== "saved" || !state.savedAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [state]);

  return (
    <div data-testid="save-indicator" aria-live="polite" className="flex min-w-0 items-center gap-1.5 text-xs">
      {state.status === "saving" ? (
        <>
          <Spinner className="size-3.5 text-zinc-400" />
          <span className="text-zinc-500">Saving…</span>
        </>
      ) : state.status === "pending" ? (
        <span className="text-zinc-500">Unsaved changes</span>
      ) : state.status === "blocked" ? (
        <>
          <AlertIcon className="size-3.5 shrink-0 text-amber-500" />
          <span className="truncate text-amber-700" title={state.reason}>
            Not saved: {state.reason}
          </span>
        </>
      ) : state.status === "error" ? (
        <>
          <AlertIcon className="size-3.5 shrink-0 text-red-500" />
          <span className="truncate text-red-600" title={errorMessage(state.error)}>
            Not saved: {errorMessage(state.error)}
          </span>
          <button type="button" onClick={onRetry} className="shrink-0 cursor-pointer font-medium text-red-700 underline underline-offset-2">
            Retry
          </button>
        </>
      ) : (
        <>
          <CheckIcon className="size-3.5 text-emerald-500" />
          <span className="text-zinc-500">{state.savedAt ? `Saved · ${agoLabel(state.savedAt, Math.max(now, state.savedAt))}` : "All changes saved"}</span>
        </>
      )}
    </div>
  );
}
