// One debug run of the draft at a time: what each node did as the events arrive, the streamed
// text, the final outputs, and (chatflow) the conversation so far.
import { useCallback, useRef, useState } from "react";
import { errorMessage } from "../../../lib/api";
import { runDraft, stopRun } from "../api/run-draft";
import type { NodeExecution, RunEvent, RunStatus } from "../api/types";

export type NodeRunState = Partial<NodeExecution> & { node_id: string };

export interface ChatTurn {
  role: "user" | "assistant";
  text: string;
}

export interface RunState {
  status: "idle" | "running" | "finished";
  runId: string | null;
  /** The run's task, which the server can be asked to stop. */
  taskId: string | null;
  nodes: Record<string, NodeRunState>;
  /** Nodes in the order they started. */
  order: string[];
  text: string;
  outputs: Record<string, unknown> | null;
  runStatus: RunStatus | null;
  error: string | null;
  elapsed: number | null;
  tokens: number | null;
  conversationId: string | null;
  turns: ChatTurn[];
}

const IDLE: RunState = {
  status: "idle",
  runId: null,
  taskId: null,
  nodes: {},
  order: [],
  text: "",
  outputs: null,
  runStatus: null,
  error: null,
  elapsed: null,
  tokens: null,
  conversationId: null,
  turns: [],
};

function appendAnswer(turns: ChatTurn[], chunk: string, replace = false): ChatTurn[] {
  const last = turns[turns.length - 1];
  if (last?.role === "assistant") return [...turns.slice(0, -1), { role: "assistant", text: replace ? chunk : last.text + chunk }];
  return [...turns, { role: "assistant", text: chunk }];
}

/** The run state after one stream event. */
export function reduceRun(previous: RunState, e: RunEvent): RunState {
  const taskId = (e as { task_id?: unknown }).task_id;
  const state = typeof taskId === "string" && taskId !== previous.taskId ? { ...previous, taskId } : previous;
  switch (e.event) {
    case "workflow_started":
      return { ...state, runId: e.data.id };
    case "node_started":
    case "node_retry":
      return {
        ...state,
        nodes: { ...state.nodes, [e.data.node_id]: { ...state.nodes[e.data.node_id], ...e.data, status: e.event === "node_retry" ? "retry" : "running" } },
        order: state.order.includes(e.data.node_id) ? state.order : [...state.order, e.data.node_id],
      };
    case "node_finished":
      return {
        ...state,
        nodes: { ...state.nodes, [e.data.node_id]: { ...state.nodes[e.data.node_id], ...e.data } },
        order: state.order.includes(e.data.node_id) ? state.order : [...state.order, e.data.node_id],
      };
    case "iteration_started":
    case "loop_started":
      return { ...state, nodes: { ...state.nodes, [e.data.node_id]: { ...state.nodes[e.data.node_id], node_id: e.data.node_id, status: "running" } } };
    case "iteration_completed":
    case "loop_completed":
      return {
        ...state,
        nodes: {
          ...state.nodes,
          [e.data.node_id]: {
            ...state.nodes[e.data.node_id],
            node_id: e.data.node_id,
            status: e.data.status ?? (e.data.error ? "failed" : "succeeded"),
            outputs: e.data.outputs ?? state.nodes[e.data.node_id]?.outputs ?? null,
            error: e.data.error ?? null,
            elapsed_time: e.data.elapsed_time ?? 0,
          },
        },
      };
    case "text_chunk":
      return { ...state, text: state.text + e.data.text };
    case "text_replace":
      return { ...state, text: e.data.text };
    case "message":
      return { ...state, conversationId: e.conversation_id ?? state.conversationId, turns: appendAnswer(state.turns, e.answer) };
    case "message_replace":
      return { ...state, turns: appendAnswer(state.turns, e.answer, true) };
    case "message_end":
      return { ...state, conversationId: e.conversation_id ?? state.conversationId };
    case "workflow_finished":
      return {
        ...state,
        runId: e.data.id ?? state.runId,
        runStatus: e.data.status,
        outputs: e.data.outputs,
        error: e.data.error || state.error,
        elapsed: e.data.elapsed_time,
        tokens: e.data.total_tokens,
      };
    case "error":
      return { ...state, error: e.message, runStatus: state.runStatus ?? "failed" };
    default:
      return state;
  }
}

export function useDraftRun(appId: string) {
  const [state, setState] = useState<RunState>(IDLE);
  const abort = useRef<AbortController | null>(null);
  const latest = useRef(state);
  latest.current = state;

  const start = useCallback(
    async (input: { inputs: Record<string, unknown>; query?: string }, options: { keepConversation?: boolean } = {}) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      const conversationId = options.keepConversation ? latest.current.conversationId : null;
      const turns = options.keepConversation ? latest.current.turns : [];
      setState({ ...IDLE, status: "running", conversationId, turns: input.query !== undefined ? [...turns, { role: "user", text: input.query }] : turns });
      try {
        const body = { inputs: input.inputs, ...(input.query !== undefined ? { query: input.query } : {}), ...(conversationId ? { conversation_id: conversationId } : {}) };
        for await (const event of runDraft(appId, body, controller.signal)) {
          setState((s) => reduceRun(s, event));
        }
        setState((s) => ({ ...s, status: "finished", runStatus: s.runStatus ?? (s.error ? "failed" : "succeeded") }));
      } catch (err) {
        if (err instanceof DOMException && err.name === "AbortError") {
          setState((s) => ({ ...s, status: "finished", runStatus: "stopped", error: s.error ?? "Stopped." }));
          return;
        }
        setState((s) => ({ ...s, status: "finished", runStatus: "failed", error: errorMessage(err) }));
      } finally {
        if (abort.current === controller) abort.current = null;
      }
    },
    [appId],
  );

  // Ask the server to stop the run (it records it as stopped), then stop listening.
  const stop = useCallback(() => {
    const taskId = latest.current.taskId;
    if (taskId) void stopRun(appId, taskId).catch(() => {});
    abort.current?.abort();
  }, [appId]);
  const clear = useCallback(() => {
    abort.current?.abort();
    setState(IDLE);
  }, []);

  return { state, start, stop, clear };
}
