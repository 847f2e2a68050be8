// What a workflow version holds — graph, features, environment and conversation variables — and
// how it is stored: zod shapes for each part, secret environment values encrypted at rest and
// masked on the way out, the content hash that detects concurrent draft edits, and the default
// graph a new app starts with.
import { z } from "zod";
import type { TenantCtx } from "../context";
import { decryptSecret, encryptSecret, maskSecret, sha256Hex } from "../lib/crypto";
import { resolveDefaultModel } from "../models/registry";
import { type Graph, graphSchema } from "./graph";
import type { WorkflowMode } from "./validate";

/** What the editor sends for a secret it only saw masked: keep the stored value. */
export const HIDDEN_VALUE = "[__HIDDEN__]";

export const environmentVariableSchema = z.looseObject({
  id: z.string().min(1).max(64).optional(),
  name: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,99}$/, "must start with a letter or _ and hold only letters, digits and _"),
  value: z.union([z.string(), z.number()]).default(""),
  value_type: z.enum(["string", "number", "secret"]).default("string"),
  description: z.string().max(1000).default(""),
});
export type EnvironmentVariable = z.infer<typeof environmentVariableSchema>;

export const conversationVariableSchema = z.looseObject({
  id: z.string().min(1).max(64).optional(),
  name: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,99}$/, "must start with a letter or _ and hold only letters, digits and _"),
  value_type: z.string().default("string"),
  value: z.unknown().optional(),
  description: z.string().max(1000).default(""),
});
export type ConversationVariable = z.infer<typeof conversationVariableSchema>;

const uniqueNames = <T extends { name: string }>(list: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  list.forEach((v, i) => {
    if (seen.has(v.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `"${v.name}" is declared twice` });
    seen.add(v.name);
  });
};

/** A workflow version's content, as the editor syncs it and a DSL file carries it. */
export const workflowContentSchema = z.object({
  graph: graphSchema,
  features: z.record(z.string(), z.unknown()).default({}),
  environment_variables: z.array(environmentVariableSchema).max(200).superRefine(uniqueNames).default([]),
  conversation_variables: z.array(conversationVariableSchema).max(200).superRefine(uniqueNames).default([]),
});
export type WorkflowContent = z.infer<typeof workflowContentSchema>;

/** A D1 row holds at most 2 MB; a graph that large is not a graph a person edits. */
export const MAX_GRAPH_CHARS = 1_500_000;

/** The variables with ids and selectors filled in, as Dify stores them. */
export function normalizeVariables<T extends { id?: string; name: string }>(list: T[], namespace: "env" | "conversation") {
  return list.map((v) => ({ ...v, id: v.id ?? crypto.randomUUID(), selector: [namespace, v.name] }));
}

/**
 * Secret values encrypted for storage. A secret sent back as HIDDEN_VALUE or as its masked form
 * keeps the value stored under the same id (or name): the editor never held the plaintext.
 */
export async function sealEnvironment(ctx: TenantCtx, vars: EnvironmentVariable[], stored: EnvironmentVariable[] = []) {
  const out: EnvironmentVariable[] = [];
  for (const v of normalizeVariables(vars, "env")) {
    if (v.value_type !== "secret") {
      out.push(v);
      continue;
    }
    const value = String(v.value ?? "");
    const previous = stored.find((s) => s.value_type === "secret" && (s.id === v.id || s.name === v.name));
    if (previous && (value === HIDDEN_VALUE || value === (await maskedOf(ctx, previous)))) {
      out.push({ ...v, value: previous.value });
    } else {
      out.push({ ...v, value: value ? await encryptSecret(ctx.config.APP_SECRET, value) : "" });
    }
  }
  return out;
}

async function plainOf(ctx: TenantCtx, v: EnvironmentVariable): Promise<string> {
  const value = String(v.value ?? "");
  return value ? decryptSecret(ctx.config.APP_SECRET, value) : "";
}

async function maskedOf(ctx: TenantCtx, v: EnvironmentVariable): Promise<string> {
  return maskSecret(await plainOf(ctx, v));
}

/** Stored variables for display: secrets masked (`mask`), blanked (`blank`) or in clear (`reveal`). */
export async function openEnvironment(ctx: TenantCtx, stored: EnvironmentVariable[], secrets: "mask" | "blank" | "reveal") {
  const out: EnvironmentVariable[] = [];
  for (const v of stored) {
    if (v.value_type !== "secret") out.push(v);
    else if (secrets === "blank") out.push({ ...v, value: "" });
    else out.push({ ...v, value: secrets === "mask" ? await maskedOf(ctx, v) : await plainOf(ctx, v) });
  }
  return out;
}

/** The hash of a version's content (secrets in their stored form), compared on draft sync. */
export async function contentHash(content: { graph: unknown; features: unknown; environment_variables: unknown; conversation_variables: unknown }) {
  return sha256Hex(JSON.stringify([content.graph, content.features, content.environment_variables, content.conversation_variables]));
}

/** The graph a new app starts from, as Dify's: start → end, or start → LLM → answer for chatflows. */
export async function defaultGraph(ctx: TenantCtx, mode: WorkflowMode): Promise<Graph> {
  const at = (x: number) => ({ x, y: 282 });
  const node = (id: string, x: number, data: Record<string, unknown>) => ({
    id,
    type: "custom",
    position: at(x),
    data: { title: id[0].toUpperCase() + id.slice(1), desc: "", ...data },
  });
  const edge = (source: string, target: string, sourceType: string, targetType: string) => ({
    id: `${source}-source-${target}-target`,
    source,
    target,
    sourceHandle: "source",
    targetHandle: "target",
    type: "custom",
    data: { sourceType, targetType, isInIteration: false, isInLoop: false },
  });
  const start = node("start", 80, { type: "start", variables: [] });
  if (mode === "workflow") {
    return graphSchema.parse({ nodes: [start, node("end", 400, { type: "end", outputs: [] })], edges: [edge("start", "end", "start", "end")] });
  }
  const model = await resolveDefaultModel(ctx, "llm");
  const llm = node("llm", 400, {
    type: "llm",
    title: "LLM",
    model: { provider: model.provider, name: model.model, mode: "chat", completion_params: { temperature: 0.7 } },
    prompt_template: [{ role: "system", text: "" }],
    memory: { role_prefix: { user: "", assistant: "" }, window: { enabled: false, size: 10 }, query_prompt_template: "{{#sys.query#}}" },
    context: { enabled: false, variable_selector: [] },
    vision: { enabled: false },
  });
  const answer = node("answer", 720, { type: "answer", answer: "{{#llm.text#}}", variables: [] });
  return graphSchema.parse({
    nodes: [start, llm, answer],
    edges: [edge("start", "llm", "start", "llm"), edge("llm", "answer", "llm", "answer")],
  });
}

export const workflowTypeOf = (mode: WorkflowMode) => (mode === "workflow" ? "workflow" : "chat") as "workflow" | "chat";
export const isWorkflowMode = (mode: string): mode is WorkflowMode => mode === "workflow" || mode === "advanced-chat";
