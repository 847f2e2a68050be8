// The ingest queue consumer: parse → clean → split → index documents, recording each step on the
// document rows. The documents of one queue batch are indexed together — one lookup, one embedding
// call per model, one D1 batch of segment and full-text writes, one vector upsert — because local
// and remote D1 round trips, not CPU, bound ingestion. Idempotent by construction: a message names
// the content hash it was sent for (a replaced document's old message is skipped), unit ids derive
// from content (a retry rewrites the same rows and vectors, and unchanged chunks keep their vectors),
// and an unchanged document under unchanged rules is not indexed again.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { type Ctx, forTenant, type TenantCtx } from "../context";
import { childChunks, datasets, documents, segments } from "../db/schema";
import { ByteGate } from "../lib/byte-gate";
import { sha256Hex } from "../lib/crypto";
import { type BatchStatement, runBatch } from "../lib/d1-batch";
import type { IndexTarget, KnowledgeIndexMessage } from "../queues/messages";
import { chunkDocument } from "./chunk";
import type { DatasetRow } from "./datasets";
import type { DocumentRow } from "./documents";
import { type BuiltSegment, buildSegments, documentIndexStatements, staleIds, unitsOf, vectorRecords, vectorsFor } from "./index-units";
import { extractsKeywords } from "./keywords";
import { ParseError, parseDocument } from "./parse";
import { processRuleSchema, resolveRule } from "./process-rule";
import { purgeDocumentIndex } from "./purge";
import { takeOriginal } from "./recent-originals";
import type { VectorRecord } from "./vector-index";

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

interface Job {
  ctx: Ctx;
  target: IndexTarget;
  resolve: (outcome: IngestOutcome) => void;
  reject: (error: unknown) => void;
}

/** A document on its way through one run; `failure` set means it leaves the run. */
interface Work {
  job: Job;
  doc: DocumentRow;
  dataset: DatasetRow;
  tctx: TenantCtx;
  indexedHash: string;
  started: number;
  parsedAt?: number;
  built?: BuiltSegment[];
  oldIds?: string[];
  vectors?: Map<string, number[] | Float32Array> | null;
}

let pending: Job[] = [];

/**
 * Files being parsed at once in this isolate, by size: a parser holds many times a file's size
 * (PDF.js its objects and fonts, mammoth its tree), so five big PDFs of one batch side by side
 * could pass a Worker's 128 MB where one at a time does not. Small files are not held back.
 */
const PARSING = new ByteGate(4 * 1024 * 1024);

/**
 * Indexes one document. Calls made in the same tick (the messages of one queue batch, handled
 * concurrently) are indexed together; each call settles with its own document's outcome, and only
 * its own failure rejects it.
 */
export function indexDocument(ctx: Ctx, target: IndexTarget): Promise<IngestOutcome> {
  return new Promise((resolve, reject) => {
    pending.push({ ctx, target, resolve, reject });
    if (pending.length === 1) {
      queueMicrotask(() => {
        const jobs = pending;
        pending = [];
        runJobs(jobs).catch((e) => {
          for (const j of jobs) j.reject(e);
        });
      });
    }
  });
}

function indexedHashOf(doc: DocumentRow, dataset: DatasetRow) {
  return sha256Hex(
    [doc.contentHash, doc.processRule, doc.docForm, dataset.indexingTechnique, dataset.embeddingProvider, dataset.embeddingModel].join("|"),
  );
}

/** Conditions under which a step may still be recorded: same content, not paused meanwhile. */
const stillOurs = (doc: DocumentRow) =>
  and(eq(documents.id, doc.id), eq(documents.contentHash, doc.contentHash), ne(documents.indexingStatus, "paused"));

async function runJobs(jobs: Job[]): Promise<void> {
  const ctx = jobs[0].ctx;
  const found = await ctx.db
    .select({ doc: documents, dataset: datasets })
    .from(documents)
    .innerJoin(datasets, eq(datasets.id, documents.datasetId))
    .where(inArray(documents.id, [...new Set(jobs.map((j) => j.target.documentId))]))
    .all();
  const byId = new Map(found.map((f) => [f.doc.id, f]));
  let work: Work[] = [];
  const claimed = new Set<string>();
  for (const job of jobs) {
    const f = byId.get(job.target.documentId);
    if (!f || f.doc.workspaceId !== job.target.workspaceId) job.resolve("gone");
    else if (f.doc.contentHash !== job.target.contentHash || claimed.has(f.doc.id)) job.resolve("skipped");
    else if (f.doc.indexingStatus === "paused") job.resolve("paused");
    else {
      const indexedHash = await indexedHashOf(f.doc, f.dataset);
      if (f.doc.indexingStatus === "completed" && f.doc.indexedHash === indexedHash) job.resolve("skipped");
      else {
        claimed.add(f.doc.id);
        work.push({ job, doc: f.doc, dataset: f.dataset, tctx: forTenant(ctx, f.doc.workspaceId), indexedHash, started: ctx.now() });
      }
    }
  }
  if (!work.length) return;

  const fail = async (w: Work, e: unknown) => {
    const reason = e instanceof Error ? e.message : String(e);
    if (e instanceof PermanentFailure) {
      await ctx.db
        .update(documents)
        .set({ indexingStatus: "error", error: reason, stoppedAt: ctx.now(), updatedAt: ctx.now() })
        .where(stillOurs(w.doc));
      w.job.resolve("failed");
    } else {
      // Transient (provider, storage): keep the reason visible and let the queue retry.
      await ctx.db
        .update(documents)
        .set({ indexingStatus: "waiting", error: `Attempt ${w.doc.attempts + 1} failed: ${reason}`, updatedAt: ctx.now() })
        .where(stillOurs(w.doc));
      w.job.reject(e);
    }
  };
  const settle = async (batch: Work[], step: (w: Work) => Promise<void>): Promise<Work[]> => {
    const ok: Work[] = [];
    await Promise.all(
      batch.map(async (w) => {
        try {
          await step(w);
          ok.push(w);
        } catch (e) {
          await fail(w, e);
        }
      }),
    );
    return ok;
  };

  await ctx.db
    .update(documents)
    .set({ indexingStatus: "parsing", processingStartedAt: ctx.now(), attempts: sql`${documents.attempts} + 1`, error: null, updatedAt: ctx.now() })
    .where(and(inArray(documents.id, work.map((w) => w.doc.id)), ne(documents.indexingStatus, "paused")));

  // Parse, clean and split each document (CPU and R2): small ones side by side, big ones within
  // the isolate's parsing budget (see PARSING).
  work = await settle(work, (w) => PARSING.run(w.doc.fileSize, async () => {
    let bytes = takeOriginal(w.doc.fileKey, w.doc.fileSize);
    if (!bytes) {
      const object = await ctx.env.FILES.get(w.doc.fileKey);
      if (!object) throw new PermanentFailure("The original file is missing from storage.");
      bytes = new Uint8Array(await object.arrayBuffer());
    }
    let text: string;
    try {
      text = (await parseDocument({ bytes, filename: `x.${w.doc.extension}`, mimeType: w.doc.mimeType })).text;
    } catch (e) {
      if (e instanceof ParseError) throw new PermanentFailure(e.message);
      throw e;
    }
    w.parsedAt = ctx.now();
    // Parsed through the schema so escaped separators ("\\n") become the characters they name.
    const chunks = chunkDocument(text, resolveRule(processRuleSchema.parse(JSON.parse(w.doc.processRule))));
    if (!chunks.length) throw new PermanentFailure("The document contains no text after cleaning.");
    w.built = await buildSegments(w.doc.id, chunks, extractsKeywords(w.dataset.indexingTechnique, w.doc.docForm));
  }));
  if (!work.length) return;

  // One write moves every document to `indexing` unless it was paused, replaced or deleted.
  const split = ctx.now();
  const moving = JSON.stringify(work.map((w) => ({ id: w.doc.id, hash: w.doc.contentHash, parsed: w.parsedAt })));
  const moved = await ctx.db.all<{ id: string }>(
    sql`UPDATE documents SET indexing_status = 'indexing', parsing_completed_at = j.parsed, cleaning_completed_at = ${split},
          splitting_completed_at = ${split}, updated_at = ${split}
        FROM (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.hash') AS hash, json_extract(value, '$.parsed') AS parsed
              FROM json_each(${moving})) AS j
        WHERE documents.id = j.id AND documents.content_hash = j.hash AND documents.indexing_status != 'paused'
        RETURNING id`,
  );
  const movedIds = new Set(moved.map((r) => r.id));
  for (const w of work) if (!movedIds.has(w.doc.id)) w.job.resolve("paused");
  work = work.filter((w) => movedIds.has(w.doc.id));
  if (!work.length) return;

  // What each document had before: its old units are reused (same content → same id) or removed.
  const docIds = work.map((w) => w.doc.id);
  const [oldSegments, oldChildren] = await Promise.all([
    ctx.db.select({ id: segments.id, documentId: segments.documentId }).from(segments).where(inArray(segments.documentId, docIds)).all(),
    ctx.db.select({ id: childChunks.id, documentId: childChunks.documentId }).from(childChunks).where(inArray(childChunks.documentId, docIds)).all(),
  ]);
  for (const w of work) w.oldIds = [...oldSegments, ...oldChildren].filter((r) => r.documentId === w.doc.id).map((r) => r.id);

  // Embeddings: one call per dataset (so per model) for every unit that has no vector yet.
  const byDataset = new Map<string, Work[]>();
  for (const w of work) byDataset.set(w.dataset.id, [...(byDataset.get(w.dataset.id) ?? []), w]);
  const embedded: Work[] = [];
  await Promise.all(
    [...byDataset.values()].map(async (group) => {
      const dataset = group[0].dataset;
      if (dataset.indexingTechnique !== "high_quality") {
        for (const w of group) w.vectors = null;
        embedded.push(...group);
        return;
      }
      try {
        const units = group.flatMap((w) => unitsOf(w.built ?? []));
        const existing = new Set(group.flatMap((w) => w.oldIds ?? []));
        const { vectors } = await vectorsFor(group[0].tctx, dataset, units, existing);
        for (const w of group) w.vectors = vectors;
        embedded.push(...group);
      } catch (e) {
        for (const w of group) await fail(w, e);
      }
    }),
  );
  work = embedded;
  if (!work.length) return;

  // Vectors of units that no longer exist go first, then one D1 batch for every document's rows.
  const stale = work.flatMap((w) => staleIds(w.built ?? [], w.oldIds ?? []));
  try {
    if (stale.length) await ctx.vectors.deleteByIds(stale);
    const statements: BatchStatement[] = work.flatMap((w) => documentIndexStatements(w.tctx, w.dataset, w.doc, w.built ?? []));
    await runBatch(ctx.env.DB, statements);
  } catch (e) {
    for (const w of work) await fail(w, e);
    return;
  }
  work = await settle(work, async (w) => ingestFaults.afterSegments?.(w.doc.id));
  const records: VectorRecord[] = work.flatMap((w) => (w.vectors ? vectorRecords(w.dataset, w.doc, w.built ?? [], w.vectors) : []));
  try {
    if (records.length) await ctx.vectors.upsert(records);
  } catch (e) {
    for (const w of work) await fail(w, e);
    return;
  }
  work = await settle(work, async (w) => ingestFaults.beforeComplete?.(w.doc.id));
  if (!work.length) return;

  // Completion, one write for all: a document paused meanwhile stays paused (its rows are complete
  // and current); one replaced or deleted meanwhile is not touched.
  const finished = ctx.now();
  const completing = JSON.stringify(
    work.map((w) => {
      const built = w.built ?? [];
      return {
        id: w.doc.id,
        hash: w.doc.contentHash,
        indexed: w.indexedHash,
        segments: built.length,
        words: built.reduce((n, s) => n + s.content.length, 0),
        tokens: built.reduce((n, s) => n + s.tokens, 0),
        latency: (finished - w.started) / 1000,
      };
    }),
  );
  const completed = await ctx.db.all<{ id: string }>(
    sql`UPDATE documents SET indexing_status = CASE WHEN indexing_status = 'paused' THEN 'paused' ELSE 'completed' END,
          completed_at = ${finished}, indexed_hash = j.indexed, segment_count = j.segments, word_count = j.words, tokens = j.tokens,
          indexing_latency = j.latency, error = NULL, updated_at = ${finished}
        FROM (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.hash') AS hash, json_extract(value, '$.indexed') AS indexed,
                     json_extract(value, '$.segments') AS segments, json_extract(value, '$.words') AS words,
                     json_extract(value, '$.tokens') AS tokens, json_extract(value, '$.latency') AS latency
              FROM json_each(${completing})) AS j
        WHERE documents.id = j.id AND documents.content_hash = j.hash
        RETURNING id`,
  );
  const completedIds = new Set(completed.map((r) => r.id));
  for (const w of work) {
    if (completedIds.has(w.doc.id)) {
      w.job.resolve("completed");
      continue;
    }
    // Replaced while we indexed: the new version's run owns these rows and replaces them.
    // Deleted: the delete may have run before our writes landed, so take back everything.
    const still = await ctx.db.select({ id: documents.id }).from(documents).where(eq(documents.id, w.doc.id)).get();
    if (!still) {
      await ctx.vectors.deleteByIds(unitsOf(w.built ?? []).map((u) => u.id));
      await purgeDocumentIndex(w.tctx, w.doc.id);
    }
    w.job.resolve(still ? "skipped" : "gone");
  }
}

/**
 * Indexes the documents of one queue message (together, as one run) and settles once all have.
 * Rejects with the first transient failure so the queue retries the message; the retry skips the
 * documents indexed meanwhile.
 */
export async function indexMessage(ctx: Ctx, message: KnowledgeIndexMessage): Promise<{ documentId: string; outcome: IngestOutcome }[]> {
  const settled = await Promise.allSettled(message.documents.map((d) => indexDocument(ctx, { workspaceId: message.workspaceId, ...d })));
  const failure = settled.find((r) => r.status === "rejected");
  if (failure) throw failure.reason;
  return settled.map((r, i) => ({ documentId: message.documents[i].documentId, outcome: (r as PromiseFulfilledResult<IngestOutcome>).value }));
}

/** Dead-letter handler: the queue gave up on these documents; say so on each one not indexed. */
export async function failDocuments(ctx: Ctx, message: KnowledgeIndexMessage): Promise<void> {
  for (const d of message.documents) await failDocument(ctx, { workspaceId: message.workspaceId, ...d });
}

async function failDocument(ctx: Ctx, target: IndexTarget): Promise<void> {
  const doc = await ctx.db.select().from(documents).where(eq(documents.id, target.documentId)).get();
  // Indexed by an earlier attempt, or already failed for good with its own reason: nothing to say.
  if (!doc || doc.contentHash !== target.contentHash || doc.indexingStatus === "completed" || doc.indexingStatus === "error") return;
  await ctx.db
    .update(documents)
    .set({
      indexingStatus: "error",
      error: `Indexing failed after ${doc.attempts} attempts. ${doc.error ?? ""}`.trim(),
      stoppedAt: ctx.now(),
      updatedAt: ctx.now(),
    })
    .where(stillOurs(doc));
}
