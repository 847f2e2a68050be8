// One run of a chat or completion app: checks everything that can be refused before the stream
// starts (inputs, conversation, model), then yields Dify's message events while the model
// answers, and logs the message exactly once — answered, failed or stopped.
import type { ModelMessage } from "ai";
import {
  type AnnotationMatch,
  type AnnotationReply,
  annotationReplyOf,
  answerPieces,
  matchAnnotation,
  recordAnnotationHit,
} from "../annotations/reply";
import type { TenantCtx } from "../context";
import type { apps } from "../db/schema";
import type { MessageSource } from "../db/conversations";
import { Invalid, type KilnError } from "../lib/errors";
import { providerFailure } from "../models/errors";
import { streamChat } from "../models/invoke";
import { estimateTokens } from "../models/offline";
import { usageBlock, type Usage } from "../models/pricing";
import { getLanguageModel } from "../models/registry";
import { loadConversationForRun } from "./conversations";
import type { EndUser } from "./end-users";
import { type Inputs, validateInputs } from "./inputs";
import { logMessage } from "./messages";
import { type RetrieverResource, retrievalQuery, retrieveForApp } from "./knowledge-context";
import { keywordModeration, type ModelConfig } from "./model-config";
import { assemblePrompt, type Turn } from "./prompt";
import { type AgentEvent, agentStrategy, newAgentState, runAgent } from "./runners/agent";
import { loadAgentTools } from "./runners/agent-tools";
import { isStopRequested, registerTask, unregisterTask } from "./tasks";

export const MAX_QUERY_CHARS = 64_000;
const STOP_CHECK_MS = 2_000;

type AppRow = typeof apps.$inferSelect;

export interface RunRequest {
  app: AppRow;
  config: ModelConfig;
  configVersion: number;
  source: MessageSource;
  endUser: EndUser | null;
  accountId: string | null;
  query: string;
  inputs: Record<string, unknown>;
  conversationId?: string | null;
  files?: unknown[];
  /** Images for the model (vision), attached to the user's message; the log keeps `files` only. */
  images?: RunImage[];
  /** The message's time from nextMessageTime() when the request arrived (default: now). */
  receivedAt?: number;
  /** The caller collects the whole answer (blocking mode), so the model need not stream it. */
  blocking?: boolean;
}

export interface RunImage {
  data: Uint8Array;
  mediaType: string;
}

export interface MessageMetadata {
  annotation_reply: AnnotationReply | null;
  retriever_resources: RetrieverResource[];
  usage: Usage;
}

export type RunEvent =
  | { event: "message"; answer: string }
  | AgentEvent
  | { event: "message_replace"; answer: string; reason: string }
  | { event: "message_end"; metadata: MessageMetadata }
  | { event: "error"; code: string; message: string; status: number };

export interface Run {
  taskId: string;
  messageId: string;
  conversationId: string;
  createdAt: number;
  mode: "chat" | "completion";
  events: AsyncGenerator<RunEvent>;
  /** Abort the provider call (client went away); the partial answer is logged as `stopped`. */
  abort: (reason?: string) => void;
}


// Messages are listed by creation time. Requests that arrive together (the same millisecond, or
// Workers' clock that only advances on I/O) still get increasing times in arrival order, so turns
// sent in parallel on one conversation keep their order. Per isolate, like the clock itself.
let lastMessageTime = 0;
/** A message time after every one handed out so far; take it when the request arrives. */
export function nextMessageTime(now: number): number {
  lastMessageTime = Math.max(now, lastMessageTime + 1);
  return lastMessageTime;
}

/** The prompt with the images attached to its last user message, as the model receives it. */
function withImages(messages: ModelMessage[], images: RunImage[]): ModelMessage[] {
  const at = messages.findLastIndex((m) => m.role === "user");
  if (images.length === 0 || at < 0) return messages;
  const last = messages[at];
  const text = typeof last.content === "string" ? last.content : "";
  const content = [
    { type: "text" as const, text },
    ...images.map((i) => ({ type: "image" as const, image: i.data, mediaType: i.mediaType })),
  ];
  return messages.map((m, n) => (n === at ? { role: "user" as const, content } : m));
}

export async function startRun(ctx: TenantCtx, req: RunRequest): Promise<Run> {
  const createdAt = req.receivedAt ?? nextMessageTime(ctx.now());
  const mode = req.app.mode === "completion" ? "completion" : "chat";
  const query = req.query ?? "";
  if (mode === "chat" && !query.trim()) throw Invalid("query is required", ["query"]);
  if (query.length > MAX_QUERY_CHARS) {
    throw Invalid(`query is too long: ${query.length} characters, at most ${MAX_QUERY_CHARS}`, ["query"]);
  }
  const ownerId = req.endUser?.id ?? req.accountId ?? "";
  const existing =
    mode === "chat" && req.conversationId
      ? await loadConversationForRun(ctx, req.app.id, req.conversationId, {
          endUserId: req.endUser?.id ?? null,
          accountId: req.endUser ? null : req.accountId,
          window: req.config.memory.window.enabled ? req.config.memory.window.size : 0,
        })
      : null;
  // A conversation keeps the inputs it started with, as in Dify.
  const inputs: Inputs = existing ? existing.inputs : validateInputs(req.config, req.inputs ?? {});
  const modelRef = { provider: req.config.model.provider, model: req.config.model.name };
  // Annotation reply (chat apps, as Dify): a query that matches an annotation is answered with it,
  // with no model lookup, retrieval or call. Apps without it pay nothing (the setting is cached).
  const annotation = mode === "chat" ? await matchAnnotation(ctx, req.app.id, query) : null;
  const model = annotation ? null : await getLanguageModel(ctx, modelRef);
  const knowledge = annotation
    ? { context: "", resources: [] }
    : await retrieveForApp(
        ctx,
        req.config,
        retrievalQuery(req.config, mode, query, inputs),
        req.source === "debugger" ? "dev" : req.source === "webapp" ? "web" : "api",
      );
  const messages = assemblePrompt(mode, req.config, inputs, query, existing?.history ?? [], knowledge.context);
  // Agent apps resolve their tools now, so a broken provider is refused before the stream starts.
  const agentTools = req.app.mode === "agent-chat" && !annotation ? await loadAgentTools(ctx, req.config.agent_mode) : null;
  // Citations are shown only when the app enables them (Dify's retriever_resource feature).
  const citations = req.config.retriever_resource.enabled ? knowledge.resources : [];

  const taskId = ctx.newId();
  const messageId = ctx.newId();
  const conversationId = existing?.id ?? ctx.newId();
  const startedAt = ctx.now();
  const controller = registerTask(taskId, ownerId);
  let clientGone = false;
  /** The consumer holds an event and has not asked for the next one (see `paused` below). */
  let paused = false;

  const countAnnotationHit = (match: AnnotationMatch) => {
    const hit = recordAnnotationHit(ctx, match, {
      appId: req.app.id,
      messageId,
      query,
      source: req.source === "debugger" ? "console" : "api",
      endUserId: req.endUser?.id ?? null,
      accountId: req.endUser ? null : req.accountId,
    });
    ctx.waitUntil(hit.catch((err) => ctx.log.warn("annotation hit not recorded", { messageId, error: String(err) })));
  };

  async function* events(): AsyncGenerator<RunEvent> {
    let answer = "";
    let firstTokenAt: number | null = null;
    let usage = { input: 0, output: 0 };
    let replySource: "model" | "moderation" | "annotation" = "model";
    /** The message's one log write: later calls (a stop noticed twice) get the first one. */
    let logged: { write: Promise<void>; usage: ReturnType<typeof usageBlock> } | null = null;
    const agent = agentTools ? newAgentState() : null;
    let nextStopCheck = startedAt + STOP_CHECK_MS;
    const checkStop = async () => {
      if (ctx.now() < nextStopCheck) return;
      nextStopCheck = ctx.now() + STOP_CHECK_MS;
      if (await isStopRequested(ctx, taskId, ownerId)) controller.abort(new DOMException("stopped", "AbortError"));
      controller.signal.throwIfAborted();
    };
    // The agent keeps its own tally; what it has said so far is logged, also after a failure.
    const takeAgentState = () => {
      if (!agent || replySource !== "model") return;
      answer = agent.answer;
      usage = agent.usage;
      firstTokenAt = agent.firstTokenAt;
    };
    // A stop that arrives while the consumer is not reading (a client that left without the
    // runtime cancelling its stream) finds this generator paused at a yield, where it would never
    // notice: the stopped message is logged from here, with what was said so far.
    const stoppedWhilePaused = () => {
      if (!paused || logged) return;
      takeAgentState();
      record("stopped", null);
    };
    controller.signal.addEventListener("abort", stoppedWhilePaused);
    const record = (status: "normal" | "error" | "stopped", error: KilnError | null) => {
      if (logged) return logged;
      const endedAt = ctx.now();
      const promptText = messages.map((m) => (typeof m.content === "string" ? m.content : "")).join("\n");
      const input = usage.input || (replySource === "model" ? estimateTokens(promptText) : 0);
      const output = usage.output || (replySource === "model" ? estimateTokens(answer) : 0);
      // A whole (blocking) answer has no first token: all of its time counts as generation, so
      // the provider latency logged (first token + generation) is what a streamed one reports.
      const wholeAnswer = req.blocking === true && replySource === "model" && answer !== "";
      const u = usageBlock(modelRef.provider, modelRef.model, input, output, {
        latency: (endedAt - startedAt) / 1000,
        ttft: firstTokenAt === null ? null : (firstTokenAt - startedAt) / 1000,
        generate: firstTokenAt !== null ? (endedAt - firstTokenAt) / 1000 : wholeAnswer ? (endedAt - startedAt) / 1000 : null,
      });
      const write = logMessage(ctx, {
        app: req.app,
        mode,
        messageId,
        taskId,
        conversationId,
        isNewConversation: !existing,
        conversationName: query.slice(0, 40),
        source: req.source,
        endUser: req.endUser,
        accountId: req.accountId,
        configVersion: req.configVersion,
        inputs,
        query,
        promptMessages: messages,
        answer,
        usage: u,
        provider: modelRef.provider,
        model: modelRef.model,
        status,
        error: error?.message ?? null,
        replySource,
        files: req.files ?? [],
        retrieverResources: citations,
        agentThoughts: agent?.thoughts,
        createdAt,
      });
      ctx.waitUntil(write);
      logged = { write, usage: u };
      return logged;
    };

    try {
      const moderation = keywordModeration(req.config);
      const flagged = (text: string) => moderation?.keywords.some((k) => text.toLowerCase().includes(k.toLowerCase()));
      if (moderation?.inputsReply !== null && moderation && (flagged(query) || Object.values(inputs).some((v) => flagged(String(v))))) {
        replySource = "moderation";
        answer = moderation.inputsReply ?? "";
        yield { event: "message", answer };
      } else if (annotation) {
        replySource = "annotation";
        answer = annotation.content;
        for (const piece of answerPieces(answer)) yield { event: "message", answer: piece };
      } else {
        const params = req.config.model.completion_params;
        const options = {
          temperature: params.temperature,
          topP: params.top_p,
          maxOutputTokens: params.max_tokens,
          presencePenalty: params.presence_penalty,
          frequencyPenalty: params.frequency_penalty,
          stopSequences: params.stop?.length ? params.stop : undefined,
        };
        const callSignal = () => AbortSignal.any([controller.signal, AbortSignal.timeout(ctx.config.PROVIDER_TIMEOUT_MS)]);
        if (agent && agentTools) {
          const agentMode = req.config.agent_mode;
          yield* runAgent(
            ctx,
            {
              model: model!,
              strategy: agentStrategy(agentMode, modelRef.provider),
              maxIteration: agentMode?.max_iteration ?? 5,
              tools: agentTools,
              messages,
              images: req.images ?? [],
              options,
              messageId,
              fileOwner: { appId: req.app.id, role: req.endUser ? "end_user" : "account", createdBy: req.endUser?.id ?? req.accountId ?? "" },
              signal: controller.signal,
              callSignal,
              checkStop,
            },
            agent,
          );
          takeAgentState();
        } else {
          const parts = streamChat(model!, withImages(messages, req.images ?? []), {
            ...options,
            abortSignal: callSignal(),
            whole: req.blocking === true,
          });
          for await (const part of parts) {
            if (part.type === "text") {
              // A whole answer has no first token to time: the log keeps no time to first token
              // (and the generation-speed figure leaves the message out) rather than a made-up one.
              if (!req.blocking) firstTokenAt ??= ctx.now();
              answer += part.text;
              yield { event: "message", answer: part.text };
              await checkStop();
            } else {
              usage = { input: part.inputTokens ?? 0, output: part.outputTokens ?? 0 };
            }
          }
        }
        if (moderation?.outputsReply != null && flagged(answer)) {
          answer = moderation.outputsReply;
          yield { event: "message_replace", answer, reason: "moderation" };
        }
      }
      const { write, usage: u } = record("normal", null);
      // Counted off the response path: written a moment later, batched with other hits.
      if (replySource === "annotation" && annotation) countAnnotationHit(annotation);
      await write;
      const annotationReply = replySource === "annotation" && annotation ? annotationReplyOf(annotation) : null;
      yield { event: "message_end", metadata: { annotation_reply: annotationReply, retriever_resources: citations, usage: u } };
    } catch (err) {
      takeAgentState();
      if (controller.signal.aborted) {
        const { write, usage: u } = record("stopped", null);
        if (clientGone) return;
        await write;
        yield { event: "message_end", metadata: { annotation_reply: null, retriever_resources: citations, usage: u } };
        return;
      }
      const failure = providerFailure(err);
      ctx.log.warn("generation failed", { taskId, code: failure.code, error: failure.message });
      const { write } = record("error", failure);
      await write;
      yield { event: "error", code: failure.code, message: failure.message, status: failure.status };
    } finally {
      controller.signal.removeEventListener("abort", stoppedWhilePaused);
      // The consumer left while we were paused at a yield (client gone): log what was said.
      if (!logged) {
        takeAgentState();
        controller.abort(new DOMException("consumer closed", "AbortError"));
        record("stopped", null);
      }
      unregisterTask(taskId);
    }
  }

  /** The events, noting when the consumer holds one and has not asked for the next. */
  async function* tracked(): AsyncGenerator<RunEvent> {
    for await (const event of events()) {
      paused = true;
      try {
        yield event;
      } finally {
        paused = false;
      }
    }
  }

  return {
    taskId,
    messageId,
    conversationId,
    createdAt: Math.floor(createdAt / 1000),
    mode,
    events: tracked(),
    abort: (reason = "client disconnected") => {
      clientGone = true;
      controller.abort(new DOMException(reason, "AbortError"));
    },
  };
}

export type { Turn };
