// Transport over a workflow run's events, as Dify's converters write them: streaming frames each
// event as SSE with `workflow_run_id` and `task_id` first (chatflows: the conversation ids too);
// blocking collects the same run into Dify's one JSON answer.
import { KilnError } from "../lib/errors";
import { sseResponse } from "../lib/sse";
import type { WorkflowFinishedData, WorkflowPausedData } from "./events";
import type { StartedRun } from "./runs";

/** Dify's `created_by` on workflow_finished: the account, or the end user and their `user` string. */
export type CreatedBy = { id: string; name: string; email: string } | { id: string; user: string };

export interface FrameOptions {
  createdBy: CreatedBy;
  /** Chatflows: every frame carries the conversation, the message and its time. */
  chat?: { conversationId: string; messageId: string; createdAt: number };
}

function errorFrame(err: unknown) {
  const e = err instanceof KilnError ? err : new KilnError("internal_server_error", 500, "Internal Server Error, please contact support.");
  return { event: "error", code: e.code, message: e.message, status: e.status };
}

/** The run's events as Dify frames; an unexpected failure ends the stream with an `error` frame. */
export async function* workflowFrames(run: StartedRun, options: FrameOptions): AsyncGenerator<object> {
  const chat = options.chat
    ? { conversation_id: options.chat.conversationId, message_id: options.chat.messageId, created_at: options.chat.createdAt }
    : null;
  const head = (event: string) => ({ event, ...chat, workflow_run_id: run.runId, task_id: run.taskId });
  try {
    for await (const e of run.events) {
      if (e.event === "message" && chat) {
        // Chatflow answer text is a chat `message` event, whose id is the message's.
        yield { event: "message", ...chat, task_id: run.taskId, id: chat.message_id, answer: e.data.answer, from_variable_selector: e.data.from_variable_selector };
      } else if (e.event === "workflow_finished") {
        yield { ...head(e.event), data: { ...e.data, created_by: options.createdBy } };
      } else {
        yield { ...head(e.event), data: e.data };
      }
    }
  } catch (err) {
    yield { ...head("error"), ...errorFrame(err) };
  }
}

/** Streaming mode: a client that goes away stops the run (recorded as stopped). */
export function streamWorkflowRun(run: StartedRun, options: FrameOptions): Promise<Response> {
  return sseResponse(workflowFrames(run, options), { onCancel: () => run.abort() });
}

/** The run's outcome once its events are exhausted: how it finished, or why it paused. */
export async function finishRun(run: StartedRun, signal?: AbortSignal): Promise<WorkflowFinishedData | WorkflowPausedData> {
  signal?.addEventListener("abort", () => run.abort(), { once: true });
  run.unwatched();
  let outcome: WorkflowFinishedData | WorkflowPausedData | null = null;
  for await (const e of run.events) if (e.event === "workflow_finished" || e.event === "workflow_paused") outcome = e.data;
  if (!outcome) throw new KilnError("internal_server_error", 500, "The workflow run ended without a result.");
  return outcome;
}

/**
 * Blocking mode, as Dify answers it: a failed run is still HTTP 200, with `status: "failed"`; a
 * paused one has `status: "paused"`, no finish time, and the forms it waits for as `reasons`.
 */
export async function collectWorkflowRun(run: StartedRun, signal?: AbortSignal) {
  const d = await finishRun(run, signal);
  if (d.status === "paused") {
    return {
      task_id: run.taskId,
      workflow_run_id: run.runId,
      data: {
        id: d.workflow_run_id,
        workflow_id: run.workflowId,
        status: d.status,
        outputs: d.outputs,
        error: null,
        elapsed_time: d.elapsed_time,
        total_tokens: d.total_tokens,
        total_steps: d.total_steps,
        created_at: d.created_at,
        finished_at: null,
        paused_nodes: d.paused_nodes,
        reasons: d.reasons,
      },
    };
  }
  return {
    task_id: run.taskId,
    workflow_run_id: run.runId,
    data: {
      id: d.id,
      workflow_id: d.workflow_id,
      status: d.status,
      outputs: d.outputs,
      error: d.error,
      elapsed_time: d.elapsed_time,
      total_tokens: d.total_tokens,
      total_steps: d.total_steps,
      created_at: d.created_at,
      finished_at: d.finished_at,
    },
  };
}
