// Runs a workflow app once: the form's inputs in, the run's progress and outputs as they stream,
// and Stop (by task id, falling back to dropping the connection). A run that pauses at Human
// Input forms is answered here and followed on.
import { useCallback, useRef, useState } from "react";
import { WebAppError, webappErrorMessage } from "../api/client";
import { type HumanInputRequired, type HumanInputSubmission, waitOrAbort } from "../../../lib/human-input";
import { submitHumanInputForm } from "../api/human-input-form";
import { followWorkflow, runWorkflow, stopWorkflow } from "../api/run-workflow";
import type { WorkflowStreamEvent } from "../api/workflow-types";
import { applyEvent, endRun, resumingRun, type RunView, startingRun } from "../lib/workflow-run";

export interface RunHandle {
  abort: AbortController;
  taskId: string | null;
  stopping: boolean;
}

/** An answered run the server has not taken up yet is asked about again this often, for this long. */
const PICKUP_RETRY_MS = 1000;
const PICKUP_LIMIT_MS = 5 * 60_000;

type Connect = (signal: AbortSignal) => AsyncGenerator<WorkflowStreamEvent>;

/**
 * Folds a run's events into its view, reporting every change, until the stream ends or the run
 * pauses at a form. With `refusable`, a refusal before the first event is thrown as a WebAppError
 * (the caller decides how to show it); anything else ends the run.
 */
async function foldEvents(
  connect: Connect,
  first: RunView,
  handle: RunHandle,
  onUpdate: (run: RunView) => void,
  options: { refusable: boolean; trackTask: boolean },
): Promise<RunView> {
  let run = first;
  onUpdate(run);
  let started = false;
  const giveUpAt = Date.now() + PICKUP_LIMIT_MS;
  try {
    for (let again = true; again; ) {
      again = false;
      // Each connection has its own signal, so one the page is done with is closed on the server too.
      const connection = new AbortController();
      const close = () => connection.abort();
      handle.abort.signal.addEventListener("abort", close);
      try {
        for await (const e of connect(connection.signal)) {
          started = true;
          // An answered run stays paused, with no form waiting, until the server takes it up; a
          // stream opened then would not report the run's next pause, so it is opened again.
          if (e.event === "workflow_paused" && e.data.reasons.length === 0) {
            again = true;
            break;
          }
          run = applyEvent(run, e);
          if (options.trackTask && run.taskId) handle.taskId = run.taskId;
          onUpdate(run);
          // A followed run's stream would go on waiting past a new pause: the page has what it needs.
          if (run.status === "paused") break;
        }
      } finally {
        handle.abort.signal.removeEventListener("abort", close);
        connection.abort();
      }
      if (again) {
        if (Date.now() > giveUpAt) throw new Error("The run hasn't gone on since its form was answered. Try again later.");
        await waitOrAbort(PICKUP_RETRY_MS, handle.abort.signal);
      }
    }
    run = endRun(run, handle.stopping ? "stopped" : "failed", handle.stopping ? null : "The connection closed before the run finished. Run it again.");
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") run = endRun(run, "stopped", null);
    else if (options.refusable && !started && err instanceof WebAppError) throw err;
    else run = endRun(run, "failed", webappErrorMessage(err));
  }
  onUpdate(run);
  return run;
}

/** Runs the app once and follows the run to its end (or to the forms it pauses at). */
export function executeWorkflow(code: string, inputs: Record<string, unknown>, handle: RunHandle, onUpdate: (run: RunView) => void): Promise<RunView> {
  return foldEvents((signal) => runWorkflow(code, inputs, signal), startingRun(), handle, onUpdate, { refusable: true, trackTask: true });
}

/**
 * Follows a paused run on once a form of it is answered. The followed stream names no task the
 * server could stop, so Stop only stops following.
 */
function continueWorkflow(code: string, paused: RunView & { runId: string }, handle: RunHandle, onUpdate: (run: RunView) => void): Promise<RunView> {
  return foldEvents((signal) => followWorkflow(code, paused.runId, signal), resumingRun(paused), handle, onUpdate, { refusable: false, trackTask: false });
}

/** Stops a run: by its task id when known (the server records it as stopped), else by dropping it. */
export function stopRun(code: string, handle: RunHandle) {
  handle.stopping = true;
  if (handle.taskId) stopWorkflow(code, handle.taskId).catch(() => handle.abort.abort());
  else handle.abort.abort();
}

export function useWorkflowRun(code: string) {
  const [run, setShownRun] = useState<RunView | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [stopping, setStopping] = useState(false);
  const current = useRef<RunHandle | null>(null);
  const latest = useRef<RunView | null>(null);
  const setRun = useCallback((next: RunView | null) => {
    latest.current = next;
    setShownRun(next);
  }, []);

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
        if (current.current === handle) current.current = null;
        setStopping(false);
      }
    },
    [code, setRun],
  );

  /** Submits one of the paused run's forms (a refusal is thrown, for the form to show), then follows the run on. */
  const answer = useCallback(
    async (form: HumanInputRequired, submission: HumanInputSubmission) => {
      if (!form.form_token) return;
      await submitHumanInputForm(form.form_token, submission);
      const paused = latest.current;
      if (paused?.status !== "paused" || !paused.runId) return;
      const handle: RunHandle = { abort: new AbortController(), taskId: null, stopping: false };
      current.current = handle;
      setStopping(false);
      void continueWorkflow(code, { ...paused, runId: paused.runId }, handle, setRun).finally(() => {
        if (current.current === handle) current.current = null;
        setStopping(false);
      });
    },
    [code, setRun],
  );

  const stop = useCallback(() => {
    if (!current.current) return;
    setStopping(true);
    stopRun(code, current.current);
  }, [code]);

  const clear = useCallback(() => {
    setRun(null);
    setRefused(null);
  }, [setRun]);

  return { run, refused, stopping, running: run?.status === "running", start, answer, stop, clear };
}
