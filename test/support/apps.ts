// Test helpers for the Service API: a workspace owner with a service context, apps created,
// configured and published through the apps service (not the console routes), app keys, the
// fake OpenAI provider, and readers for SSE answers.
import { env, exports } from "cloudflare:workers";
import { inject } from "vitest";
import YAML from "yaml";
import { createApp, getDraftConfig, publishApp, saveDraftConfig } from "../../src/apps/apps";
import { modelConfigSchema } from "../../src/apps/model-config";
import { createApiKey } from "../../src/auth/api-keys";
import { createCtx, withWorkspace, type WorkspaceCtx } from "../../src/context";
import { BASE, call, callJson, newWorkspaceOwner } from "./console";

export const fakeOpenAIUrl = inject("fakeOpenAIUrl");
const fakeOrigin = new URL(fakeOpenAIUrl).origin;

export interface Owner {
  token: string;
  email: string;
  workspaceId: string;
  wctx: WorkspaceCtx;
}

/** A service context acting as the signed-in owner of their current workspace. */
export async function ownerCtx(token: string): Promise<WorkspaceCtx> {
  const profile = await callJson("GET", "/console/api/account/profile", { token });
  const ws = await callJson("GET", "/console/api/workspaces/current", { token });
  if (profile.status !== 200 || ws.status !== 200) throw new Error(`owner lookup failed: ${profile.status} ${ws.status}`);
  return withWorkspace(
    createCtx(env),
    { accountId: profile.body.id, email: profile.body.email, name: profile.body.name },
    { id: ws.body.id, role: ws.body.role },
  );
}

export async function newOwner(): Promise<Owner> {
  const owner = await newWorkspaceOwner();
  return { ...owner, wctx: await ownerCtx(owner.token) };
}

export const newFakeKey = () => `sk-test-${crypto.randomUUID().replaceAll("-", "")}`;

/**
 * Adds an OpenAI-compatible provider pointing at the fake server, with its own API key (the
 * fake server scripts behaviour and logs requests per key). Returns the provider name and key.
 */
export async function addFakeProvider(
  owner: Pick<Owner, "token">,
  options: { name?: string; apiKey?: string; models?: (string | { model: string; model_type: string })[] } = {},
): Promise<{ provider: string; apiKey: string }> {
  const name = options.name ?? "fake";
  const apiKey = options.apiKey ?? newFakeKey();
  // A bare name is an LLM.
  const models = (options.models ?? ["gpt-4o-mini"]).map((m) => (typeof m === "string" ? { model: m, model_type: "llm" } : m));
  const r = await callJson("POST", "/console/api/workspaces/current/model-providers/openai_api_compatible", {
    token: owner.token,
    body: { name, label: "Fake OpenAI", base_url: fakeOpenAIUrl, api_key: apiKey, models },
  });
  if (r.status !== 201) throw new Error(`provider setup failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { provider: `compat_${name}`, apiKey };
}

/** Scripts the fake server for one key: ttft_ms, token_delay_ms, reply, fail_next. */
export async function scriptFake(apiKey: string, script: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${fakeOrigin}/__control`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ api_key: apiKey, ...script }),
  });
  if (!res.ok) throw new Error(`fake control failed: ${res.status}`);
}

/** The requests the fake server saw with this key, oldest first. */
export async function fakeRequests(apiKey: string): Promise<{ method: string; path: string; body: any }[]> {
  const res = await fetch(`${fakeOrigin}/__control/requests?api_key=${encodeURIComponent(apiKey)}`);
  return ((await res.json()) as { data: { method: string; path: string; body: any }[] }).data;
}

export interface ServiceApp {
  appId: string;
  key: string;
  owner: Owner;
}

/**
 * Creates an app with the given config (merged over the default draft), publishes it unless
 * `publish: false`, and creates an app key.
 */
export async function newServiceApp(
  owner: Owner,
  options: { mode?: "chat" | "completion"; name?: string; config?: Record<string, unknown>; publish?: boolean } = {},
): Promise<ServiceApp> {
  const ctx = owner.wctx;
  const app = await createApp(ctx, { name: options.name ?? "Service test app", mode: options.mode ?? "chat" });
  if (options.config) {
    const draft = await getDraftConfig(ctx, app.id);
    await saveDraftConfig(ctx, app.id, modelConfigSchema.parse({ ...draft.config, ...options.config }));
  }
  if (options.publish !== false) await publishApp(ctx, app.id, {});
  const key = await createApiKey(ctx, "app", app.id);
  return { appId: app.id, key: key.token, owner };
}

/** An app on the fake provider's gpt-4o-mini, with a fresh provider key of its own. */
export async function newFakeApp(
  options: { mode?: "chat" | "completion"; config?: Record<string, unknown>; models?: (string | { model: string; model_type: string })[]; model?: string } = {},
): Promise<ServiceApp & { apiKey: string; provider: string }> {
  const owner = await newOwner();
  const { provider, apiKey } = await addFakeProvider(owner, { models: options.models });
  const model = { provider, name: options.model ?? "gpt-4o-mini", mode: "chat", completion_params: {} };
  const app = await newServiceApp(owner, { mode: options.mode, config: { model, ...options.config } });
  return { ...app, apiKey, provider };
}

/** Calls the Service API with an app key. */
export function v1(key: string, method: string, path: string, options: Parameters<typeof call>[2] = {}) {
  return callJson(method, `/v1${path}`, { ...options, token: key });
}

export function v1Raw(key: string, method: string, path: string, options: Parameters<typeof call>[2] = {}) {
  return call(method, `/v1${path}`, { ...options, token: key });
}

/** The `data:` payloads of an SSE body, parsed; `event: ping` frames are skipped. */
export function sseEvents(text: string): any[] {
  return text
    .split("\n\n")
    .filter((frame) => frame.startsWith("data: "))
    .map((frame) => JSON.parse(frame.slice("data: ".length)));
}

/** Reads D1 rows directly (the tests' view of what was stored). */
export async function rows<T = Record<string, any>>(sql: string, ...params: unknown[]): Promise<T[]> {
  const { results } = await env.DB.prepare(sql)
    .bind(...params)
    .all<T>();
  return results;
}

/** Waits until `check` returns a truthy value (logs are written off the response path). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Posts multipart form data (file uploads) to the Service API. */
export async function v1Form(key: string, path: string, form: FormData, method = "POST"): Promise<{ status: number; body: any; res: Response }> {
  const res = await exports.default.fetch(
    new Request(`${BASE}/v1${path}`, { method, headers: { authorization: `Bearer ${key}` }, body: form }),
  );
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, res };
}

/** A real 1×1 PNG. */
export const TINY_PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

/** A graph node of a DSL file, titled by its id (Dify's `custom` node wrapper). */
export const graphNode = (id: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id,
  type: "custom",
  position: { x: 0, y: 0 },
  data: { title: id, ...data },
  ...extra,
});

/** A graph edge leaving `source` by `sourceHandle`. */
export const graphEdge = (source: string, target: string, sourceHandle = "source") => ({
  id: `${source}-${sourceHandle}-${target}`,
  source,
  target,
  sourceHandle,
  targetHandle: "target",
});

/**
 * A Dify workflow export: start (q) → an agent node (langgenius/agent function calling on
 * `provider`'s gpt-4o-mini) with one built-in tool → end, whose outputs name the agent's fields.
 */
export function agentToolWorkflowYaml(provider: string, tool: { provider_name: string; tool_name: string }, outputs: Record<string, string>): string {
  const ends = Object.entries(outputs).map(([variable, field]) => `{variable: ${variable}, value_selector: [agent, ${field}]}`);
  return `version: 0.3.0
kind: app
app: {name: Agent with a tool, mode: workflow}
workflow:
  graph:
    edges:
    - {id: e1, source: start, target: agent, sourceHandle: source, targetHandle: target}
    - {id: e2, source: agent, target: end, sourceHandle: source, targetHandle: target}
    nodes:
    - id: start
      data: {type: start, title: Start, variables: [{variable: q, label: Q, type: paragraph, required: true}]}
    - id: agent
      data:
        type: agent
        title: Agent
        agent_strategy_provider_name: langgenius/agent/agent
        agent_strategy_name: function_calling
        agent_parameters:
          model: {type: constant, value: {provider: ${provider}, model: gpt-4o-mini, model_type: llm, mode: chat, completion_params: {}}}
          tools: {type: constant, value: [{enabled: true, type: builtin, provider_name: ${tool.provider_name}, tool_name: ${tool.tool_name}, settings: {}, parameters: {}, extra: {description: ""}}]}
          query: {type: mixed, value: "{{#start.q#}}"}
    - id: end
      data: {type: end, title: End, outputs: [${ends.join(", ")}]}
`;
}

/**
 * A Dify workflow export: start (a required text input `q`, unless `withInput` is false) → one tool
 * node `search` with Dify's fields `tool` (provider, tool name, parameters, configurations) → end,
 * whose outputs read the tool node's fields (`{ found: "text" }`).
 */
export function toolWorkflowYaml(
  tool: Record<string, unknown>,
  outputs: Record<string, string>,
  options: { version?: string; name?: string; withInput?: boolean } = {},
): string {
  const variables = options.withInput === false ? [] : [{ variable: "q", label: "Q", type: "text-input", required: true }];
  return YAML.stringify({
    version: options.version ?? "0.3.0",
    kind: "app",
    app: { name: options.name ?? "Tool workflow", mode: "workflow" },
    workflow: {
      graph: {
        edges: [
          { id: "e1", source: "start", target: "search", sourceHandle: "source", targetHandle: "target" },
          { id: "e2", source: "search", target: "end", sourceHandle: "source", targetHandle: "target" },
        ],
        nodes: [
          { id: "start", data: { type: "start", title: "Start", variables } },
          { id: "search", data: { type: "tool", provider_type: "builtin", tool_configurations: {}, tool_parameters: {}, ...tool } },
          { id: "end", data: { type: "end", title: "End", outputs: Object.entries(outputs).map(([variable, field]) => ({ variable, value_selector: ["search", field] })) } },
        ],
      },
    },
  });
}

/** The tool parameter Dify writes for a text field taken from the start node's `q`. */
export const FROM_Q = { type: "mixed", value: "{{#start.q#}}" };

/** Imports a workflow or chatflow DSL file as the console member `token`, publishes it, and makes an app key. */
export async function publishedWorkflowApp(token: string, yaml: string): Promise<{ appId: string; key: string }> {
  const imported = await callJson("POST", "/console/api/apps/imports", { token, body: { mode: "yaml-content", yaml_content: yaml } });
  if (imported.status !== 200) throw new Error(`import → ${imported.status} ${JSON.stringify(imported.body)}`);
  const appId = imported.body.app_id as string;
  const published = await callJson("POST", `/console/api/apps/${appId}/workflows/publish`, { token, body: {} });
  if (published.status !== 200) throw new Error(`publish → ${published.status} ${JSON.stringify(published.body)}`);
  const key = (await callJson("POST", `/console/api/apps/${appId}/api-keys`, { token })).body.token as string;
  return { appId, key };
}

