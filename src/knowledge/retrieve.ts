// Retrieval over one or more datasets: semantic (vectors), full-text (FTS5 bm25) or hybrid
// (weighted score or reciprocal-rank fusion), top-k, score threshold and document metadata filters.
// Parent-child datasets match on child chunks and return the parent segment with its matched children.
import { and, eq, inArray } from "drizzle-orm";
import type { TenantCtx } from "../context";
import { childChunks, documents, segments } from "../db/schema";
import type { DatasetRow } from "./datasets";
import { retrievalModelOf } from "./datasets";
import { embedQuery } from "./embed";
import { searchFullText } from "./fulltext";
import { allowedDocuments } from "./metadata-filter";
import { recordRetrieval } from "./retrieval-log";
import type { RetrievalModel } from "./retrieval-model";

export interface RetrievedSegment {
  segment: typeof segments.$inferSelect;
  document: Pick<typeof documents.$inferSelect, "id" | "name" | "dataSourceType" | "docMetadata" | "datasetId">;
  dataset: Pick<DatasetRow, "id" | "name">;
  score: number;
  childChunks: { id: string; content: string; position: number; score: number }[];
}

interface Hit {
  unitId: string;
  segmentId: string;
  score: number;
}

const RRF_K = 60;
const OVERFETCH = 4;

/** Per-unit scores for one dataset under the chosen method. */
async function search(ctx: TenantCtx, dataset: DatasetRow, query: string, model: RetrievalModel, limit: number): Promise<Hit[]> {
  const method = dataset.indexingTechnique === "economy" ? "keyword_search" : model.search_method;
  const semantic = async (): Promise<Hit[]> => {
    if (!dataset.embeddingModel || !dataset.embeddingProvider) return [];
    const vector = await embedQuery(ctx, { provider: dataset.embeddingProvider, model: dataset.embeddingModel }, query);
    const result = await ctx.vectors.query(vector, { topK: limit, namespace: dataset.id, returnMetadata: true });
    return result.matches.map((m) => ({ unitId: m.id, segmentId: String(m.metadata?.segment_id ?? m.id), score: Math.max(0, m.score) }));
  };
  const fullText = () => searchFullText(ctx.db, [dataset.id], query, limit);
  if (method === "semantic_search") return semantic();
  if (method === "full_text_search" || method === "keyword_search") return fullText();
  // The full-text query goes to D1 first, so it runs while this isolate embeds and scans vectors.
  const text = fullText();
  const [vectorHits, textHits] = await Promise.all([semantic(), text]);
  return fuse(vectorHits, textHits, model);
}

/** Hybrid: Dify's weighted score (vector 0.7 / keyword 0.3 by default) or reciprocal-rank fusion. */
export function fuse(vectorHits: Hit[], textHits: Hit[], model: RetrievalModel): Hit[] {
  const merged = new Map<string, Hit>();
  if (model.reranking_mode === "reciprocal_rank_fusion") {
    // Normalised so a unit ranked first by both lists scores 1.
    const best = 2 / (RRF_K + 1);
    for (const list of [vectorHits, textHits]) {
      list.forEach((h, rank) => {
        const add = 1 / (RRF_K + rank + 1) / best;
        const prev = merged.get(h.unitId);
        merged.set(h.unitId, { ...h, score: (prev?.score ?? 0) + add });
      });
    }
  } else {
    const vw = model.weights?.vector_setting?.vector_weight ?? 0.7;
    const kw = model.weights?.keyword_setting?.keyword_weight ?? 1 - vw;
    for (const h of vectorHits) merged.set(h.unitId, { ...h, score: vw * h.score });
    for (const h of textHits) {
      const prev = merged.get(h.unitId);
      merged.set(h.unitId, { ...h, score: (prev?.score ?? 0) + kw * h.score });
    }
  }
  return [...merged.values()].sort((a, b) => b.score - a.score);
}

export async function retrieve(
  ctx: TenantCtx,
  datasetRows: DatasetRow[],
  query: string,
  override?: RetrievalModel | null,
  options: { countHits?: boolean } = {},
): Promise<RetrievedSegment[]> {
  if (!datasetRows.length || !query.trim()) return [];
  const perDataset = await Promise.all(
    datasetRows.map(async (dataset) => {
      const model = override ?? retrievalModelOf(dataset);
      const allowed = await allowedDocuments(ctx, dataset, model.metadata_filtering_conditions ?? null);
      if (allowed && allowed.size === 0) return { model, hits: [] as Hit[] };
      const hits = await search(ctx, dataset, query, model, model.top_k * OVERFETCH + (allowed ? 20 : 0));
      return { model, hits, allowed };
    }),
  );
  const model = override ?? perDataset[0].model;
  const unitHits = perDataset.flatMap((p) => p.hits);
  if (!unitHits.length) return [];

  // Group unit hits by segment: a parent scores as its best child. `order` is where the segment
  // first ranked in the search, so equal scores (common under rank fusion) keep the search's
  // order rather than the order D1 happens to return the rows in.
  const bySegment = new Map<string, { score: number; units: Hit[]; order: number }>();
  for (const h of unitHits) {
    const entry = bySegment.get(h.segmentId) ?? { score: 0, units: [], order: bySegment.size };
    entry.score = Math.max(entry.score, h.score);
    entry.units.push(h);
    bySegment.set(h.segmentId, entry);
  }
  const rows = await ctx.db
    .select({ segment: segments, document: { id: documents.id, name: documents.name, dataSourceType: documents.dataSourceType, docMetadata: documents.docMetadata, datasetId: documents.datasetId } })
    .from(segments)
    .innerJoin(documents, eq(documents.id, segments.documentId))
    .where(
      and(
        inArray(segments.id, [...bySegment.keys()]),
        eq(segments.workspaceId, ctx.workspace.id),
        eq(segments.enabled, true),
        eq(documents.enabled, true),
        eq(documents.archived, false),
        eq(documents.indexingStatus, "completed"),
      ),
    )
    .all();
  const allowedByDataset = new Map(datasetRows.map((d, i) => [d.id, perDataset[i].allowed ?? null]));
  const datasetById = new Map(datasetRows.map((d) => [d.id, d]));
  const threshold = model.score_threshold_enabled ? (model.score_threshold ?? 0) : null;
  const results = rows
    .filter((r) => {
      const allowed = allowedByDataset.get(r.document.datasetId);
      return !allowed || allowed.has(r.document.id);
    })
    .map((r) => {
      const entry = bySegment.get(r.segment.id);
      const dataset = datasetById.get(r.document.datasetId);
      return {
        segment: r.segment,
        document: r.document,
        dataset: { id: dataset?.id ?? r.document.datasetId, name: dataset?.name ?? "" },
        score: entry?.score ?? 0,
        order: entry?.order ?? Number.MAX_SAFE_INTEGER,
        childUnits: entry?.units.filter((u) => u.unitId !== r.segment.id) ?? [],
      };
    })
    .filter((r) => threshold === null || r.score >= threshold)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, model.top_k);

  const childIds = results.flatMap((r) => r.childUnits.map((u) => u.unitId));
  const children = childIds.length
    ? await ctx.db.select().from(childChunks).where(inArray(childChunks.id, childIds)).all()
    : [];
  const childById = new Map(children.map((c) => [c.id, c]));
  if (options.countHits !== false) ctx.waitUntil(recordRetrieval(ctx, results));
  return results.map((r) => ({
    segment: r.segment,
    document: r.document,
    dataset: r.dataset,
    score: r.score,
    childChunks: r.childUnits
      .map((u) => {
        const c = childById.get(u.unitId);
        return c ? { id: c.id, content: c.content, position: c.position, score: u.score } : null;
      })
      .filter((c): c is NonNullable<typeof c> => c !== null)
      .sort((a, b) => b.score - a.score),
  }));
}
