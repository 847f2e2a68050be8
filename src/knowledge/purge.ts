// Removing documents completely: vectors, full-text rows, child chunks, segments, the rows and the
// originals in R2. Vectors go first so a failure part-way leaves rows that can be deleted again,
// never vectors nobody knows about.
import { eq } from "drizzle-orm";
import type { TenantCtx } from "../context";
import { childChunks, documents, segments } from "../db/schema";
import { runBatch } from "../lib/d1-batch";
import { deleteDocumentFullText } from "./fulltext";

interface Purgeable {
  id: string;
  fileKey: string;
}

/** Every vector id (segments and child chunks) a document owns. */
export async function unitIdsOf(ctx: TenantCtx, documentId: string): Promise<string[]> {
  const [segs, children] = await Promise.all([
    ctx.db.select({ id: segments.id }).from(segments).where(eq(segments.documentId, documentId)).all(),
    ctx.db.select({ id: childChunks.id }).from(childChunks).where(eq(childChunks.documentId, documentId)).all(),
  ]);
  return [...segs.map((s) => s.id), ...children.map((c) => c.id)];
}

/** Removes a document's vectors, full-text rows, child chunks and segments (not the document). */
export async function purgeDocumentIndex(ctx: TenantCtx, documentId: string, alsoDocument = false): Promise<void> {
  await ctx.vectors.deleteByIds(await unitIdsOf(ctx, documentId));
  await runBatch(ctx.env.DB, [
    ...deleteDocumentFullText(documentId),
    ctx.db.delete(childChunks).where(eq(childChunks.documentId, documentId)),
    ctx.db.delete(segments).where(eq(segments.documentId, documentId)),
    ...(alsoDocument ? [ctx.db.delete(documents).where(eq(documents.id, documentId))] : []),
  ]);
}

export async function purgeDocuments(ctx: TenantCtx, docs: Purgeable[]): Promise<void> {
  for (const doc of docs) await purgeDocumentIndex(ctx, doc.id, true);
  const keys = docs.map((d) => d.fileKey);
  for (let i = 0; i < keys.length; i += 1000) await ctx.env.FILES.delete(keys.slice(i, i + 1000));
  if (docs.length) ctx.log.info("documents purged", { count: docs.length, ids: docs.slice(0, 20).map((d) => d.id) });
}
