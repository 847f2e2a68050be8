// OpenAI's Chat Completions wire format over a run's events: `chat.completion` for blocking
// calls, `chat.completion.chunk` SSE ending in `data: [DONE]` for streaming, and OpenAI's error
// body. A transport only: the run is the same one /chat-messages starts.
import type { Run } from "../../apps/generate";
import type { Usage } from "../../models/pricing";
import { type ErrorCode, KilnError } from "../../lib/errors";
import { SSE_HEADERS, sseResponse } from "../../lib/sse";

/** Marks the end of a good stream (`data: [DONE]`). */
const DONE: object = Object.freeze({});

interface Head {
  id: string;
  created: number;
  model: string;
}

const head = (run: Run, model: string): Head => ({ id: `chatcmpl-${run.taskId}`, created: run.createdAt, model });

const tokenUsage = (u: Usage | null) => ({
  prompt_tokens: u?.prompt_tokens ?? 0,
  completion_tokens: u?.completion_tokens ?? 0,
  total_tokens: u?.total_tokens ?? 0,
});

/** OpenAI's error `type` for an HTTP status. */
function errorType(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "api_error";
  return "invalid_request_error";
}

/** `{error: {message, type, param, code}}` with Kiln's code (Dify's names) as `code`. */
export function openAIError(err: KilnError) {
  return {
    error: { message: err.message, type: errorType(err.status), param: err.extra.params?.[0] ?? null, code: err.code },
  };
}

/** Blocking: the whole answer as one `chat.completion`. */
export async function collectCompletion(run: Run, model: string, signal?: AbortSignal) {
  signal?.addEventListener("abort", () => run.abort(), { once: true });
  let answer = "";
  let usage: Usage | null = null;
  for await (const e of run.events) {
    if (e.event === "message" || e.event === "agent_message") answer += e.answer;
    else if (e.event === "message_replace") answer = e.answer;
    else if (e.event === "message_end") usage = e.metadata.usage;
    else if (e.event === "error") throw new KilnError(e.code as ErrorCode, e.status, e.message);
  }
  const h = head(run, model);
  return {
    id: h.id,
    object: "chat.completion",
    created: h.created,
    model: h.model,
    choices: [{ index: 0, message: { role: "assistant", content: answer, refusal: null }, logprobs: null, finish_reason: "stop" }],
    usage: tokenUsage(usage),
    system_fingerprint: null,
    /** Kiln: pass it back (body field or X-Conversation-Id) to continue the conversation. */
    conversation_id: run.mode === "chat" ? run.conversationId : null,
  };
}

async function* chunks(run: Run, model: string, includeUsage: boolean): AsyncGenerator<object> {
  const h = head(run, model);
  const chunk = (delta: object, finish: string | null) => ({
    id: h.id,
    object: "chat.completion.chunk",
    created: h.created,
    model: h.model,
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  yield chunk({ role: "assistant", content: "" }, null);
  for await (const e of run.events) {
    // An agent's thoughts have no OpenAI equivalent; its messages are the content.
    if (e.event === "message" || e.event === "agent_message") yield chunk({ content: e.answer }, null);
    else if (e.event === "message_end") {
      yield chunk({}, "stop");
      if (includeUsage) {
        yield { id: h.id, object: "chat.completion.chunk", created: h.created, model: h.model, system_fingerprint: null, choices: [], usage: tokenUsage(e.metadata.usage) };
      }
      yield DONE;
    } else if (e.event === "error") {
      // OpenAI's SDKs raise on a data line carrying `error`; the stream then ends without [DONE].
      yield openAIError(new KilnError(e.code as ErrorCode, e.status, e.message));
    }
    // message_replace (output moderation) has no OpenAI equivalent once text is streamed.
  }
}

/** Streaming: `chat.completion.chunk` frames, `: ping` comments while waiting, `data: [DONE]`. */
export function streamCompletion(run: Run, model: string, includeUsage: boolean): Promise<Response> {
  const headers: Record<string, string> = { ...SSE_HEADERS };
  if (run.mode === "chat") headers["X-Conversation-Id"] = run.conversationId;
  return sseResponse(chunks(run, model, includeUsage), {
    onCancel: () => run.abort(),
    ping: ": ping\n\n",
    frame: (e) => (e === DONE ? "data: [DONE]\n\n" : `data: ${JSON.stringify(e)}\n\n`),
    headers,
  });
}
