// Annotation reply at run time (Dify's AnnotationReplyFeature): a chat query whose embedding is
// close enough to an annotated question is answered with that annotation, no model call. On the
// hot path: the setting from the per-isolate cache, one query embedding, one vector query whose
// metadata carries the answer (older or very long annotations: one lookup by primary key, cached
// too). The hit is counted off the response path.
import { and, eq, sql } from "drizzle-orm";
import { cachedForApp, forgetKey } from "../apps/app-cache";
import type { TenantCtx } from "../context";
import { accounts, appAnnotationHitHistories, messageAnnotations } from "../db/schema";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { commitSoon } from "../lib/group-commit";
import { providerFailure } from "../models/errors";
import type { VectorMetadata } from "../knowledge/vector-index";
import { getEmbeddingModel } from "../models/registry";
import { type AnnotationSetting, cachedSetting, embeddingRefOf } from "./settings";
import { annotationNamespace, unindexAnnotations } from "./vectors";

export interface AnnotationMatch {
  id: string;
  question: string;
  content: string;
  accountId: string | null;
  accountName: string | null;
  score: number;
}

/** Dify's `annotation_reply` in message_end metadata. */
export interface AnnotationReply {
  id: string;
  account: { id: string | null; name: string };
}

// Dify answers "Dify user" when the annotation's author is gone; Service API annotations have none.
export const annotationReplyOf = (m: AnnotationMatch): AnnotationReply => ({
  id: m.id,
  account: { id: m.accountId, name: m.accountName ?? "Kiln user" },
});

// Per-isolate caches beside the app's config (same TTL, evicted with it): the embedding model
// (its provider lookup is a D1 query), annotations by id and their authors' names. An edit made in
// another isolate shows here within the TTL, as a publish does. A deleted annotation is not served
// once its vector is gone: at once on the local index; on Vectorize, whose writes apply within
// seconds, an edit or delete shows when the index has applied it.
const annotationKey = (id: string) => `annotation:${id}`;

/** Drops a cached annotation after an edit or delete in this isolate. */
export function forgetAnnotation(id: string) {
  forgetKey(annotationKey(id));
}

async function embedQueryCached(ctx: TenantCtx, setting: AnnotationSetting, query: string): Promise<number[]> {
  const ref = embeddingRefOf(setting);
  const model = await cachedForApp(`annotation-embedder:${setting.appId}:${ref.provider}:${ref.model}`, ctx, async () => ({
    appId: setting.appId,
    value: await getEmbeddingModel(ctx, ref),
  }));
  try {
    const out = await model.doEmbed({ values: [query], abortSignal: AbortSignal.timeout(ctx.config.PROVIDER_TIMEOUT_MS) });
    return out.embeddings[0];
  } catch (err) {
    throw providerFailure(err);
  }
}

function loadAnnotation(ctx: TenantCtx, appId: string, id: string) {
  return cachedForApp(annotationKey(id), ctx, async () => ({
    appId,
    value:
      (await ctx.db
        .select({
          id: messageAnnotations.id,
          question: messageAnnotations.question,
          content: messageAnnotations.content,
          accountId: messageAnnotations.accountId,
          accountName: accounts.name,
        })
        .from(messageAnnotations)
        .leftJoin(accounts, eq(accounts.id, messageAnnotations.accountId))
        .where(and(eq(messageAnnotations.id, id), eq(messageAnnotations.appId, appId)))
        .get()) ?? null,
  }));
}

function accountName(ctx: TenantCtx, appId: string, accountId: string) {
  return cachedForApp(`annotation-account:${accountId}`, ctx, async () => ({
    appId,
    value: (await ctx.db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, accountId)).get())?.name ?? null,
  }));
}

/** The annotation a vector's metadata carries (vectors.ts), or null when it carries ids only. */
async function fromMetadata(ctx: TenantCtx, appId: string, id: string, m: VectorMetadata | undefined) {
  if (typeof m?.question !== "string" || typeof m.answer !== "string") return null;
  const accountId = typeof m.account_id === "string" ? m.account_id : null;
  return {
    id,
    question: m.question,
    content: m.answer,
    accountId,
    accountName: accountId ? await accountName(ctx, appId, accountId) : null,
  };
}

/**
 * The annotation that answers `query`, or null. Never throws: as in Dify, a failed lookup (say the
 * embedding provider is down) is logged and the model answers instead.
 */
export async function matchAnnotation(ctx: TenantCtx, appId: string, query: string): Promise<AnnotationMatch | null> {
  if (!query.trim()) return null;
  try {
    const setting = await cachedSetting(ctx, appId);
    if (!setting) return null;
    const vector = await embedQueryCached(ctx, setting, query);
    const { matches } = await ctx.vectors.query(vector, { topK: 1, namespace: annotationNamespace(appId), returnMetadata: true });
    const best = matches[0];
    if (!best || best.score < setting.scoreThreshold) return null;
    const row = (await fromMetadata(ctx, appId, best.id, best.metadata)) ?? (await loadAnnotation(ctx, appId, best.id));
    if (!row) {
      // A vector whose annotation is gone (deleted while an index write failed): drop it.
      forgetAnnotation(best.id);
      ctx.waitUntil(unindexAnnotations(ctx, [best.id]).catch(() => {}));
      return null;
    }
    return { ...row, score: best.score };
  } catch (err) {
    ctx.log.warn("annotation reply lookup failed; the model answers", { appId, error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

export interface AnnotationHit {
  appId: string;
  messageId: string;
  query: string;
  /** Dify's from_source: the Service API and WebApp are `api`, the debugger `console`. */
  source: "api" | "console";
  endUserId: string | null;
  accountId: string | null;
}

type HitRow = typeof appAnnotationHitHistories.$inferInsert;

// Hits are written a moment later and together: a burst of matched queries costs one D1 batch
// (one hit_count update per annotation, the history rows in a few inserts) instead of a write
// per answer competing with the next request's reads. The request that opens a window keeps
// itself alive for it (waitUntil) and writes it; later hits in the window ride along.
const HIT_FLUSH_MS = 200;
const HISTORY_ROWS_PER_INSERT = 7; // 13 bound values a row; D1 allows 100 per statement
const pendingHits = new WeakMap<Db, HitRow[]>();

function hitStatements(db: Db, hits: HitRow[]) {
  const counts = new Map<string, number>();
  for (const h of hits) counts.set(h.annotationId, (counts.get(h.annotationId) ?? 0) + 1);
  const statements: BatchItem<"sqlite">[] = [...counts].map(([id, n]) =>
    db
      .update(messageAnnotations)
      .set({ hitCount: sql`${messageAnnotations.hitCount} + ${n}` })
      .where(eq(messageAnnotations.id, id)),
  );
  for (let i = 0; i < hits.length; i += HISTORY_ROWS_PER_INSERT) {
    statements.push(db.insert(appAnnotationHitHistories).values(hits.slice(i, i + HISTORY_ROWS_PER_INSERT)));
  }
  return statements;
}

async function flushHits(ctx: TenantCtx, hits: HitRow[]) {
  try {
    await commitSoon(ctx.db, hitStatements(ctx.db, hits));
  } catch {
    // One annotation deleted in the meantime fails the batch: keep the others' hits.
    const byAnnotation = new Map<string, HitRow[]>();
    for (const h of hits) byAnnotation.set(h.annotationId, [...(byAnnotation.get(h.annotationId) ?? []), h]);
    for (const group of byAnnotation.values()) {
      await commitSoon(ctx.db, hitStatements(ctx.db, group)).catch((err) =>
        ctx.log.warn("annotation hits not recorded", { annotationId: group[0].annotationId, error: String(err) }),
      );
    }
  }
}

/** Counts the hit (hit_count and a history row); resolves when it is written. Hand it to waitUntil. */
export function recordAnnotationHit(ctx: TenantCtx, match: AnnotationMatch, hit: AnnotationHit): Promise<void> {
  const row: HitRow = {
    id: ctx.newId(),
    workspaceId: ctx.workspace.id,
    appId: hit.appId,
    annotationId: match.id,
    source: hit.source,
    question: hit.query,
    score: match.score,
    messageId: hit.messageId,
    annotationQuestion: match.question,
    annotationContent: match.content,
    endUserId: hit.endUserId,
    accountId: hit.accountId,
    createdAt: ctx.now(),
  };
  const open = pendingHits.get(ctx.db);
  if (open) {
    open.push(row);
    return Promise.resolve();
  }
  const window = [row];
  pendingHits.set(ctx.db, window);
  return new Promise<void>((resolve) => setTimeout(resolve, HIT_FLUSH_MS)).then(() => {
    pendingHits.delete(ctx.db);
    return flushHits(ctx, window);
  });
}

/** The annotated answer as `message` events: word-sized pieces, sent at once (no model pacing). */
export function answerPieces(answer: string): string[] {
  return answer.match(/\s*\S+\s*/g) ?? [answer];
}
