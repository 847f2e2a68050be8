// A published app called as a tool — by an agent or workflow of its workspace ("apps as tools")
// or by an MCP client (the app's MCP server): its input form as a tool schema, and one blocking
// run of the published version whose answer (or workflow outputs) is the tool's result.
import type { AppRow } from "../apps/apps";
import { getPublishedConfig } from "../apps/apps";
import type { EndUser } from "../apps/end-users";
import { startRun } from "../apps/generate";
import { formVariables, type ModelConfig } from "../apps/model-config";
import type { TenantCtx } from "../context";
import { type ErrorCode, KilnError } from "../lib/errors";
import { startChatflow } from "../workflow/chatflow";
import { runPublished } from "../workflow/run-app";
import { contentOf, getPublished } from "../workflow/store";
import { finishRun } from "../workflow/transport";
import type { ToolParameter, ToolResult } from "./types";

/** Modes whose runs take a user message (`query`) besides the form. */
const CHAT_MODES = new Set(["chat", "advanced-chat", "agent-chat"]);

/** An app's tool name: its name as a slug (MCP tool names are [A-Za-z0-9_.-]). */
export function toolNameOf(appName: string): string {
  const slug = appName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 64);
  return slug || "app";
}

export interface AppFormField {
  variable: string;
  label: string;
  kind: string;
  required: boolean;
  options: string[];
  max_length?: number | null;
  default?: unknown;
}

/** What an easy-UI app's published version runs with, read once per call (or cached by callers). */
export interface PublishedApp {
  app: AppRow;
  form: AppFormField[];
  config: ModelConfig | null;
  version: number;
}

export async function loadPublishedApp(ctx: TenantCtx, app: AppRow): Promise<PublishedApp> {
  if (app.mode === "workflow" || app.mode === "advanced-chat") {
    const start = contentOf(await getPublished(ctx, app.id)).graph.nodes.find((n) => n.data.type === "start" && !n.parentId);
    const variables = Array.isArray(start?.data.variables) ? (start.data.variables as Record<string, unknown>[]) : [];
    const form = variables.map((v) => ({
      variable: String(v.variable ?? ""),
      label: String(v.label ?? v.variable ?? ""),
      kind: String(v.type ?? "text-input"),
      required: v.required === true,
      options: Array.isArray(v.options) ? v.options.map(String) : [],
      max_length: typeof v.max_length === "number" ? v.max_length : null,
      default: v.default,
    }));
    const version = await getPublishedConfig(ctx, app).then((p) => p.version, () => 0);
    return { app, form, config: null, version };
  }
  const { config, version } = await getPublishedConfig(ctx, app);
  const form = formVariables(config).map((v) => ({ ...v, kind: v.kind as string, label: v.label || v.variable }));
  return { app, form, config, version };
}

/** The form as tool parameters (files cannot be sent by a tool call, so file inputs are left out). */
export function appToolParameters(published: PublishedApp, descriptions: Record<string, string> = {}): ToolParameter[] {
  const params: ToolParameter[] = [];
  for (const f of published.form) {
    if (f.kind === "file" || f.kind === "file-list" || f.kind === "external_data_tool") continue;
    const type = f.kind === "number" ? "number" : f.kind === "checkbox" ? "boolean" : f.kind === "json_object" ? "object" : f.kind === "select" ? "select" : "string";
    params.push({
      name: f.variable,
      label: f.label,
      description: descriptions[f.variable] ?? f.label,
      type,
      form: "llm",
      required: f.required,
      ...(f.default !== undefined && f.default !== null && f.default !== "" ? { default: f.default } : {}),
      ...(type === "select" && f.options.length ? { options: f.options } : {}),
    });
  }
  if (CHAT_MODES.has(published.app.mode)) {
    params.push({ name: "query", label: "Query", description: descriptions.query ?? "The message to send to the app.", type: "string", form: "llm", required: true });
  }
  return params;
}

/** The JSON Schema of the tool's arguments, as MCP's tools/list and the agents' models see it. */
export function appInputSchema(published: PublishedApp, parameters: ToolParameter[]): Record<string, unknown> {
  const maxLength = new Map(published.form.map((f) => [f.variable, f.max_length]));
  const properties: Record<string, unknown> = {};
  for (const p of parameters) {
    const type = p.type === "select" ? "string" : p.type;
    const max = p.type === "string" ? maxLength.get(p.name) : null;
    properties[p.name] = {
      type,
      description: p.description,
      ...(p.options ? { enum: p.options } : {}),
      ...(max ? { maxLength: max } : {}),
      ...(p.default !== undefined ? { default: p.default } : {}),
    };
  }
  return { type: "object", properties, required: parameters.filter((p) => p.required).map((p) => p.name) };
}

export interface AppCall {
  /** The tool's arguments: the input form's values, plus `query` for chat modes. */
  args: Record<string, unknown>;
  endUser: EndUser;
  signal?: AbortSignal;
}

/**
 * Runs the published app once, blocking, as the Service API does (source `api`). Inputs the app
 * refuses throw `invalid_param`; a model or run failure throws its error; the answer (chat,
 * completion) or the outputs as JSON (workflow) come back as the result.
 */
export async function runAppAsTool(ctx: TenantCtx, published: PublishedApp, call: AppCall): Promise<ToolResult> {
  const { app } = published;
  // `query` is the user message of chat modes; a completion or workflow app may have an input
  // variable of that name (Dify's default completion form does), which stays an input.
  const isChat = CHAT_MODES.has(app.mode);
  const { query: message, ...rest } = call.args;
  const inputs = isChat ? rest : call.args;
  const query = isChat && typeof message === "string" ? message : "";
  if (app.mode === "workflow") {
    const run = await runPublished(ctx, app, call.endUser, "service-api", { inputs, files: [] });
    const finished = await finishRun(run, call.signal);
    if (finished.status === "failed") return { text: `Run failed: ${finished.error ?? "unknown error"}`, isError: true };
    // Stopped (by a person, or over its step or time limit): its outputs are not the app's answer.
    if (finished.status === "stopped") return { text: `Run stopped: ${finished.error ?? "stopped"}`, isError: true };
    // A tool call cannot wait for a person: the run stays paused for its form.
    if (finished.status === "paused") return { text: `The run ${finished.workflow_run_id} is paused, waiting for a Human Input form.`, isError: true };
    return { text: JSON.stringify(finished.outputs), json: [finished.outputs] };
  }
  if (app.mode === "advanced-chat") {
    const flow = await startChatflow(ctx, {
      app,
      endUser: call.endUser,
      query,
      inputs,
      conversationId: null,
      files: [],
      configVersion: published.version,
    });
    return { text: (await flow.collect(call.signal)).answer };
  }
  if ((app.mode !== "chat" && app.mode !== "completion") || !published.config) {
    throw new KilnError("app_unavailable", 400, `App unavailable: ${app.mode} apps cannot be called as a tool.`);
  }
  const run = await startRun(ctx, {
    app,
    config: published.config,
    configVersion: published.version,
    source: "api",
    endUser: call.endUser,
    accountId: null,
    query,
    inputs,
    blocking: true,
  });
  call.signal?.addEventListener("abort", () => run.abort("tool call aborted"), { once: true });
  let answer = "";
  for await (const e of run.events) {
    if (e.event === "message") answer += e.answer;
    else if (e.event === "message_replace") answer = e.answer;
    else if (e.event === "error") throw new KilnError(e.code as ErrorCode, e.status, e.message);
  }
  return { text: answer };
}
