// Knowledge tags (Dify's TagService for type "knowledge"): a workspace's tags with how many
// datasets carry each, rename, delete, binding to datasets, and the dataset filter by tag. Unlike
// Dify, every lookup is scoped to the caller's workspace: a foreign tag is "not found".
import { and, asc, desc, eq, inArray, like, sql } from "drizzle-orm";
import { z } from "zod";
import type { TenantCtx } from "../context";
import { type TagType, tagBindings, tags } from "../db/schema";
import { Invalid, NotFound } from "../lib/errors";
import type { DatasetRow } from "./datasets";

export type TagRow = typeof tags.$inferSelect;
/** A tag as a dataset's `tags` lists it (Dify's tag_fields). */
export interface DatasetTag {
  id: string;
  name: string;
  type: TagType;
}

const isUniqueViolation = (e: unknown) => /UNIQUE/.test(`${(e as Error)?.message} ${(e as { cause?: unknown })?.cause}`);
// Dify's TagService raises ValueError, which its API renders as 400 invalid_param.
const duplicateName = () => Invalid("Tag name already exists", ["name"]);

export const tagNameSchema = z.string().trim().min(1, "Name must be between 1 to 50 characters.").max(50, "Name must be between 1 to 50 characters.");
export const tagIdSchema = z.string().min(1).max(64);
export const tagIdsSchema = z.array(tagIdSchema).min(1, "Tag IDs is required.").max(100);

/** Dify's dataset_tag_fields: `binding_count` is marshalled as a string. */
export const tagView = (t: Pick<TagRow, "id" | "name" | "type">, bindingCount: number) => ({
  id: t.id,
  name: t.name,
  type: t.type,
  binding_count: String(bindingCount),
});
export type TagView = ReturnType<typeof tagView>;

// Bindings are counted only while their dataset exists: deleting a dataset leaves its bindings.
// Written out: drizzle leaves columns unqualified in a one-table select, which a subquery needs.
const liveBindings = sql<number>`(select count(*) from tag_bindings b join datasets d on d.id = b.target_id where b.tag_id = tags.id)`;

/** The workspace's tags of one type, newest first, optionally those whose name contains `keyword`. */
export async function listTags(ctx: TenantCtx, type: TagType, keyword?: string): Promise<TagView[]> {
  const conditions = [eq(tags.workspaceId, ctx.workspace.id), eq(tags.type, type)];
  if (keyword) conditions.push(like(tags.name, `%${keyword}%`));
  const rows = await ctx.db
    .select({ id: tags.id, name: tags.name, type: tags.type, count: liveBindings })
    .from(tags)
    .where(and(...conditions))
    .orderBy(desc(tags.createdAt), desc(tags.id))
    .all();
  return rows.map((r) => tagView(r, r.count));
}

async function getTag(ctx: TenantCtx, id: string): Promise<TagRow> {
  const row = await ctx.db
    .select()
    .from(tags)
    .where(and(eq(tags.id, id), eq(tags.workspaceId, ctx.workspace.id)))
    .get();
  if (!row) throw NotFound("Tag");
  return row;
}

export async function createTag(ctx: TenantCtx, name: string, createdBy: string | null, type: TagType = "knowledge"): Promise<TagView> {
  const row: TagRow = { id: ctx.newId(), workspaceId: ctx.workspace.id, type, name, createdBy, createdAt: ctx.now() };
  try {
    await ctx.db.insert(tags).values(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName();
    throw e;
  }
  return tagView(row, 0);
}

export async function renameTag(ctx: TenantCtx, id: string, name: string): Promise<TagView> {
  const tag = await getTag(ctx, id);
  try {
    await ctx.db.update(tags).set({ name }).where(eq(tags.id, tag.id));
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName();
    throw e;
  }
  const counted = await ctx.db.select({ count: liveBindings }).from(tags).where(eq(tags.id, tag.id)).get();
  return tagView({ ...tag, name }, counted?.count ?? 0);
}

/** Deletes the tag and every binding of it. */
export async function deleteTag(ctx: TenantCtx, id: string): Promise<void> {
  const tag = await getTag(ctx, id);
  await ctx.db.batch([ctx.db.delete(tagBindings).where(eq(tagBindings.tagId, tag.id)), ctx.db.delete(tags).where(eq(tags.id, tag.id))]);
}

/**
 * Puts knowledge tags on a dataset the caller can see (the caller resolves it with getDataset, so a
 * foreign or hidden dataset is already 404). Binding twice is a no-op; any unknown tag is 404.
 */
export async function bindTags(ctx: TenantCtx, dataset: DatasetRow, tagIds: string[]): Promise<void> {
  const ids = [...new Set(tagIds)];
  const found = await ctx.db
    .select({ id: tags.id })
    .from(tags)
    .where(and(inArray(tags.id, ids), eq(tags.workspaceId, ctx.workspace.id), eq(tags.type, "knowledge")))
    .all();
  if (found.length !== ids.length) throw NotFound("Tag");
  const now = ctx.now();
  await ctx.db
    .insert(tagBindings)
    .values(ids.map((tagId) => ({ id: ctx.newId(), workspaceId: ctx.workspace.id, tagId, targetId: dataset.id, createdAt: now })))
    .onConflictDoNothing({ target: [tagBindings.tagId, tagBindings.targetId] });
}

/** Takes tags off a dataset; a tag the dataset does not carry is ignored (as Dify does). */
export async function unbindTags(ctx: TenantCtx, dataset: DatasetRow, tagIds: string[]): Promise<void> {
  await ctx.db
    .delete(tagBindings)
    .where(and(eq(tagBindings.workspaceId, ctx.workspace.id), eq(tagBindings.targetId, dataset.id), inArray(tagBindings.tagId, tagIds)));
}

/** The knowledge tags of several datasets at once, each list by name. */
export async function tagsOfDatasets(ctx: TenantCtx, datasetIds: string[]): Promise<Map<string, DatasetTag[]>> {
  const out = new Map<string, DatasetTag[]>(datasetIds.map((id) => [id, []]));
  if (!datasetIds.length) return out;
  const rows = await ctx.db
    .select({ targetId: tagBindings.targetId, id: tags.id, name: tags.name, type: tags.type })
    .from(tagBindings)
    .innerJoin(tags, eq(tags.id, tagBindings.tagId))
    .where(and(eq(tagBindings.workspaceId, ctx.workspace.id), eq(tags.type, "knowledge"), inArray(tagBindings.targetId, datasetIds)))
    .orderBy(asc(tags.name))
    .all();
  for (const { targetId, ...tag } of rows) out.get(targetId)?.push(tag);
  return out;
}

/** Dify's GET /datasets/{id}/tags: `{data: [{id, name}], total}`. */
export async function datasetTagList(ctx: TenantCtx, dataset: DatasetRow) {
  const list = (await tagsOfDatasets(ctx, [dataset.id])).get(dataset.id) ?? [];
  return { data: list.map(({ id, name }) => ({ id, name })), total: list.length };
}

/** Ids of the datasets carrying any of the given knowledge tags (Dify's filter is "any", not "all"). */
export async function datasetIdsWithTags(ctx: TenantCtx, tagIds: string[]): Promise<string[]> {
  if (!tagIds.length) return [];
  const rows = await ctx.db
    .selectDistinct({ targetId: tagBindings.targetId })
    .from(tagBindings)
    .innerJoin(tags, eq(tags.id, tagBindings.tagId))
    .where(and(eq(tagBindings.workspaceId, ctx.workspace.id), eq(tags.type, "knowledge"), inArray(tagBindings.tagId, tagIds)))
    .all();
  return rows.map((r) => r.targetId);
}
