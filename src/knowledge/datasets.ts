// Knowledge bases of a workspace: create, list, read, update, delete, in Dify's dataset shape.
// Visibility follows Dify: `only_me` datasets are seen by their creator and the workspace owner;
// dataset API keys (no actor) see every dataset of their workspace.
import { and, desc, eq, inArray, like, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { TenantCtx } from "../context";
import { appConfigs, apps, datasets, documents, tagBindings } from "../db/schema";
import { DATASET_PERMISSIONS, INDEXING_TECHNIQUES } from "../db/knowledge";
import { forgetApp } from "../apps/app-cache";
import { Conflict, Forbidden, Invalid, NotFound } from "../lib/errors";
import { offsetOf, pageOf, type Page } from "../lib/pagination";
import { assertModelExists, parseModelName, resolveDefaultModel } from "../models/registry";
import { purgeDocuments } from "./purge";
import { type RetrievalModel, retrievalModelSchema } from "./retrieval-model";
import { type DatasetTag, datasetIdsWithTags, tagsOfDatasets } from "./tags";

export type DatasetRow = typeof datasets.$inferSelect;
/** drizzle wraps D1's error: the constraint's name is in `cause`. */
const isUniqueViolation = (e: unknown) => /UNIQUE/.test(`${(e as Error)?.message} ${(e as { cause?: unknown })?.cause}`);
const duplicateName = () => Conflict("The dataset name already exists. Please modify your dataset name.", "dataset_name_duplicate");
const sec = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));

export const datasetInputSchema = z.object({
  name: z.string().trim().min(1).max(40),
  description: z.string().max(400).optional(),
  indexing_technique: z.enum(INDEXING_TECHNIQUES).nullish(),
  permission: z.enum(DATASET_PERMISSIONS).optional(),
  embedding_model: z.string().max(200).nullish(),
  embedding_model_provider: z.string().max(200).nullish(),
  retrieval_model: retrievalModelSchema.nullish(),
});
export type DatasetInput = z.infer<typeof datasetInputSchema>;
export const datasetPatchSchema = datasetInputSchema.partial();

const actorOf = (ctx: TenantCtx) => ("actor" in ctx ? (ctx.actor as { accountId: string }) : null);

function isVisible(ctx: TenantCtx, d: DatasetRow): boolean {
  const actor = actorOf(ctx);
  if (!actor || d.permission === "all_team_members") return true;
  return d.createdBy === actor.accountId || ctx.workspace.role === "owner";
}

export function defaultRetrievalModel(technique: DatasetRow["indexingTechnique"]): RetrievalModel {
  return {
    search_method: technique === "economy" ? "keyword_search" : "semantic_search",
    reranking_enable: false,
    reranking_mode: null,
    reranking_model: { reranking_provider_name: "", reranking_model_name: "" },
    weights: null,
    top_k: 4,
    score_threshold_enabled: false,
    score_threshold: null,
  };
}

export function retrievalModelOf(d: DatasetRow): RetrievalModel {
  return d.retrievalModel ? JSON.parse(d.retrievalModel) : defaultRetrievalModel(d.indexingTechnique);
}

/** The app-cache group of a dataset's row (the Knowledge API gate caches it); evicted on every write. */
export const datasetCacheGroup = (id: string) => `dataset:${id}`;
export const forgetDataset = (id: string) => forgetApp(datasetCacheGroup(id));

export async function getDataset(ctx: TenantCtx, id: string): Promise<DatasetRow> {
  const row = await ctx.db
    .select()
    .from(datasets)
    .where(and(eq(datasets.id, id), eq(datasets.workspaceId, ctx.workspace.id)))
    .get();
  // Dify answers 404 "Dataset not found." for a foreign or hidden dataset alike.
  if (!row || !isVisible(ctx, row)) throw NotFound("Dataset");
  return row;
}

async function resolveEmbedding(ctx: TenantCtx, input: Pick<DatasetInput, "embedding_model" | "embedding_model_provider">) {
  if (input.embedding_model) {
    const ref = input.embedding_model_provider
      ? { provider: input.embedding_model_provider, model: input.embedding_model }
      : parseModelName(input.embedding_model);
    await assertModelExists(ctx, ref, "text-embedding");
    return ref;
  }
  const ref = await resolveDefaultModel(ctx, "text-embedding");
  return { provider: ref.provider, model: ref.model };
}

export async function createDataset(ctx: TenantCtx, input: DatasetInput, createdBy: string | null): Promise<DatasetRow> {
  const now = ctx.now();
  const technique = input.indexing_technique ?? null;
  const embedding = technique === "economy" ? null : await resolveEmbedding(ctx, input);
  const row: DatasetRow = {
    id: ctx.newId(),
    workspaceId: ctx.workspace.id,
    name: input.name,
    description: input.description ?? "",
    permission: input.permission ?? "only_me",
    indexingTechnique: technique,
    embeddingProvider: embedding?.provider ?? null,
    embeddingModel: embedding?.model ?? null,
    retrievalModel: input.retrieval_model ? JSON.stringify(input.retrieval_model) : null,
    processRule: null,
    docForm: "text_model",
    enableApi: true,
    builtInFieldEnabled: false,
    createdBy,
    updatedBy: createdBy,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ctx.db.insert(datasets).values(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName();
    throw e;
  }
  return row;
}

export async function updateDataset(
  ctx: TenantCtx,
  id: string,
  patch: z.infer<typeof datasetPatchSchema>,
  updatedBy: string | null,
): Promise<DatasetRow> {
  const current = await getDataset(ctx, id);
  const actor = actorOf(ctx);
  // Only the creator or the owner may widen or narrow who sees a dataset.
  if (patch.permission && actor && current.createdBy !== actor.accountId && ctx.workspace.role !== "owner") {
    throw Forbidden("Only the creator of this knowledge base can change its permission.");
  }
  const set: Partial<DatasetRow> = { updatedAt: ctx.now(), updatedBy };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.permission !== undefined) set.permission = patch.permission;
  if (patch.retrieval_model) set.retrievalModel = JSON.stringify(patch.retrieval_model);
  if (patch.indexing_technique && patch.indexing_technique !== current.indexingTechnique) {
    if (current.indexingTechnique) {
      const docCount = await countDocuments(ctx, id);
      if (docCount > 0) throw Invalid("The index mode cannot change once documents are indexed; create a new knowledge base.");
    }
    set.indexingTechnique = patch.indexing_technique;
  }
  if (patch.embedding_model || set.indexingTechnique === "high_quality") {
    if (current.embeddingModel && (await countDocuments(ctx, id)) > 0 && patch.embedding_model) {
      throw Invalid("The embedding model cannot change once documents are indexed.");
    }
    const ref = await resolveEmbedding(ctx, patch);
    set.embeddingProvider = ref.provider;
    set.embeddingModel = ref.model;
  }
  try {
    await ctx.db.update(datasets).set(set).where(eq(datasets.id, id));
    forgetDataset(id);
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName();
    throw e;
  }
  return { ...current, ...set };
}

/** The first document fixes an unset index mode (Dify lets the first upload choose it). */
export async function ensureIndexingTechnique(
  ctx: TenantCtx,
  d: DatasetRow,
  requested: DatasetRow["indexingTechnique"] | undefined,
): Promise<DatasetRow> {
  if (d.indexingTechnique) return d;
  if (!requested) throw Invalid("indexing_technique is required.", ["indexing_technique"]);
  const embedding = requested === "high_quality" ? await resolveEmbedding(ctx, {}) : null;
  const set = {
    indexingTechnique: requested,
    embeddingProvider: d.embeddingProvider ?? embedding?.provider ?? null,
    embeddingModel: d.embeddingModel ?? embedding?.model ?? null,
  };
  await ctx.db.update(datasets).set(set).where(eq(datasets.id, d.id));
  forgetDataset(d.id);
  return { ...d, ...set };
}

async function countDocuments(ctx: TenantCtx, datasetId: string) {
  const row = await ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(documents)
    .where(eq(documents.datasetId, datasetId))
    .get();
  return row?.n ?? 0;
}

export async function deleteDataset(ctx: TenantCtx, id: string): Promise<void> {
  const d = await getDataset(ctx, id);
  // Dify refuses to delete a knowledge base that apps still use.
  const inUse = (await datasetStats(ctx, [d.id])).get(d.id)?.appCount ?? 0;
  if (inUse > 0) throw Conflict(`The dataset is being used by ${inUse} app(s). Please remove it from the apps first.`, "dataset_in_use");
  const docs = await ctx.db.select().from(documents).where(eq(documents.datasetId, d.id)).all();
  await purgeDocuments(ctx, docs);
  await ctx.db.batch([
    ctx.db.delete(tagBindings).where(and(eq(tagBindings.workspaceId, ctx.workspace.id), eq(tagBindings.targetId, d.id))),
    ctx.db.delete(datasets).where(eq(datasets.id, d.id)),
  ]);
  forgetDataset(d.id);
}

export async function listDatasets(ctx: TenantCtx, page: Page, filter: { keyword?: string; ids?: string[]; tagIds?: string[] } = {}) {
  const actor = actorOf(ctx);
  const conditions = [eq(datasets.workspaceId, ctx.workspace.id)];
  if (filter.keyword) conditions.push(like(datasets.name, `%${filter.keyword}%`));
  if (filter.ids) conditions.push(inArray(datasets.id, filter.ids.length ? filter.ids : [""]));
  // Datasets carrying any of the tags; unknown tags match nothing (as Dify).
  if (filter.tagIds?.length) {
    const tagged = await datasetIdsWithTags(ctx, filter.tagIds);
    conditions.push(inArray(datasets.id, tagged.length ? tagged : [""]));
  }
  if (actor && ctx.workspace.role !== "owner") {
    const visible = or(eq(datasets.permission, "all_team_members"), eq(datasets.createdBy, actor.accountId));
    if (visible) conditions.push(visible);
  }
  const where = and(...conditions);
  const [rows, total] = await Promise.all([
    ctx.db.select().from(datasets).where(where).orderBy(desc(datasets.createdAt)).limit(page.limit).offset(offsetOf(page)).all(),
    ctx.db.select({ n: sql<number>`count(*)` }).from(datasets).where(where).get(),
  ]);
  const ids = rows.map((r) => r.id);
  const [stats, tags] = await Promise.all([datasetStats(ctx, ids), tagsOfDatasets(ctx, ids)]);
  return pageOf(page, total?.n ?? 0, rows.map((r) => datasetView(r, stats.get(r.id), tags.get(r.id))));
}

export interface DatasetStats {
  documentCount: number;
  availableCount: number;
  wordCount: number;
  appCount: number;
}

export async function datasetStats(ctx: TenantCtx, ids: string[]): Promise<Map<string, DatasetStats>> {
  const out = new Map<string, DatasetStats>();
  if (!ids.length) return out;
  const [docRows, configRows] = await Promise.all([
    ctx.db
      .select({
        datasetId: documents.datasetId,
        n: sql<number>`count(*)`,
        available: sql<number>`sum(case when ${documents.indexingStatus} = 'completed' and ${documents.enabled} = 1 and ${documents.archived} = 0 then 1 else 0 end)`,
        words: sql<number>`coalesce(sum(${documents.wordCount}), 0)`,
      })
      .from(documents)
      .where(inArray(documents.datasetId, ids))
      .groupBy(documents.datasetId)
      .all(),
    // Apps reference datasets inside their config JSON (Dify's dataset_configs); count the apps
    // whose draft or published config names the dataset.
    ctx.db
      .select({ appId: appConfigs.appId, config: appConfigs.config })
      .from(appConfigs)
      .innerJoin(apps, eq(apps.id, appConfigs.appId))
      .where(
        and(
          eq(appConfigs.workspaceId, ctx.workspace.id),
          like(appConfigs.config, "%dataset_configs%"),
          or(eq(appConfigs.version, 0), eq(appConfigs.id, apps.publishedConfigId)),
        ),
      )
      .all(),
  ]);
  for (const id of ids) out.set(id, { documentCount: 0, availableCount: 0, wordCount: 0, appCount: 0 });
  for (const r of docRows) {
    Object.assign(out.get(r.datasetId) ?? {}, { documentCount: r.n, availableCount: r.available ?? 0, wordCount: r.words });
  }
  for (const id of ids) {
    const apps = new Set(configRows.filter((c) => c.config.includes(id)).map((c) => c.appId));
    const s = out.get(id);
    if (s) s.appCount = apps.size;
  }
  return out;
}

export function datasetView(d: DatasetRow, stats?: DatasetStats, tags: DatasetTag[] = []) {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    provider: "vendor",
    permission: d.permission,
    data_source_type: "upload_file",
    indexing_technique: d.indexingTechnique,
    app_count: stats?.appCount ?? 0,
    document_count: stats?.documentCount ?? 0,
    word_count: stats?.wordCount ?? 0,
    created_by: d.createdBy,
    author_name: null as string | null,
    created_at: sec(d.createdAt),
    updated_by: d.updatedBy,
    updated_at: sec(d.updatedAt),
    embedding_model: d.embeddingModel,
    embedding_model_provider: d.embeddingProvider,
    embedding_available: d.indexingTechnique !== "high_quality" || d.embeddingModel !== null,
    retrieval_model_dict: retrievalModelOf(d),
    tags,
    doc_form: d.docForm,
    external_knowledge_info: null,
    external_retrieval_model: null,
    doc_metadata: [] as { id: string; name: string; type: string }[],
    built_in_field_enabled: d.builtInFieldEnabled,
    pipeline_id: null,
    runtime_mode: "general",
    chunk_structure: null,
    icon_info: null,
    is_published: false,
    total_documents: stats?.documentCount ?? 0,
    total_available_documents: stats?.availableCount ?? 0,
    enable_api: d.enableApi,
    is_multimodal: false,
  };
}

export async function setDatasetApiEnabled(ctx: TenantCtx, id: string, enabled: boolean): Promise<void> {
  await getDataset(ctx, id);
  await ctx.db.update(datasets).set({ enableApi: enabled, updatedAt: ctx.now() }).where(eq(datasets.id, id));
  forgetDataset(id);
}
