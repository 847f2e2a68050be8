// Runs the draft and yields its stream events. Kiln answers on `/workflows/draft/run` for both
// modes (Dify runs a chatflow's draft on `/advanced-chat/workflows/draft/run`).
import { api } from "../../../lib/api";
import { readRunEvents } from "../lib/sse";
import type { NodeExecution, RunEvent, RunInput } from "./types";

export async function* runDraft(appId: string, input: RunInput, signal: AbortSignal): AsyncGenerator<RunEvent> {
  const res = await api.post<Response>(`/apps/${appId}/workflows/draft/run`, input, { raw: true, signal });
  const type = res.headers.get("Content-Type") ?? "";
  if (!type.includes("text/event-stream") || !res.body) {
    // A blocking answer: the run's result in one JSON body.
    const body = (await res.json()) as { data?: unknown };
    yield { event: "workflow_finished", data: (body.data ?? body) as Extract<RunEvent, { event: "workflow_finished" }>["data"] };
    return;
  }
  yield* readRunEvents(res.body);
}

/** Asks the server to stop a running draft run. */
export function stopRun(appId: string, taskId: string): Promise<unknown> {
  return api.post(`/apps/${appId}/workflow-runs/tasks/${taskId}/stop`);
}

/** Runs one node alone with the inputs given; answers its execution. */
export function runDraftNode(appId: string, nodeId: string, inputs: Record<string, unknown>): Promise<NodeExecution> {
  return api.post<NodeExecution>(`/apps/${appId}/workflows/draft/nodes/${nodeId}/run`, { inputs });
}
