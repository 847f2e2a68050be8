// Segments of a document, edited by hand: browse and search, add, edit (re-embedded), enable or
// disable, per-segment keywords, delete; and the child chunks of parent-child documents.
import { and, asc, eq, inArray, like, or, sql } from "drizzle-orm";
import type { TenantCtx } from "../context";
import { childChunks, documents, segments } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import { runBatch } from "../lib/d1-batch";
import { Invalid, KilnError, NotFound } from "../lib/errors";
import { offsetOf, pageOf, type Page } from "../lib/pagination";
import type { DatasetRow } from "./datasets";
import type { DocumentRow } from "./documents";
import { embedTexts } from "./embed";
import { deleteUnitsFullText, insertFullText } from "./fulltext";
import { extractKeywords, extractsKeywords } from "./keywords";
import { estimateTokens } from "./tokens";

export type SegmentRow = typeof segments.$inferSelect;
export type ChildChunkRow = typeof childChunks.$inferSelect;
const sec = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));

export function childChunkView(c: ChildChunkRow) {
  return {
    id: c.id,
    segment_id: c.segmentId,
    content: c.content,
    position: c.position,
    word_count: c.wordCount,
    type: c.type,
    created_at: sec(c.createdAt),
    updated_at: sec(c.updatedAt),
  };
}

export function segmentView(s: SegmentRow, children: ChildChunkRow[] = []) {
  return {
    id: s.id,
    position: s.position,
    document_id: s.documentId,
    content: s.content,
    sign_content: s.content,
    answer: s.answer,
    word_count: s.wordCount,
    tokens: s.tokens,
    keywords: JSON.parse(s.keywords) as string[],
    index_node_id: s.id,
    index_node_hash: s.contentHash,
    hit_count: s.hitCount,
    enabled: s.enabled,
    disabled_at: sec(s.disabledAt),
    disabled_by: null,
    status: s.status,
    created_by: s.createdBy,
    created_at: sec(s.createdAt),
    updated_at: sec(s.updatedAt),
    updated_by: null,
    indexing_at: sec(s.createdAt),
    completed_at: sec(s.updatedAt),
    error: null,
    stopped_at: null,
    child_chunks: children.map(childChunkView),
    attachments: [],
  };
}

async function childrenOf(ctx: TenantCtx, segmentIds: string[]) {
  if (!segmentIds.length) return new Map<string, ChildChunkRow[]>();
  const rows = await ctx.db
    .select()
    .from(childChunks)
    .where(inArray(childChunks.segmentId, segmentIds))
    .orderBy(asc(childChunks.position))
    .all();
  const out = new Map<string, ChildChunkRow[]>();
  for (const r of rows) out.set(r.segmentId, [...(out.get(r.segmentId) ?? []), r]);
  return out;
}

export async function listSegments(
  ctx: TenantCtx,
  doc: DocumentRow,
  page: Page,
  filter: { keyword?: string; enabled?: boolean } = {},
) {
  const conditions = [eq(segments.documentId, doc.id), eq(segments.workspaceId, ctx.workspace.id)];
  if (filter.keyword) {
    const k = `%${filter.keyword}%`;
    const match = or(like(segments.content, k), like(segments.keywords, k));
    if (match) conditions.push(match);
  }
  if (filter.enabled !== undefined) conditions.push(eq(segments.enabled, filter.enabled));
  const where = and(...conditions);
  const [rows, total] = await Promise.all([
    ctx.db.select().from(segments).where(where).orderBy(asc(segments.position)).limit(page.limit).offset(offsetOf(page)).all(),
    ctx.db.select({ n: sql<number>`count(*)` }).from(segments).where(where).get(),
  ]);
  const children = await childrenOf(ctx, rows.map((r) => r.id));
  return { ...pageOf(page, total?.n ?? 0, rows.map((r) => segmentView(r, children.get(r.id)))), doc_form: doc.docForm };
}

export async function getSegment(ctx: TenantCtx, doc: DocumentRow, segmentId: string): Promise<SegmentRow> {
  const row = await ctx.db
    .select()
    .from(segments)
    .where(and(eq(segments.id, segmentId), eq(segments.documentId, doc.id), eq(segments.workspaceId, ctx.workspace.id)))
    .get();
  if (!row) throw NotFound("Segment");
  return row;
}

function assertEditable(doc: DocumentRow) {
  if (doc.archived) throw new KilnError("archived_document_immutable", 403, "The archived document is not editable.");
  if (doc.indexingStatus !== "completed") {
    throw new KilnError("document_indexing", 400, "The document is being processed and cannot be edited.");
  }
}

/**
 * Embeds and indexes one unit (a segment or a child chunk): vector, then full-text row. As in Dify,
 * keywords are searched only in economy datasets (their keyword index); elsewhere they are kept on
 * the segment but match nothing.
 */
async function indexUnit(ctx: TenantCtx, dataset: DatasetRow, doc: DocumentRow, unit: { id: string; segmentId: string; content: string; keywords: string[] }) {
  const keywords = dataset.indexingTechnique === "economy" ? unit.keywords.join(" ") : "";
  await runBatch(ctx.env.DB, [
    ...deleteUnitsFullText([unit.id]),
    ...insertFullText([{ unit_id: unit.id, segment_id: unit.segmentId, document_id: doc.id, dataset_id: dataset.id, content: unit.content, keywords }]),
  ]);
  if (dataset.indexingTechnique === "high_quality" && dataset.embeddingModel && dataset.embeddingProvider) {
    const { vectors } = await embedTexts(ctx, { provider: dataset.embeddingProvider, model: dataset.embeddingModel }, [unit.content]);
    await ctx.vectors.upsert([
      { id: unit.id, namespace: dataset.id, values: vectors[0], metadata: { document_id: doc.id, segment_id: unit.segmentId } },
    ]);
  }
}

async function refreshDocumentCounts(ctx: TenantCtx, documentId: string) {
  await ctx.db
    .update(documents)
    .set({
      segmentCount: sql`(SELECT count(*) FROM segments WHERE document_id = ${documentId})`,
      wordCount: sql`(SELECT coalesce(sum(word_count), 0) FROM segments WHERE document_id = ${documentId})`,
      tokens: sql`(SELECT coalesce(sum(tokens), 0) FROM segments WHERE document_id = ${documentId})`,
      updatedAt: ctx.now(),
    })
    .where(eq(documents.id, documentId));
}

export interface SegmentInput {
  content: string;
  answer?: string | null;
  keywords?: string[] | null;
}

export async function addSegments(
  ctx: TenantCtx,
  dataset: DatasetRow,
  doc: DocumentRow,
  inputs: SegmentInput[],
  createdBy: string | null,
): Promise<SegmentRow[]> {
  assertEditable(doc);
  const last = await ctx.db
    .select({ position: sql<number>`coalesce(max(${segments.position}), 0)` })
    .from(segments)
    .where(eq(segments.documentId, doc.id))
    .get();
  let position = last?.position ?? 0;
  const now = ctx.now();
  const created: SegmentRow[] = [];
  // Dify keeps an answer only for Q&A documents, where it counts towards the word count.
  const isQa = doc.docForm === "qa_model";
  const autoKeywords = extractsKeywords(dataset.indexingTechnique, doc.docForm);
  for (const input of inputs) {
    const answer = isQa ? (input.answer ?? null) : null;
    const row: SegmentRow = {
      id: ctx.newId(),
      workspaceId: ctx.workspace.id,
      datasetId: dataset.id,
      documentId: doc.id,
      position: ++position,
      content: input.content,
      answer,
      wordCount: input.content.length + (answer?.length ?? 0),
      tokens: estimateTokens(input.content),
      keywords: JSON.stringify(input.keywords ?? (autoKeywords ? extractKeywords(input.content, 10) : [])),
      contentHash: await sha256Hex(input.content),
      enabled: true,
      status: "completed",
      hitCount: 0,
      disabledAt: null,
      createdBy,
      createdAt: now,
      updatedAt: now,
    };
    await ctx.db.insert(segments).values(row);
    try {
      await indexUnit(ctx, dataset, doc, { id: row.id, segmentId: row.id, content: row.content, keywords: JSON.parse(row.keywords) });
    } catch (e) {
      // A segment that cannot be indexed is not kept half-written.
      await runBatch(ctx.env.DB, [...deleteUnitsFullText([row.id]), ctx.db.delete(segments).where(eq(segments.id, row.id))]);
      throw e;
    }
    created.push(row);
  }
  await refreshDocumentCounts(ctx, doc.id);
  return created;
}

export async function updateSegment(
  ctx: TenantCtx,
  dataset: DatasetRow,
  doc: DocumentRow,
  segmentId: string,
  patch: { content?: string; answer?: string | null; keywords?: string[] | null; enabled?: boolean },
): Promise<SegmentRow> {
  const seg = await getSegment(ctx, doc, segmentId);
  if (doc.archived) throw new KilnError("archived_document_immutable", 403, "The archived document is not editable.");
  const now = ctx.now();
  // Dify's rules: disabling ignores every other field; a disabled segment is only edited together
  // with `enabled: true`; any edit leaves the segment enabled.
  if (patch.enabled === false) {
    const set = { enabled: false, disabledAt: now, updatedAt: now };
    await ctx.db.update(segments).set(set).where(eq(segments.id, seg.id));
    return { ...seg, ...set };
  }
  if (!seg.enabled && patch.enabled !== true) throw Invalid("Can't update disabled segment");
  const set: Partial<SegmentRow> = { updatedAt: now, enabled: true, disabledAt: null };
  if (patch.answer !== undefined && doc.docForm === "qa_model") set.answer = patch.answer;
  const contentChanged = patch.content !== undefined && patch.content !== seg.content;
  if (contentChanged && patch.content !== undefined) {
    assertEditable(doc);
    set.content = patch.content;
    set.wordCount = patch.content.length;
    set.tokens = estimateTokens(patch.content);
    set.contentHash = await sha256Hex(patch.content);
  }
  if (patch.keywords) set.keywords = JSON.stringify(patch.keywords);
  else if (contentChanged && patch.content && extractsKeywords(dataset.indexingTechnique, doc.docForm)) {
    set.keywords = JSON.stringify(extractKeywords(patch.content, 10));
  }
  const next = { ...seg, ...set };
  if (contentChanged || patch.keywords) {
    const hasChildren = (await childrenOf(ctx, [seg.id])).get(seg.id)?.length;
    // Parent segments are matched through their children; only their own text changes here.
    if (!hasChildren) {
      await indexUnit(ctx, dataset, doc, { id: seg.id, segmentId: seg.id, content: next.content, keywords: JSON.parse(next.keywords) });
    }
  }
  await ctx.db.update(segments).set(set).where(eq(segments.id, seg.id));
  if (contentChanged) await refreshDocumentCounts(ctx, doc.id);
  return next;
}

export async function deleteSegment(ctx: TenantCtx, doc: DocumentRow, segmentId: string): Promise<void> {
  const seg = await getSegment(ctx, doc, segmentId);
  const children = (await childrenOf(ctx, [seg.id])).get(seg.id) ?? [];
  const unitIds = [seg.id, ...children.map((c) => c.id)];
  await ctx.vectors.deleteByIds(unitIds);
  await runBatch(ctx.env.DB, [
    ...deleteUnitsFullText(unitIds),
    ctx.db.delete(childChunks).where(eq(childChunks.segmentId, seg.id)),
    ctx.db.delete(segments).where(eq(segments.id, seg.id)),
  ]);
  await refreshDocumentCounts(ctx, doc.id);
}

export async function listChildChunks(ctx: TenantCtx, doc: DocumentRow, segmentId: string, page: Page, keyword?: string) {
  await getSegment(ctx, doc, segmentId);
  const conditions = [eq(childChunks.segmentId, segmentId)];
  if (keyword) conditions.push(like(childChunks.content, `%${keyword}%`));
  const where = and(...conditions);
  const [rows, total] = await Promise.all([
    ctx.db.select().from(childChunks).where(where).orderBy(asc(childChunks.position)).limit(page.limit).offset(offsetOf(page)).all(),
    ctx.db.select({ n: sql<number>`count(*)` }).from(childChunks).where(where).get(),
  ]);
  const n = total?.n ?? 0;
  return { data: rows.map(childChunkView), total: n, total_pages: Math.ceil(n / page.limit), page: page.page, limit: page.limit };
}

export async function addChildChunk(ctx: TenantCtx, dataset: DatasetRow, doc: DocumentRow, segmentId: string, content: string) {
  assertEditable(doc);
  await getSegment(ctx, doc, segmentId);
  const last = await ctx.db
    .select({ position: sql<number>`coalesce(max(${childChunks.position}), 0)` })
    .from(childChunks)
    .where(eq(childChunks.segmentId, segmentId))
    .get();
  const now = ctx.now();
  const row: ChildChunkRow = {
    id: ctx.newId(),
    workspaceId: ctx.workspace.id,
    datasetId: dataset.id,
    documentId: doc.id,
    segmentId,
    position: (last?.position ?? 0) + 1,
    content,
    wordCount: content.length,
    tokens: estimateTokens(content),
    contentHash: await sha256Hex(content),
    type: "customized",
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.insert(childChunks).values(row);
  await indexUnit(ctx, dataset, doc, { id: row.id, segmentId, content, keywords: [] });
  return row;
}

export async function updateChildChunk(ctx: TenantCtx, dataset: DatasetRow, doc: DocumentRow, segmentId: string, childId: string, content: string) {
  assertEditable(doc);
  const row = await ctx.db
    .select()
    .from(childChunks)
    .where(and(eq(childChunks.id, childId), eq(childChunks.segmentId, segmentId), eq(childChunks.documentId, doc.id)))
    .get();
  if (!row) throw NotFound("Child chunk");
  const set = { content, wordCount: content.length, tokens: estimateTokens(content), contentHash: await sha256Hex(content), type: "customized", updatedAt: ctx.now() };
  await indexUnit(ctx, dataset, doc, { id: row.id, segmentId, content, keywords: [] });
  await ctx.db.update(childChunks).set(set).where(eq(childChunks.id, row.id));
  return { ...row, ...set };
}

export async function deleteChildChunk(ctx: TenantCtx, doc: DocumentRow, segmentId: string, childId: string) {
  const row = await ctx.db
    .select({ id: childChunks.id })
    .from(childChunks)
    .where(and(eq(childChunks.id, childId), eq(childChunks.segmentId, segmentId), eq(childChunks.documentId, doc.id)))
    .get();
  if (!row) throw NotFound("Child chunk");
  await ctx.vectors.deleteByIds([row.id]);
  await runBatch(ctx.env.DB, [...deleteUnitsFullText([row.id]), ctx.db.delete(childChunks).where(eq(childChunks.id, row.id))]);
}
