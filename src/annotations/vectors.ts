// The annotation index: one vector per annotation question, in the app's own namespace of the
// VectorIndex (Vectorize in production), embedded with the model the reply setting names. Dify
// embeds the question only; the answer is looked up in D1 after a match.
import type { TenantCtx } from "../context";
import { embedTexts } from "../knowledge/embed";
import type { ModelRef } from "../models/registry";

/** Vectorize namespaces are at most 64 bytes: "annotations:" + a UUID fits. */
export const annotationNamespace = (appId: string) => `annotations:${appId}`;

const WRITE_CHUNK = 500;

export interface IndexedAnnotation {
  id: string;
  question: string;
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
    metadata: { app_id: appId, annotation_id: r.id },
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
