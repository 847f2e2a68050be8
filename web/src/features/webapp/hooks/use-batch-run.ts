// Runs a batch of rows, at most BATCH_CONCURRENCY at a time, keeping each row's progress and
// outputs; Stop lets no new row start and stops the running ones.
import { useCallback, useRef, useState } from "react";
import type { FormVariable } from "../api/types";
import type { BatchResult, BatchRow } from "../lib/batch";
import { toInputs } from "../lib/inputs";
import { executeWorkflow, type RunHandle, stopRun } from "./use-workflow-run";
import { webappErrorMessage } from "../api/client";

/** Rows run side by side; more would only meet the per-browser rate limit sooner. */
export const BATCH_CONCURRENCY = 3;

export function useBatchRun(code: string, variables: FormVariable[]) {
  const [results, setResults] = useState<BatchResult[]>([]);
  const [running, setRunning] = useState(false);
  const [stopping, setStopping] = useState(false);
  const batch = useRef<{ cancelled: boolean; handles: Set<RunHandle> } | null>(null);

  const start = useCallback(
    async (rows: BatchRow[]) => {
      if (batch.current) return;
      const current = { cancelled: false, handles: new Set<RunHandle>() };
      batch.current = current;
      setRunning(true);
      setStopping(false);
      setResults(rows.map((row) => ({ row, run: null, refused: null })));
      const update = (i: number, patch: Partial<BatchResult>) =>
        setResults((list) => list.map((r, j) => (j === i ? { ...r, ...patch } : r)));

      let next = 0;
      const worker = async () => {
        while (!current.cancelled && next < rows.length) {
          const i = next++;
          const handle: RunHandle = { abort: new AbortController(), taskId: null, stopping: false };
          current.handles.add(handle);
          try {
            await executeWorkflow(code, toInputs(variables, rows[i].values), handle, (run) => update(i, { run }));
          } catch (err) {
            update(i, { run: null, refused: webappErrorMessage(err) });
          } finally {
            current.handles.delete(handle);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, rows.length) }, worker));
      batch.current = null;
      setRunning(false);
      setStopping(false);
    },
    [code, variables],
  );

  const stop = useCallback(() => {
    const current = batch.current;
    if (!current) return;
    current.cancelled = true;
    setStopping(true);
    for (const handle of current.handles) stopRun(code, handle);
  }, [code]);

  const clear = useCallback(() => {
    if (!batch.current) setResults([]);
  }, []);

  return { results, running, stopping, start, stop, clear };
}
