// The WebApp's transport over a run's events: Dify's SIMPLE converter (what its WebApp and
// Explore get), i.e. the Service API frames without `usage` or `annotation_reply` in the
// metadata. Streaming frames as SSE; blocking collects the same run into one JSON answer.
import type { AppRow } from "../../apps/apps";
import type { Run, RunEvent } from "../../apps/generate";
import { type ErrorCode, KilnError } from "../../lib/errors";
import { difySseStream, SSE_HEADERS } from "../../lib/sse";

// Dify's simple metadata keeps only these fields of each retriever resource.
const SIMPLE_RESOURCE_FIELDS = ["segment_id", "position", "document_name", "score", "content"] as const;

function simpleMetadata(metadata: Extract<RunEvent, { event: "message_end" }>["metadata"]) {
  const resources = metadata.retriever_resources.map((r) => {
    const full = (r ?? {}) as Record<string, unknown>;
    return Object.fromEntries(SIMPLE_RESOURCE_FIELDS.map((k) => [k, full[k] ?? null]));
  });
  return { retriever_resources: resources };
}

/** The run's events as Dify's simple stream frames (key order as Dify writes them). */
export async function* simpleFrames(run: Run): AsyncGenerator<object> {
  const ids =
    run.mode === "chat"
      ? { conversation_id: run.conversationId, message_id: run.messageId, created_at: run.createdAt }
      : { message_id: run.messageId, created_at: run.createdAt };
  for await (const e of run.events) {
    switch (e.event) {
      case "message":
        yield { event: "message", ...ids, task_id: run.taskId, id: run.messageId, answer: e.answer, from_variable_selector: null };
        break;
      case "message_replace":
        yield { event: "message_replace", ...ids, task_id: run.taskId, answer: e.answer, reason: e.reason };
        break;
      case "message_end":
        yield { event: "message_end", ...ids, task_id: run.taskId, id: run.messageId, metadata: simpleMetadata(e.metadata), files: null };
        break;
      case "error":
        yield { event: "error", ...ids, code: e.code, message: e.message, status: e.status };
        break;
    }
  }
}

export function streamResponse(run: Run): Response {
  return new Response(difySseStream(simpleFrames(run), { onCancel: () => run.abort() }), { headers: SSE_HEADERS });
}

/** Blocking mode: the same run, collected; a failed run is the HTTP error it would have streamed. */
export async function collectRun(run: Run, app: AppRow) {
  let answer = "";
  let metadata = { retriever_resources: [] as Record<string, unknown>[] };
  for await (const e of run.events) {
    if (e.event === "message") answer += e.answer;
    else if (e.event === "message_replace") answer = e.answer;
    else if (e.event === "message_end") metadata = simpleMetadata(e.metadata);
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
