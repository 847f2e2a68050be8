// Transport over a run's events, as Dify's converters write it. Streaming frames each event as
// SSE with the ids merged in Dify's order; blocking collects the same run into one JSON answer.
// The Service API and the debugger send the FULL metadata (usage, annotation_reply); the WebApp
// passes its SIMPLE mapper (src/routes/webapp/stream.ts).
import type { AppRow } from "../apps/apps";
import type { MessageMetadata, Run } from "../apps/generate";
import { thoughtEventFields } from "../apps/runners/agent";
import { type ErrorCode, KilnError } from "../lib/errors";
import { pythonJson, sseResponse } from "../lib/sse";

/**
 * The run's events as Dify frames. Each starts with `event` and the chunk ids (chat:
 * conversation_id, message_id, created_at; completion: message_id, created_at), then the event's
 * own fields. `error` frames carry no task_id, as in Dify's converters.
 */
export type MetadataOf = (metadata: MessageMetadata) => object;
const fullMetadata: MetadataOf = (m) => m;

export async function* difyFrames(run: Run, metadataOf: MetadataOf = fullMetadata): AsyncGenerator<object> {
  const ids =
    run.mode === "chat"
      ? { conversation_id: run.conversationId, message_id: run.messageId, created_at: run.createdAt }
      : { message_id: run.messageId, created_at: run.createdAt };
  for await (const e of run.events) {
    switch (e.event) {
      case "message":
        yield { event: "message", ...ids, task_id: run.taskId, id: run.messageId, answer: e.answer, from_variable_selector: null };
        break;
      case "agent_message":
        yield { event: "agent_message", ...ids, task_id: run.taskId, id: run.messageId, answer: e.answer };
        break;
      case "agent_thought":
        yield { event: "agent_thought", ...ids, task_id: run.taskId, ...thoughtEventFields(e.thought) };
        break;
      case "message_replace":
        yield { event: "message_replace", ...ids, task_id: run.taskId, answer: e.answer, reason: e.reason };
        break;
      case "message_end":
        yield { event: "message_end", ...ids, task_id: run.taskId, id: run.messageId, metadata: metadataOf(e.metadata), files: null };
        break;
      case "error":
        yield { event: "error", ...ids, code: e.code, message: e.message, status: e.status };
        break;
    }
  }
}

/** Streaming mode. A client that goes away aborts the provider call; the partial answer is kept. */
export function streamRun(run: Run, metadataOf: MetadataOf = fullMetadata): Promise<Response> {
  return sseResponse(difyFrames(run, metadataOf), { onCancel: () => run.abort() });
}

/** Blocking mode: the same run, collected; a failed run is the HTTP error it would have streamed. */
export async function collectRun(run: Run, app: AppRow, signal?: AbortSignal, metadataOf: MetadataOf = fullMetadata) {
  signal?.addEventListener("abort", () => run.abort(), { once: true });
  let answer = "";
  let metadata: object = { annotation_reply: null, retriever_resources: [], usage: null };
  for await (const e of run.events) {
    if (e.event === "message" || e.event === "agent_message") answer += e.answer;
    else if (e.event === "message_replace") answer = e.answer;
    else if (e.event === "message_end") metadata = metadataOf(e.metadata);
    else if (e.event === "error") throw new KilnError(e.code as ErrorCode, e.status, e.message);
  }
  return {
    event: "message",
    task_id: run.taskId,
    id: run.messageId,
    message_id: run.messageId,
    ...(run.mode === "chat" ? { conversation_id: run.conversationId } : {}),
    mode: app.mode,
    answer,
    metadata,
    created_at: run.createdAt,
  };
}

/** Dify answers blocking calls with Python's json.dumps too; same bytes here. */
export function pythonJsonResponse(body: unknown, status = 200): Response {
  return new Response(pythonJson(body), { status, headers: { "Content-Type": "application/json" } });
}
