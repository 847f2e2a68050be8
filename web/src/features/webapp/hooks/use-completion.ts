// One generation of a completion app: stream the answer, stop it, rate it.
import { useCallback, useRef, useState } from "react";
import { WebAppError, webappErrorMessage } from "../api/client";
import { sendFeedback } from "../api/send-feedback";
import { stopTask } from "../api/stop-task";
import { streamRun } from "../api/stream";
import type { Rating, RetrieverResource } from "../api/types";

export interface Result {
  messageId: string | null;
  answer: string;
  status: "streaming" | "normal" | "stopped" | "error";
  error: string | null;
  feedback: Rating | null;
  /** The knowledge passages the text was grounded on (empty when the app shows no citations). */
  citations: RetrieverResource[];
}

export function useCompletion(code: string) {
  const [result, setResult] = useState<Result | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [stopping, setStopping] = useState(false);
  const run = useRef<{ abort: AbortController; taskId: string | null; stopping: boolean } | null>(null);

  const generate = useCallback(
    async (inputs: Record<string, unknown>, files: Record<string, unknown>[] = []) => {
      if (run.current) return;
      const current = { abort: new AbortController(), taskId: null as string | null, stopping: false };
      run.current = current;
      setRefused(null);
      setStopping(false);
      let r: Result = { messageId: null, answer: "", status: "streaming", error: null, feedback: null, citations: [] };
      const update = (patch: Partial<Result>) => {
        r = { ...r, ...patch };
        setResult(r);
      };
      update({});
      let started = false;
      try {
        for await (const e of streamRun(code, "/completion-messages", { inputs, query: "", ...(files.length ? { files } : {}) }, current.abort.signal)) {
          started = true;
          if (e.event === "message") {
            current.taskId = e.task_id;
            update({ messageId: e.message_id, answer: r.answer + e.answer });
          } else if (e.event === "message_replace") update({ answer: e.answer });
          else if (e.event === "message_end") {
            update({ messageId: e.message_id, status: current.stopping ? "stopped" : "normal", citations: e.metadata?.retriever_resources ?? [] });
          }
          else if (e.event === "error") update({ status: "error", error: e.message });
        }
        if (r.status === "streaming") update({ status: "stopped" });
      } catch (err) {
        if (err instanceof DOMException && err.name === "AbortError") update({ status: "stopped" });
        else if (!started && err instanceof WebAppError) {
          setResult(null);
          setRefused(err.message);
        } else update({ status: "error", error: webappErrorMessage(err) });
      } finally {
        run.current = null;
        setStopping(false);
      }
    },
    [code],
  );

  const stop = useCallback(() => {
    const current = run.current;
    if (!current) return;
    current.stopping = true;
    setStopping(true);
    if (current.taskId) stopTask(code, "completion", current.taskId).catch(() => current.abort.abort());
    else current.abort.abort();
  }, [code]);

  const rate = useCallback(
    async (rating: Rating | null) => {
      if (!result?.messageId) return;
      const before = result.feedback;
      setResult({ ...result, feedback: rating });
      try {
        await sendFeedback(code, result.messageId, rating);
      } catch (err) {
        setResult((r) => (r ? { ...r, feedback: before } : r));
        throw err;
      }
    },
    [code, result],
  );

  return { result, refused, stopping, generate, stop, rate, clear: () => setResult(null) };
}
