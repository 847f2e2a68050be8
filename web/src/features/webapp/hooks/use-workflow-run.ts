// Runs a workflow app once: the form's inputs in, the run's progress and outputs as they stream,
// and Stop (by task id, falling back to dropping the connection).
import { useCallback, useRef, useState } from "react";
import { WebAppError, webappErrorMessage } from "../api/client";
import { runWorkflow, stopWorkflow } from "../api/run-workflow";
import { applyEvent, endRun, type RunView, startingRun } from "../lib/workflow-run";

export interface RunHandle {
  abort: AbortController;
  taskId: string | null;
  stopping: boolean;
}

/**
 * Follows one run to its end, reporting every change. A refusal before the stream starts is
 * thrown as a WebAppError (the caller decides how to show it); anything later ends the run.
 */
export async function executeWorkflow(
  code: string,
  inputs: Record<string, unknown>,
  handle: RunHandle,
  onUpdate: (run: RunView) => void,
): Promise<RunView> {
  let run = startingRun();
  onUpdate(run);
  let started = false;
  try {
    for await (const e of runWorkflow(code, inputs, handle.abort.signal)) {
      started = true;
      run = applyEvent(run, e);
      if (run.taskId) handle.taskId = run.taskId;
      onUpdate(run);
    }
    run = endRun(run, handle.stopping ? "stopped" : "failed", handle.stopping ? null : "The connection closed before the run finished. Run it again.");
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") run = endRun(run, "stopped", null);
    else if (!started && err instanceof WebAppError) throw err;
    else run = endRun(run, "failed", webappErrorMessage(err));
  }
  onUpdate(run);
  return run;
}

/** Stops a run: by its task id when known (the server records it as stopped), else by dropping it. */
export function stopRun(code: string, handle: RunHandle) {
  handle.stopping = true;
  if (handle.taskId) stopWorkflow(code, handle.taskId).catch(() => handle.abort.abort());
  else handle.abort.abort();
}

export function useWorkflowRun(code: string) {
  const [run, setRun] = useState<RunView | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [stopping, setStopping] = useState(false);
  const current = useRef<RunHandle | null>(null);

  const start = useCallback(
    async (inputs: Record<string, unknown>) => {
      if (current.current) return;
      const handle: RunHandle = { abort: new AbortController(), taskId: null, stopping: false };
      current.current = handle;
      setRefused(null);
      setStopping(false);
      try {
        await executeWorkflow(code, inputs, handle, setRun);
      } catch (err) {
        setRun(null);
        setRefused(webappErrorMessage(err));
      } finally {
        current.current = null;
        setStopping(false);
      }
    },
    [code],
  );

  const stop = useCallback(() => {
    if (!current.current) return;
    setStopping(true);
    stopRun(code, current.current);
  }, [code]);

  const clear = useCallback(() => {
    setRun(null);
    setRefused(null);
  }, []);

  return { run, refused, stopping, running: run?.status === "running", start, stop, clear };
}
