// One debug run of the draft at a time: what each node did as the events arrive, the streamed
// text, the final outputs, and (chatflow) the conversation so far. A run that pauses at Human
// Input forms shows them; once one is answered the run is read again until it ends or waits again.
import { useCallback, useRef, useState } from "react";
import { errorMessage } from "../../../lib/api";
import { type HumanInputSubmission, waitOrAbort } from "../../../lib/human-input";
import { getRun, listNodeExecutions, listRunForms, type RunHumanInputForm, submitRunForm } from "../api/human-input-forms";
import { runDraft, stopRun } from "../api/run-draft";
import type { NodeExecution, RunEvent, RunStatus, WorkflowRun } from "../api/types";

export type NodeRunState = Partial<NodeExecution> & { node_id: string };

export interface ChatTurn {
  role: "user" | "assistant";
  text: string;
}

export interface RunState {
  /** `paused`: waiting for the forms in `forms` to be answered. */
  status: "idle" | "running" | "paused" | "finished";
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
  /** The forms a paused run waits for. */
  forms: RunHumanInputForm[];
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
  forms: [],
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
    case "workflow_paused":
      return {
        ...state,
        runId: e.data.workflow_run_id ?? state.runId,
        runStatus: "paused",
        elapsed: e.data.elapsed_time,
        tokens: e.data.total_tokens,
        // The stream leaves the nodes waiting for their forms as running.
        nodes: Object.fromEntries(Object.entries(state.nodes).map(([id, n]) => [id, n.status === "running" ? { ...n, status: "paused" } : n])),
      };
    case "error":
      return { ...state, error: e.message, runStatus: state.runStatus ?? "failed" };
    default:
      return state;
  }
}

/** How often, and for how long at most, an answered run is read again. */
const POLL_MS = 500;
const FOLLOW_LIMIT_MS = 15 * 60_000;

/** The run's nodes from its record: top-level ones in the order they ran, a node's last execution winning. */
function nodesFromRecord(executions: NodeExecution[]): Pick<RunState, "nodes" | "order"> {
  const nodes: Record<string, NodeRunState> = {};
  const order: string[] = [];
  const topLevel = executions.filter((e) => !e.iteration_id && !e.loop_id).sort((a, b) => (a.index ?? 0) - (b.index ?? 0) || a.created_at - b.created_at);
  for (const e of topLevel) {
    nodes[e.node_id] = e;
    if (!order.includes(e.node_id)) order.push(e.node_id);
  }
  return { nodes, order };
}

const outputsOf = (run: WorkflowRun): Record<string, unknown> | null => (typeof run.outputs === "string" ? JSON.parse(run.outputs) : (run.outputs ?? null));

export function useDraftRun(appId: string) {
  const [state, setState] = useState<RunState>(IDLE);
  const abort = useRef<AbortController | null>(null);
  const latest = useRef(state);
  latest.current = state;

  const waitingForms = useCallback(
    async (runId: string, signal: AbortSignal) => (await listRunForms(appId, runId, signal)).filter((f) => f.status === "waiting"),
    [appId],
  );

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
        let pausedRun: string | null = null;
        for await (const event of runDraft(appId, body, controller.signal)) {
          if (event.event === "workflow_paused") pausedRun = event.data.workflow_run_id;
          setState((s) => reduceRun(s, event));
        }
        if (pausedRun) {
          const forms = await waitingForms(pausedRun, controller.signal);
          setState((s) => ({ ...s, status: "paused", forms }));
          return;
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
    [appId, waitingForms],
  );

  /** Reads an answered run again until it ends, or pauses at another form. */
  const follow = useCallback(
    async (runId: string, controller: AbortController) => {
      const deadline = Date.now() + FOLLOW_LIMIT_MS;
      try {
        for (;;) {
          await waitOrAbort(POLL_MS, controller.signal);
          const run = await getRun(appId, runId, controller.signal);
          if (run.status === "paused") {
            // Until the run is taken up again it is still paused, with no form waiting.
            const forms = await waitingForms(runId, controller.signal);
            if (forms.length > 0) {
              const recorded = nodesFromRecord(await listNodeExecutions(appId, runId, controller.signal));
              setState((s) => ({ ...s, ...recorded, status: "paused", runStatus: "paused", forms }));
              return;
            }
          }
          if (run.status === "paused" || run.status === "running") {
            if (Date.now() > deadline) throw new Error("The run has not finished after 15 minutes. Look for it under History.");
            continue;
          }
          const recorded = nodesFromRecord(await listNodeExecutions(appId, runId, controller.signal));
          setState((s) => ({
            ...s,
            ...recorded,
            status: "finished",
            runStatus: run.status,
            outputs: outputsOf(run),
            error: run.error,
            elapsed: run.elapsed_time,
            tokens: run.total_tokens,
          }));
          return;
        }
      } catch (err) {
        const stopped = err instanceof DOMException && err.name === "AbortError";
        setState((s) => ({
          ...s,
          status: "finished",
          runStatus: stopped ? "stopped" : "failed",
          error: stopped ? "Stopped following the run; it goes on on the server (see History)." : errorMessage(err),
        }));
      } finally {
        if (abort.current === controller) abort.current = null;
      }
    },
    [appId, waitingForms],
  );

  /** Answers one of the paused run's forms (a refusal is thrown, for the form to show), then follows the run. */
  const answer = useCallback(
    async (formId: string, submission: HumanInputSubmission) => {
      await submitRunForm(appId, formId, submission);
      const runId = latest.current.runId;
      if (!runId) return;
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setState((s) => ({ ...s, status: "running", runStatus: null, forms: [] }));
      void follow(runId, controller);
    },
    [appId, follow],
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

  return { state, start, answer, stop, clear };
}
