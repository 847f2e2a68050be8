// The ingest queue consumer: parse → clean → split → index one document, recording each step on
// the document row. Idempotent by construction: a message names the content hash it was sent for
// (a replaced document's old message is skipped), unit ids derive from content (a retry rewrites
// the same rows and vectors), and an unchanged document under unchanged rules is not re-embedded.
import { and, eq, ne, sql } from "drizzle-orm";
import { type Ctx, forTenant } from "../context";
import { datasets, documents } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import type { KnowledgeIndexMessage } from "../queues/messages";
import { chunkDocument } from "./chunk";
import type { DatasetRow } from "./datasets";
import type { DocumentRow } from "./documents";
import { buildSegments, unitsOf, vectorsFor, writeDocumentIndex } from "./index-units";
import { ParseError, parseDocument } from "./parse";
import { processRuleSchema, resolveRule } from "./process-rule";
import { purgeDocumentIndex, unitIdsOf } from "./purge";

type Fault = (documentId: string) => void | Promise<void>;
/**
 * Test-only fault injection: lets a test crash (or interfere with) the consumer at a chosen step:
 * after the segments and full-text rows are written but before the vectors, or after everything is
 * written but before the document is marked completed.
 */
export const ingestFaults: { afterSegments?: Fault; beforeComplete?: Fault } = {};

export type IngestOutcome = "completed" | "skipped" | "failed" | "paused" | "gone";

/** A failure the queue should not retry: the document is marked `error` with this reason. */
class PermanentFailure extends Error {}

/** Records a step on the document unless it was replaced or paused meanwhile (a pause wins). */
async function setStatus(ctx: Ctx, doc: DocumentRow, set: Partial<DocumentRow>) {
  await ctx.db
    .update(documents)
    .set({ ...set, updatedAt: ctx.now() })
    .where(and(eq(documents.id, doc.id), eq(documents.contentHash, doc.contentHash), ne(documents.indexingStatus, "paused")));
}

async function current(ctx: Ctx, id: string): Promise<DocumentRow | undefined> {
  return ctx.db.select().from(documents).where(eq(documents.id, id)).get();
}

function indexedHashOf(doc: DocumentRow, dataset: DatasetRow) {
  return sha256Hex(
    [doc.contentHash, doc.processRule, doc.docForm, dataset.indexingTechnique, dataset.embeddingProvider, dataset.embeddingModel].join("|"),
  );
}

export async function indexDocument(ctx: Ctx, message: KnowledgeIndexMessage): Promise<IngestOutcome> {
  const found = await ctx.db
    .select({ doc: documents, dataset: datasets })
    .from(documents)
    .innerJoin(datasets, eq(datasets.id, documents.datasetId))
    .where(eq(documents.id, message.documentId))
    .get();
  if (!found || found.doc.workspaceId !== message.workspaceId) return "gone";
  const { doc, dataset } = found;
  if (doc.contentHash !== message.contentHash) return "skipped";
  if (doc.indexingStatus === "paused") return "paused";
  const tctx = forTenant(ctx, doc.workspaceId);
  const indexedHash = await indexedHashOf(doc, dataset);
  if (doc.indexingStatus === "completed" && doc.indexedHash === indexedHash) return "skipped";

  const started = ctx.now();
  await setStatus(ctx, doc, { indexingStatus: "parsing", processingStartedAt: started, attempts: doc.attempts + 1, error: null });
  try {
    const object = await ctx.env.FILES.get(doc.fileKey);
    if (!object) throw new PermanentFailure("The original file is missing from storage.");
    let text: string;
    try {
      text = (await parseDocument({ bytes: new Uint8Array(await object.arrayBuffer()), filename: `x.${doc.extension}`, mimeType: doc.mimeType })).text;
    } catch (e) {
      if (e instanceof ParseError) throw new PermanentFailure(e.message);
      throw e;
    }
    const parsed = ctx.now();
    // Parsed through the schema so escaped separators ("\\n") become the characters they name.
    const rule = resolveRule(processRuleSchema.parse(JSON.parse(doc.processRule)));
    // chunkDocument cleans, then splits: both steps are recorded when the split is done.
    const chunks = chunkDocument(text, rule);
    if (!chunks.length) throw new PermanentFailure("The document contains no text after cleaning.");
    const split = ctx.now();
    // One write moves the document to `indexing` unless it was paused, replaced or deleted meanwhile.
    const moved = await ctx.db
      .update(documents)
      .set({ indexingStatus: "indexing", parsingCompletedAt: parsed, cleaningCompletedAt: split, splittingCompletedAt: split, updatedAt: split })
      .where(and(eq(documents.id, doc.id), eq(documents.contentHash, doc.contentHash), ne(documents.indexingStatus, "paused")))
      .returning({ id: documents.id })
      .all();
    if (!moved.length) return "paused";

    const built = await buildSegments(doc.id, chunks);
    const existing = await unitIdsOf(tctx, doc.id);
    const vectors =
      dataset.indexingTechnique === "high_quality" ? (await vectorsFor(tctx, dataset, unitsOf(built), new Set(existing))).vectors : null;
    await writeDocumentIndex(tctx, dataset, doc, built, existing, vectors, () => ingestFaults.afterSegments?.(doc.id));
    await ingestFaults.beforeComplete?.(doc.id);

    const finished = ctx.now();
    const completed = await ctx.db
      .update(documents)
      .set({
        indexingStatus: sql`CASE WHEN ${documents.indexingStatus} = 'paused' THEN 'paused' ELSE 'completed' END`,
        completedAt: finished,
        indexedHash,
        segmentCount: built.length,
        wordCount: built.reduce((n, s) => n + s.content.length, 0),
        tokens: built.reduce((n, s) => n + s.tokens, 0),
        indexingLatency: (finished - started) / 1000,
        error: null,
        updatedAt: finished,
      })
      .where(and(eq(documents.id, doc.id), eq(documents.contentHash, doc.contentHash)))
      .returning({ id: documents.id })
      .all();
    if (!completed.length) {
      // Replaced while we indexed: the new version's run owns these rows and replaces them.
      // Deleted: the delete may have run before our writes landed, so take back everything.
      if (await current(ctx, doc.id)) return "skipped";
      await ctx.vectors.deleteByIds(unitsOf(built).map((u) => u.id));
      await purgeDocumentIndex(tctx, doc.id);
      return "gone";
    }
    return "completed";
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    if (e instanceof PermanentFailure) {
      await setStatus(ctx, doc, { indexingStatus: "error", error: reason, stoppedAt: ctx.now() });
      return "failed";
    }
    // Transient (provider, storage): keep the reason visible and let the queue retry.
    await setStatus(ctx, doc, { indexingStatus: "waiting", error: `Attempt ${doc.attempts + 1} failed: ${reason}` });
    throw e;
  }
}

/** Dead-letter handler: the queue gave up on this document; say so on the document. */
export async function failDocument(ctx: Ctx, message: KnowledgeIndexMessage): Promise<void> {
  const doc = await current(ctx, message.documentId);
  if (!doc || doc.contentHash !== message.contentHash || doc.indexingStatus === "completed") return;
  await setStatus(ctx, doc, {
    indexingStatus: "error",
    error: `Indexing failed after ${doc.attempts} attempts. ${doc.error ?? ""}`.trim(),
    stoppedAt: ctx.now(),
  });
}
