// The graph a new workflow starts from when the server has no draft yet: Start → End for a
// workflow, Start → LLM → Answer for a chatflow (Dify's own starting points).
import type { DslGraph, DslNode } from "../api/types";
import { makeEdge } from "./flow";
import { type AppFlavor, newNodeData } from "./node-kinds";

export function initialGraph(flavor: AppFlavor, now = Date.now()): DslGraph {
  const node = (type: string, id: string, x: number): DslNode => ({
    id,
    type: "custom",
    position: { x, y: 260 },
    sourcePosition: "right",
    targetPosition: "left",
    data: newNodeData(type, id, flavor),
  });
  const start = node("start", String(now), 80);
  // Far enough apart for a node to be added between them.
  const nodes =
    flavor === "workflow"
      ? [start, node("end", String(now + 1), 720)]
      : [start, { ...node("llm", "llm", 420), data: { ...newNodeData("llm", "llm", flavor), prompt_template: [{ role: "system", text: "You are a helpful assistant." }] } }, { ...node("answer", "answer", 760), data: { ...newNodeData("answer", "answer", flavor), answer: "{{#llm.text#}}" } }];
  const edges = nodes.slice(1).map((n, i) => makeEdge({ ...nodes[i]!, position: nodes[i]!.position! }, "source", { ...n, position: n.position! }));
  return { nodes, edges, viewport: { x: 0, y: 0, zoom: 1 } };
}
