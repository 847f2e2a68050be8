// The `workflow` section of Dify's app DSL (workflow and advanced-chat apps): reading it into a
// workflow's content — refusing what cannot be a Dify workflow, keeping (with a warning) nodes
// Kiln cannot run — and writing a workflow back out so it re-imports to the same graph.
import YAML from "yaml";
import { dslDependencies, usedDependencies } from "../apps/dsl-dependencies";
import { checkWorkflow } from "./check";
import { type WorkflowContent, workflowContentSchema } from "./content";
import type { WorkflowMode } from "./validate";

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every node type a Dify app graph can hold (1.11, and newer ones such as knowledge-retrieval-v2); anything else is not a Dify workflow. */
export const DIFY_NODE_TYPES = new Set([
  "start",
  "end",
  "answer",
  "llm",
  "knowledge-retrieval",
  "knowledge-retrieval-v2",
  "question-classifier",
  "if-else",
  "code",
  "template-transform",
  "http-request",
  "tool",
  "variable-aggregator",
  "variable-assigner",
  "assigner",
  "parameter-extractor",
  "iteration",
  "iteration-start",
  "loop",
  "loop-start",
  "loop-end",
  "list-operator",
  "document-extractor",
  "agent",
  "knowledge-index",
  "datasource",
  "trigger-webhook",
  "trigger-schedule",
  "trigger-plugin",
  "human-input",
]);

/** Nodes whose `data.model` names a provider. */
const MODEL_NODE_TYPES = new Set(["llm", "question-classifier", "parameter-extractor"]);

export type WorkflowDslResult = { ok: true; content: WorkflowContent; warnings: string[] } | { ok: false; error: string };

/** Dify names providers by plugin (`langgenius/openai/openai`); Kiln by the provider alone. */
function kilnProvider(provider: unknown): unknown {
  if (typeof provider !== "string") return provider;
  const parts = provider.split("/");
  return parts.length === 3 && parts.every(Boolean) ? parts[2] : provider;
}

/** Reads `workflow` of a DSL file for an app of `mode`. Structural faults fail the import
 * (listing every one); nodes that would not run are kept and reported as warnings. */
export function parseWorkflowDsl(data: Mapping, mode: WorkflowMode): WorkflowDslResult {
  const workflow = data.workflow;
  if (!isMapping(workflow)) return { ok: false, error: `Missing workflow data for ${mode} app` };
  if (!isMapping(workflow.graph)) return { ok: false, error: "Missing workflow.graph in YAML content" };
  const parsed = workflowContentSchema.safeParse({
    graph: workflow.graph,
    features: workflow.features ?? {},
    environment_variables: workflow.environment_variables ?? [],
    conversation_variables: workflow.conversation_variables ?? [],
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `workflow.${i.path.map(String).join(".")}: ${i.message}`);
    return { ok: false, error: `Invalid workflow: ${issues.join("; ")}` };
  }
  const content = parsed.data;
  const unknown = content.graph.nodes.filter((n) => n.data.type !== "" && !DIFY_NODE_TYPES.has(n.data.type));
  if (unknown.length) {
    const list = unknown.map((n) => `${n.id} (${n.data.type})`).join(", ");
    return { ok: false, error: `Unknown node types, not part of a Dify workflow: ${list}` };
  }
  for (const node of content.graph.nodes) {
    if (MODEL_NODE_TYPES.has(node.data.type) && isMapping(node.data.model)) {
      node.data.model = { ...node.data.model, provider: kilnProvider(node.data.model.provider) };
    }
  }
  const warnings = checkWorkflow(content, mode).map(
    (p) => `${p.node_id ? `Node ${p.node_id}` : "Graph"}${p.field ? ` (${p.field})` : ""}: ${p.message}`,
  );
  return { ok: true, content, warnings };
}

/** The models the graph's model nodes name (`provider:model` → the titles of the nodes using it). */
export function graphModels(content: WorkflowContent): Map<string, { provider: string; model: string; nodes: string[] }> {
  const out = new Map<string, { provider: string; model: string; nodes: string[] }>();
  for (const n of content.graph.nodes) {
    const m = n.data.model;
    // A node with no model chosen is the graph check's to report.
    if (!MODEL_NODE_TYPES.has(n.data.type) || !isMapping(m) || typeof m.provider !== "string" || typeof m.name !== "string") continue;
    if (!m.provider || !m.name) continue;
    const key = `${m.provider}:${m.name}`;
    const entry = out.get(key) ?? { provider: m.provider, model: m.name, nodes: [] };
    entry.nodes.push(String(n.data.title || n.id));
    out.set(key, entry);
  }
  return out;
}

/** The tools the graph's tool nodes name (`provider/tool` → its reference fields and the titles of the nodes using it). */
export function graphTools(content: WorkflowContent): Map<string, { data: ToolNodeFields; nodes: string[] }> {
  const out = new Map<string, { data: ToolNodeFields; nodes: string[] }>();
  for (const n of content.graph.nodes) {
    const d = n.data;
    // A node with no tool named is the graph check's to report.
    if (d.type !== "tool" || typeof d.tool_name !== "string" || !d.tool_name) continue;
    const text = (v: unknown) => (typeof v === "string" ? v : null);
    const data = { provider_id: text(d.provider_id), provider_name: text(d.provider_name), provider_type: text(d.provider_type), tool_name: d.tool_name };
    const key = `${data.provider_name || data.provider_id}/${data.tool_name}`;
    const entry = out.get(key) ?? { data, nodes: [] };
    entry.nodes.push(String(d.title || n.id));
    out.set(key, entry);
  }
  return out;
}

export interface ToolNodeFields {
  provider_id: string | null;
  provider_name: string | null;
  provider_type: string | null;
  tool_name: string;
}

/** Knowledge bases the graph's retrieval nodes name. */
export function graphDatasetIds(content: WorkflowContent): string[] {
  const ids = new Set<string>();
  for (const n of content.graph.nodes) {
    if (n.data.type === "knowledge-retrieval" && Array.isArray(n.data.dataset_ids)) for (const id of n.data.dataset_ids) ids.add(String(id));
  }
  return [...ids];
}

/** Drops dataset ids that are not in `owned`, as Dify drops ids another workspace exported. */
export function dropForeignGraphDatasets(content: WorkflowContent, owned: ReadonlySet<string>): WorkflowContent {
  const nodes = content.graph.nodes.map((n) =>
    n.data.type === "knowledge-retrieval" && Array.isArray(n.data.dataset_ids)
      ? { ...n, data: { ...n.data, dataset_ids: n.data.dataset_ids.filter((id) => owned.has(String(id))) } }
      : n,
  );
  return { ...content, graph: { ...content.graph, nodes } };
}

export interface DslAppFields {
  name: string;
  mode: string;
  description: string;
  iconType: string;
  icon: string;
  iconBackground: string;
  /** JSON: the Dify plugin dependencies the app's import listed (absent: none). */
  dslDependencies?: string;
}

/** A workflow app as a DSL file (environment secrets as the caller opened them). */
export function toWorkflowDsl(app: DslAppFields, content: WorkflowContent, version: string): string {
  const isImage = app.iconType === "image"; // an uploaded image's id means nothing elsewhere
  const data = {
    version,
    kind: "app",
    app: {
      name: app.name,
      mode: app.mode,
      icon: isImage ? "🤖" : app.icon,
      icon_background: isImage ? "#FFEAD5" : app.iconBackground,
      description: app.description,
      use_icon_as_answer_icon: false,
      icon_type: "emoji",
    },
    workflow: {
      graph: content.graph,
      features: content.features,
      environment_variables: content.environment_variables,
      conversation_variables: content.conversation_variables,
      rag_pipeline_variables: [],
    },
    dependencies: usedDependencies(dslDependencies(JSON.parse(app.dslDependencies ?? "[]")), content.graph),
  };
  return YAML.stringify(data, { version: "1.1" });
}
