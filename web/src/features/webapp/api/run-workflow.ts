// Running a workflow app from the WebApp: POST /api/workflows/run streaming, and stop by task id.
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
