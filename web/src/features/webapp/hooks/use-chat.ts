// The chat thread of a public WebApp: the finished messages of the open conversation (from the
// query cache), plus the answer streaming in. Sending starts a stream; its first frame names the
// conversation; `message_end` moves the turn into the cache, and the follow-up suggestions are
// fetched when the app enables them. Stopping asks the server to stop the task, so what was said
// is kept and logged. A chatflow turn can end paused at Human Input forms instead (see
// use-paused-turns.ts).
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { WebAppError, webappErrorMessage } from "../api/client";
import { useMessages } from "../api/get-messages";
import { fetchSuggestions } from "../api/get-suggestions";
import { webappKeys } from "../api/keys";
import { sendFeedback } from "../api/send-feedback";
import { stopTask } from "../api/stop-task";
import { streamRun } from "../api/stream";
import type { AgentThought, Conversation, Message, MessageFile, Page, Rating, RetrieverResource } from "../api/types";
import { withStep } from "../lib/agent-steps";
import { type AnsweredForm, answeredForms, type HumanInputRequired } from "../../../lib/human-input";
import { type TurnPause, usePausedTurns } from "./use-paused-turns";

export interface Turn {
  id: string;
  query: string;
  answer: string;
  status: "streaming" | "normal" | "stopped" | "error" | "paused";
  error: string | null;
  feedback: Rating | null;
  /** The knowledge passages the answer used (empty when the app shows no citations). */
  citations: RetrieverResource[];
  /** Agent apps: the steps so far, for the "used tool X" line. */
  thoughts: AgentThought[];
  /** The files sent with the question. */
  files: MessageFile[];
  /** A paused turn's forms and how far answering them has got. */
  pause: TurnPause | null;
  /** Chatflow apps: the forms the turn's run had answered, as its message lists them. */
  answered: AnsweredForm[];
}

/** A file sent with a message: Dify's file object for the request, and what the thread shows. */
export interface OutgoingFile {
  ref: Record<string, unknown>;
  shown: MessageFile;
}

const fromMessage = (m: Message): Turn => ({
  id: m.id,
  query: m.query,
  answer: m.answer,
  status: m.status === "error" || m.status === "stopped" || m.status === "paused" ? m.status : "normal",
  error: m.error,
  feedback: m.feedback?.rating ?? null,
  citations: m.retriever_resources ?? [],
  thoughts: m.agent_thoughts ?? [],
  files: m.message_files ?? [],
  pause: null,
  answered: answeredForms(m.extra_contents),
});

const emptyPage = (): Page<Message> => ({ limit: 100, has_more: false, data: [] });

interface Options {
  code: string;
  conversationId: string | null;
  /** Called when the first answer of a new conversation names it. */
  onConversation: (id: string) => void;
  suggestionsEnabled: boolean;
}

export function useChat({ code, conversationId, onConversation, suggestionsEnabled }: Options) {
  const client = useQueryClient();
  const history = useMessages(code, conversationId);
  const paused = usePausedTurns(code, conversationId);
  const hold = paused.hold;
  const [streaming, setStreaming] = useState<Turn | null>(null);
  const [stopping, setStopping] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [suggestions, setSuggestions] = useState<{ messageId: string; questions: string[] } | null>(null);
  const run = useRef<{ abort: AbortController; taskId: string | null; conversationId: string | null } | null>(null);
  const stoppingRef = useRef(false);

  // Leaving a conversation abandons its stream (the server logs what was said).
  useEffect(() => {
    setSendError(null);
    setSuggestions(null);
    if (run.current && run.current.conversationId !== conversationId) {
      run.current.abort.abort();
      run.current = null;
      setStreaming(null);
    }
  }, [conversationId]);

  const appendToCache = useCallback(
    (cid: string, m: Message) => {
      client.setQueryData<Page<Message>>(webappKeys.messages(code, cid), (page) => {
        const base = page ?? emptyPage();
        return { ...base, data: [...base.data.filter((x) => x.id !== m.id), m] };
      });
    },
    [client, code],
  );

  const send = useCallback(
    async (query: string, inputs: Record<string, unknown>, files: OutgoingFile[] = []) => {
      if (run.current) return false;
      setSendError(null);
      setSuggestions(null);
      const abort = new AbortController();
      const current = { abort, taskId: null as string | null, conversationId };
      run.current = current;
      const shown = files.map((f) => f.shown);
      let turn: Turn = { id: `pending-${Date.now()}`, query, answer: "", status: "streaming", error: null, feedback: null, citations: [], thoughts: [], files: shown, pause: null, answered: [] };
      const forms: HumanInputRequired[] = [];
      let cid = conversationId;
      let started = false;
      setStreaming(turn);
      const update = (patch: Partial<Turn>) => {
        turn = { ...turn, ...patch };
        if (run.current === current) setStreaming(turn);
      };
      try {
        const body = { query, inputs, conversation_id: conversationId ?? "", ...(files.length ? { files: files.map((f) => f.ref) } : {}) };
        const events = streamRun(code, "/chat-messages", body, abort.signal);
        for await (const e of events) {
          if (!started && e.conversation_id) {
            started = true;
            if (!cid) {
              cid = e.conversation_id;
              current.conversationId = cid;
              // Seed the new conversation's history, so opening it does not refetch mid-stream,
              // and show it in the list at once (the server records it when the answer ends).
              client.setQueryData(webappKeys.messages(code, cid), emptyPage());
              const now = Math.floor(Date.now() / 1000);
              const draft: Conversation = { id: cid, name: query.slice(0, 40), inputs, status: "normal", introduction: "", created_at: now, updated_at: now };
              client.setQueryData<Page<Conversation>>(webappKeys.conversations(code), (page) =>
                page ? { ...page, data: [draft, ...page.data.filter((c) => c.id !== cid)] } : page,
              );
              onConversation(cid);
            }
          }
          if (e.event === "message" || e.event === "agent_message") {
            current.taskId = e.task_id;
            update({ id: e.message_id, answer: turn.answer + e.answer });
          } else if (e.event === "agent_thought") {
            current.taskId = e.task_id;
            update({ id: e.message_id, thoughts: withStep(turn.thoughts, e) });
          } else if (e.event === "message_replace") {
            update({ id: e.message_id, answer: e.answer });
          } else if (e.event === "message_end") {
            update({
              id: e.message_id,
              status: stoppingRef.current ? "stopped" : "normal",
              citations: e.metadata?.retriever_resources ?? [],
            });
          } else if (e.event === "human_input_required") {
            forms.push(e.data);
            update({ id: e.message_id });
          } else if (e.event === "workflow_paused") {
            update({ id: e.message_id, status: "paused" });
          } else if (e.event === "error") {
            update({ status: "error", error: e.message, ...(e.message_id ? { id: e.message_id } : {}) });
          }
        }
        if (turn.status === "streaming") update({ status: "stopped" });
      } catch (err) {
        if (err instanceof DOMException && err.name === "AbortError") {
          update({ status: "stopped" });
        } else if (!started && err instanceof WebAppError) {
          // Refused before anything was said (bad inputs, too many requests): nothing to keep.
          if (run.current === current) {
            run.current = null;
            setStreaming(null);
            setSendError(err.message);
          }
          return false;
        } else {
          update({ status: "error", error: webappErrorMessage(err) });
        }
      }
      if (cid) {
        appendToCache(cid, {
          id: turn.id,
          conversation_id: cid,
          inputs,
          query: turn.query,
          answer: turn.answer,
          feedback: null,
          created_at: Math.floor(Date.now() / 1000),
          status: turn.status === "streaming" ? "normal" : turn.status,
          error: turn.error,
          retriever_resources: turn.citations,
          agent_thoughts: turn.thoughts,
          message_files: shown,
        });
        void client.invalidateQueries({ queryKey: webappKeys.conversations(code) });
        if (turn.status === "paused" && !turn.id.startsWith("pending-")) hold(turn.id, forms);
      }
      if (run.current === current) {
        run.current = null;
        setStreaming(null);
        setStopping(false);
        stoppingRef.current = false;
      }
      if (turn.status === "normal" && suggestionsEnabled && !turn.id.startsWith("pending-")) {
        const messageId = turn.id;
        fetchSuggestions(code, messageId).then(
          (questions) => setSuggestions((s) => (s === null || s.messageId === messageId ? { messageId, questions } : s)),
          () => {},
        );
      }
      return true;
    },
    [client, code, conversationId, onConversation, suggestionsEnabled, appendToCache, hold],
  );

  const stop = useCallback(() => {
    const current = run.current;
    if (!current) return;
    setStopping(true);
    stoppingRef.current = true;
    if (current.taskId) {
      // The server ends the stream with what it has; if that fails, cut the connection.
      stopTask(code, "chat", current.taskId).catch(() => current.abort.abort());
    } else current.abort.abort();
  }, [code]);

  const rate = useCallback(
    async (messageId: string, rating: Rating | null) => {
      if (!conversationId) return;
      const key = webappKeys.messages(code, conversationId);
      const previous = client.getQueryData<Page<Message>>(key);
      const set = (r: Rating | null) =>
        client.setQueryData<Page<Message>>(key, (page) =>
          page ? { ...page, data: page.data.map((m) => (m.id === messageId ? { ...m, feedback: r ? { rating: r } : null } : m)) } : page,
        );
      set(rating);
      try {
        await sendFeedback(code, messageId, rating);
      } catch (err) {
        client.setQueryData(key, previous);
        throw err;
      }
    },
    [client, code, conversationId],
  );

  const turns: Turn[] = (history.data?.data ?? []).map((m) => ({ ...fromMessage(m), pause: paused.pauseOf(m) }));
  return {
    turns: streaming ? [...turns.filter((t) => t.id !== streaming.id), streaming] : turns,
    isLoadingHistory: history.isPending && Boolean(conversationId),
    historyError: history.error,
    isStreaming: streaming !== null,
    stopping,
    sendError,
    clearSendError: () => setSendError(null),
    suggestions: suggestions?.questions ?? [],
    send,
    stop,
    rate,
    answerForm: paused.answer,
  };
}
