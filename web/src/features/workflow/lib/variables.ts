// Which variables a node may read: the outputs of the nodes before it (walking the edges
// backwards, and out through the container it sits in), plus sys.*, env.* and conversation.*.
import type { ConversationVariable, EnvironmentVariable } from "../api/types";
import type { FlowEdge, FlowNode } from "./flow";
import { type AppFlavor, kindOf, normalizeType, type OutputVar } from "./node-kinds";

export interface VarGroup {
  /** The selector's first segment: a node id, or sys / env / conversation. */
  nodeId: string;
  title: string;
  vars: OutputVar[];
}

export interface VarScope {
  flavor: AppFlavor;
  environment: EnvironmentVariable[];
  conversation: ConversationVariable[];
}

export function systemVariables(flavor: AppFlavor): OutputVar[] {
  const common: OutputVar[] = [
    { name: "files", type: "array[file]" },
    { name: "user_id", type: "string" },
    { name: "app_id", type: "string" },
    { name: "workflow_id", type: "string" },
    { name: "workflow_run_id", type: "string" },
    { name: "timestamp", type: "number" },
  ];
  if (flavor === "workflow") return common;
  return [{ name: "query", type: "string" }, { name: "conversation_id", type: "string" }, { name: "dialogue_count", type: "number" }, ...common];
}

/** The ids of every node whose run finishes before this one starts, nearest first. */
export function upstreamIds(nodeId: string, nodes: FlowNode[], edges: FlowEdge[]): string[] {
  const incoming = new Map<string, string[]>();
  for (const e of edges) incoming.set(e.target, [...(incoming.get(e.target) ?? []), e.source]);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const seen = new Set<string>([nodeId]);
  const order: string[] = [];
  let frontier = [nodeId];
  while (frontier.length) {
    const next: string[] = [];
    for (const id of frontier) {
      const sources = [...(incoming.get(id) ?? [])];
      // A node inside a container also sees what comes before the container.
      const parent = byId.get(id)?.parentId;
      if (parent) sources.push(parent);
      for (const s of sources) {
        if (seen.has(s)) continue;
        seen.add(s);
        order.push(s);
        next.push(s);
      }
    }
    frontier = next;
  }
  return order;
}

/** The variables a container offers the nodes inside it (an iteration's item and index, a loop's variables). */
function containerScopeVars(container: FlowNode): OutputVar[] {
  if (container.data.type === "iteration") return [{ name: "item", type: "any" }, { name: "index", type: "number" }];
  if (container.data.type === "loop") return kindOf("loop").outputs(container.data);
  return [];
}

function ancestors(node: FlowNode | undefined, byId: Map<string, FlowNode>): Set<string> {
  const out = new Set<string>();
  let cur = node?.parentId ? byId.get(node.parentId) : undefined;
  while (cur) {
    out.add(cur.id);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return out;
}

export function availableVariables(nodeId: string, nodes: FlowNode[], edges: FlowEdge[], scope: VarScope): VarGroup[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const containers = ancestors(byId.get(nodeId), byId);
  const groups: VarGroup[] = [];
  for (const id of upstreamIds(nodeId, nodes, edges)) {
    const node = byId.get(id);
    if (!node) continue;
    const vars = containers.has(id) ? containerScopeVars(node) : kindOf(node.data.type).outputs(node.data);
    if (vars.length) groups.push({ nodeId: id, title: node.data.title || kindOf(node.data.type).label, vars });
  }
  groups.push({ nodeId: "sys", title: "System", vars: systemVariables(scope.flavor) });
  if (scope.environment.length) {
    groups.push({ nodeId: "env", title: "Environment", vars: scope.environment.map((v) => ({ name: v.name, type: v.value_type === "number" ? "number" : "string" })) });
  }
  if (scope.flavor === "advanced-chat" && scope.conversation.length) {
    groups.push({ nodeId: "conversation", title: "Conversation", vars: scope.conversation.map((v) => ({ name: v.name, type: normalizeType(v.value_type) })) });
  }
  return groups;
}

/** The variables of the nodes inside a container, for its output selector. */
export function childVariables(containerId: string, nodes: FlowNode[]): VarGroup[] {
  return nodes
    .filter((n) => n.parentId === containerId)
    .map((n) => ({ nodeId: n.id, title: n.data.title || kindOf(n.data.type).label, vars: kindOf(n.data.type).outputs(n.data) }))
    .filter((g) => g.vars.length > 0);
}

export const selectorLabel = (selector: string[], groups: VarGroup[]): string => {
  if (selector.length < 2) return "";
  const group = groups.find((g) => g.nodeId === selector[0]);
  const head = group?.title ?? selector[0];
  return `${head} · ${selector.slice(1).join(".")}`;
};
