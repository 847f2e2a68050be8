// Saves the draft a moment after each edit, one save at a time, presenting the hash of the last
// save. A stale hash means someone else saved meanwhile: the caller reloads their version.
import { useCallback, useEffect, useRef, useState } from "react";
import { isApiError } from "../../../lib/api";
import { saveDraft } from "../api/save-draft";
import type { SaveDraftInput } from "../api/types";

export type SyncState =
  | { status: "saved"; savedAt: number | null }
  | { status: "pending" }
  | { status: "saving" }
  | { status: "error"; error: unknown };

interface Options {
  appId: string;
  /** The hash of the draft as loaded; replaced by each save's answer. */
  initialHash: string | null;
  /** Moves on every edit worth saving. */
  revision: number;
  build: () => Omit<SaveDraftInput, "hash">;
  onConflict: () => void;
  /** After each successful save (what the server derives from the draft may have changed). */
  onSaved?: () => void;
  /** Viewers never save. */
  readOnly?: boolean;
  delayMs?: number;
}

export interface DraftSync {
  state: SyncState;
  /** Saves now if anything is unsaved; resolves once the draft on screen is on the server. */
  flush: () => Promise<void>;
  /** The draft was replaced from the server (reload, restore): take its hash, nothing to save. */
  adopt: (hash: string | null, revision: number) => void;
}

export function useDraftSync({ appId, initialHash, revision, build, onConflict, onSaved, readOnly = false, delayMs = 1000 }: Options): DraftSync {
  const [state, setState] = useState<SyncState>({ status: "saved", savedAt: null });
  const hash = useRef(initialHash);
  const savedRevision = useRef(revision);
  const latest = useRef(revision);
  const running = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const buildRef = useRef(build);
  const conflictRef = useRef(onConflict);
  const savedRef = useRef(onSaved);
  latest.current = revision;
  buildRef.current = build;
  conflictRef.current = onConflict;
  savedRef.current = onSaved;

  const run = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (running.current) return running.current.then(() => run());
    const target = latest.current;
    if (target === savedRevision.current) return Promise.resolve();
    setState({ status: "saving" });
    const attempt = saveDraft(appId, { ...buildRef.current(), hash: hash.current })
      .then(
        (res) => {
          hash.current = res.hash;
          savedRevision.current = target;
          setState({ status: "saved", savedAt: Date.now() });
          savedRef.current?.();
        },
        (error: unknown) => {
          setState({ status: "error", error });
          if (isApiError(error, "draft_workflow_not_sync")) conflictRef.current();
          throw error;
        },
      )
      .finally(() => {
        running.current = null;
      });
    running.current = attempt.catch(() => {});
    return attempt.then(() => {
      if (latest.current !== savedRevision.current) return run();
    });
  }, [appId]);

  useEffect(() => {
    if (readOnly || revision === savedRevision.current) return;
    setState((s) => (s.status === "saving" ? s : { status: "pending" }));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void run().catch(() => {}), delayMs);
  }, [revision, delayMs, run, readOnly]);

  // Leaving with unsaved edits: save on the way out, and warn if the tab closes.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (latest.current !== savedRevision.current) e.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      if (timer.current) {
        clearTimeout(timer.current);
        void run().catch(() => {});
      }
    };
  }, [run]);

  const adopt = useCallback((next: string | null, rev: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    hash.current = next;
    savedRevision.current = rev;
    latest.current = rev;
    setState({ status: "saved", savedAt: null });
  }, []);

  return { state, flush: run, adopt };
}
