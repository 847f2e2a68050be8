// Running a workflow app from the WebApp: POST /api/workflows/run streaming, stop by task id, and
// following a run on after one of its Human Input forms is answered.
import { webappFetch, webappJson } from "./client";
import { readEventStream } from "./stream";
import type { WorkflowStreamEvent } from "./workflow-types";

/** Streams one run's events; a refusal before the stream starts (bad inputs, limits) is thrown. */
export async function* runWorkflow(code: string, inputs: Record<string, unknown>, signal?: AbortSignal): AsyncGenerator<WorkflowStreamEvent> {
  const res = await webappFetch(code, "/workflows/run", {
    method: "POST",
    body: { inputs, response_mode: "streaming" },
    signal,
  });
  if (!res.body) return;
  // The reader is shared with the chat stream; its frames are plain JSON objects of any event.
  for await (const frame of readEventStream(res.body)) yield frame as unknown as WorkflowStreamEvent;
}

/** Asks the server to stop a run; it ends the stream with a `stopped` workflow_finished. */
export function stopWorkflow(code: string, taskId: string) {
  return webappJson<{ result: string }>(code, `/workflows/tasks/${encodeURIComponent(taskId)}/stop`, { method: "POST", body: {} });
}

/**
 * Follows a run on (Dify 1.13+'s events of a run by its id): with `continue_on_pause`, past the
 * pause its answered form ended, until it finishes or waits for another form. The state snapshot
 * brings the steps recorded so far, which the page folds into the ones it shows.
 */
export async function* followWorkflow(code: string, runId: string, signal?: AbortSignal): AsyncGenerator<WorkflowStreamEvent> {
  const res = await webappFetch(code, `/workflow/${encodeURIComponent(runId)}/events`, {
    query: { continue_on_pause: true, include_state_snapshot: true },
    signal,
  });
  if (!res.body) return;
  for await (const frame of readEventStream(res.body)) yield frame as unknown as WorkflowStreamEvent;
}
