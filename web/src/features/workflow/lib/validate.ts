// The editor's own checks, run on every edit so problems show before publish refuses them:
// structure (a Start node or triggers, a chatflow's Answer, everything connected, no cycles),
// required fields, and variable references that point at nothing upstream.
import type { Problem } from "../api/types";
import { type FlowEdge, type FlowNode, isContainerStart, isNote } from "./flow";
import { isStartType, isTrigger, kindOf } from "./node-kinds";
import { scheduleProblems } from "./schedule";
import { MAX_WEBHOOK_NODES, webhookProblems } from "./webhook";
import { availableVariables, childVariables, type VarScope } from "./variables";

const TEMPLATE_REF = /\{\{#([a-zA-Z0-9_]{1,50}(?:\.[a-zA-Z_][a-zA-Z0-9_]{0,29}){1,10})#\}\}/g;

const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const isSelector = (v: unknown): v is string[] => Array.isArray(v) && v.length >= 2 && v.every((s) => typeof s === "string");
const blank = (v: unknown) => typeof v !== "string" || v.trim() === "";
/** An agent node's `agent_parameters[name]` ({type, value}): its value and its type. */
const agentInput = (d: Record<string, unknown>, name: string) => (d.agent_parameters as Record<string, { type?: string; value?: unknown }> | undefined)?.[name];
const agentParam = (d: Record<string, unknown>, name: string) => agentInput(d, name)?.value;
const agentParamType = (d: Record<string, unknown>, name: string) => agentInput(d, name)?.type;

/** Every variable reference in a node's data: selectors under `*selector` keys and `{{#…#}}` in text. */
export function referencesOf(type: string, data: Record<string, unknown>): { selector: string[]; field: string }[] {
  const refs: { selector: string[]; field: string }[] = [];
  const walk = (value: unknown, key: string, path: string) => {
    if (typeof value === "string") {
      for (const m of value.matchAll(TEMPLATE_REF)) refs.push({ selector: m[1]!.split("."), field: path });
      return;
    }
    if (Array.isArray(value)) {
      const selectorKey = /selector$/i.test(key) || (type === "list-operator" && key === "variable") || (type === "parameter-extractor" && key === "query");
      if (selectorKey && isSelector(value)) {
        refs.push({ selector: value, field: path });
        return;
      }
      // The aggregator lists selectors directly: `variables: [[node, var], …]`.
      if ((type === "variable-aggregator" || type === "variable-assigner") && key === "variables") {
        for (const v of value) if (isSelector(v)) refs.push({ selector: v, field: path });
        return;
      }
      for (const [i, v] of value.entries()) walk(v, key, `${path}[${i}]`);
      return;
    }
    if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, k, path ? `${path}.${k}` : k);
    }
  };
  for (const [k, v] of Object.entries(data)) {
    if (k === "type" || k === "title" || k === "desc") continue;
    // An iteration's output selector points inside it; checked on its own below.
    if (type === "iteration" && k === "output_selector") continue;
    walk(v, k, k);
  }
  return refs;
}

function requiredFieldProblems(node: FlowNode): Problem[] {
  const d = node.data;
  const p = (field: string, message: string): Problem => ({ node_id: node.id, field, message });
  const out: Problem[] = [];
  const noModel = (m: unknown) => blank((m as { name?: unknown } | undefined)?.name);
  switch (d.type) {
    case "start":
      for (const v of arr<{ variable?: string }>(d.variables)) if (blank(v.variable)) out.push(p("variables", "An input has no name."));
      break;
    case "end":
      for (const o of arr<{ variable?: string; value_selector?: unknown }>(d.outputs)) {
        if (blank(o.variable)) out.push(p("outputs", "An output has no name."));
        else if (!isSelector(o.value_selector)) out.push(p("outputs", `Output “${o.variable}” has no variable chosen.`));
      }
      break;
    case "answer":
      if (blank(d.answer)) out.push(p("answer", "The answer is empty."));
      break;
    case "llm":
      if (noModel(d.model)) out.push(p("model", "Choose a model."));
      break;
    case "knowledge-retrieval":
      if (!isSelector(d.query_variable_selector)) out.push(p("query_variable_selector", "Choose the query variable."));
      if (arr(d.dataset_ids).length === 0) out.push(p("dataset_ids", "Add at least one knowledge base."));
      break;
    case "question-classifier":
      if (!isSelector(d.query_variable_selector)) out.push(p("query_variable_selector", "Choose the question variable."));
      if (noModel(d.model)) out.push(p("model", "Choose a model."));
      if (arr(d.classes).length === 0) out.push(p("classes", "Add at least one class."));
      for (const c of arr<{ name?: string }>(d.classes)) if (blank(c.name)) out.push(p("classes", "A class has no name."));
      break;
    case "if-else":
      for (const [i, c] of arr<{ conditions?: unknown[] }>(d.cases).entries()) {
        const conditions = arr<{ variable_selector?: unknown; comparison_operator?: string }>(c.conditions);
        if (conditions.length === 0) out.push(p("cases", `${i === 0 ? "IF" : `ELIF ${i}`} has no condition.`));
        for (const cond of conditions) {
          if (!isSelector(cond.variable_selector)) out.push(p("cases", "A condition has no variable chosen."));
          if (blank(cond.comparison_operator)) out.push(p("cases", "A condition has no operator."));
        }
      }
      break;
    case "code":
      if (blank(d.code)) out.push(p("code", "Write the code."));
      if (Object.keys((d.outputs as object) ?? {}).length === 0) out.push(p("outputs", "Declare at least one output."));
      for (const v of arr<{ variable?: string; value_selector?: unknown }>(d.variables)) {
        if (blank(v.variable)) out.push(p("variables", "An input has no name."));
        else if (!isSelector(v.value_selector)) out.push(p("variables", `Input “${v.variable}” has no variable chosen.`));
      }
      break;
    case "template-transform":
      for (const v of arr<{ variable?: string; value_selector?: unknown }>(d.variables)) {
        if (blank(v.variable)) out.push(p("variables", "A variable has no name."));
        else if (!isSelector(v.value_selector)) out.push(p("variables", `Variable “${v.variable}” has no variable chosen.`));
      }
      break;
    case "http-request":
      if (blank(d.url)) out.push(p("url", "Enter the URL."));
      break;
    case "tool":
      if (blank(d.tool_name)) out.push(p("tool_name", "Choose a tool."));
      break;
    case "agent":
      if (blank(d.agent_strategy_name)) out.push(p("agent_strategy_name", "Choose an agent strategy."));
      else if (!/^(function_calling|react)$/i.test(String(d.agent_strategy_name))) out.push(p("agent_strategy_name", "Choose function calling or ReAct; other strategies do not run in Kiln."));
      if (blank((agentParam(d, "model") as { model?: unknown } | undefined)?.model)) out.push(p("agent_parameters", "Choose the agent's model."));
      if (agentParamType(d, "query") !== "variable" && blank(agentParam(d, "query"))) out.push(p("agent_parameters", "Enter the agent's query."));
      break;
    case "variable-aggregator":
    case "variable-assigner":
      if (!(d.advanced_settings as { group_enabled?: boolean } | undefined)?.group_enabled && arr(d.variables).length === 0) {
        out.push(p("variables", "Add at least one variable."));
      }
      break;
    case "assigner":
      if (d.version === "2" || d.items) {
        if (arr(d.items).length === 0) out.push(p("items", "Add at least one assignment."));
        for (const it of arr<{ variable_selector?: unknown }>(d.items)) if (!isSelector(it.variable_selector)) out.push(p("items", "An assignment has no variable chosen."));
      } else if (!isSelector(d.assigned_variable_selector)) out.push(p("assigned_variable_selector", "Choose the variable to write."));
      break;
    case "parameter-extractor":
      if (noModel(d.model)) out.push(p("model", "Choose a model."));
      if (!isSelector(d.query)) out.push(p("query", "Choose the input text variable."));
      if (arr(d.parameters).length === 0) out.push(p("parameters", "Add at least one parameter."));
      for (const prm of arr<{ name?: string }>(d.parameters)) if (blank(prm.name)) out.push(p("parameters", "A parameter has no name."));
      break;
    case "iteration":
      if (!isSelector(d.iterator_selector)) out.push(p("iterator_selector", "Choose the list to iterate over."));
      if (!isSelector(d.output_selector)) out.push(p("output_selector", "Choose the output of each pass."));
      break;
    case "loop":
      if (!(Number(d.loop_count) > 0)) out.push(p("loop_count", "Set how many times the loop may run."));
      break;
    case "list-operator":
      if (!isSelector(d.variable)) out.push(p("variable", "Choose the list."));
      break;
    case "document-extractor":
      if (!isSelector(d.variable_selector)) out.push(p("variable_selector", "Choose the file variable."));
      break;
    case "trigger-webhook":
      for (const w of webhookProblems(d)) out.push(p(w.field, w.message));
      break;
    case "trigger-schedule":
      for (const s of scheduleProblems(d)) out.push(p(s.field, s.message));
      break;
  }
  return out;
}

/** Whether the edges (inside one scope) form a cycle, and the nodes on it. */
function cycleNodes(ids: string[], edges: FlowEdge[]): Set<string> {
  const out = new Map<string, string[]>();
  const inScope = new Set(ids);
  for (const e of edges) if (inScope.has(e.source) && inScope.has(e.target)) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const state = new Map<string, 1 | 2>();
  const onCycle = new Set<string>();
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, 1);
    stack.push(id);
    for (const next of out.get(id) ?? []) {
      if (state.get(next) === 1) {
        for (let i = stack.indexOf(next); i < stack.length; i++) onCycle.add(stack[i]!);
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(id, 2);
  };
  for (const id of ids) if (!state.has(id)) visit(id);
  return onCycle;
}

export function validateGraph(nodes: FlowNode[], edges: FlowEdge[], scope: VarScope): Problem[] {
  const problems: Problem[] = [];
  const runnable = nodes.filter((n) => !isNote(n));
  const byId = new Map(runnable.map((n) => [n.id, n]));
  const roots = runnable.filter((n) => !n.parentId && isStartType(n.data.type));
  const starts = roots.filter((n) => n.data.type === "start");
  const triggers = roots.filter((n) => isTrigger(n.data.type));
  if (scope.flavor === "advanced-chat") {
    if (starts.length === 0) problems.push({ node_id: null, field: null, message: "Add a Start node: every run begins there." });
    for (const t of triggers) problems.push({ node_id: t.id, field: null, message: "Trigger nodes start workflows, not chatflows; remove it." });
    if (!runnable.some((n) => n.data.type === "answer")) problems.push({ node_id: null, field: null, message: "Add an Answer node to reply in the chat." });
  } else if (starts.length === 0 && triggers.length === 0) {
    problems.push({ node_id: null, field: null, message: "Add a Start node or a trigger: every run begins there." });
  } else if (starts.length && triggers.length) {
    // Dify's rule: a workflow starts from user input or from triggers, never both.
    for (const s of starts) problems.push({ node_id: s.id, field: null, message: "A workflow starts from its triggers or from a Start node, not both: remove one." });
  }
  // A workflow needs no End node (Dify's checklist no longer asks for one): without one its outputs are empty.
  if (starts.length > 1) for (const s of starts.slice(1)) problems.push({ node_id: s.id, field: null, message: "Only one Start node is allowed." });
  const webhooks = triggers.filter((n) => n.data.type === "trigger-webhook");
  for (const w of webhooks.slice(MAX_WEBHOOK_NODES)) problems.push({ node_id: w.id, field: null, message: `A workflow has at most ${MAX_WEBHOOK_NODES} webhook triggers.` });
  for (const n of runnable) if (n.parentId && isStartType(n.data.type)) problems.push({ node_id: n.id, field: null, message: "A start node can't sit inside an iteration or loop." });

  // Reachability, scope by scope: the top level from its start nodes, a container's body from its start node.
  const outgoing = new Map<string, string[]>();
  for (const e of edges) outgoing.set(e.source, [...(outgoing.get(e.source) ?? []), e.target]);
  const reached = new Set<string>();
  const queue = [...roots.map((s) => s.id), ...runnable.filter(isContainerStart).map((n) => n.id)];
  while (queue.length) {
    const id = queue.shift()!;
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(...(outgoing.get(id) ?? []));
  }
  const incoming = new Set(edges.map((e) => e.target));
  for (const n of runnable) {
    if (isStartType(n.data.type)) {
      if (incoming.has(n.id)) problems.push({ node_id: n.id, field: null, message: "A start node can't have incoming edges; remove the edge that leads here." });
      continue;
    }
    if (isContainerStart(n)) continue;
    if (!incoming.has(n.id)) problems.push({ node_id: n.id, field: null, message: "Not connected: no edge leads into this node." });
    else if (roots.length && !reached.has(n.id)) problems.push({ node_id: n.id, field: null, message: `Unreachable: no path from ${triggers.length && !starts.length ? "a trigger" : "Start"} leads here.` });
  }

  // Cycles: loops repeat through a Loop container, never through edges.
  const scopes = new Map<string, string[]>();
  for (const n of runnable) scopes.set(n.parentId ?? "", [...(scopes.get(n.parentId ?? "") ?? []), n.id]);
  const cyclic = new Set<string>();
  for (const ids of scopes.values()) for (const id of cycleNodes(ids, edges)) cyclic.add(id);
  for (const id of cyclic) problems.push({ node_id: id, field: null, message: "Part of a cycle; use a Loop node to repeat steps." });

  for (const e of edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) problems.push({ node_id: byId.has(e.source) ? e.source : null, field: null, message: "An edge points at a node that no longer exists." });
  }

  for (const n of runnable) {
    if (isContainerStart(n)) continue;
    problems.push(...requiredFieldProblems(n));
    const groups = availableVariables(n.id, nodes, edges, scope);
    const missing = new Set<string>();
    for (const ref of referencesOf(n.data.type, n.data)) {
      const [head, name] = ref.selector;
      // Prompt placeholders Dify fills itself.
      if (head === "context" || head === "histories") continue;
      const label = ref.selector.join(".");
      // A loop's break conditions read its own loop variables.
      if (head === n.id && n.data.type === "loop") {
        if (!kindOf("loop").outputs(n.data).some((v) => v.name === name)) missing.add(`{{#${label}#}}: the loop has no variable “${name}”.`);
        continue;
      }
      const group = groups.find((g) => g.nodeId === head);
      if (!group) {
        const target = byId.get(head!);
        missing.add(target ? `{{#${label}#}} reads “${target.data.title}”, which doesn't run before this node.` : `{{#${label}#}} reads a node that doesn't exist.`);
      } else if (!kindOf(byId.get(head!)?.data.type ?? "").openOutputs && !group.vars.some((v) => v.name === name || v.name.split(".")[0] === name)) {
        missing.add(`{{#${label}#}}: “${group.title}” has no variable “${name}”.`);
      }
    }
    for (const message of missing) problems.push({ node_id: n.id, field: null, message });
    if (n.data.type === "iteration") {
      const sel = n.data.output_selector;
      if (isSelector(sel)) {
        const inner = childVariables(n.id, nodes).find((g) => g.nodeId === sel[0]);
        if (!inner) problems.push({ node_id: n.id, field: "output_selector", message: "The output must come from a node inside the iteration." });
      }
    }
  }
  return problems;
}

export const kindLabel = (node: FlowNode) => node.data.title || kindOf(node.data.type).label;
