// A graph turned into index arrays once, so scheduling a node costs a few array reads: nodes and
// edges by number, each node's scope (its container, "" for the top level), and, per entry node,
// which nodes it reaches and how many in-edges each of them waits for.
import { type Graph, type GraphNode, handleOf, isRunnable } from "../graph";

export interface CompiledNode {
  index: number;
  id: string;
  node: GraphNode;
  type: string;
  title: string;
  /** The container (iteration / loop) the node belongs to; "" at the top level. */
  scope: string;
  out: number[];
  in: number[];
}

export interface CompiledEdge {
  source: number;
  target: number;
  handle: string;
}

/** The part of a scope reachable from one entry node, which is what a run of that scope executes. */
export interface Reach {
  entry: CompiledNode;
  reachable: Uint8Array;
  /** In-edges of each reachable node coming from reachable nodes (the ones it waits on). */
  inCount: Int32Array;
  /** Reachable nodes in topological order (ties by graph order). */
  order: CompiledNode[];
}

export interface CompiledGraph {
  nodes: CompiledNode[];
  edges: CompiledEdge[];
  byId: Map<string, CompiledNode>;
  reach(entryId: string): Reach | null;
}

const scopeOf = (node: GraphNode) => node.parentId ?? node.data.iteration_id ?? node.data.loop_id ?? "";

const cache = new WeakMap<Graph, CompiledGraph>();

export function compileGraph(graph: Graph): CompiledGraph {
  const cached = cache.get(graph);
  if (cached) return cached;
  const nodes: CompiledNode[] = [];
  const byId = new Map<string, CompiledNode>();
  for (const node of graph.nodes) {
    if (!isRunnable(node) || byId.has(node.id)) continue;
    const compiled: CompiledNode = {
      index: nodes.length,
      id: node.id,
      node,
      type: node.data.type,
      title: node.data.title || node.id,
      scope: scopeOf(node),
      out: [],
      in: [],
    };
    nodes.push(compiled);
    byId.set(node.id, compiled);
  }
  const edges: CompiledEdge[] = [];
  for (const edge of graph.edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    // Edges across container boundaries and to note nodes carry no control flow.
    if (!source || !target || source.scope !== target.scope || source === target) continue;
    const index = edges.length;
    edges.push({ source: source.index, target: target.index, handle: handleOf(edge) });
    source.out.push(index);
    target.in.push(index);
  }
  const reaches = new Map<string, Reach | null>();
  const compiled: CompiledGraph = {
    nodes,
    edges,
    byId,
    reach(entryId) {
      if (!reaches.has(entryId)) reaches.set(entryId, computeReach(nodes, edges, byId.get(entryId)));
      return reaches.get(entryId) ?? null;
    },
  };
  cache.set(graph, compiled);
  return compiled;
}

function computeReach(nodes: CompiledNode[], edges: CompiledEdge[], entry: CompiledNode | undefined): Reach | null {
  if (!entry) return null;
  const reachable = new Uint8Array(nodes.length);
  reachable[entry.index] = 1;
  const stack = [entry.index];
  while (stack.length > 0) {
    const n = nodes[stack.pop() as number];
    for (const e of n.out) {
      const t = edges[e].target;
      if (!reachable[t]) {
        reachable[t] = 1;
        stack.push(t);
      }
    }
  }
  const inCount = new Int32Array(nodes.length);
  for (const edge of edges) if (reachable[edge.source]) inCount[edge.target]++;
  // The entry waits for nothing even if an edge loops back to it.
  inCount[entry.index] = 0;
  const order: CompiledNode[] = [];
  const pending = Int32Array.from(inCount);
  const queue = [entry.index];
  while (queue.length > 0) {
    const n = nodes[queue.shift() as number];
    order.push(n);
    for (const e of n.out) {
      const t = edges[e].target;
      if (t !== entry.index && --pending[t] === 0) queue.push(t);
    }
  }
  return { entry, reachable, inCount, order };
}

/** Every reachable node upstream of `target` (not including it). */
export function ancestorsOf(graph: CompiledGraph, reach: Reach, target: CompiledNode): CompiledNode[] {
  const seen = new Uint8Array(graph.nodes.length);
  const stack = [target.index];
  const found: CompiledNode[] = [];
  while (stack.length > 0) {
    const n = graph.nodes[stack.pop() as number];
    for (const e of n.in) {
      const s = graph.edges[e].source;
      if (!reach.reachable[s] || seen[s]) continue;
      seen[s] = 1;
      found.push(graph.nodes[s]);
      stack.push(s);
    }
  }
  return found;
}

/** Whether the node can route to a subset of its out-edges (so downstream nodes may be skipped). */
export function isBranching(graph: CompiledGraph, node: CompiledNode): boolean {
  if (node.type === "if-else" || node.type === "question-classifier") return true;
  if (node.node.data.error_strategy === "fail-branch") return true;
  return node.out.some((e) => graph.edges[e].handle !== "source");
}
