// The draft graph ⇄ React Flow. React Flow nodes are Dify's nodes with every field kept, so a
// save writes back what was loaded plus the edits; only measured sizes and positions are refreshed.
import type { Edge, Node } from "@xyflow/react";
import type { DslEdge, DslGraph, DslNode, NodeData } from "../api/types";
import { isStartType, kindOf } from "./node-kinds";

export type FlowNode = Node<NodeData>;
export type FlowEdge = Edge<NonNullable<DslEdge["data"]>>;

export const CONTAINER_TYPES = new Set(["iteration", "loop"]);
export const isContainer = (node: { data: NodeData }) => CONTAINER_TYPES.has(node.data.type);
export const isNote = (node: { type?: string; data: NodeData }) => node.type === "custom-note" || node.data.type === "";
export const isContainerStart = (node: { data: NodeData }) => node.data.type === "iteration-start" || node.data.type === "loop-start";

/** React-Flow-only fields that have no place in the saved graph. */
const TRANSIENT = ["measured", "dragging", "resizing", "internals", "handleBounds"] as const;

// React Flow needs a parent before its children.
function parentsFirst(nodes: DslNode[]): DslNode[] {
  const ids = new Set(nodes.map((n) => n.id));
  const top = nodes.filter((n) => !n.parentId || !ids.has(n.parentId));
  const children = nodes.filter((n) => n.parentId && ids.has(n.parentId));
  return [...top, ...children];
}

export function toFlow(graph: DslGraph): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes = parentsFirst(graph.nodes ?? []).map((n): FlowNode => {
    const { width, height, ...rest } = n;
    const data: NodeData = { ...n.data, type: n.data?.type ?? "", title: n.data?.title ?? "" };
    const node = { ...rest, type: n.type ?? "custom", position: n.position ?? { x: 0, y: 0 }, data } as FlowNode;
    // Inner nodes of an iteration or loop stay inside it when dragged (Dify's editor does the same).
    if (n.parentId) node.extent = "parent";
    // Containers and notes are drawn at their saved size; other cards size themselves.
    if (CONTAINER_TYPES.has(data.type) || node.type === "custom-note") {
      node.width = typeof width === "number" ? width : Number(data.width) || undefined;
      node.height = typeof height === "number" ? height : Number(data.height) || undefined;
    }
    return node;
  });
  const edges = (graph.edges ?? []).map(
    (e): FlowEdge => ({ ...e, type: e.type ?? "custom", sourceHandle: e.sourceHandle ?? "source", targetHandle: e.targetHandle ?? "target" }) as FlowEdge,
  );
  return { nodes, edges };
}

export function fromFlow(nodes: FlowNode[], edges: FlowEdge[], viewport?: DslGraph["viewport"]): DslGraph {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const absolute = (n: FlowNode): { x: number; y: number } => {
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (!parent) return n.position;
    const p = absolute(parent);
    return { x: p.x + n.position.x, y: p.y + n.position.y };
  };
  const out: DslNode[] = nodes.map((n) => {
    const copy: Record<string, unknown> = { ...n };
    for (const key of TRANSIENT) delete copy[key];
    const width = n.measured?.width ?? n.width;
    const height = n.measured?.height ?? n.height;
    if (width !== undefined) copy.width = Math.round(width);
    if (height !== undefined) copy.height = Math.round(height);
    copy.positionAbsolute = absolute(n);
    if (isContainer(n) && width !== undefined && height !== undefined) {
      copy.data = { ...n.data, width: Math.round(width), height: Math.round(height) };
    }
    return copy as DslNode;
  });
  const outEdges: DslEdge[] = edges.map((e) => {
    const copy: Record<string, unknown> = { ...e };
    delete copy.selected;
    delete copy.animated;
    delete copy.style;
    return copy as DslEdge;
  });
  return { nodes: out, edges: outEdges, ...(viewport ? { viewport } : {}) };
}

/** The handles a node's edges may leave by, with what to call each one. */
export function sourceHandles(data: NodeData): { id: string; label?: string }[] {
  const handles: { id: string; label?: string }[] = [];
  switch (data.type) {
    case "end":
    case "loop-end":
    case "":
      return [];
    case "if-else": {
      const cases = Array.isArray(data.cases) ? (data.cases as { case_id?: string }[]) : [];
      for (const [i, c] of cases.entries()) handles.push({ id: c.case_id ?? String(i), label: i === 0 ? "IF" : `ELIF ${i}` });
      handles.push({ id: "false", label: "ELSE" });
      break;
    }
    case "question-classifier": {
      const classes = Array.isArray(data.classes) ? (data.classes as { id: string; name?: string }[]) : [];
      for (const [i, c] of classes.entries()) handles.push({ id: c.id, label: c.name || `Class ${i + 1}` });
      break;
    }
    case "human-input": {
      // Dify 1.13+: one branch per action of the form, and one for a form nobody answered in time.
      const actions = Array.isArray(data.user_actions) ? (data.user_actions as { id: string; title?: string }[]) : [];
      for (const a of actions) handles.push({ id: a.id, label: a.title || a.id });
      handles.push({ id: "__timeout", label: "Timeout" });
      break;
    }
    default:
      handles.push({ id: "source" });
  }
  if (data.error_strategy === "fail-branch") handles.push({ id: "fail-branch", label: "On failure" });
  return handles;
}

/** Whether edges may lead into the node: not into a run's start nodes (Start, triggers), a container's start, or a note. */
export const hasTarget = (data: NodeData) => !isStartType(data.type) && !["iteration-start", "loop-start", ""].includes(data.type);

/** A new id in Dify's style (milliseconds), unique in the graph. */
export function newNodeId(taken: Set<string>): string {
  let id = Date.now();
  while (taken.has(String(id))) id += 1;
  return String(id);
}

/** The edge Dify would draw between two nodes: its id, handle names and the types it records. */
export function makeEdge(source: FlowNode, sourceHandle: string, target: FlowNode): FlowEdge {
  const parent = target.parentId && target.parentId === source.parentId ? target.parentId : undefined;
  const parentNode = parent ? target.data.isInLoop || target.data.loop_id : undefined;
  return {
    id: `${source.id}-${sourceHandle}-${target.id}-target`,
    source: source.id,
    target: target.id,
    sourceHandle,
    targetHandle: "target",
    type: "custom",
    zIndex: parent ? 1002 : 0,
    data: {
      sourceType: source.data.type,
      targetType: target.data.type,
      isInIteration: !!parent && !parentNode,
      isInLoop: !!parentNode,
      ...(parent ? (parentNode ? { loop_id: parent } : { iteration_id: parent }) : {}),
    },
  };
}

export const titleOf = (node: FlowNode | undefined) => (node ? node.data.title || kindOf(node.data.type).label : "a deleted node");

/**
 * Where a test run of the draft begins, as the server picks it: the Start node, else a schedule
 * trigger (run as if its time had come), else nowhere: a webhook's draft runs through its debug URL.
 */
export function testRunStart(nodes: FlowNode[]): { via: "start" | "schedule" | "webhook"; node: FlowNode } | null {
  const top = nodes.filter((n) => !n.parentId);
  const start = top.find((n) => n.data.type === "start");
  if (start) return { via: "start", node: start };
  const schedule = top.find((n) => n.data.type === "trigger-schedule");
  if (schedule) return { via: "schedule", node: schedule };
  const webhook = top.find((n) => n.data.type === "trigger-webhook");
  return webhook ? { via: "webhook", node: webhook } : null;
}
