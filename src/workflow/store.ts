// The workflows of an app: the draft the editor syncs (guarded by its content hash), publishing
// it as a new version (only when the graph validates), the published versions and restoring one
// into the draft. Only this folder touches the `workflows` table.
import { and, desc, eq, ne } from "drizzle-orm";
import { type AppRow, getApp, publishStatements } from "../apps/apps";
import { cachedForApp, forgetApp } from "../apps/app-cache";
import { assertCan } from "../auth/roles";
import type { TenantCtx, WorkspaceCtx } from "../context";
import { WORKFLOW_DRAFT, workflows } from "../db/schema";
import { Invalid, KilnError, NotFound } from "../lib/errors";
import { checkWorkflow } from "./check";
import {
  type ConversationVariable,
  contentHash,
  defaultGraph,
  type EnvironmentVariable,
  isWorkflowMode,
  MAX_GRAPH_CHARS,
  normalizeVariables,
  openEnvironment,
  sealEnvironment,
  type WorkflowContent,
  workflowTypeOf,
} from "./content";
import type { Graph } from "./graph";
import { publishTriggerStatements } from "./triggers";
import type { WorkflowMode } from "./validate";

export type WorkflowRow = typeof workflows.$inferSelect;
const sec = (ms: number) => Math.floor(ms / 1000);

/** A stored version's content, parsed (secret values still encrypted). */
export function contentOf(row: WorkflowRow) {
  return {
    graph: JSON.parse(row.graph) as Graph,
    features: JSON.parse(row.features) as Record<string, unknown>,
    environment_variables: JSON.parse(row.environmentVariables) as EnvironmentVariable[],
    conversation_variables: JSON.parse(row.conversationVariables) as ConversationVariable[],
  };
}

/** Dify's workflow view; secret environment values are masked. */
export async function workflowView(ctx: TenantCtx, row: WorkflowRow) {
  const c = contentOf(row);
  return {
    id: row.id,
    graph: c.graph,
    features: c.features,
    hash: row.hash,
    version: row.version,
    marked_name: row.markedName,
    marked_comment: row.markedComment,
    environment_variables: await openEnvironment(ctx, c.environment_variables, "mask"),
    conversation_variables: c.conversation_variables,
    created_by: row.createdBy ? { id: row.createdBy } : null,
    created_at: sec(row.createdAt),
    updated_by: row.updatedBy ? { id: row.updatedBy } : null,
    updated_at: sec(row.updatedAt),
  };
}

/** The app, which must be a workflow or chatflow app. */
export async function getWorkflowApp(ctx: TenantCtx, appId: string): Promise<AppRow & { mode: WorkflowMode }> {
  return asWorkflowApp(await getApp(ctx, appId));
}

/** The app, if it is a workflow or chatflow app (else `app_unavailable`, as Dify answers). */
export function asWorkflowApp(app: AppRow): AppRow & { mode: WorkflowMode } {
  if (!isWorkflowMode(app.mode)) {
    throw new KilnError("app_unavailable", 400, `App unavailable: a ${app.mode} app has no workflow; use a workflow or chatflow app.`);
  }
  return app as AppRow & { mode: WorkflowMode };
}

/** Stored columns for a content (secrets sealed against `previous`), with its hash. */
async function columnsOf(ctx: TenantCtx, content: WorkflowContent, previous?: EnvironmentVariable[]) {
  const environment = await sealEnvironment(ctx, content.environment_variables, previous);
  const conversation = normalizeVariables(content.conversation_variables, "conversation");
  const graph = JSON.stringify(content.graph);
  if (graph.length > MAX_GRAPH_CHARS) throw Invalid(`graph: larger than ${MAX_GRAPH_CHARS} characters`, ["graph"]);
  const stored = { graph: content.graph, features: content.features, environment_variables: environment, conversation_variables: conversation };
  return {
    graph,
    features: JSON.stringify(content.features),
    environmentVariables: JSON.stringify(environment),
    conversationVariables: JSON.stringify(conversation),
    hash: await contentHash(stored),
  };
}

/**
 * The insert of a new app's draft (from a DSL file, a copy, or the default graph), for the app's
 * creation batch. Wrapped in an object: a query builder is thenable, and returning it from an
 * async function would run it.
 */
export async function newDraftStatement(ctx: WorkspaceCtx, appId: string, mode: WorkflowMode, content?: WorkflowContent) {
  const now = ctx.now();
  const initial = content ?? { graph: await defaultGraph(ctx, mode), features: {}, environment_variables: [], conversation_variables: [] };
  const insert = ctx.db.insert(workflows).values({
    id: ctx.newId(),
    workspaceId: ctx.workspace.id,
    appId,
    type: workflowTypeOf(mode),
    version: WORKFLOW_DRAFT,
    ...(await columnsOf(ctx, initial)),
    createdBy: ctx.actor.accountId,
    createdAt: now,
    updatedBy: ctx.actor.accountId,
    updatedAt: now,
  });
  return { insert };
}

export async function findDraft(ctx: TenantCtx, appId: string): Promise<WorkflowRow | undefined> {
  return ctx.db
    .select()
    .from(workflows)
    .where(and(eq(workflows.appId, appId), eq(workflows.workspaceId, ctx.workspace.id), eq(workflows.version, WORKFLOW_DRAFT)))
    .get();
}

/** The draft's content with secrets in clear, to be sealed again for a copy of the app. */
export async function draftContentForCopy(ctx: TenantCtx, appId: string): Promise<WorkflowContent | undefined> {
  const draft = await findDraft(ctx, appId);
  if (!draft) return undefined;
  const c = contentOf(draft);
  return { ...c, environment_variables: await openEnvironment(ctx, c.environment_variables, "reveal") };
}

export async function getDraft(ctx: TenantCtx, appId: string): Promise<WorkflowRow> {
  await getWorkflowApp(ctx, appId);
  const row = await findDraft(ctx, appId);
  if (!row) throw new KilnError("not_found", 404, "Draft workflow not found: sync one first.");
  return row;
}

/** Saves the editor's draft. A `hash` that is not the stored draft's means someone else saved
 * in between: refused with `draft_workflow_not_sync` rather than overwriting their work. */
export async function syncDraft(ctx: WorkspaceCtx, appId: string, content: WorkflowContent, hash?: string | null) {
  assertCan(ctx.workspace.role, "app_edit");
  const app = await getWorkflowApp(ctx, appId);
  const draft = await findDraft(ctx, appId);
  if (draft && hash && hash !== draft.hash) {
    throw new KilnError("draft_workflow_not_sync", 400, "Workflow not in sync: someone else saved the draft; reload it before saving.");
  }
  const now = ctx.now();
  const columns = await columnsOf(ctx, content, draft ? contentOf(draft).environment_variables : []);
  if (draft) {
    // The stored hash is part of the condition, so two syncs racing on one hash cannot both land.
    const updated = await ctx.db
      .update(workflows)
      .set({ ...columns, updatedBy: ctx.actor.accountId, updatedAt: now })
      .where(and(eq(workflows.id, draft.id), eq(workflows.hash, draft.hash)))
      .returning({ id: workflows.id })
      .get();
    if (!updated) throw new KilnError("draft_workflow_not_sync", 400, "Workflow not in sync: someone else saved the draft; reload it before saving.");
  } else {
    await ctx.db.insert(workflows).values({
      id: ctx.newId(),
      workspaceId: ctx.workspace.id,
      appId,
      type: workflowTypeOf(app.mode),
      version: WORKFLOW_DRAFT,
      ...columns,
      createdBy: ctx.actor.accountId,
      createdAt: now,
      updatedBy: ctx.actor.accountId,
      updatedAt: now,
    });
  }
  return { result: "success" as const, hash: columns.hash, updated_at: sec(now) };
}

/** Dify's version string: the publish time in UTC with microseconds. */
const versionAt = (ms: number) => `${new Date(ms).toISOString().replace("T", " ").replace("Z", "")}000`;

/** Publishes the draft as a new version if its graph validates; every problem is listed otherwise. */
export async function publishWorkflow(ctx: WorkspaceCtx, appId: string, mark: { marked_name?: string; marked_comment?: string }) {
  assertCan(ctx.workspace.role, "app_edit");
  const app = await getWorkflowApp(ctx, appId);
  const draft = await getDraft(ctx, appId);
  const content = contentOf(draft);
  const problems = checkWorkflow(content, app.mode);
  if (problems.length) {
    const list = problems.map((p) => `${p.node_id ?? "graph"} ${p.field}: ${p.message}`);
    throw new KilnError("invalid_param", 400, `The workflow cannot be published: ${list.join("; ")}`, {
      params: problems.map((p) => (p.node_id ? `${p.node_id}.${p.field}` : p.field)),
    });
  }
  const now = ctx.now();
  const id = ctx.newId();
  try {
    await ctx.db.batch([
      ctx.db.insert(workflows).values({
        ...draft,
        id,
        version: versionAt(now),
        markedName: mark.marked_name ?? "",
        markedComment: mark.marked_comment ?? "",
        createdBy: ctx.actor.accountId,
        createdAt: now,
        updatedBy: ctx.actor.accountId,
        updatedAt: now,
      }),
      // The app's published pointer moves with it, so the API and WebApp serve the app at once.
      ...(await publishStatements(ctx, appId, mark, now)),
      // Its webhooks and schedules become the published graph's.
      ...publishTriggerStatements(ctx, appId, content.graph),
    ]);
  } catch (err) {
    if (String(err).includes("UNIQUE")) throw new KilnError("conflict", 409, "Another publish of this app happened at the same time; try again.");
    throw err;
  }
  forgetApp(appId);
  return { result: "success" as const, created_at: sec(now), id };
}

/** The version API runs use: the latest published one. */
export async function findPublished(ctx: TenantCtx, appId: string): Promise<WorkflowRow | undefined> {
  return ctx.db
    .select()
    .from(workflows)
    .where(and(eq(workflows.appId, appId), eq(workflows.workspaceId, ctx.workspace.id), ne(workflows.version, WORKFLOW_DRAFT)))
    .orderBy(desc(workflows.createdAt), desc(workflows.version))
    .limit(1)
    .get();
}

export async function getPublished(ctx: TenantCtx, appId: string): Promise<WorkflowRow> {
  const row = await findPublished(ctx, appId);
  if (!row) throw new KilnError("app_unavailable", 400, "App unavailable, please check your app configurations: the workflow has not been published yet.");
  return row;
}

/**
 * The published workflow, parsed, from the per-isolate cache API callers' apps live in: a run or
 * a `/parameters` read starts without a D1 read. A publish evicts it in this isolate (forgetApp);
 * others see it within the cache's few seconds, like the app itself. The parsed graph is shared
 * by its readers and never changed.
 */
export function cachedPublished(ctx: TenantCtx, appId: string) {
  return cachedForApp(`workflow:${appId}`, ctx, async () => {
    const row = await getPublished(ctx, appId);
    return { appId, value: { row, content: contentOf(row) } };
  });
}

const UUID = /^\{?(urn:uuid:)?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i;

/**
 * One published version by id, for `POST /workflows/:workflow_id/run` (Dify's
 * get_published_workflow_by_id): a malformed id or the draft is 400 `bad_request`, an unknown id
 * 404. A version never changes once published, so it is cached per isolate like the latest one.
 */
export function cachedPublishedVersion(ctx: TenantCtx, appId: string, workflowId: string) {
  if (!UUID.test(workflowId)) throw new KilnError("bad_request", 400, `Invalid workflow_id format: '${workflowId}'.`);
  return cachedForApp(`workflow-version:${appId}:${workflowId}`, ctx, async () => {
    const row = await ctx.db
      .select()
      .from(workflows)
      .where(and(eq(workflows.id, workflowId), eq(workflows.appId, appId), eq(workflows.workspaceId, ctx.workspace.id)))
      .get();
    if (!row) throw new KilnError("not_found", 404, `Workflow not found with id: ${workflowId}`);
    if (row.version === WORKFLOW_DRAFT) {
      throw new KilnError(
        "bad_request",
        400,
        `Cannot use draft workflow version. Workflow ID: ${workflowId}. Please use a published workflow version or leave workflow_id empty.`,
      );
    }
    return { appId, value: { row, content: contentOf(row) } };
  });
}

export async function listPublished(ctx: TenantCtx, appId: string, page: { page: number; limit: number }) {
  await getWorkflowApp(ctx, appId);
  const rows = await ctx.db
    .select()
    .from(workflows)
    .where(and(eq(workflows.appId, appId), eq(workflows.workspaceId, ctx.workspace.id), ne(workflows.version, WORKFLOW_DRAFT)))
    .orderBy(desc(workflows.createdAt), desc(workflows.version))
    .limit(page.limit + 1)
    .offset((page.page - 1) * page.limit)
    .all();
  const items = await Promise.all(rows.slice(0, page.limit).map((r) => workflowView(ctx, r)));
  return { items, page: page.page, limit: page.limit, has_more: rows.length > page.limit };
}

/** Copies a published version into the draft (publish again to serve it). */
export async function restoreWorkflow(ctx: WorkspaceCtx, appId: string, workflowId: string) {
  assertCan(ctx.workspace.role, "app_edit");
  await getWorkflowApp(ctx, appId);
  const row = await ctx.db
    .select()
    .from(workflows)
    .where(and(eq(workflows.id, workflowId), eq(workflows.appId, appId), eq(workflows.workspaceId, ctx.workspace.id), ne(workflows.version, WORKFLOW_DRAFT)))
    .get();
  if (!row) throw NotFound("Workflow version");
  const now = ctx.now();
  const set = { graph: row.graph, features: row.features, environmentVariables: row.environmentVariables, conversationVariables: row.conversationVariables, hash: row.hash };
  const updated = await ctx.db
    .update(workflows)
    .set({ ...set, updatedBy: ctx.actor.accountId, updatedAt: now })
    .where(and(eq(workflows.appId, appId), eq(workflows.version, WORKFLOW_DRAFT)))
    .returning({ id: workflows.id })
    .get();
  if (!updated) throw new KilnError("not_found", 404, "Draft workflow not found: sync one first.");
  return { result: "success" as const, hash: row.hash, updated_at: sec(now) };
}
