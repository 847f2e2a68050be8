// A simple layered layout, left to right: each node's column is its longest distance from a root,
// rows stack in column order. Containers lay out their bodies the same way and grow to fit.
import { type FlowEdge, type FlowNode, isNote } from "./flow";

const COL_GAP = 80;
const ROW_GAP = 40;
const DEFAULT_W = 244;
const DEFAULT_H = 90;
const PAD = { x: 40, top: 70, bottom: 40 };

const sizeOf = (n: FlowNode) => ({ w: n.measured?.width ?? n.width ?? DEFAULT_W, h: n.measured?.height ?? n.height ?? DEFAULT_H });

function layoutScope(ids: string[], edges: FlowEdge[], byId: Map<string, FlowNode>, origin: { x: number; y: number }): Map<string, { x: number; y: number }> {
  const inScope = new Set(ids);
  const out = new Map<string, string[]>();
  const indegree = new Map(ids.map((id) => [id, 0]));
  for (const e of edges) {
    if (!inScope.has(e.source) || !inScope.has(e.target) || e.source === e.target) continue;
    out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
  }
  // Kahn's order gives longest-path ranks; nodes left on a cycle keep rank 0 plus their order.
  const rank = new Map(ids.map((id) => [id, 0]));
  const queue = ids.filter((id) => indegree.get(id) === 0);
  const done = new Set<string>();
  while (queue.length) {
    const id = queue.shift()!;
    done.add(id);
    for (const t of out.get(id) ?? []) {
      rank.set(t, Math.max(rank.get(t)!, rank.get(id)! + 1));
      indegree.set(t, indegree.get(t)! - 1);
      if (indegree.get(t) === 0) queue.push(t);
    }
  }
  const columns: string[][] = [];
  for (const id of ids) {
    const r = rank.get(id)!;
    columns[r] = [...(columns[r] ?? []), id];
  }
  const positions = new Map<string, { x: number; y: number }>();
  let x = origin.x;
  for (const column of columns) {
    if (!column) continue;
    let y = origin.y;
    let width = 0;
    for (const id of column) {
      const { w, h } = sizeOf(byId.get(id)!);
      positions.set(id, { x, y });
      y += h + ROW_GAP;
      width = Math.max(width, w);
    }
    x += width + COL_GAP;
  }
  return positions;
}

/** New positions for every node but notes; container sizes grow to hold their bodies. */
export function autoLayout(nodes: FlowNode[], edges: FlowEdge[]): FlowNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const next = new Map(nodes.map((n) => [n.id, { ...n }]));
  // Bodies first, so a container's size is known before its own scope is laid out.
  const containers = nodes.filter((n) => nodes.some((c) => c.parentId === n.id));
  for (const c of containers) {
    const children = nodes.filter((n) => n.parentId === c.id && !isNote(n)).map((n) => n.id);
    const pos = layoutScope(children, edges, byId, { x: PAD.x, y: PAD.top });
    let right = 0;
    let bottom = 0;
    for (const [id, p] of pos) {
      const node = next.get(id)!;
      node.position = p;
      const { w, h } = sizeOf(node);
      right = Math.max(right, p.x + w);
      bottom = Math.max(bottom, p.y + h);
    }
    const container = next.get(c.id)!;
    container.width = Math.max(right + PAD.x, sizeOf(c).w);
    container.height = Math.max(bottom + PAD.bottom, 160);
    byId.set(c.id, container);
  }
  const top = nodes.filter((n) => !n.parentId && !isNote(n)).map((n) => n.id);
  for (const [id, p] of layoutScope(top, edges, byId, { x: 60, y: 60 })) next.get(id)!.position = p;
  return nodes.map((n) => next.get(n.id)!);
}
