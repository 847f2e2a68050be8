// A chatflow (advanced-chat app) answering one message: the published workflow runs with the
// query and the conversation's variables; its frames carry the conversation and message ids,
// answer text arrives as `message` events, and the run ends with `message_end` (or, when the run
// failed, Dify's `error` invalid_param "Run failed: …"). The message is logged like a chat app's.
import type { AppRow } from "../apps/apps";
import { getOwnedConversation } from "../apps/conversations";
import type { EndUser } from "../apps/end-users";
import { logMessage } from "../apps/messages";
import type { TenantCtx } from "../context";
import { KilnError } from "../lib/errors";
import { combinedUsageBlock } from "../models/pricing";
import type { WorkflowFinishedData, WorkflowPausedData } from "./events";
import { runPublished } from "./run-app";
import { stoppedByUser } from "./runs";
import { workflowFrames } from "./transport";

export interface ChatflowRequest {
  app: AppRow;
  endUser: EndUser;
  query: string;
  inputs: Record<string, unknown>;
  conversationId: string | null;
  files: unknown[];
  configVersion: number;
  receivedAt?: number;
  /** Where the turn came from: the Service API (default) or the hosted WebApp. */
  source?: "api" | "webapp";
}

export async function startChatflow(ctx: TenantCtx, req: ChatflowRequest) {
  const owner = { endUserId: req.endUser.id, accountId: null };
  const existing = req.conversationId ? await getOwnedConversation(ctx, req.app.id, req.conversationId, owner) : null;
  const conversationId = existing?.id ?? ctx.newId();
  const messageId = ctx.newId();
  const createdAt = req.receivedAt ?? ctx.now();
  // A conversation keeps the inputs it started with, as in Dify.
  const inputs = existing ? (JSON.parse(existing.inputs) as Record<string, unknown>) : req.inputs;
  const source = req.source ?? "api";
  const run = await runPublished(ctx, req.app, req.endUser, source === "webapp" ? "web-app" : "service-api", {
    inputs,
    files: req.files,
    query: req.query,
    conversationId,
    dialogueCount: (existing?.messageCount ?? 0) + 1,
    messageId,
  });
  const chat = { conversation_id: conversationId, message_id: messageId, created_at: Math.floor(createdAt / 1000) };

  // Tokens and prices summed over the run's model-backed nodes, each at its model's rates; the
  // log row names one model, the one that spent the most tokens.
  const usageSoFar = () => {
    const spent = [...run.usage.models.values()];
    const usage = combinedUsageBlock(spent, { latency: (ctx.now() - createdAt) / 1000, ttft: null, generate: null });
    const main = spent.reduce<(typeof spent)[number] | null>(
      (best, s) => (!best || s.promptTokens + s.completionTokens > best.promptTokens + best.completionTokens ? s : best),
      null,
    );
    return { usage, main };
  };

  /**
   * Logs the message as the run left it: answered, failed, paused at a form (its answer goes on
   * when the run does), or stopped (the caller went away).
   */
  const logTurn = (finished: WorkflowFinishedData | null, answer: string, paused = false) => {
    const { usage, main } = usageSoFar();
    const status =
      finished?.status === "failed"
        ? "error"
        : finished?.status === "succeeded" || finished?.status === "partial-succeeded"
          ? "normal"
          : paused
            ? "paused"
            : "stopped";
    const write = logMessage(ctx, {
      app: req.app,
      mode: "chat",
      messageId,
      taskId: run.taskId,
      conversationId,
      isNewConversation: !existing,
      conversationName: req.query.slice(0, 60),
      source,
      endUser: req.endUser,
      accountId: null,
      configVersion: req.configVersion,
      inputs: inputs as Record<string, string>,
      query: req.query,
      promptMessages: [],
      // What the caller was sent, as Dify saves it (its task state's answer): an End node's streamed
      // value included, though the run's `answer` output holds only the Answer nodes' text.
      answer,
      usage,
      provider: main?.provider ?? "",
      model: main?.model ?? "",
      status,
      error: finished?.error ?? null,
      replySource: "model",
      files: [],
      createdAt,
    });
    return { write, usage };
  };

  async function* frames(): AsyncGenerator<object> {
    let answer = "";
    let finished: WorkflowFinishedData | null = null;
    let pausedAt: WorkflowPausedData | null = null;
    let logged = false;
    let paused = false;
    // A stop that arrives while the caller is not reading (it left without the runtime cancelling
    // the stream) finds this generator paused at a yield: the partial answer is logged from here.
    const stoppedWhilePaused = () => {
      if (!paused || logged || !stoppedByUser(run.signal)) return;
      logged = true;
      const stopped = logTurn(null, answer).write;
      ctx.waitUntil(stopped.catch((err) => ctx.log.warn("stopped chatflow message not logged", { messageId, error: String(err) })));
    };
    run.signal.addEventListener("abort", stoppedWhilePaused);
    try {
      for await (const f of workflowFrames(run, { createdBy: { id: req.endUser.id, user: req.endUser.sessionId }, chat: { conversationId, messageId, createdAt: chat.created_at } })) {
        const frame = f as { event: string; answer?: string; data?: WorkflowFinishedData };
        if (frame.event === "message") answer += frame.answer ?? "";
        if (frame.event === "workflow_finished") finished = frame.data ?? null;
        if (frame.event === "human_input_required" && !logged) {
          // Logged as paused before the client gets a form: an answer that comes at once finds
          // the message to add the rest of the reply to.
          logged = true;
          await logTurn(null, answer, true).write;
        }
        // As in Dify, the stream ends at the pause, without message_end.
        if (frame.event === "workflow_paused") pausedAt = frame.data as unknown as WorkflowPausedData;
        paused = true;
        try {
          yield f;
        } finally {
          paused = false;
        }
      }
      if (pausedAt) return;
      // Stopped and logged while paused: the rest of the stream ends without a second log.
      if (logged) {
        yield { event: "message_end", ...chat, task_id: run.taskId, id: messageId, metadata: { retriever_resources: [], usage: usageSoFar().usage }, files: [] };
        return;
      }
      // Logged before the client hears the turn is over (as Dify saves before message_end), so a
      // client that lists messages or sends feedback right after message_end finds it.
      const { write, usage } = logTurn(finished, answer);
      logged = true;
      await write;
      if (finished?.status === "failed") {
        yield { event: "error", ...chat, code: "invalid_param", message: `Run failed: ${finished.error ?? "unknown error"}`, status: 400 };
      } else {
        yield { event: "message_end", ...chat, task_id: run.taskId, id: messageId, metadata: { retriever_resources: [], usage }, files: [] };
      }
    } finally {
      run.signal.removeEventListener("abort", stoppedWhilePaused);
      if (!finished && !pausedAt) run.abort();
      // The caller went away mid-run: the partial answer is kept, as stopped.
      if (!logged) {
        const stopped = logTurn(finished, answer).write;
        ctx.waitUntil(stopped.catch((err) => ctx.log.warn("stopped chatflow message not logged", { messageId, error: String(err) })));
      }
    }
  }

  /** Blocking mode: Dify's chat answer; a failed run is HTTP 400 `invalid_param` "Run failed: …". */
  async function collect(signal?: AbortSignal) {
    signal?.addEventListener("abort", () => run.abort(), { once: true });
    run.unwatched();
    let answer = "";
    let metadata: object = { retriever_resources: [], usage: null };
    let pausedAt: WorkflowPausedData | null = null;
    for await (const f of frames()) {
      const frame = f as { event: string; answer?: string; message?: string; metadata?: object; data?: unknown };
      if (frame.event === "message") answer += frame.answer ?? "";
      else if (frame.event === "message_end") metadata = frame.metadata ?? metadata;
      else if (frame.event === "workflow_paused") pausedAt = frame.data as WorkflowPausedData;
      else if (frame.event === "error") throw new KilnError("invalid_param", 400, frame.message ?? "Run failed.");
    }
    if (pausedAt) {
      // Dify's paused chat answer: the turn so far, and the forms it waits for under `data`.
      metadata = { retriever_resources: [], usage: usageSoFar().usage };
      const common = { id: messageId, mode: "advanced-chat", conversation_id: conversationId, message_id: messageId, answer, metadata, created_at: chat.created_at };
      return {
        event: "workflow_paused",
        task_id: run.taskId,
        ...common,
        workflow_run_id: run.runId,
        data: {
          ...common,
          workflow_run_id: run.runId,
          paused_nodes: pausedAt.paused_nodes,
          reasons: pausedAt.reasons,
          status: pausedAt.status,
          elapsed_time: pausedAt.elapsed_time,
          total_tokens: pausedAt.total_tokens,
          total_steps: pausedAt.total_steps,
        },
      };
    }
    return {
      event: "message",
      task_id: run.taskId,
      id: messageId,
      message_id: messageId,
      conversation_id: conversationId,
      mode: "advanced-chat",
      answer,
      metadata: { annotation_reply: null, ...metadata },
      created_at: chat.created_at,
    };
  }

  return { run, frames: frames(), collect };
}
