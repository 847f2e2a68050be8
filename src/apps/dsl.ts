// Dify's app DSL (YAML): the pure part reads a DSL file (version policy, app fields, `model_config`
// → Kiln's config, or the `workflow` section for workflow and chatflow apps — see
// src/workflow/dsl.ts) and writes an app back out; the service part imports, holds imports of a
// newer DSL version for confirmation, overwrites a workflow app's draft, and exports.
import { and, eq, gt, inArray, lt } from "drizzle-orm";
import YAML from "yaml";
import { PYYAML_OPTIONS } from "./pyyaml";
import { dslDependencies, usedDependencies } from "./dsl-dependencies";
import { withAnnotationReply } from "../annotations/settings";
import { assertCan } from "../auth/roles";
import type { TenantCtx, WorkspaceCtx } from "../context";
import { appImports, apps, datasets, workflows } from "../db/schema";
import { KilnError, ProviderError } from "../lib/errors";
import { assertFetchableUrl, createGuardedFetch } from "../lib/ssrf";
import { assertModelExists } from "../models/registry";
import { isWorkflowMode, openEnvironment, type WorkflowContent, workflowContentSchema } from "../workflow/content";
import { dropForeignGraphDatasets, graphDatasetIds, graphModels, graphTools, parseWorkflowDsl, type ToolNodeFields, toWorkflowDsl } from "../workflow/dsl";
import { toolRefOf } from "../workflow/nodes/tool";
import { resolveTool } from "../tools/registry";
import { missingAgentTools } from "./runners/agent-tools";
import { contentOf, findDraft, getWorkflowApp, syncDraft, type WorkflowRow } from "../workflow/store";
import { type AppRow, createApp, getApp, getDraftConfig, type NewApp } from "./apps";
import { attachedDatasetIds } from "./knowledge-context";
import { type ModelConfig, modelConfigSchema } from "./model-config";

export const CURRENT_DSL_VERSION = "0.6.0";
export const DSL_MAX_SIZE = 10 * 1024 * 1024;
const PENDING_TTL_MS = 10 * 60 * 1000;
/** A config is one D1 row (2 MB at most); unknown keys are kept, so bound the whole of it. */
const MAX_CONFIG_CHARS = 1_000_000;

export type ImportStatus = "completed" | "completed-with-warnings" | "pending" | "failed";
export type DslApp = NewApp & { mode: "chat" | "agent-chat" | "completion" | "workflow" | "advanced-chat" };
export interface ParsedDsl {
  version: string;
  status: Exclude<ImportStatus, "failed">;
  app: DslApp;
  /** The easy-UI config; absent for workflow and chatflow apps, which carry `workflow`. */
  config?: ModelConfig;
  workflow?: WorkflowContent;
  warnings: string[];
}
export type DslResult = { ok: true; dsl: ParsedDsl } | { ok: false; error: string; version: string };
export interface AppOverrides {
  name?: string;
  description?: string;
  icon_type?: string;
  icon?: string;
  icon_background?: string;
}

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => typeof v === "object" && v !== null && !Array.isArray(v);

// PEP 440 release numbers with an optional pre-release, which is what `packaging` (Dify) compares.
const PRE_RANK: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };
type Version = { release: number[]; pre: [number, number] | null };

function parseVersion(text: string): Version | null {
  const m = text.trim().match(/^v?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d*))?$/i);
  if (!m) return null;
  return { release: m[1].split(".").map(Number), pre: m[2] ? [PRE_RANK[m[2].toLowerCase()], Number(m[3] || 0)] : null };
}

function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < Math.max(a.release.length, b.release.length); i++) {
    const d = (a.release[i] ?? 0) - (b.release[i] ?? 0);
    if (d !== 0) return d;
  }
  if (!a.pre || !b.pre) return (a.pre ? -1 : 0) + (b.pre ? 1 : 0);
  return a.pre[0] - b.pre[0] || a.pre[1] - b.pre[1];
}

/** Dify's policy: newer than Kiln's DSL or an older major → pending; older minor → warnings. */
export function versionStatus(imported: string): ImportStatus {
  const v = parseVersion(imported);
  const current = parseVersion(CURRENT_DSL_VERSION)!;
  if (!v) return "failed";
  if (compareVersions(v, current) > 0 || (v.release[0] ?? 0) < current.release[0]) return "pending";
  if ((v.release[1] ?? 0) < current.release[1]) return "completed-with-warnings";
  return "completed";
}

/** Dify names providers by plugin (`langgenius/openai/openai`); Kiln by the provider alone. */
export function kilnProviderName(provider: string): string {
  const parts = provider.split("/");
  return parts.length === 3 && parts.every(Boolean) ? parts[2] : provider;
}

/** A GitHub page URL of a YAML file becomes the raw file's URL, as Dify does. */
export function rawGithubUrl(url: string): string {
  const m = url.match(/^https:\/\/github\.com(\/[^?#]*\/blob\/[^?#]*\.ya?ml)$/);
  return m ? `https://raw.githubusercontent.com${m[1].replace("/blob/", "/")}` : url;
}

// What Dify's AppModelConfig.to_dict() answers for a field it has no value for, in its order.
const DIFY_DEFAULTS: Mapping = {
  opening_statement: null,
  suggested_questions: [],
  suggested_questions_after_answer: { enabled: false },
  speech_to_text: { enabled: false },
  text_to_speech: { enabled: false },
  retriever_resource: { enabled: true },
  annotation_reply: { enabled: false },
  more_like_this: { enabled: false },
  sensitive_word_avoidance: { enabled: false, type: "", configs: [] },
  external_data_tools: [],
  model: undefined,
  user_input_form: [],
  dataset_query_variable: null,
  pre_prompt: "",
  agent_mode: { enabled: false, strategy: null, tools: [], prompt: null },
  prompt_type: "simple",
  chat_prompt_config: {},
  completion_prompt_config: {},
  dataset_configs: { retrieval_model: "multiple" },
  file_upload: {
    image: { enabled: false, number_limits: 3, detail: "high", transfer_methods: ["remote_url", "local_file"] },
  },
};

function withDifyDefaults(modelConfig: Mapping): Mapping {
  const out: Mapping = {};
  for (const [key, fallback] of Object.entries(DIFY_DEFAULTS)) {
    const value = modelConfig[key] ?? fallback;
    if (value !== undefined) out[key] = structuredClone(value);
  }
  for (const [key, value] of Object.entries(modelConfig)) if (!(key in out) && value != null) out[key] = value;
  return out;
}

/** Dify's `model_config` → Kiln's config; every field is kept, missing ones get Dify's defaults. */
export function toKilnConfig(modelConfig: Mapping): { ok: true; config: ModelConfig } | { ok: false; error: string } {
  const input = withDifyDefaults(modelConfig);
  if (isMapping(input.model) && typeof input.model.provider === "string") {
    input.model = { ...input.model, provider: kilnProviderName(input.model.provider) };
  }
  const parsed = modelConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${["model_config", ...i.path.map(String)].join(".")}: ${i.message}`);
    return { ok: false, error: `Invalid model_config: ${issues.join("; ")}` };
  }
  if (JSON.stringify(parsed.data).length > MAX_CONFIG_CHARS) {
    return { ok: false, error: `model_config is too large: Kiln keeps at most ${MAX_CONFIG_CHARS} characters of app configuration` };
  }
  return { ok: true, config: parsed.data };
}

function appFields(app: Mapping, mode: DslApp["mode"], o: AppOverrides): DslApp | string {
  const name = (o.name || String(app.name ?? "")).trim();
  if (!name) return "Missing app name: set app.name in the DSL or pass a name";
  if (name.length > 255) return "App name is longer than 255 characters";
  const iconType = o.icon_type || app.icon_type;
  return {
    name,
    mode,
    description: o.description || String(app.description ?? ""),
    icon_type: iconType === "image" ? "image" : "emoji",
    icon: o.icon || String(app.icon || "") || "🤖",
    icon_background: o.icon_background || String(app.icon_background || "") || "#FFEAD5",
  };
}

/** Reads a DSL file the way Dify's importer does, for the modes Kiln runs. */
export function parseDsl(content: string, overrides: AppOverrides = {}): DslResult {
  let version = "";
  const fail = (error: string): DslResult => ({ ok: false, error, version });
  if (content.length > DSL_MAX_SIZE) return fail("File size exceeds the limit of 10MB");
  let data: unknown;
  try {
    data = YAML.parse(content, PYYAML_OPTIONS);
  } catch (err) {
    return fail(`Invalid YAML format: ${(err as Error).message}`);
  }
  if (!isMapping(data)) return fail("Invalid YAML format: content must be a mapping");
  const raw = data.version || "0.1.0";
  if (typeof raw !== "string") {
    return fail(`Invalid version type: expected a string such as "${CURRENT_DSL_VERSION}" (quote it in YAML), got ${typeof raw} ${String(raw)}`);
  }
  version = raw;
  const status = versionStatus(version);
  if (status === "failed") return fail(`Invalid version "${version}"`);
  if (!isMapping(data.app) || Object.keys(data.app).length === 0) return fail("Missing app data in YAML content");
  const mode = data.app.mode;
  if (!mode) return fail("Missing app mode in YAML content");
  if (mode !== "chat" && mode !== "agent-chat" && mode !== "completion" && mode !== "workflow" && mode !== "advanced-chat") {
    return fail(`Invalid app mode "${String(mode)}"`);
  }
  const fields = appFields(data.app, mode, overrides);
  const app = typeof fields === "string" ? fields : { ...fields, dependencies: dslDependencies(data.dependencies) };
  const warnings =
    status === "completed-with-warnings"
      ? [`DSL version ${version} is older than ${CURRENT_DSL_VERSION}; check the imported app before publishing it`]
      : [];
  if (mode === "workflow" || mode === "advanced-chat") {
    const workflow = parseWorkflowDsl(data, mode);
    if (!workflow.ok) return fail(workflow.error);
    if (typeof app === "string") return fail(app);
    return { ok: true, dsl: { version, status, app, workflow: workflow.content, warnings: [...warnings, ...workflow.warnings] } };
  }
  if (!isMapping(data.model_config)) return fail(`Missing model_config for ${mode} app`);
  const converted = toKilnConfig(data.model_config);
  if (!converted.ok) return fail(converted.error);
  if (typeof app === "string") return fail(app);
  return { ok: true, dsl: { version, status, app, config: converted.config, warnings } };
}

/** Removes dataset references that are not in `owned`, as Dify drops another tenant's ids. */
export function dropForeignDatasets(config: ModelConfig, owned: ReadonlySet<string>): ModelConfig {
  const outer = config.dataset_configs?.datasets;
  if (!isMapping(outer) || !Array.isArray(outer.datasets)) return config;
  const kept = outer.datasets.filter((d) => isMapping(d) && isMapping(d.dataset) && owned.has(String(d.dataset.id)));
  return { ...config, dataset_configs: { ...config.dataset_configs, datasets: { ...outer, datasets: kept } } };
}

/** An app as a DSL file Dify's importer accepts and Kiln re-imports unchanged. */
export function toDsl(
  app: Pick<AppRow, "name" | "mode" | "description" | "iconType" | "icon" | "iconBackground"> & { dslDependencies?: string },
  config: ModelConfig,
): string {
  const isImage = app.iconType === "image"; // an uploaded image's id means nothing elsewhere
  const modelConfig = withDifyDefaults(config as Mapping);
  const agentMode = modelConfig.agent_mode;
  if (isMapping(agentMode) && Array.isArray(agentMode.tools)) {
    agentMode.tools = agentMode.tools.map((t) => {
      if (!isMapping(t)) return t;
      const { credential_id: _, ...rest } = t;
      return rest;
    });
  }
  const data = {
    version: CURRENT_DSL_VERSION,
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
    model_config: modelConfig,
    dependencies: usedDependencies(dslDependencies(JSON.parse(app.dslDependencies ?? "[]")), modelConfig),
  };
  // YAML 1.1 quoting keeps strings such as "yes" strings for PyYAML.
  return YAML.stringify(data, { version: "1.1" });
}

// ---- the service ----

export interface ImportRequest extends AppOverrides {
  mode: "yaml-content" | "yaml-url";
  yaml_content?: string;
  yaml_url?: string;
  app_id?: string;
}

export interface ImportResult {
  id: string;
  status: ImportStatus;
  app_id: string | null;
  app_mode: string | null;
  current_dsl_version: string;
  imported_dsl_version: string;
  error: string;
  /** Kiln: why the status is completed-with-warnings. */
  warnings: string[];
}

/** The body as text, or null past `max` bytes (read no further than that). */
async function readCapped(res: Response, max: number): Promise<string | null> {
  const reader = res.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}

async function fetchDsl(ctx: WorkspaceCtx, yamlUrl: string): Promise<{ content: string } | { error: string }> {
  try {
    const url = assertFetchableUrl(rawGithubUrl(yamlUrl.trim()), ctx.config.SSRF_ALLOW_HOSTS, "yaml_url");
    const res = await createGuardedFetch(ctx.config.SSRF_ALLOW_HOSTS)(url, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) {
      await res.body?.cancel();
      return { error: `Error fetching YAML from URL: HTTP ${res.status}` };
    }
    const content = await readCapped(res, DSL_MAX_SIZE);
    if (content === null) return { error: "File size exceeds the limit of 10MB" };
    if (!content) return { error: "Empty content from url" };
    return { content };
  } catch (err) {
    // A refused or unreachable URL is the import's failure, reported in its `error`.
    return { error: `Error fetching YAML from URL: ${(err as Error).message}` };
  }
}

async function ownedDatasetIds(ctx: WorkspaceCtx, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await ctx.db
    .select({ id: datasets.id })
    .from(datasets)
    .where(and(eq(datasets.workspaceId, ctx.workspace.id), inArray(datasets.id, ids)))
    .all();
  return new Set(rows.map((r) => r.id));
}

/** Why a model the workspace lacks will fail, or null when the workspace has it. */
async function missingModel(ctx: WorkspaceCtx, provider: string, model: string): Promise<KilnError | null> {
  try {
    await assertModelExists(ctx, { provider, model }, "llm");
    return null;
  } catch (err) {
    if (err instanceof KilnError) return err;
    throw err;
  }
}

/** Why a tool the graph names cannot be called here (Dify plugins Kiln lacks), or null when it can. */
async function missingTool(ctx: WorkspaceCtx, data: ToolNodeFields): Promise<KilnError | null> {
  try {
    const { provider } = await resolveTool(ctx, toolRefOf(data));
    // A built-in provider that needs a key the workspace has not given yet (Tavily…).
    if (provider.type === "builtin" && !provider.is_team_authorization) {
      return ProviderError("provider_not_initialize", `${provider.label} is not authorized in this workspace: add its credentials in Tools`);
    }
    return null;
  } catch (err) {
    if (err instanceof KilnError) return err;
    throw err;
  }
}

/**
 * A workflow's content with knowledge bases of other workspaces dropped (with a warning), and
 * warnings naming the models and tools its nodes use that the workspace lacks (kept, as Dify keeps
 * them: those nodes fail until a provider is configured or another model or tool is chosen).
 */
async function ownWorkflowDatasets(ctx: WorkspaceCtx, content: WorkflowContent) {
  const named = graphDatasetIds(content);
  const owned = await ownedDatasetIds(ctx, named);
  const dropped = named.filter((id) => !owned.has(id));
  const warnings = dropped.length ? [`Knowledge bases not in this workspace were removed from retrieval nodes: ${dropped.join(", ")}`] : [];
  const missing: string[] = [];
  for (const [name, m] of graphModels(content)) {
    const err = await missingModel(ctx, m.provider, m.model);
    if (err) missing.push(`${name} (${m.nodes.join(", ")}: ${err.code})`);
  }
  if (missing.length) {
    warnings.push(
      `Models not available in this workspace: ${missing.join("; ")}. Configure their provider in Settings → Model providers, or pick another model in those nodes`,
    );
  }
  const missingTools: string[] = [];
  for (const [name, t] of graphTools(content)) {
    const err = await missingTool(ctx, t.data);
    if (err) missingTools.push(`${name} (${t.nodes.join(", ")}: ${err.code})`);
  }
  if (missingTools.length) {
    warnings.push(
      `Tools not available in this workspace: ${missingTools.join("; ")}. Add their provider in Tools, or pick another tool in those nodes`,
    );
  }
  return { content: dropForeignGraphDatasets(content, owned), warnings };
}

/** Creates the app; a model the workspace lacks is kept, with a warning (the app answers
 * `provider_not_initialize` / `model_not_found` until a provider is configured). */
async function createFromDsl(ctx: WorkspaceCtx, app: DslApp, dslConfig?: ModelConfig, workflow?: WorkflowContent) {
  if (workflow) {
    const own = await ownWorkflowDatasets(ctx, workflow);
    return { row: await createApp(ctx, app, undefined, own.content), warnings: own.warnings };
  }
  if (!dslConfig) throw new KilnError("invalid_param", 400, `Missing model_config for ${app.mode} app`);
  // Knowledge bases are kept only when they are this workspace's own (a Dify export carries
  // tenant-encrypted ids, which never match).
  const config = dropForeignDatasets(dslConfig, await ownedDatasetIds(ctx, attachedDatasetIds(dslConfig)));
  const warnings: string[] = [];
  const err = await missingModel(ctx, config.model.provider, config.model.name);
  if (err) warnings.push(`${err.message} (the app answers ${err.code} until this is put right)`);
  const tools = await missingAgentTools(ctx, config.agent_mode);
  if (tools.length) {
    warnings.push(`Tools not available in this workspace: ${tools.join(", ")}. The agent runs without them until their provider is added (or authorized) in Tools`);
  }
  return { row: await createApp(ctx, app, config), warnings };
}

export async function importApp(ctx: WorkspaceCtx, req: ImportRequest): Promise<ImportResult> {
  assertCan(ctx.workspace.role, "app_edit");
  const id = ctx.newId();
  const result = (r: Partial<ImportResult> & Pick<ImportResult, "status">): ImportResult => ({
    id,
    app_id: null,
    app_mode: null,
    current_dsl_version: CURRENT_DSL_VERSION,
    imported_dsl_version: "",
    error: "",
    warnings: [],
    ...r,
  });
  let content = req.yaml_content;
  if (req.mode === "yaml-url") {
    if (!req.yaml_url) return result({ status: "failed", error: "yaml_url is required when import_mode is yaml-url" });
    const fetched = await fetchDsl(ctx, req.yaml_url);
    if ("error" in fetched) return result({ status: "failed", error: fetched.error });
    content = fetched.content;
  } else if (!content) {
    return result({ status: "failed", error: "yaml_content is required when import_mode is yaml-content" });
  }
  const parsed = parseDsl(content ?? "", req);
  if (!parsed.ok) return result({ status: "failed", error: parsed.error, imported_dsl_version: parsed.version });
  const { dsl } = parsed;
  if (req.app_id) {
    const target = await getApp(ctx, req.app_id).catch((err) => {
      if (err instanceof KilnError && err.code === "not_found") return null;
      throw err;
    });
    if (!target) return result({ status: "failed", error: "App not found", imported_dsl_version: dsl.version });
    // Dify overwrites only workflow apps: the file replaces the draft workflow.
    if (!isWorkflowMode(target.mode)) {
      return result({ status: "failed", error: "Only workflow or advanced chat apps can be overwritten", imported_dsl_version: dsl.version });
    }
    if (!dsl.workflow || dsl.app.mode !== target.mode) {
      return result({ status: "failed", error: `The file holds a ${dsl.app.mode} app; app ${target.id} is a ${target.mode} app`, imported_dsl_version: dsl.version });
    }
    const own = await ownWorkflowDatasets(ctx, dsl.workflow);
    await syncDraft(ctx, target.id, own.content);
    await ctx.db
      .update(apps)
      .set({ dslDependencies: JSON.stringify(dsl.app.dependencies ?? []) })
      .where(and(eq(apps.id, target.id), eq(apps.workspaceId, ctx.workspace.id)));
    const all = [...dsl.warnings, ...own.warnings];
    return result({
      status: all.length ? "completed-with-warnings" : "completed",
      app_id: target.id,
      app_mode: target.mode,
      imported_dsl_version: dsl.version,
      warnings: all,
    });
  }
  if (dsl.status === "pending") {
    const now = ctx.now();
    await ctx.db.batch([
      ctx.db.delete(appImports).where(lt(appImports.expiresAt, now)),
      ctx.db.insert(appImports).values({
        id,
        workspaceId: ctx.workspace.id,
        createdBy: ctx.actor.accountId,
        importedDslVersion: dsl.version,
        app: JSON.stringify(dsl.app),
        // Workflow apps keep their workflow content where easy-UI apps keep their config.
        config: JSON.stringify(dsl.workflow ? { workflow: dsl.workflow } : dsl.config),
        expiresAt: now + PENDING_TTL_MS,
        createdAt: now,
      }),
    ]);
    return result({ status: "pending", imported_dsl_version: dsl.version });
  }
  const { row, warnings } = await createFromDsl(ctx, dsl.app, dsl.config, dsl.workflow);
  const all = [...dsl.warnings, ...warnings];
  return result({
    status: all.length ? "completed-with-warnings" : "completed",
    app_id: row.id,
    app_mode: row.mode,
    imported_dsl_version: dsl.version,
    warnings: all,
  });
}

/** Creates the app of a pending import (once: the row is claimed by deleting it). */
export async function confirmImport(ctx: WorkspaceCtx, importId: string): Promise<ImportResult> {
  assertCan(ctx.workspace.role, "app_edit");
  const row = await ctx.db
    .delete(appImports)
    .where(and(eq(appImports.id, importId), eq(appImports.workspaceId, ctx.workspace.id), gt(appImports.expiresAt, ctx.now())))
    .returning()
    .get();
  if (!row) throw new KilnError("not_found", 404, "Import information expired or does not exist.");
  const dslApp = JSON.parse(row.app) as DslApp;
  const stored = JSON.parse(row.config);
  const { row: app, warnings } = isWorkflowMode(dslApp.mode)
    ? await createFromDsl(ctx, dslApp, undefined, workflowContentSchema.parse(stored.workflow))
    : await createFromDsl(ctx, dslApp, modelConfigSchema.parse(stored));
  return {
    id: row.id,
    status: warnings.length ? "completed-with-warnings" : "completed",
    app_id: app.id,
    app_mode: app.mode,
    current_dsl_version: CURRENT_DSL_VERSION,
    imported_dsl_version: row.importedDslVersion,
    error: "",
    warnings,
  };
}

/** The app as a DSL file: an easy-UI app's draft config, or a workflow app's draft (or the
 * version `workflowId`) with secret environment values blank unless `includeSecret`. Easy-UI
 * configs hold no secrets (tool credential ids are always stripped, as Dify does). */
export async function exportApp(ctx: TenantCtx, appId: string, options: { includeSecret?: boolean; workflowId?: string } = {}): Promise<string> {
  const app = await getApp(ctx, appId);
  if (isWorkflowMode(app.mode)) {
    const row = options.workflowId ? await workflowVersion(ctx, appId, options.workflowId) : await findDraft(ctx, appId);
    if (!row) throw new KilnError("not_found", 404, "Workflow not found.");
    const content = contentOf(row);
    const environment = await openEnvironment(ctx, content.environment_variables, options.includeSecret ? "reveal" : "blank");
    return toWorkflowDsl(app, { ...content, environment_variables: environment }, CURRENT_DSL_VERSION);
  }
  const { config } = await getDraftConfig(ctx, appId);
  return toDsl(app, await withAnnotationReply(ctx, appId, config));
}

async function workflowVersion(ctx: TenantCtx, appId: string, workflowId: string): Promise<WorkflowRow | undefined> {
  await getWorkflowApp(ctx, appId);
  return ctx.db
    .select()
    .from(workflows)
    .where(and(eq(workflows.id, workflowId), eq(workflows.appId, appId), eq(workflows.workspaceId, ctx.workspace.id)))
    .get();
}
