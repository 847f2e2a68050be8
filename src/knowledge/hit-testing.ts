// Retrieval testing (Dify's hit-testing): run a query against one dataset, answer the ranked
// records in Dify's shape, and keep the query in the dataset's history.
import { and, desc, eq, sql } from "drizzle-orm";
import type { TenantCtx } from "../context";
import { datasetQueries } from "../db/schema";
import { offsetOf, pageOf, type Page } from "../lib/pagination";
import type { DatasetRow } from "./datasets";
import type { RetrievalModel } from "./retrieval-model";
import { type RetrievedSegment, retrieve } from "./retrieve";
import { recordRetrieval } from "./retrieval-log";
import { segmentView } from "./segments";

export function retrievalRecordView(r: RetrievedSegment) {
  const { child_chunks: _children, attachments: _attachments, updated_at: _u, updated_by: _ub, ...segment } = segmentView(r.segment);
  return {
    segment: {
      ...segment,
      document: {
        id: r.document.id,
        data_source_type: r.document.dataSourceType,
        name: r.document.name,
        doc_type: null,
        doc_metadata: JSON.parse(r.document.docMetadata),
      },
    },
    child_chunks: r.childChunks,
    score: r.score,
    tsne_position: null,
    files: [],
  };
}

export async function hitTest(
  ctx: TenantCtx,
  dataset: DatasetRow,
  query: string,
  retrievalModel: RetrievalModel | null,
  source: "hit_testing" | "api",
  createdBy: string | null,
) {
  const started = performance.now();
  const records = await retrieve(ctx, [dataset], query, retrievalModel, { countHits: false });
  const elapsed = performance.now() - started;
  // The query's history row and its hit counts, off the request path (retrieval-log.ts).
  ctx.waitUntil(
    recordRetrieval(ctx, records, {
      id: ctx.newId(),
      workspaceId: ctx.workspace.id,
      datasetId: dataset.id,
      content: query,
      source,
      details: JSON.stringify({
        search_method: retrievalModel?.search_method ?? null,
        top_k: retrievalModel?.top_k ?? null,
        records: records.length,
        best_score: records[0]?.score ?? null,
        elapsed_ms: Math.round(elapsed),
      }),
      createdBy,
      createdAt: ctx.now(),
    }),
  );
  return { query: { content: query }, records: records.map(retrievalRecordView) };
}

export async function listQueries(ctx: TenantCtx, dataset: DatasetRow, page: Page) {
  const where = and(eq(datasetQueries.datasetId, dataset.id), eq(datasetQueries.workspaceId, ctx.workspace.id));
  const [rows, total] = await Promise.all([
    ctx.db.select().from(datasetQueries).where(where).orderBy(desc(datasetQueries.createdAt)).limit(page.limit).offset(offsetOf(page)).all(),
    ctx.db.select({ n: sql<number>`count(*)` }).from(datasetQueries).where(where).get(),
  ]);
  return pageOf(
    page,
    total?.n ?? 0,
    rows.map((q) => ({
      id: q.id,
      content: q.content,
      source: q.source,
      source_app_id: null,
      created_by_role: "account",
      created_by: q.createdBy,
      created_at: Math.floor(q.createdAt / 1000),
      details: JSON.parse(q.details),
    })),
  );
}
