// Annotations of an app (Dify's AppAnnotationService): list with keyword search, create from
// scratch or from a logged message ("improve this answer"), edit, delete, export. While
// annotation reply is enabled every write keeps the app's annotation index in step: the question
// is embedded before the row is written, so a provider failure leaves nothing half-done.
import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { TenantCtx } from "../context";
import { accounts, appAnnotationHitHistories, messageAnnotations, messages } from "../db/schema";
import { Invalid, KilnError } from "../lib/errors";
import { containsPattern, likeEscaped } from "../lib/like";
import { forgetAnnotation } from "./reply";
import { type AnnotationSetting, embeddingRefOf, loadSetting } from "./settings";
import { embedAnnotations, storeAnnotationVectors, unindexAnnotations } from "./vectors";

export type AnnotationRow = typeof messageAnnotations.$inferSelect;

/** Dify's page size cap (db.paginate max_per_page); the answer still echoes the asked limit. */
export const MAX_PAGE_SIZE = 100;
const sec = (ms: number) => Math.floor(ms / 1000);

/** Dify's annotation_fields. */
export function annotationView(a: AnnotationRow) {
  return { id: a.id, question: a.question, answer: a.content, hit_count: a.hitCount, created_at: sec(a.createdAt) };
}

export type AnnotationView = ReturnType<typeof annotationView>;

/** The console's view: Dify's fields plus who wrote it (Dify keeps `account` commented out). */
export function annotationWithAccount(a: AnnotationRow, accountName: string | null) {
  return { ...annotationView(a), account: a.accountId ? { id: a.accountId, name: accountName ?? "" } : null };
}

const notFound = () => new KilnError("not_found", 404, "Annotation not found");
const ofApp = (ctx: TenantCtx, appId: string) =>
  and(eq(messageAnnotations.appId, appId), eq(messageAnnotations.workspaceId, ctx.workspace.id));


export async function listAnnotations(ctx: TenantCtx, appId: string, opts: { page: number; limit: number; keyword?: string }) {
  const conditions = [ofApp(ctx, appId)];
  const keyword = opts.keyword?.trim();
  if (keyword) {
    const pattern = containsPattern(keyword);
    conditions.push(or(likeEscaped(messageAnnotations.question, pattern), likeEscaped(messageAnnotations.content, pattern)));
  }
  const where = and(...conditions);
  const perPage = Math.min(opts.limit, MAX_PAGE_SIZE);
  const [rows, total] = await Promise.all([
    ctx.db
      .select({ a: messageAnnotations, accountName: accounts.name })
      .from(messageAnnotations)
      .leftJoin(accounts, eq(accounts.id, messageAnnotations.accountId))
      .where(where)
      .orderBy(desc(messageAnnotations.createdAt), desc(messageAnnotations.id))
      .limit(perPage)
      .offset((opts.page - 1) * perPage)
      .all(),
    ctx.db.select({ n: sql<number>`count(*)` }).from(messageAnnotations).where(where).get(),
  ]);
  // Dify's has_more is "this page is full", not "more rows exist".
  return { rows, total: total?.n ?? 0, has_more: rows.length === opts.limit };
}

export async function getAnnotation(ctx: TenantCtx, appId: string, annotationId: string): Promise<AnnotationRow> {
  const a = await ctx.db
    .select()
    .from(messageAnnotations)
    .where(and(ofApp(ctx, appId), eq(messageAnnotations.id, annotationId)))
    .get();
  if (!a) throw notFound();
  return a;
}

async function vectorsForSave(ctx: TenantCtx, setting: AnnotationSetting, row: AnnotationRow, existing: AnnotationRow | null) {
  if (existing && existing.question === row.question) {
    const [stored] = await ctx.vectors.getByIds([row.id]);
    if (stored?.values.length) return [Array.from(stored.values)];
  }
  return embedAnnotations(ctx, embeddingRefOf(setting), [row]);
}

/** Writes a new or changed annotation and, while reply is enabled, its vector (embedded first). */
async function save(ctx: TenantCtx, row: AnnotationRow, existing: AnnotationRow | null): Promise<AnnotationRow> {
  const setting = await loadSetting(ctx, row.appId);
  // The vector carries the answer too (vectors.ts), so any change rewrites it; only a new question
  // is embedded again.
  const reindex = setting && (!existing || existing.question !== row.question || existing.content !== row.content);
  const vectors = reindex ? await vectorsForSave(ctx, setting, row, existing) : null;
  if (existing) {
    await ctx.db
      .update(messageAnnotations)
      .set({ question: row.question, content: row.content, updatedAt: row.updatedAt })
      .where(eq(messageAnnotations.id, row.id));
  } else {
    await ctx.db.insert(messageAnnotations).values(row);
  }
  forgetAnnotation(row.id);
  if (vectors) {
    try {
      await storeAnnotationVectors(ctx, row.appId, [row], vectors);
    } catch (err) {
      // Put the row back as it was, so the table and the index never disagree.
      if (existing) {
        const { question, content, updatedAt } = existing;
        await ctx.db.update(messageAnnotations).set({ question, content, updatedAt }).where(eq(messageAnnotations.id, row.id));
      } else await ctx.db.delete(messageAnnotations).where(eq(messageAnnotations.id, row.id));
      throw err;
    }
  }
  return row;
}

export interface AnnotationInput {
  question: string;
  answer: string;
}

export function newAnnotationRow(ctx: TenantCtx, appId: string, input: AnnotationInput, accountId: string | null): AnnotationRow {
  const now = ctx.now();
  return {
    id: ctx.newId(),
    workspaceId: ctx.workspace.id,
    appId,
    conversationId: null,
    messageId: null,
    question: input.question,
    content: input.answer,
    hitCount: 0,
    accountId,
    createdAt: now,
    updatedAt: now,
  };
}

/** Dify's insert_app_annotation_directly. */
export function createAnnotation(ctx: TenantCtx, appId: string, input: AnnotationInput, accountId: string | null) {
  return save(ctx, newAnnotationRow(ctx, appId, input, accountId), null);
}

/**
 * Dify's up_insert_app_annotation_from_message: with a message id, annotates that logged answer
 * (the question defaults to the user's query; a second annotation of one message replaces the
 * first); without one, a plain annotation that needs its question.
 */
export async function annotateMessage(
  ctx: TenantCtx,
  appId: string,
  input: { message_id?: string | null; question?: string | null; answer: string },
  accountId: string,
) {
  if (!input.message_id) {
    if (!input.question?.trim()) throw Invalid("'question' is required when 'message_id' is not provided", ["question"]);
    return createAnnotation(ctx, appId, { question: input.question, answer: input.answer }, accountId);
  }
  const message = await ctx.db
    .select({ id: messages.id, conversationId: messages.conversationId, query: messages.query })
    .from(messages)
    .where(and(eq(messages.id, input.message_id), eq(messages.appId, appId), eq(messages.workspaceId, ctx.workspace.id)))
    .get();
  if (!message) throw new KilnError("not_found", 404, "Message Not Exists.");
  const question = input.question?.trim() ? input.question : message.query;
  if (!question.trim()) throw Invalid("The message has no query; give the annotation a question.", ["question"]);
  const existing =
    (await ctx.db
      .select()
      .from(messageAnnotations)
      .where(and(ofApp(ctx, appId), eq(messageAnnotations.messageId, message.id)))
      .get()) ?? null;
  if (existing) return save(ctx, { ...existing, question, content: input.answer, updatedAt: ctx.now() }, existing);
  const row = newAnnotationRow(ctx, appId, { question, answer: input.answer }, accountId);
  return save(ctx, { ...row, conversationId: message.conversationId, messageId: message.id }, null);
}

export async function updateAnnotation(ctx: TenantCtx, appId: string, annotationId: string, input: Partial<AnnotationInput>) {
  const existing = await getAnnotation(ctx, appId, annotationId);
  const next = { ...existing, question: input.question ?? existing.question, content: input.answer ?? existing.content, updatedAt: ctx.now() };
  return save(ctx, next, existing);
}

export async function deleteAnnotation(ctx: TenantCtx, appId: string, annotationId: string) {
  const a = await getAnnotation(ctx, appId, annotationId);
  await ctx.db.batch([
    ctx.db.delete(appAnnotationHitHistories).where(eq(appAnnotationHitHistories.annotationId, a.id)),
    ctx.db.delete(messageAnnotations).where(eq(messageAnnotations.id, a.id)),
  ]);
  forgetAnnotation(a.id);
  // Harmless when reply is off (nothing indexed); a vector left behind would only be skipped.
  await unindexAnnotations(ctx, [a.id]);
}

/** Dify's batch delete (`?annotation_id=…`) or, with no ids, clearing every annotation of the app. */
export async function deleteAnnotations(ctx: TenantCtx, appId: string, ids: string[] | "all") {
  const where = ids === "all" ? ofApp(ctx, appId) : and(ofApp(ctx, appId), inArray(messageAnnotations.id, ids));
  const found = (await ctx.db.select({ id: messageAnnotations.id }).from(messageAnnotations).where(where).all()).map((r) => r.id);
  for (let i = 0; i < found.length; i += 90) {
    const chunk = found.slice(i, i + 90);
    await ctx.db.batch([
      ctx.db.delete(appAnnotationHitHistories).where(inArray(appAnnotationHitHistories.annotationId, chunk)),
      ctx.db.delete(messageAnnotations).where(inArray(messageAnnotations.id, chunk)),
    ]);
  }
  for (const id of found) forgetAnnotation(id);
  await unindexAnnotations(ctx, found);
  return { deleted_count: found.length };
}

/** Every annotation of the app, newest first (Dify's export_annotation_list_by_app_id). */
export function exportAnnotations(ctx: TenantCtx, appId: string): Promise<AnnotationRow[]> {
  return ctx.db.select().from(messageAnnotations).where(ofApp(ctx, appId)).orderBy(desc(messageAnnotations.createdAt)).all();
}

/** Dify's annotation_hit_history_fields. */
function hitView(h: typeof appAnnotationHitHistories.$inferSelect) {
  return {
    id: h.id,
    source: h.source,
    score: h.score,
    question: h.question,
    created_at: sec(h.createdAt),
    match: h.annotationQuestion,
    response: h.annotationContent,
  };
}

export async function listHitHistories(ctx: TenantCtx, appId: string, annotationId: string, opts: { page: number; limit: number }) {
  const a = await getAnnotation(ctx, appId, annotationId);
  const where = and(eq(appAnnotationHitHistories.appId, appId), eq(appAnnotationHitHistories.annotationId, a.id));
  const perPage = Math.min(opts.limit, MAX_PAGE_SIZE);
  const [rows, total] = await Promise.all([
    ctx.db
      .select()
      .from(appAnnotationHitHistories)
      .where(where)
      .orderBy(desc(appAnnotationHitHistories.createdAt))
      .limit(perPage)
      .offset((opts.page - 1) * perPage)
      .all(),
    ctx.db.select({ n: sql<number>`count(*)` }).from(appAnnotationHitHistories).where(where).get(),
  ]);
  return { data: rows.map(hitView), has_more: rows.length === opts.limit, limit: opts.limit, total: total?.n ?? 0, page: opts.page };
}

/** For app deletion: the rows go with the app (foreign keys), the vectors of its annotations here. */
export async function dropAppAnnotationVectors(ctx: TenantCtx, appId: string) {
  const rows = await ctx.db.select({ id: messageAnnotations.id }).from(messageAnnotations).where(ofApp(ctx, appId)).all();
  await unindexAnnotations(
    ctx,
    rows.map((r) => r.id),
  );
}
