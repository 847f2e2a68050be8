// The annotation index: one vector per annotation question, in the app's own namespace of the
// VectorIndex (Vectorize in production), embedded with the model the reply setting names. As in
// Dify only the question is embedded; the answer (and its author's id) ride along in the vector's
// metadata when they fit, so a match is answered without a D1 read (reply.ts looks the row up
// otherwise).
import type { TenantCtx } from "../context";
import { embedTexts } from "../knowledge/embed";
import type { VectorMetadata } from "../knowledge/vector-index";
import type { ModelRef } from "../models/registry";

/** Vectorize namespaces are at most 64 bytes: "annotations:" + a UUID fits. */
export const annotationNamespace = (appId: string) => `annotations:${appId}`;

const WRITE_CHUNK = 500;

export interface IndexedAnnotation {
  id: string;
  question: string;
  /** The answer; without it the vector carries ids only and a match reads the row. */
  content?: string;
  accountId?: string | null;
}

/** Vectorize allows 10 KiB of metadata a vector; a longer annotation is looked up in D1 instead. */
const REPLY_METADATA_BYTES = 8_000;
const utf8 = new TextEncoder();

export function annotationMetadata(appId: string, r: IndexedAnnotation): VectorMetadata {
  const ids = { app_id: appId, annotation_id: r.id };
  if (r.content === undefined) return ids;
  const reply = { ...ids, question: r.question, answer: r.content, ...(r.accountId ? { account_id: r.accountId } : {}) };
  return utf8.encode(JSON.stringify(reply)).length <= REPLY_METADATA_BYTES ? reply : ids;
}

/** Embeds the questions first (so a provider failure changes nothing), then writes the vectors. */
export async function embedAnnotations(ctx: TenantCtx, ref: ModelRef, rows: IndexedAnnotation[]): Promise<number[][]> {
  return (await embedTexts(ctx, ref, rows.map((r) => r.question))).vectors;
}

export async function storeAnnotationVectors(ctx: TenantCtx, appId: string, rows: IndexedAnnotation[], vectors: number[][]) {
  const records = rows.map((r, i) => ({
    id: r.id,
    namespace: annotationNamespace(appId),
    values: vectors[i],
    metadata: annotationMetadata(appId, r),
  }));
  for (let i = 0; i < records.length; i += WRITE_CHUNK) await ctx.vectors.upsert(records.slice(i, i + WRITE_CHUNK));
}

export async function indexAnnotations(ctx: TenantCtx, ref: ModelRef, appId: string, rows: IndexedAnnotation[]) {
  if (!rows.length) return;
  await storeAnnotationVectors(ctx, appId, rows, await embedAnnotations(ctx, ref, rows));
}

export async function unindexAnnotations(ctx: TenantCtx, ids: string[]) {
  for (let i = 0; i < ids.length; i += WRITE_CHUNK) await ctx.vectors.deleteByIds(ids.slice(i, i + WRITE_CHUNK));
}
