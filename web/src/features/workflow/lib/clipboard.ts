// Pasting copied nodes: fresh ids, edges and container links remapped to them, offset so the
// copy is seen next to the original; a lone inner node stays in its container.
import type { NodeData } from "../api/types";
import { type FlowEdge, type FlowNode, isContainer, isContainerStart, newNodeId } from "./flow";

export function copyOf(copied: { nodes: FlowNode[]; edges: FlowEdge[] }, existing: FlowNode[]): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const taken = new Set(existing.map((n) => n.id));
  const ids = new Map<string, string>();
  for (const n of copied.nodes) {
    if (isContainerStart(n)) continue;
    const id = newNodeId(taken);
    taken.add(id);
    ids.set(n.id, id);
  }
  for (const n of copied.nodes) if (isContainerStart(n) && n.parentId && ids.has(n.parentId)) ids.set(n.id, `${ids.get(n.parentId)}start`);
  const remap = (id: unknown) => (typeof id === "string" ? (ids.get(id) ?? id) : id);
  const present = new Set(existing.map((n) => n.id));
  const pasted: FlowNode[] = copied.nodes
    .filter((n) => ids.has(n.id))
    .map((n) => {
      const movedWithParent = n.parentId && ids.has(n.parentId);
      const data: NodeData = { ...n.data, title: n.data.title };
      if (isContainer(n)) data.start_node_id = remap(n.data.start_node_id) as string;
      if (data.iteration_id) data.iteration_id = remap(data.iteration_id) as string;
      if (data.loop_id) data.loop_id = remap(data.loop_id) as string;
      const parentId = movedWithParent ? ids.get(n.parentId!) : n.parentId && present.has(n.parentId) ? n.parentId : undefined;
      const offset = movedWithParent ? 0 : 40;
      return { ...n, id: ids.get(n.id)!, parentId, data, selected: !movedWithParent, position: { x: n.position.x + offset, y: n.position.y + offset } };
    });
  const pastedEdges: FlowEdge[] = copied.edges.map((e) => {
    const source = ids.get(e.source)!;
    const target = ids.get(e.target)!;
    const data = e.data ? { ...e.data, ...(e.data.iteration_id ? { iteration_id: remap(e.data.iteration_id) } : {}), ...(e.data.loop_id ? { loop_id: remap(e.data.loop_id) } : {}) } : e.data;
    return { ...e, id: `${source}-${e.sourceHandle ?? "source"}-${target}-target`, source, target, data, selected: false };
  });
  return { nodes: pasted, edges: pastedEdges };
}
