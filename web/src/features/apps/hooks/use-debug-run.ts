// One debugger conversation (or completion run): sends with the draft on screen, streams the
// answer in, records usage or the error, and stops or restarts on request.
import { useCallback, useEffect, useRef, useState } from "react";
import { runDebug, stopDebug } from "../api/run-debug";
import type { AgentThought, EasyMode, ModelConfig, RetrieverResource, Usage } from "../api/types";
import { describeRunError, describeRunFailure } from "../lib/run-errors";
import { isChatMode } from "../lib/app-rules";

export type TurnStatus = "streaming" | "done" | "error" | "stopped";

export interface Turn {
  id: string;
  query: string;
  answer: string;
  status: TurnStatus;
  usage: Usage | null;
  /** The knowledge passages the answer was grounded on, when the app shows citations. */
  citations: RetrieverResource[];
  /** The annotation's author when an annotation answered instead of the model. */
  annotatedBy: string | null;
  /** Agent apps: the steps so far (thoughts, tool calls and their observations), by position. */
  thoughts: AgentThought[];
  error: string | null;
  taskId: string | null;
  messageId: string | null;
}

export interface SendInput {
  query: string;
  inputs: Record<string, unknown>;
  modelConfig: ModelConfig;
}

let nextTurn = 1;

export function useDebugRun(appId: string, mode: EasyMode) {
  const [turns, setTurns] = useState<Turn[]>([]);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  const current = useRef<{ id: string; taskId: string | null } | null>(null);
  const conversation = useRef<string | null>(null);

  const update = useCallback((id: string, change: (t: Turn) => Partial<Turn>) => {
    setTurns((all) => all.map((t) => (t.id === id ? { ...t, ...change(t) } : t)));
  }, []);

  useEffect(() => () => controller.current?.abort(), []);

  const send = useCallback(
    async ({ query, inputs, modelConfig }: SendInput) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      const id = `turn-${nextTurn++}`;
      current.current = { id, taskId: null };
      const turn: Turn = { id, query, answer: "", status: "streaming", usage: null, citations: [], annotatedBy: null, thoughts: [], error: null, taskId: null, messageId: null };
      // A completion run stands alone; a chat turn joins the conversation.
      setTurns((all) => (isChatMode(mode) ? [...all, turn] : [turn]));
      try {
        const events = runDebug(
          appId,
          mode,
          { inputs, query, conversation_id: isChatMode(mode) ? conversation.current : undefined, model_config: modelConfig },
          abort.signal,
        );
        for await (const e of events) {
          if (e.event === "message" || e.event === "agent_message") {
            if (current.current?.id === id) current.current.taskId = e.task_id;
            if (e.conversation_id && isChatMode(mode)) {
              conversation.current = e.conversation_id;
              setConversationId(e.conversation_id);
            }
            update(id, (t) => ({ answer: t.answer + e.answer, taskId: e.task_id, messageId: e.message_id }));
          } else if (e.event === "agent_thought") {
            if (current.current?.id === id) current.current.taskId = e.task_id;
            if (e.conversation_id && isChatMode(mode)) {
              conversation.current = e.conversation_id;
              setConversationId(e.conversation_id);
            }
            update(id, (t) => ({ thoughts: withThought(t.thoughts, e), taskId: e.task_id, messageId: e.message_id }));
          } else if (e.event === "message_replace") {
            update(id, () => ({ answer: e.answer }));
          } else if (e.event === "message_end") {
            if (e.conversation_id && isChatMode(mode)) {
              conversation.current = e.conversation_id;
              setConversationId(e.conversation_id);
            }
            update(id, () => ({
              status: "done",
              usage: e.metadata?.usage ?? null,
              citations: e.metadata?.retriever_resources ?? [],
              annotatedBy: e.metadata?.annotation_reply ? e.metadata.annotation_reply.account.name : null,
              messageId: e.message_id,
            }));
          } else if (e.event === "error") {
            update(id, () => ({ status: "error", error: describeRunError(e.code, e.message) }));
          }
        }
        update(id, (t) => (t.status === "streaming" ? { status: "done" } : {}));
      } catch (err) {
        if (abort.signal.aborted) update(id, (t) => (t.status === "streaming" ? { status: "stopped" } : {}));
        else update(id, () => ({ status: "error", error: describeRunFailure(err) }));
      } finally {
        if (controller.current === abort) controller.current = null;
      }
    },
    [appId, mode, update],
  );

  const stop = useCallback(() => {
    const running = current.current;
    // Ask the server to stop (it keeps the partial answer as `stopped`), then stop reading.
    if (running?.taskId) void stopDebug(appId, mode, running.taskId).catch(() => {});
    controller.current?.abort();
  }, [appId, mode]);

  const restart = useCallback(() => {
    controller.current?.abort();
    conversation.current = null;
    setConversationId(null);
    setTurns([]);
  }, []);

  const isRunning = turns.some((t) => t.status === "streaming");
  return { turns, conversationId, isRunning, send, stop, restart };
}

/** The steps with this event's step added, or updated in place (a step is re-sent as it fills in). */
export function withThought(thoughts: AgentThought[], e: AgentThought): AgentThought[] {
  const step: AgentThought = {
    id: e.id,
    position: e.position,
    thought: e.thought ?? "",
    tool: e.tool ?? "",
    tool_labels: e.tool_labels,
    tool_input: e.tool_input ?? "",
    observation: e.observation ?? "",
    message_files: e.message_files,
    created_at: e.created_at,
  };
  const at = thoughts.findIndex((t) => t.id === step.id);
  const next = at >= 0 ? thoughts.map((t, i) => (i === at ? step : t)) : [...thoughts, step];
  return next.sort((a, b) => a.position - b.position);
}
