// Apps of a workspace: create, list, read, update, duplicate, delete; the draft config the prompt
// IDE edits; publishing numbered versions (the API and WebApp serve only the published one);
// version history with restore; the public site settings.
import { and, desc, eq, like, sql } from "drizzle-orm";
import { dropAppAnnotationVectors } from "../annotations/annotations";
import type { TenantCtx, WorkspaceCtx } from "../context";
import {
  type AppMode,
  apiKeys,
  appConfigs,
  apps,
  conversations,
  endUsers,
  messageFeedbacks,
  messages,
  uploadFiles,
  workflowConversationVariables,
  workflowNodeExecutions,
  workflowRuns,
  workflows,
} from "../db/schema";
import { Invalid, KilnError, NotFound } from "../lib/errors";
import { randomString } from "../lib/ids";
import { offsetOf, pageOf } from "../lib/pagination";
import { assertCan } from "../auth/roles";
import { resolveDefaultModel } from "../models/registry";
import { isWorkflowMode, type WorkflowContent } from "../workflow/content";
import { draftContentForCopy, newDraftStatement } from "../workflow/store";
import { forgetApp } from "./app-cache";
import { dslDependencies, type PluginDependency } from "./dsl-dependencies";
import { type ModelConfig, modelConfigSchema } from "./model-config";

export type AppRow = typeof apps.$inferSelect;
type ConfigRow = typeof appConfigs.$inferSelect;

export const EASY_MODES: AppMode[] = ["chat", "completion"];
/** Modes an app can be created in: the easy-UI ones, agents and the workflow ones. */
const CREATABLE_MODES: AppMode[] = [...EASY_MODES, "agent-chat", "workflow", "advanced-chat"];
const sec = (ms: number) => Math.floor(ms / 1000);

export function appView(a: AppRow) {
  return {
    id: a.id,
    name: a.name,
    mode: a.mode,
    description: a.description,
    icon_type: a.iconType,
    icon: a.icon,
    icon_background: a.iconBackground,
    enable_site: a.enableSite,
    enable_api: a.enableApi,
    is_published: a.publishedConfigId !== null,
    site: {
      code: a.siteCode,
      title: a.siteTitle ?? a.name,
      description: a.siteDescription ?? a.description,
      copyright: a.siteCopyright,
      privacy_policy: a.sitePrivacyPolicy,
      default_language: a.siteDefaultLanguage,
      icon_type: a.iconType,
      icon: a.icon,
      icon_background: a.iconBackground,
    },
    created_at: sec(a.createdAt),
    updated_at: sec(a.updatedAt),
  };
}

export function configVersionView(c: ConfigRow) {
  return {
    id: c.id,
    version: c.version,
    marked_name: c.markedName,
    marked_comment: c.markedComment,
    created_by: c.createdBy,
    created_at: sec(c.createdAt),
  };
}

export async function getApp(ctx: TenantCtx, appId: string): Promise<AppRow> {
  const a = await ctx.db
    .select()
    .from(apps)
    .where(and(eq(apps.id, appId), eq(apps.workspaceId, ctx.workspace.id)))
    .get();
  if (!a) throw NotFound("App");
  return a;
}

export async function listApps(
  ctx: WorkspaceCtx,
  opts: { page: number; limit: number; mode?: AppMode; name?: string },
) {
  const conditions = [eq(apps.workspaceId, ctx.workspace.id)];
  if (opts.mode) conditions.push(eq(apps.mode, opts.mode));
  if (opts.name) conditions.push(like(apps.name, `%${opts.name.replace(/[%_]/g, "")}%`));
  const where = and(...conditions);
  const [rows, total] = await Promise.all([
    ctx.db
      .select()
      .from(apps)
      .where(where)
      .orderBy(desc(apps.updatedAt))
      .limit(opts.limit)
      .offset(offsetOf(opts))
      .all(),
    ctx.db.select({ n: sql<number>`count(*)` }).from(apps).where(where).get(),
  ]);
  return pageOf(opts, total?.n ?? 0, rows.map(appView));
}

export interface NewApp {
  name: string;
  mode: AppMode;
  description?: string;
  icon_type?: "emoji" | "image";
  icon?: string;
  icon_background?: string;
  /** The Dify plugins a DSL import listed (not settable through the console API). */
  dependencies?: PluginDependency[];
}

/**
 * Creates an app with its draft config (from a DSL import, a copy, or the workspace default model);
 * a workflow or chatflow app also gets its draft workflow (`workflow`, or Dify's default graph).
 */
export async function createApp(ctx: WorkspaceCtx, input: NewApp, config?: ModelConfig, workflow?: WorkflowContent): Promise<AppRow> {
  assertCan(ctx.workspace.role, "app_edit");
  if (!CREATABLE_MODES.includes(input.mode)) {
    throw Invalid(`mode: ${input.mode} apps are not available yet; create a chat, agent-chat, completion, workflow or advanced-chat app`, ["mode"]);
  }
  const now = ctx.now();
  const id = ctx.newId();
  const draft = config ?? (await defaultConfig(ctx, input.mode));
  const row: AppRow = {
    id,
    workspaceId: ctx.workspace.id,
    name: input.name,
    mode: input.mode,
    description: input.description ?? "",
    iconType: input.icon_type ?? "emoji",
    icon: input.icon ?? "🤖",
    iconBackground: input.icon_background ?? "#FFEAD5",
    enableSite: true,
    enableApi: true,
    publishedConfigId: null,
    siteCode: randomString(16),
    siteTitle: null,
    siteDescription: null,
    siteCopyright: null,
    sitePrivacyPolicy: null,
    siteDefaultLanguage: "en-US",
    dslDependencies: JSON.stringify(input.dependencies ?? []),
    createdBy: ctx.actor.accountId,
    createdAt: now,
    updatedAt: now,
  };
  const workflowDraft = isWorkflowMode(input.mode) ? await newDraftStatement(ctx, id, input.mode, workflow) : null;
  await ctx.db.batch([
    ctx.db.insert(apps).values(row),
    ctx.db.insert(appConfigs).values({
      id: ctx.newId(),
      appId: id,
      workspaceId: ctx.workspace.id,
      version: 0,
      config: JSON.stringify(draft),
      createdBy: ctx.actor.accountId,
      createdAt: now,
      updatedAt: now,
    }),
    ...(workflowDraft ? [workflowDraft.insert] : []),
  ]);
  return row;
}

async function defaultConfig(ctx: WorkspaceCtx, mode: AppMode): Promise<ModelConfig> {
  const model = await resolveDefaultModel(ctx, "llm");
  // A new agent starts with no tools and lets the model decide the strategy (strategy null).
  const agent = mode === "agent-chat" ? { agent_mode: { enabled: true, strategy: null, max_iteration: 5, tools: [] } } : {};
  return modelConfigSchema.parse({ model: { provider: model.provider, name: model.model }, ...agent });
}

export async function updateApp(
  ctx: WorkspaceCtx,
  appId: string,
  patch: Partial<NewApp> & {
    enable_site?: boolean;
    enable_api?: boolean;
    site?: { title?: string; description?: string; copyright?: string | null; privacy_policy?: string | null; default_language?: string };
  },
): Promise<AppRow> {
  assertCan(ctx.workspace.role, "app_edit");
  const a = await getApp(ctx, appId);
  const set: Partial<AppRow> = { updatedAt: ctx.now() };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.icon_type !== undefined) set.iconType = patch.icon_type;
  if (patch.icon !== undefined) set.icon = patch.icon;
  if (patch.icon_background !== undefined) set.iconBackground = patch.icon_background;
  if (patch.enable_site !== undefined) set.enableSite = patch.enable_site;
  if (patch.enable_api !== undefined) set.enableApi = patch.enable_api;
  if (patch.site) {
    if (patch.site.title !== undefined) set.siteTitle = patch.site.title;
    if (patch.site.description !== undefined) set.siteDescription = patch.site.description;
    if (patch.site.copyright !== undefined) set.siteCopyright = patch.site.copyright;
    if (patch.site.privacy_policy !== undefined) set.sitePrivacyPolicy = patch.site.privacy_policy;
    if (patch.site.default_language !== undefined) set.siteDefaultLanguage = patch.site.default_language;
  }
  await ctx.db.update(apps).set(set).where(eq(apps.id, a.id));
  forgetApp(a.id);
  return { ...a, ...set };
}

export async function deleteApp(ctx: WorkspaceCtx, appId: string) {
  assertCan(ctx.workspace.role, "app_edit");
  const a = await getApp(ctx, appId);
  // Everything the app owns goes with it, in one batch: keys, feedback, messages, conversations,
  // end users, uploaded files, versions. (Query builders, not db.run(sql`…`): drizzle's D1 batch
  // cannot bind the parameters of raw SQL.)
  const files = await ctx.db.select({ key: uploadFiles.storageKey }).from(uploadFiles).where(eq(uploadFiles.appId, a.id)).all();
  // Paused runs whose state was too big for their row keep it in R2 (workflow/runs.ts).
  const pausedStates = await ctx.db
    .select({ state: workflowRuns.pausedState })
    .from(workflowRuns)
    .where(and(eq(workflowRuns.appId, a.id), like(workflowRuns.pausedState, "r2:%")))
    .all();
  for (const p of pausedStates) if (p.state) files.push({ key: p.state.slice("r2:".length) });
  // Annotation vectors first (idempotent): if this fails the app is still whole and the delete can
  // be retried; its annotation, statistics and setting rows go with the app by foreign key.
  await dropAppAnnotationVectors(ctx, a.id);
  await ctx.db.batch([
    ctx.db.delete(apiKeys).where(eq(apiKeys.appId, a.id)),
    ctx.db.delete(uploadFiles).where(eq(uploadFiles.appId, a.id)),
    ctx.db.delete(messageFeedbacks).where(eq(messageFeedbacks.appId, a.id)),
    ctx.db.delete(messages).where(eq(messages.appId, a.id)),
    ctx.db.delete(conversations).where(eq(conversations.appId, a.id)),
    ctx.db.delete(endUsers).where(eq(endUsers.appId, a.id)),
    ctx.db.delete(workflowNodeExecutions).where(eq(workflowNodeExecutions.appId, a.id)),
    ctx.db.delete(workflowRuns).where(eq(workflowRuns.appId, a.id)),
    ctx.db.delete(workflowConversationVariables).where(eq(workflowConversationVariables.appId, a.id)),
    ctx.db.delete(workflows).where(eq(workflows.appId, a.id)),
    ctx.db.delete(appConfigs).where(eq(appConfigs.appId, a.id)),
    ctx.db.delete(apps).where(eq(apps.id, a.id)),
  ]);
  forgetApp(a.id);
  // R2 deletes take at most 1,000 keys a call; the rows are gone already, so a failure here
  // leaves only unreachable bytes, logged.
  for (let i = 0; i < files.length; i += 1000) {
    const keys = files.slice(i, i + 1000).map((f) => f.key);
    ctx.waitUntil(ctx.env.FILES.delete(keys).catch((err) => ctx.log.warn("app files not deleted", { appId: a.id, error: String(err) })));
  }
}

export async function duplicateApp(ctx: WorkspaceCtx, appId: string, input: Partial<NewApp>) {
  const a = await getApp(ctx, appId);
  const draft = await getDraftConfig(ctx, appId);
  // The copy gets the draft workflow, secrets in clear so they are sealed again for the copy.
  const workflow = isWorkflowMode(a.mode) ? await draftContentForCopy(ctx, appId) : undefined;
  return createApp(
    ctx,
    {
      name: input.name ?? `${a.name} (copy)`,
      mode: a.mode,
      description: input.description ?? a.description,
      icon_type: input.icon_type ?? a.iconType,
      icon: input.icon ?? a.icon,
      icon_background: input.icon_background ?? a.iconBackground,
      dependencies: dslDependencies(JSON.parse(a.dslDependencies)),
    },
    draft.config,
    workflow,
  );
}

function parseConfig(row: ConfigRow): ModelConfig {
  return modelConfigSchema.parse(JSON.parse(row.config));
}

export async function getDraftConfig(ctx: TenantCtx, appId: string) {
  const row = await ctx.db
    .select()
    .from(appConfigs)
    .where(and(eq(appConfigs.appId, appId), eq(appConfigs.workspaceId, ctx.workspace.id), eq(appConfigs.version, 0)))
    .get();
  if (!row) throw NotFound("App");
  return { config: parseConfig(row), updated_at: sec(row.updatedAt) };
}

export async function saveDraftConfig(ctx: WorkspaceCtx, appId: string, config: ModelConfig) {
  assertCan(ctx.workspace.role, "app_edit");
  await getApp(ctx, appId);
  const now = ctx.now();
  await ctx.db
    .update(appConfigs)
    .set({ config: JSON.stringify(config), updatedAt: now })
    .where(and(eq(appConfigs.appId, appId), eq(appConfigs.version, 0)));
  await ctx.db.update(apps).set({ updatedAt: now }).where(eq(apps.id, appId));
  return { config, updated_at: sec(now) };
}

/** Freezes the draft as the next version and makes it the one the API and WebApp serve. */
export async function publishApp(ctx: WorkspaceCtx, appId: string, mark: { marked_name?: string; marked_comment?: string }) {
  assertCan(ctx.workspace.role, "app_edit");
  await getApp(ctx, appId);
  const draft = await getDraftConfig(ctx, appId);
  const now = ctx.now();
  const { id, statements } = configPublishStatements(ctx, appId, draft.config, mark, now);
  try {
    await ctx.db.batch(statements);
  } catch (err) {
    if (String(err).includes("UNIQUE")) throw new KilnError("conflict", 409, "Another publish of this app happened at the same time; try again.");
    throw err;
  }
  forgetApp(appId);
  const row = await ctx.db.select().from(appConfigs).where(eq(appConfigs.id, id)).get();
  return configVersionView(row!);
}

/** The two writes of a publish: the draft config frozen as the next version, and the app pointing at it. */
function configPublishStatements(
  ctx: WorkspaceCtx,
  appId: string,
  config: ModelConfig,
  mark: { marked_name?: string; marked_comment?: string },
  now: number,
) {
  const id = ctx.newId();
  const insert = ctx.db.insert(appConfigs).values({
    id,
    appId,
    workspaceId: ctx.workspace.id,
    // Numbered in the same statement, so two publishes cannot take one number (the unique
    // index turns a race into a 409).
    version: sql`(SELECT COALESCE(MAX(version), 0) + 1 FROM app_configs WHERE app_id = ${appId})`,
    config: JSON.stringify(config),
    markedName: mark.marked_name ?? null,
    markedComment: mark.marked_comment ?? null,
    createdBy: ctx.actor.accountId,
    createdAt: now,
    updatedAt: now,
  });
  const point = ctx.db.update(apps).set({ publishedConfigId: id, updatedAt: now }).where(eq(apps.id, appId));
  return { id, statements: [insert, point] as const };
}

/** A workflow publish moves the app's published pointer too (the API key gate and is_published read it). */
export async function publishStatements(ctx: WorkspaceCtx, appId: string, mark: { marked_name?: string; marked_comment?: string }, now: number) {
  const draft = await getDraftConfig(ctx, appId);
  return configPublishStatements(ctx, appId, draft.config, mark, now).statements;
}

export async function listVersions(ctx: WorkspaceCtx, appId: string) {
  const a = await getApp(ctx, appId);
  const rows = await ctx.db
    .select()
    .from(appConfigs)
    .where(and(eq(appConfigs.appId, appId), sql`${appConfigs.version} > 0`))
    .orderBy(desc(appConfigs.version))
    .all();
  return rows.map((r) => ({ ...configVersionView(r), is_current: r.id === a.publishedConfigId, config: parseConfig(r) }));
}

/** Copies a published version back into the draft (publish again to serve it). */
export async function restoreVersion(ctx: WorkspaceCtx, appId: string, versionId: string) {
  assertCan(ctx.workspace.role, "app_edit");
  await getApp(ctx, appId);
  const row = await ctx.db
    .select()
    .from(appConfigs)
    .where(and(eq(appConfigs.id, versionId), eq(appConfigs.appId, appId), sql`${appConfigs.version} > 0`))
    .get();
  if (!row) throw NotFound("Version");
  return saveDraftConfig(ctx, appId, parseConfig(row));
}

/** The published config the API and WebApp run; `app_unavailable` until the first publish. */
export async function getPublishedConfig(ctx: TenantCtx, app: AppRow) {
  if (!app.publishedConfigId) return publishedConfigOf(app, null);
  return publishedConfigOf(app, await ctx.db.select().from(appConfigs).where(eq(appConfigs.id, app.publishedConfigId)).get());
}

/** The app's published config from its row (null: not found), or why the app cannot serve. */
export function publishedConfigOf(app: AppRow, row: ConfigRow | null | undefined) {
  if (!app.publishedConfigId) {
    throw new KilnError("app_unavailable", 400, "App unavailable, please check your app configurations: it has not been published yet.");
  }
  if (!row) throw new KilnError("app_unavailable", 400, "App unavailable, please check your app configurations.");
  return { config: parseConfig(row), version: row.version };
}
