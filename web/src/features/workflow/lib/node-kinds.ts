// Every node kind the editor knows: its name, colour, where it may be added, the data a new one
// starts with, the line its card shows, and the variables it offers the nodes after it.
import type { NodeData } from "../api/types";
import { scheduleSummary } from "./schedule";
import { webhookOutputs } from "./webhook";

export type VarType = "string" | "number" | "boolean" | "object" | "file" | "array[string]" | "array[number]" | "array[object]" | "array[file]" | "array[boolean]" | "any";

export interface OutputVar {
  name: string;
  type: VarType;
}

export type AppFlavor = "workflow" | "advanced-chat";

export interface NodeKind {
  type: string;
  label: string;
  description: string;
  category: "start" | "basic" | "logic" | "transform" | "tools";
  /** Tailwind classes for the icon tile. */
  tone: string;
  /** Modes the palette offers it in; absent = both. */
  modes?: AppFlavor[];
  /** Only inside a loop container (loop-end). */
  loopOnly?: boolean;
  /** Never added from the palette (start nodes of containers). */
  hidden?: boolean;
  isContainer?: boolean;
  /** Outputs depend on the provider (tools, agents): any variable name may be read. */
  openOutputs?: boolean;
  defaults: (ctx: { id: string; flavor: AppFlavor }) => Record<string, unknown>;
  summary: (data: NodeData) => string;
  outputs: (data: NodeData) => OutputVar[];
}

const EMPTY_MODEL = { provider: "", name: "", mode: "chat", completion_params: { temperature: 0.7 } };

const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : word.endsWith("s") ? "es" : "s"}`;
const modelName = (d: NodeData) => str((d.model as { name?: unknown } | undefined)?.name) || "No model chosen";
const oneLine = (s: string, max = 60) => {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const START_VAR_TYPES: Record<string, VarType> = {
  "text-input": "string",
  paragraph: "string",
  select: "string",
  number: "number",
  checkbox: "boolean",
  json_object: "object",
  file: "file",
  "file-list": "array[file]",
};

export function normalizeType(t: unknown): VarType {
  const s = str(t).toLowerCase();
  const known: VarType[] = ["string", "number", "boolean", "object", "file", "array[string]", "array[number]", "array[object]", "array[file]", "array[boolean]"];
  return (known as string[]).includes(s) ? (s as VarType) : "any";
}

/** A new code node's `main` in each language (Dify's templates: named arguments, a dict back). */
export const DEFAULT_CODE: Record<string, string> = {
  javascript: "function main({ arg1, arg2 }) {\n  return { result: String(arg1) + String(arg2) };\n}\n",
  python3: 'def main(arg1: str, arg2: str) -> dict:\n    return {\n        "result": str(arg1) + str(arg2),\n    }\n',
};

const KINDS: NodeKind[] = [
  {
    type: "start",
    label: "Start",
    description: "Where a run begins; declares the inputs a user fills in.",
    category: "start",
    tone: "bg-sky-500",
    defaults: () => ({ variables: [] }),
    summary: (d) => {
      const vars = arr<{ variable?: string }>(d.variables);
      return vars.length ? vars.map((v) => v.variable).join(", ") : "No inputs";
    },
    outputs: (d) =>
      arr<{ variable?: string; type?: string }>(d.variables)
        .filter((v) => v.variable)
        .map((v) => ({ name: v.variable!, type: START_VAR_TYPES[str(v.type)] ?? "string" })),
  },
  {
    type: "trigger-webhook",
    label: "Webhook Trigger",
    description: "Starts a run when its URL is called; hands on the call's headers, query and body.",
    category: "start",
    tone: "bg-sky-600",
    modes: ["workflow"],
    defaults: () => ({
      title: "Webhook Trigger",
      method: "post",
      content_type: "application/json",
      headers: [],
      params: [],
      body: [],
      status_code: 200,
      response_body: "",
      timeout: 30,
      variables: [],
    }),
    summary: (d) => `${(str(d.method) || "post").toUpperCase()} · ${str(d.content_type) || "application/json"}`,
    outputs: webhookOutputs,
  },
  {
    type: "trigger-schedule",
    label: "Schedule Trigger",
    description: "Starts a run on a schedule: every hour, day, week or month, or a cron expression.",
    category: "start",
    tone: "bg-sky-600",
    modes: ["workflow"],
    defaults: () => ({
      title: "Schedule Trigger",
      mode: "visual",
      frequency: "daily",
      cron_expression: "",
      timezone: "UTC",
      visual_config: { time: "12:00 AM", on_minute: 0, weekdays: ["sun"], monthly_days: [1] },
    }),
    summary: scheduleSummary,
    outputs: () => [{ name: "current_time", type: "string" }],
  },
  {
    type: "end",
    label: "End",
    description: "The run's outputs.",
    category: "basic",
    tone: "bg-rose-500",
    modes: ["workflow"],
    defaults: () => ({ outputs: [] }),
    summary: (d) => {
      const outs = arr<{ variable?: string }>(d.outputs);
      return outs.length ? outs.map((o) => o.variable || "?").join(", ") : "No outputs";
    },
    outputs: () => [],
  },
  {
    type: "answer",
    label: "Answer",
    description: "Replies to the user in the chat.",
    category: "basic",
    tone: "bg-amber-500",
    modes: ["advanced-chat"],
    defaults: () => ({ answer: "", variables: [] }),
    summary: (d) => oneLine(str(d.answer)) || "Empty answer",
    outputs: () => [],
  },
  {
    type: "llm",
    label: "LLM",
    description: "Asks a chat model, with a prompt built from variables.",
    category: "basic",
    tone: "bg-indigo-500",
    defaults: ({ flavor }) => ({
      model: { ...EMPTY_MODEL },
      prompt_template: [{ role: "system", text: "" }],
      context: { enabled: false, variable_selector: [] },
      vision: { enabled: false },
      ...(flavor === "advanced-chat"
        ? { memory: { window: { enabled: false, size: 10 }, query_prompt_template: "{{#sys.query#}}", role_prefix: { user: "", assistant: "" } } }
        : {}),
    }),
    summary: modelName,
    outputs: (d) => [
      { name: "text", type: "string" },
      { name: "reasoning_content", type: "string" },
      { name: "usage", type: "object" },
      ...(d.structured_output_enabled ? [{ name: "structured_output", type: "object" as const }] : []),
    ],
  },
  {
    type: "knowledge-retrieval",
    label: "Knowledge retrieval",
    description: "Finds passages in knowledge bases.",
    category: "basic",
    tone: "bg-emerald-500",
    defaults: () => ({
      query_variable_selector: [],
      dataset_ids: [],
      retrieval_mode: "multiple",
      multiple_retrieval_config: { top_k: 4, score_threshold: null, reranking_enable: false },
    }),
    summary: (d) => plural(arr(d.dataset_ids).length, "knowledge base"),
    outputs: () => [{ name: "result", type: "array[object]" }],
  },
  {
    type: "question-classifier",
    label: "Question classifier",
    description: "Sends the question down one branch per class.",
    category: "logic",
    tone: "bg-teal-500",
    defaults: () => ({
      query_variable_selector: [],
      model: { ...EMPTY_MODEL },
      classes: [
        { id: "1", name: "" },
        { id: "2", name: "" },
      ],
      instruction: "",
    }),
    summary: (d) => `${plural(arr(d.classes).length, "class")} · ${modelName(d)}`,
    outputs: () => [
      { name: "class_name", type: "string" },
      { name: "class_label", type: "string" },
      { name: "class_id", type: "string" },
      { name: "usage", type: "object" },
    ],
  },
  {
    type: "if-else",
    label: "IF/ELSE",
    description: "Takes the first branch whose conditions hold.",
    category: "logic",
    tone: "bg-cyan-500",
    defaults: () => ({ cases: [{ case_id: "true", id: "true", logical_operator: "and", conditions: [] }] }),
    summary: (d) => `${plural(arr(d.cases).length, "case")} + ELSE`,
    outputs: () => [],
  },
  {
    type: "iteration",
    label: "Iteration",
    description: "Runs its inner nodes once per item of a list.",
    category: "logic",
    tone: "bg-orange-500",
    isContainer: true,
    defaults: ({ id }) => ({
      iterator_selector: [],
      output_selector: [],
      is_parallel: false,
      parallel_nums: 10,
      error_handle_mode: "terminated",
      flatten_output: true,
      start_node_id: `${id}start`,
    }),
    summary: (d) => {
      const sel = arr<string>(d.iterator_selector);
      return sel.length ? `Over ${sel.slice(1).join(".")}` : "No list chosen";
    },
    outputs: () => [{ name: "output", type: "array[object]" }],
  },
  {
    type: "loop",
    label: "Loop",
    description: "Repeats its inner nodes until a condition holds.",
    category: "logic",
    tone: "bg-orange-500",
    isContainer: true,
    defaults: ({ id }) => ({ loop_count: 10, break_conditions: [], logical_operator: "and", loop_variables: [], start_node_id: `${id}start` }),
    summary: (d) => `At most ${Number(d.loop_count ?? 0)} times`,
    outputs: (d) =>
      arr<{ label?: string; var_type?: string }>(d.loop_variables)
        .filter((v) => v.label)
        .map((v) => ({ name: v.label!, type: normalizeType(v.var_type) })),
  },
  {
    type: "loop-end",
    label: "Exit loop",
    description: "Leaves the loop it is in.",
    category: "logic",
    tone: "bg-orange-500",
    loopOnly: true,
    defaults: () => ({}),
    summary: () => "Breaks the loop",
    outputs: () => [],
  },
  {
    type: "code",
    label: "Code",
    description: "Runs a JavaScript or Python function in a sandbox.",
    category: "transform",
    tone: "bg-blue-500",
    defaults: () => ({
      code_language: "javascript",
      code: DEFAULT_CODE.javascript,
      variables: [
        { variable: "arg1", value_selector: [] },
        { variable: "arg2", value_selector: [] },
      ],
      outputs: { result: { type: "string", children: null } },
    }),
    summary: (d) => `${str(d.code_language) === "python3" ? "Python" : "JavaScript"} · ${plural(Object.keys((d.outputs as object) ?? {}).length, "output")}`,
    outputs: (d) =>
      Object.entries((d.outputs as Record<string, { type?: string }>) ?? {}).map(([name, o]) => ({ name, type: normalizeType(o?.type) })),
  },
  {
    type: "template-transform",
    label: "Template",
    description: "Formats variables with a Jinja2 template.",
    category: "transform",
    tone: "bg-blue-500",
    defaults: () => ({ variables: [{ variable: "arg1", value_selector: [] }], template: "{{ arg1 }}" }),
    summary: (d) => oneLine(str(d.template)) || "Empty template",
    outputs: () => [{ name: "output", type: "string" }],
  },
  {
    type: "variable-aggregator",
    label: "Variable aggregator",
    description: "Takes the first branch's value that is set.",
    category: "transform",
    tone: "bg-blue-500",
    defaults: () => ({ output_type: "string", variables: [], advanced_settings: { group_enabled: false, groups: [] } }),
    summary: (d) => plural(arr(d.variables).length, "variable"),
    outputs: (d) => {
      const adv = d.advanced_settings as { group_enabled?: boolean; groups?: { group_name?: string; output_type?: string }[] } | undefined;
      if (adv?.group_enabled) return arr<{ group_name?: string; output_type?: string }>(adv.groups).map((g) => ({ name: `${g.group_name}.output`, type: normalizeType(g.output_type) }));
      return [{ name: "output", type: normalizeType(d.output_type) }];
    },
  },
  {
    type: "assigner",
    label: "Variable assigner",
    description: "Writes conversation or loop variables.",
    category: "transform",
    tone: "bg-blue-500",
    defaults: () => ({ version: "2", items: [] }),
    summary: (d) => plural(arr(d.items).length, "assignment"),
    outputs: () => [],
  },
  {
    type: "parameter-extractor",
    label: "Parameter extractor",
    description: "Asks a model to pull structured fields out of text.",
    category: "transform",
    tone: "bg-blue-500",
    defaults: () => ({ model: { ...EMPTY_MODEL }, query: [], parameters: [], instruction: "", reasoning_mode: "prompt" }),
    summary: (d) => `${plural(arr(d.parameters).length, "parameter")} · ${modelName(d)}`,
    outputs: (d) => [
      ...arr<{ name?: string; type?: string }>(d.parameters)
        .filter((p) => p.name)
        .map((p) => ({ name: p.name!, type: normalizeType(p.type) })),
      { name: "__is_success", type: "number" },
      { name: "__reason", type: "string" },
    ],
  },
  {
    type: "list-operator",
    label: "List operator",
    description: "Filters, sorts and slices a list.",
    category: "transform",
    tone: "bg-blue-500",
    defaults: () => ({
      variable: [],
      filter_by: { enabled: false, conditions: [] },
      order_by: { enabled: false, key: "", value: "asc" },
      limit: { enabled: false, size: 10 },
      extract_by: { enabled: false, serial: "1" },
    }),
    summary: (d) => {
      const sel = arr<string>(d.variable);
      return sel.length ? sel.slice(1).join(".") : "No list chosen";
    },
    outputs: () => [
      { name: "result", type: "array[object]" },
      { name: "first_record", type: "any" },
      { name: "last_record", type: "any" },
    ],
  },
  {
    type: "document-extractor",
    label: "Document extractor",
    description: "Turns uploaded files into text.",
    category: "transform",
    tone: "bg-green-600",
    defaults: () => ({ variable_selector: [], is_array_file: false }),
    summary: (d) => {
      const sel = arr<string>(d.variable_selector);
      return sel.length ? sel.slice(1).join(".") : "No file chosen";
    },
    outputs: (d) => [{ name: "text", type: d.is_array_file ? "array[string]" : "string" }],
  },
  {
    type: "http-request",
    label: "HTTP request",
    description: "Calls a URL and returns its answer.",
    category: "tools",
    tone: "bg-violet-500",
    defaults: () => ({
      method: "get",
      url: "",
      authorization: { type: "no-auth", config: null },
      headers: "",
      params: "",
      body: { type: "none", data: [] },
      timeout: { connect: 10, read: 600, write: 600 },
      ssl_verify: true,
    }),
    summary: (d) => `${str(d.method).toUpperCase() || "GET"} ${oneLine(str(d.url), 48) || "no URL"}`,
    outputs: () => [
      { name: "body", type: "string" },
      { name: "status_code", type: "number" },
      { name: "headers", type: "object" },
      { name: "files", type: "array[file]" },
    ],
  },
  {
    type: "tool",
    label: "Tool",
    description: "Calls one of the workspace's tools.",
    category: "tools",
    tone: "bg-violet-500",
    openOutputs: true,
    defaults: () => ({
      provider_id: "",
      provider_type: "builtin",
      provider_name: "",
      tool_name: "",
      tool_label: "",
      tool_configurations: {},
      tool_parameters: {},
    }),
    summary: (d) => str(d.tool_label) || str(d.tool_name) || "No tool chosen",
    outputs: () => [
      { name: "text", type: "string" },
      { name: "files", type: "array[file]" },
      { name: "json", type: "array[object]" },
    ],
  },
  {
    type: "agent",
    label: "Agent",
    description: "Lets a model use tools in a loop with a strategy.",
    category: "tools",
    tone: "bg-violet-500",
    openOutputs: true,
    // Dify's langgenius/agent plugin shape, so the node exports as Dify writes it.
    defaults: ({ flavor }) => ({
      agent_strategy_provider_name: "langgenius/agent/agent",
      agent_strategy_name: "function_calling",
      agent_strategy_label: "FunctionCalling",
      tool_node_version: "2",
      agent_parameters: {
        tools: { type: "constant", value: [] },
        instruction: { type: "mixed", value: "" },
        query: { type: "mixed", value: flavor === "advanced-chat" ? "{{#sys.query#}}" : "" },
        maximum_iterations: { type: "constant", value: 5 },
      },
    }),
    summary: (d) => str(d.agent_strategy_label) || str(d.agent_strategy_name) || "No strategy chosen",
    outputs: () => [
      { name: "text", type: "string" },
      { name: "files", type: "array[file]" },
      { name: "json", type: "array[object]" },
    ],
  },
  {
    // Dify 1.13+. The editor has no settings form for it yet (so it is not in the palette): an
    // imported one keeps its form as written, and the nodes after it may read its answers.
    type: "human-input",
    label: "Human Input",
    description: "Pauses the run at a form a person answers; each action is a branch, and a form nobody answers in time takes Timeout.",
    category: "logic",
    tone: "bg-amber-500",
    hidden: true,
    defaults: () => ({ form_content: "", inputs: [], user_actions: [], timeout: 3, timeout_unit: "day", delivery_methods: [{ id: "webapp", type: "webapp", enabled: true }] }),
    summary: (d) => `${plural(arr(d.inputs).length, "input")} · ${plural(arr(d.user_actions).length, "action")}`,
    outputs: (d) => [
      ...arr<{ output_variable_name?: unknown; type?: unknown }>(d.inputs).map((i) => ({
        name: str(i.output_variable_name),
        type: (i.type === "file" ? "file" : i.type === "file-list" ? "array[file]" : "string") as VarType,
      })),
      { name: "__action_id", type: "string" },
      { name: "__action_value", type: "string" },
      { name: "__rendered_content", type: "string" },
    ],
  },
  {
    type: "iteration-start",
    label: "Iteration start",
    description: "",
    category: "logic",
    tone: "bg-orange-500",
    hidden: true,
    defaults: () => ({}),
    summary: () => "",
    outputs: () => [],
  },
  {
    type: "loop-start",
    label: "Loop start",
    description: "",
    category: "logic",
    tone: "bg-orange-500",
    hidden: true,
    defaults: () => ({}),
    summary: () => "",
    outputs: () => [],
  },
];

const BY_TYPE = new Map(KINDS.map((k) => [k.type, k]));
// Dify's legacy name for the aggregator is the same node.
BY_TYPE.set("variable-assigner", BY_TYPE.get("variable-aggregator")!);

const UNKNOWN: Omit<NodeKind, "type"> = {
  label: "Unknown node",
  description: "A node kind this editor doesn't know; it is kept as it is.",
  category: "tools",
  tone: "bg-zinc-500",
  hidden: true,
  defaults: () => ({}),
  summary: () => "Kept as imported",
  outputs: () => [],
};

export function kindOf(type: string): NodeKind {
  return BY_TYPE.get(type) ?? { ...UNKNOWN, type, label: type || "Note" };
}

export const PALETTE_KINDS = KINDS.filter((k) => !k.hidden);

export const CATEGORY_LABELS: Record<NodeKind["category"], string> = {
  start: "Start",
  basic: "Basics",
  logic: "Logic",
  transform: "Transform",
  tools: "Tools",
};

/** A fresh node's data: the kind's defaults plus the fields every node carries. */
export function newNodeData(type: string, id: string, flavor: AppFlavor, title?: string): NodeData {
  const kind = kindOf(type);
  const data: NodeData = { type, title: kind.label, desc: "", ...kind.defaults({ id, flavor }) };
  if (title !== undefined) data.title = title;
  return data;
}

/**
 * Trigger start nodes (Dify 1.10+): a workflow starts from these or from its Start node, never
 * both. `trigger-plugin` needs Dify's plugin runtime and does not run here, but an imported one is
 * still a root of its graph.
 */
export const TRIGGER_TYPES = new Set(["trigger-webhook", "trigger-schedule", "trigger-plugin"]);
export const isTrigger = (type: string) => TRIGGER_TYPES.has(type);
/** The nodes a run may begin at: no edge leads into them, and the variable walk ends there. */
export const isStartType = (type: string) => type === "start" || TRIGGER_TYPES.has(type);
