// Saves a value a moment after it stops changing, one save at a time, and reports where it
// stands ("Saving…", "Saved", the error) so the page can say so.
import { useCallback, useEffect, useRef, useState } from "react";

export type AutosaveState =
  | { status: "saved"; savedAt: number | null }
  | { status: "pending" }
  | { status: "saving" }
  | { status: "error"; error: unknown }
  /** The value has a problem the user must fix first; nothing is sent until then. */
  | { status: "blocked"; reason: string };

export interface Autosave {
  state: AutosaveState;
  /** Saves now (e.g. "Retry", or before publishing); resolves once the value on screen is saved. */
  flush: () => Promise<void>;
  /** Declares a value already saved elsewhere (a restored version), so it isn't saved again. */
  markSaved: (value: unknown) => void;
}

export function useAutosave<T>(
  value: T,
  save: (value: T) => Promise<unknown>,
  options: { delayMs?: number; blocked?: string | null } = {},
): Autosave {
  const { delayMs = 800, blocked = null } = options;
  const [state, setState] = useState<AutosaveState>({ status: "saved", savedAt: null });
  const saved = useRef<unknown>(value);
  const latest = useRef(value);
  const saveRef = useRef(save);
  const running = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const blockedRef = useRef(blocked);
  const savedAt = useRef<number | null>(null);
  latest.current = value;
  saveRef.current = save;
  blockedRef.current = blocked;

  const run = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (blockedRef.current) return Promise.reject(new Error(blockedRef.current));
    if (running.current) return running.current.then(() => run());
    const target = latest.current;
    if (target === saved.current) {
      // Nothing to send (an edit was undone before its save): say so instead of staying "pending".
      setState((s) => (s.status === "pending" ? { status: "saved", savedAt: savedAt.current } : s));
      return Promise.resolve();
    }
    setState({ status: "saving" });
    const attempt = saveRef
      .current(target)
      .then(
        () => {
          saved.current = target;
          savedAt.current = Date.now();
          setState({ status: "saved", savedAt: savedAt.current });
        },
        (error: unknown) => {
          setState({ status: "error", error });
          throw error;
        },
      )
      .finally(() => {
        running.current = null;
      });
    running.current = attempt.catch(() => {});
    return attempt.then(() => {
      // Edits made while saving get their own save.
      if (latest.current !== saved.current) return run();
    });
  }, []);

  useEffect(() => {
    if (value === saved.current) {
      // Back to what is saved (e.g. a change undone): nothing is waiting to be sent.
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      setState((s) => (s.status === "pending" || s.status === "blocked" ? { status: "saved", savedAt: savedAt.current } : s));
      return;
    }
    if (blocked) {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      setState({ status: "blocked", reason: blocked });
      return;
    }
    setState((s) => (s.status === "saving" ? s : { status: "pending" }));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void run().catch(() => {}), delayMs);
  }, [value, delayMs, run, blocked]);

  // Leaving the page with unsaved edits: save them on the way out, and warn if the tab closes.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (latest.current !== saved.current) e.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      if (timer.current && !blockedRef.current) {
        clearTimeout(timer.current);
        void run().catch(() => {});
      }
    };
  }, [run]);

  const markSaved = useCallback((v: unknown) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    saved.current = v;
    savedAt.current = Date.now();
    setState({ status: "saved", savedAt: savedAt.current });
  }, []);

  return { state, flush: run, markSaved };
}
