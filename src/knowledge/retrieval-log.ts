// What a retrieval leaves behind: hit counts on the segments and documents it returned and, for
// retrieval testing, a row in the dataset's query history. They are statistics, so they are
// written a moment later and together: the retrievals of a short window share one D1 batch (hit
// counts summed per row, history rows in one insert) instead of a write per query competing with
// the next query's reads. The call that opens a window keeps the isolate alive for it (hand its
// promise to waitUntil) and writes it; later calls in the window ride along.
import { sql } from "drizzle-orm";
import type { TenantCtx } from "../context";
import type { Db } from "../db/client";
import { type BatchStatement, runBatch } from "../lib/d1-batch";

const FLUSH_MS = 200;
const MAX_QUERIES = 200;
const MAX_SEGMENTS = 2_000;

export interface QueryHistoryRow {
  id: string;
  workspaceId: string;
  datasetId: string;
  content: string;
  source: string;
  details: string;
  createdBy: string | null;
  createdAt: number;
}

interface Window {
  segments: Map<string, number>;
  documents: Map<string, number>;
  queries: QueryHistoryRow[];
}

const open = new WeakMap<Db, Window>();

const counts = (m: Map<string, number>) => JSON.stringify(Object.fromEntries(m));

/**
 * One statement per table whatever the window holds: the ids and their counts travel as one JSON
 * object, so no statement nears D1's 100 bound values. A history row whose dataset was deleted
 * meanwhile is skipped rather than failing the batch.
 */
export function windowStatements(w: Window): BatchStatement[] {
  const out: BatchStatement[] = [];
  if (w.segments.size) {
    const json = counts(w.segments);
    out.push(sql`UPDATE segments SET hit_count = hit_count + (SELECT value FROM json_each(${json}) WHERE key = segments.id)
      WHERE segments.id IN (SELECT key FROM json_each(${json}))`);
  }
  if (w.documents.size) {
    const json = counts(w.documents);
    out.push(sql`UPDATE documents SET hit_count = hit_count + (SELECT value FROM json_each(${json}) WHERE key = documents.id)
      WHERE documents.id IN (SELECT key FROM json_each(${json}))`);
  }
  if (w.queries.length) {
    out.push(sql`INSERT INTO dataset_queries (id, workspace_id, dataset_id, content, source, details, created_by, created_at)
      SELECT json_extract(value, '$.id'), json_extract(value, '$.workspaceId'), json_extract(value, '$.datasetId'),
        json_extract(value, '$.content'), json_extract(value, '$.source'), json_extract(value, '$.details'),
        json_extract(value, '$.createdBy'), json_extract(value, '$.createdAt')
      FROM json_each(${JSON.stringify(w.queries)})
      WHERE EXISTS (SELECT 1 FROM datasets WHERE datasets.id = json_extract(value, '$.datasetId'))`);
  }
  return out;
}

/**
 * Counts one retrieval's hits (each returned segment and its document once) and keeps its history
 * row, if any; resolves when they are written. Never rejects: a failed write is logged, as losing
 * a statistic must not fail or hold up an answer.
 */
export function recordRetrieval(
  ctx: TenantCtx,
  results: { segment: { id: string }; document: { id: string } }[],
  query?: QueryHistoryRow,
): Promise<void> {
  if (!results.length && !query) return Promise.resolve();
  const current = open.get(ctx.db);
  // A full window is left to its timer and a new one opens, so no batch grows without bound.
  const existing = current && current.queries.length < MAX_QUERIES && current.segments.size < MAX_SEGMENTS ? current : undefined;
  const w: Window = existing ?? { segments: new Map(), documents: new Map(), queries: [] };
  for (const r of results) w.segments.set(r.segment.id, (w.segments.get(r.segment.id) ?? 0) + 1);
  for (const id of new Set(results.map((r) => r.document.id))) w.documents.set(id, (w.documents.get(id) ?? 0) + 1);
  if (query) w.queries.push(query);
  if (existing) return Promise.resolve();
  open.set(ctx.db, w);
  return new Promise<void>((resolve) => setTimeout(resolve, FLUSH_MS)).then(async () => {
    if (open.get(ctx.db) === w) open.delete(ctx.db);
    try {
      await runBatch(ctx.env.DB, windowStatements(w));
    } catch (err) {
      ctx.log.warn("retrieval statistics not recorded", {
        queries: w.queries.length,
        segments: w.segments.size,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  });
}
