// Checks a workflow graph before it is published (and reports, as warnings, on import): every
// problem found, each naming the node and field, so the editor can point at all of them at once.
import type { z } from "zod";
import { type Graph, type GraphEdge, type GraphNode, graphSchema, isRunnable } from "./graph";
import type { WorkflowNode } from "./nodes/types";
import { USER_INPUT_NAMESPACE, VariablePool } from "./variables";

export type WorkflowMode = "workflow" | "advanced-chat";

export interface GraphProblem {
  /** The node (or, for an edge problem, the edge's source node); null for the graph as a whole. */
  node_id: string | null;
  /** Dotted path inside the node's `data` (or `edges`, `nodes`, `graph`). */
  field: string;
  message: string;
}

export type NodeLookup = (type: string) => WorkflowNode | undefined;

export interface ValidateOptions {
  /** The node registry: a type it does not know is a problem. */
  lookup: NodeLookup;
  environmentVariables?: readonly { name: string }[];
  conversationVariables?: readonly { name: string }[];
}

/** System variables a run provides (Dify's SystemVariableKey); chatflows add the chat ones. */
const SYS_WORKFLOW = ["files", "user_id", "app_id", "workflow_id", "workflow_run_id", "timestamp"];
const SYS_CHAT = [...SYS_WORKFLOW, "query", "conversation_id", "dialogue_count"];
/** Trigger start nodes (Dify 1.10+) Kiln runs: a workflow starts from these or from its Start node. */
const TRIGGER_TYPES = new Set(["trigger-webhook", "trigger-schedule"]);
/** Root nodes of a graph (Dify's start-like nodes). */
const START_TYPES = new Set(["start", ...TRIGGER_TYPES, "trigger-plugin"]);
/** Dify's limit (WebhookService.MAX_WEBHOOK_NODES_PER_WORKFLOW). */
const MAX_WEBHOOK_NODES = 5;
const CONTAINER_TYPES = new Set(["iteration", "loop"]);
/** Pipeline namespace Dify reserves; no app workflow sets it, nor do we check it. */
const IGNORED_NAMESPACES = new Set(["rag"]);

/** Every `{{#…#}}` selector in the strings of a node's data, however deeply nested. */
function templateSelectors(value: unknown, out: string[][] = []): string[][] {
  if (typeof value === "string") out.push(...VariablePool.selectorsIn(value));
  else if (Array.isArray(value)) for (const v of value) templateSelectors(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) templateSelectors(v, out);
  return out;
}

const fieldOf = (path: readonly PropertyKey[]) => path.map(String).join(".") || "data";

/** A node's data against its registered schema; the parsed data when valid. */
function checkData(node: GraphNode, impl: WorkflowNode, problems: GraphProblem[]): unknown {
  const parsed = (impl.schema as z.ZodType).safeParse(node.data);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) problems.push({ node_id: node.id, field: fieldOf(issue.path), message: issue.message });
  return undefined;
}

/** Node ids reachable backwards from `id` along edges (its upstream), not including itself. */
function upstreamOf(id: string, incoming: Map<string, GraphEdge[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    for (const e of incoming.get(stack.pop()!) ?? []) {
      if (!seen.has(e.source)) {
        seen.add(e.source);
        stack.push(e.source);
      }
    }
  }
  return seen;
}

/** A cycle's node ids, if the edges have one (loops repeat through their container, not edges). */
function findCycle(ids: readonly string[], outgoing: Map<string, GraphEdge[]>): string[] | null {
  const state = new Map<string, 1 | 2>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 1);
    path.push(id);
    for (const e of outgoing.get(id) ?? []) {
      const s = state.get(e.target);
      if (s === 1) return path.slice(path.indexOf(e.target));
      if (s === undefined) {
        const found = visit(e.target);
        if (found) return found;
      }
    }
    path.pop();
    state.set(id, 2);
    return null;
  };
  for (const id of ids) {
    if (state.has(id)) continue;
    const found = visit(id);
    if (found) return found;
  }
  return null;
}

function group<K>(edges: readonly GraphEdge[], key: (e: GraphEdge) => K): Map<K, GraphEdge[]> {
  const out = new Map<K, GraphEdge[]>();
  for (const e of edges) {
    const list = out.get(key(e)) ?? [];
    list.push(e);
    out.set(key(e), list);
  }
  return out;
}

/** Checks a graph for `mode`; an empty list means it can be published. */
export function validateGraph(input: unknown, mode: WorkflowMode, options: ValidateOptions): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const parsedGraph = graphSchema.safeParse(input);
  if (!parsedGraph.success) {
    return parsedGraph.error.issues.map((i) => ({ node_id: null, field: `graph.${fieldOf(i.path)}`, message: i.message }));
  }
  const graph: Graph = parsedGraph.data;
  const nodes = graph.nodes.filter(isRunnable);
  const byId = new Map<string, GraphNode>();
  for (const node of nodes) {
    if (byId.has(node.id)) problems.push({ node_id: node.id, field: "id", message: `Two nodes share the id "${node.id}"` });
    byId.set(node.id, node);
  }

  const edges: GraphEdge[] = [];
  for (const e of graph.edges) {
    const missing = [e.source, e.target].filter((id) => !byId.has(id));
    if (missing.length) {
      problems.push({ node_id: e.source, field: "edges", message: `Edge ${e.id ?? `${e.source} → ${e.target}`} connects a node that does not exist: ${missing.join(", ")}` });
    } else edges.push(e);
  }
  const incoming = group(edges, (e) => e.target);
  const outgoing = group(edges, (e) => e.source);

  const cycle = findCycle([...byId.keys()], outgoing);
  if (cycle) {
    problems.push({ node_id: cycle[0], field: "edges", message: `The graph has a cycle (${[...cycle, cycle[0]].join(" → ")}); repeat work with a loop or iteration node` });
  }

  const topLevel = nodes.filter((n) => !n.parentId);
  const starts = topLevel.filter((n) => START_TYPES.has(n.data.type));
  const userStarts = starts.filter((n) => n.data.type === "start");
  const triggers = starts.filter((n) => n.data.type !== "start");
  // A workflow starts from its Start node (user input) or from triggers, never both; a chatflow
  // always from its Start node.
  if (mode === "advanced-chat" || triggers.length === 0) {
    if (userStarts.length !== 1) {
      problems.push({ node_id: null, field: "nodes", message: `A ${mode === "workflow" ? "workflow" : "chatflow"} needs exactly one start node; this one has ${userStarts.length}` });
    }
    for (const t of triggers) problems.push({ node_id: t.id, field: "type", message: "Trigger nodes start workflows, not chatflows" });
  } else if (userStarts.length > 0) {
    for (const s of userStarts) problems.push({ node_id: s.id, field: "type", message: "A workflow starts from its triggers or from a Start node, not both: remove one" });
  }
  const webhooks = triggers.filter((n) => n.data.type === "trigger-webhook");
  if (webhooks.length > MAX_WEBHOOK_NODES) {
    problems.push({ node_id: webhooks[MAX_WEBHOOK_NODES].id, field: "nodes", message: `A workflow has at most ${MAX_WEBHOOK_NODES} webhook triggers; this one has ${webhooks.length}` });
  }
  for (const s of starts) {
    if (incoming.has(s.id)) problems.push({ node_id: s.id, field: "edges", message: "The start node cannot have incoming edges" });
  }
  // An Answer node in a workflow app, or an End node in a chatflow, is not offered by Dify's editor
  // but runs there (both are response nodes in either mode), and real exports carry them.
  for (const n of nodes.filter((x) => x.data.type === "end" && x.parentId)) {
    problems.push({ node_id: n.id, field: "parentId", message: "An end node cannot sit inside an iteration or loop" });
  }
  if (mode === "advanced-chat" && starts.length > 0) {
    // A chatflow must reply: an Answer node it reaches, at the top level or inside an iteration
    // or loop it reaches. A workflow needs no End node (Dify's checklist no longer asks for one):
    // without one its outputs are empty.
    const reached = new Set(starts.map((s) => s.id));
    const stack = [...reached];
    while (stack.length) {
      for (const e of outgoing.get(stack.pop()!) ?? []) {
        if (reached.has(e.target)) continue;
        reached.add(e.target);
        stack.push(e.target);
      }
    }
    const inReached = (node: GraphNode): boolean => {
      let top = node;
      for (const seen = new Set<string>(); top.parentId; ) {
        const parent = byId.get(top.parentId);
        if (!parent || seen.has(parent.id)) return false;
        seen.add(parent.id);
        top = parent;
      }
      return reached.has(top.id);
    };
    if (!nodes.some((n) => n.data.type === "answer" && inReached(n))) {
      problems.push({ node_id: starts[0].id, field: "edges", message: "No answer node is reachable from the start node" });
    }
  }

  // Containers a node sits in (innermost first): their upstream and their own variables are visible.
  const enclosing = (node: GraphNode): GraphNode[] => {
    const out: GraphNode[] = [];
    for (let p = node.parentId ? byId.get(node.parentId) : undefined; p && !out.includes(p); p = p.parentId ? byId.get(p.parentId) : undefined) out.push(p);
    return out;
  };
  const bodyOf = (container: GraphNode): Set<string> =>
    new Set(nodes.filter((n) => enclosing(n).includes(container)).map((n) => n.id));
  const sysNames = new Set(mode === "workflow" ? SYS_WORKFLOW : SYS_CHAT);
  const envNames = new Set((options.environmentVariables ?? []).map((v) => v.name));
  const convNames = new Set((options.conversationVariables ?? []).map((v) => v.name));

  for (const node of nodes) {
    const impl = options.lookup(node.data.type);
    let selectors: string[][] = [];
    if (!impl) {
      problems.push({ node_id: node.id, field: "type", message: `Kiln cannot run "${node.data.type}" nodes` });
    } else {
      // Dify refuses them there too: a paused run is taken up again at the top level only.
      if (node.data.type === "human-input" && node.parentId) {
        problems.push({ node_id: node.id, field: "parentId", message: "A Human Input node cannot be placed inside an iteration or a loop" });
      }
      const data = checkData(node, impl, problems);
      if (data !== undefined && impl.selectors) selectors = impl.selectors(data as never);
    }
    selectors = [...selectors, ...templateSelectors(node.data)];
    if (!selectors.length) continue;

    const visible = upstreamOf(node.id, incoming);
    for (const c of enclosing(node)) {
      visible.add(c.id);
      for (const id of upstreamOf(c.id, incoming)) visible.add(id);
    }
    if (CONTAINER_TYPES.has(node.data.type)) {
      visible.add(node.id);
      for (const id of bodyOf(node)) visible.add(id);
    }
    const reported = new Set<string>();
    for (const selector of selectors) {
      const [ns, name] = selector;
      if (!ns || IGNORED_NAMESPACES.has(ns)) continue;
      const key = selector.join(".");
      if (reported.has(key)) continue;
      let message: string | null = null;
      if (ns === "sys") {
        if (!sysNames.has(name)) message = `sys.${name} is not a system variable of ${mode === "workflow" ? "a workflow" : "a chatflow"}`;
      } else if (ns === "env") {
        if (!envNames.has(name)) message = `Environment variable "${name}" does not exist`;
      } else if (ns === "conversation") {
        if (mode === "workflow") message = `Workflows have no conversation variables (conversation.${name})`;
        else if (!convNames.has(name)) message = `Conversation variable "${name}" does not exist`;
      } else if (ns === USER_INPUT_NAMESPACE && !byId.has(ns)) {
        if (name !== "files") message = `userinput.${name} is not a variable of the run: userinput.files is its one`;
      } else if (!byId.has(ns)) {
        message = `{{#${key}#}} refers to node "${ns}", which does not exist`;
      } else if (!visible.has(ns)) {
        message = `{{#${key}#}} refers to node "${ns}", which does not run before this node`;
      }
      if (message) {
        reported.add(key);
        problems.push({ node_id: node.id, field: "variables", message });
      }
    }
  }
  return problems;
}
