// Shared by the workflow engine and node tests: a tenant context, compact graph builders, a run
// that collects events, and test-only nodes (sleeping, failing, an LLM-like streamer) injected
// through RunWorkflowInput.nodes.
import { env } from "cloudflare:workers";
import { z } from "zod";
import { createCtx, forTenant } from "../../src/context";
import { type RunWorkflowInput, runWorkflow } from "../../src/workflow/engine";
import type { WorkflowEvent, WorkflowFinishedData } from "../../src/workflow/events";
import { type Graph, graphSchema } from "../../src/workflow/graph";
import type { WorkflowNode } from "../../src/workflow/nodes/types";

export const tctx = forTenant(createCtx(env), "ws_workflow_test");

export interface NodeSpec {
  id: string;
  type: string;
  parentId?: string;
  [key: string]: unknown;
}

/** A node as the editor stores it, with `title` defaulting to the id. */
export function node({ id, type, parentId, ...data }: NodeSpec) {
  return { id, type: "custom", ...(parentId ? { parentId } : {}), data: { type, title: id, ...data } };
}

/** Edges as [source, target, sourceHandle?]. */
export function graphOf(nodes: NodeSpec[], edges: [string, string, string?][]): Graph {
  return graphSchema.parse({
    nodes: nodes.map(node),
    edges: edges.map(([source, target, sourceHandle]) => ({
      id: `${source}-${sourceHandle ?? "source"}-${target}`,
      source,
      target,
      sourceHandle: sourceHandle ?? "source",
      targetHandle: "target",
    })),
  });
}

export type EventData = { [K in WorkflowEvent["event"]]: Extract<WorkflowEvent, { event: K }>["data"] };

export interface Collected {
  events: WorkflowEvent[];
  finished: WorkflowFinishedData;
  conversation: Record<string, unknown>;
  /** Node ids in node_started order. */
  started: string[];
  /** node_finished data by node id (the last one when a node ran more than once). */
  finishedNode(id: string): EventData["node_finished"];
  of<E extends keyof EventData>(event: E): EventData[E][];
}

/** A run of `graph` with the test tenant, ids and test nodes (`options` override them), not yet iterated. */
export function graphRun(graph: Graph, options: Partial<RunWorkflowInput> = {}) {
  return runWorkflow(tctx, {
    graph,
    inputs: {},
    sys: { user_id: "u1", app_id: "app1", workflow_id: "wf1", workflow_run_id: "run1" },
    environment: {},
    conversation: {},
    run: { appId: "app1", workflowId: "wf1", runId: "run1", userId: "u1", conversationId: null },
    mode: "workflow",
    ...options,
    nodes: { ...TEST_NODES, ...options.nodes },
  });
}

export async function runGraph(graph: Graph, options: Partial<RunWorkflowInput> = {}): Promise<Collected> {
  const handle = graphRun(graph, options);
  const events: WorkflowEvent[] = [];
  for await (const e of handle) events.push(e);
  const last = events.at(-1);
  if (last?.event !== "workflow_finished") throw new Error(`the run did not end with workflow_finished: ${JSON.stringify(last)}`);
  const of = <E extends keyof EventData>(event: E) => events.filter((e) => e.event === event).map((e) => e.data) as EventData[E][];
  return {
    events,
    finished: last.data,
    conversation: handle.conversation,
    started: of("node_started").map((d) => d.node_id),
    finishedNode(id) {
      const found = of("node_finished").filter((d) => d.node_id === id);
      if (found.length === 0) throw new Error(`node ${id} never finished`);
      return found[found.length - 1];
    },
    of,
  };
}

/** Keeps each test node's data typed by its own schema. */
const define = <S extends z.ZodType>(node: WorkflowNode<S>): WorkflowNode => node as unknown as WorkflowNode;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Attempts per node id, so a test node can fail its first N runs. */
export const attempts = new Map<string, number>();

const sleepNode = define({
  type: "test-sleep",
  schema: z.looseObject({ ms: z.number().default(0), value: z.unknown().optional() }),
  async run(ctx, data) {
    await sleep(data.ms);
    return { outputs: { value: data.value ?? ctx.node.id } };
  },
});

const failNode = define({
  type: "test-fail",
  retries: true,
  schema: z.looseObject({ message: z.string().default("boom"), failTimes: z.number().default(Number.POSITIVE_INFINITY) }),
  async run(ctx, data) {
    const n = (attempts.get(ctx.node.id) ?? 0) + 1;
    attempts.set(ctx.node.id, n);
    // What it got as far as, shown in its failed trace as a real node's inputs and request are.
    ctx.trace?.({ inputs: { message: data.message }, processData: { attempt: n } });
    if (n <= data.failTimes) throw new Error(`${data.message} (attempt ${n})`);
    return { outputs: { value: `ok after ${n}` } };
  },
});

/** Streams `chunks` as an LLM would, one every `delayMs`, then outputs their concatenation as `text`. */
const fakeLlmNode = define({
  type: "test-llm",
  schema: z.looseObject({ chunks: z.array(z.string()), delayMs: z.number().default(5), tokens: z.number().default(0) }),
  async run(ctx, data) {
    for (const text of data.chunks) {
      await sleep(data.delayMs);
      ctx.emit({ text, selector: [ctx.node.id, "text"] });
    }
    const usage = data.tokens
      ? { provider: "test", model: "test-llm", promptTokens: 0, completionTokens: data.tokens, totalTokens: data.tokens, totalPrice: 0, currency: "USD" }
      : undefined;
    return { outputs: { text: data.chunks.join("") }, usage };
  },
});

/** Never finishes and ignores the abort signal: the engine must not wait for it. */
const hangNode: WorkflowNode = {
  type: "test-hang",
  schema: z.looseObject({}),
  run: () => new Promise(() => {}),
};

/** Does nothing: the engine's own cost per node is what a chain of these measures. */
const noopNode: WorkflowNode = {
  type: "test-noop",
  schema: z.looseObject({}),
  run: async () => ({ outputs: {} }),
};

/** Sleeps as many ms as the value at `selector` says, then outputs that value. */
const delayByNode = define({
  type: "test-delay-by",
  schema: z.looseObject({ selector: z.array(z.string()) }),
  async run(ctx, data) {
    const value = ctx.pool.get(data.selector);
    await sleep(Number(value));
    return { outputs: { value } };
  },
});

/** Fails when the value at `selector` equals `bad`; otherwise outputs it. */
const failOnNode = define({
  type: "test-fail-on",
  schema: z.looseObject({ selector: z.array(z.string()), bad: z.unknown() }),
  async run(ctx, data) {
    const value = ctx.pool.get(data.selector);
    if (value === data.bad) throw new Error(`bad item ${JSON.stringify(value)}`);
    return { outputs: { value } };
  },
});

export const TEST_NODES: Record<string, WorkflowNode> = {
  "test-delay-by": delayByNode,
  "test-fail-on": failOnNode,
  "test-noop": noopNode,
  "test-sleep": sleepNode,
  "test-fail": failNode,
  "test-llm": fakeLlmNode,
  "test-hang": hangNode,
};
