// Writing a document's chunks into the three indexes that must agree: segments (and child chunks)
// in D1, their full-text rows, and their vectors. Unit ids are derived from the document, position
// and content hash, so a retried write lands on the same ids (never a duplicate) and an unchanged
// chunk keeps its vector instead of being embedded again.
import { eq, sql } from "drizzle-orm";
import type { TenantCtx } from "../context";
import { childChunks, segments } from "../db/schema";
import { isAscii } from "../lib/ascii-words";
import { sha256Hex } from "../lib/crypto";
import type { BatchStatement } from "../lib/d1-batch";
import type { Chunk } from "./chunk";
import type { DatasetRow } from "./datasets";
import { embedTexts } from "./embed";
import { deleteDocumentFullText, insertStoredFullText, type StoredFullTextUnit } from "./fulltext";
import { extractKeywords } from "./keywords";
import type { VectorRecord } from "./vector-index";

export interface BuiltChild {
  id: string;
  position: number;
  content: string;
  tokens: number;
  contentHash: string;
}

export interface BuiltSegment {
  id: string;
  position: number;
  content: string;
  tokens: number;
  contentHash: string;
  keywords: string[];
  children: BuiltChild[] | null;
}

/** What gets a vector and a full-text row: the segment, or its children in parent-child mode. */
export interface IndexUnit {
  id: string;
  segmentId: string;
  content: string;
  contentHash: string;
  keywords: string[];
}

const unitId = async (...parts: (string | number)[]) => (await sha256Hex(parts.join(":"))).slice(0, 32);

/** `withKeywords`: extract each segment's keywords (see keywords.extractsKeywords). */
export async function buildSegments(documentId: string, chunks: Chunk[], withKeywords: boolean): Promise<BuiltSegment[]> {
  return Promise.all(
    chunks.map(async (chunk, i) => {
      const contentHash = await sha256Hex(chunk.content);
      const children = chunk.children
        ? await Promise.all(
            chunk.children.map(async (c, j) => {
              const hash = await sha256Hex(c.content);
              return { id: await unitId(documentId, "c", i + 1, j + 1, hash), position: j + 1, content: c.content, tokens: c.tokens, contentHash: hash };
            }),
          )
        : null;
      return {
        id: await unitId(documentId, "s", i + 1, contentHash),
        position: i + 1,
        content: chunk.content,
        tokens: chunk.tokens,
        contentHash,
        keywords: withKeywords ? extractKeywords(chunk.content, 10) : [],
        children,
      };
    }),
  );
}

export function unitsOf(built: BuiltSegment[]): IndexUnit[] {
  return built.flatMap((s) =>
    s.children
      ? s.children.map((c) => ({ id: c.id, segmentId: s.id, content: c.content, contentHash: c.contentHash, keywords: [] }))
      : [{ id: s.id, segmentId: s.id, content: s.content, contentHash: s.contentHash, keywords: s.keywords }],
  );
}

/** Vectors for units, reusing the ones already stored under the same (content-derived) id. */
export async function vectorsFor(
  ctx: TenantCtx,
  dataset: DatasetRow,
  units: IndexUnit[],
  existingIds: Set<string>,
): Promise<{ vectors: Map<string, number[] | Float32Array>; embeddedCount: number; tokens: number }> {
  const vectors = new Map<string, number[] | Float32Array>();
  const reusable = units.filter((u) => existingIds.has(u.id)).map((u) => u.id);
  if (reusable.length) for (const v of await ctx.vectors.getByIds(reusable)) vectors.set(v.id, v.values);
  const missing = units.filter((u) => !vectors.has(u.id));
  if (!dataset.embeddingModel || !dataset.embeddingProvider) throw new Error("The knowledge base has no embedding model.");
  const embedded = await embedTexts(
    ctx,
    { provider: dataset.embeddingProvider, model: dataset.embeddingModel },
    missing.map((u) => u.content),
  );
  for (const [i, u] of missing.entries()) vectors.set(u.id, embedded.vectors[i]);
  return { vectors, embeddedCount: missing.length, tokens: embedded.tokens };
}

/** Bytes of JSON per bound value: well under D1's 2 MB per value, with room for the FTS scope. */
const JSON_CHUNK_BYTES = 800_000;
const utf8 = new TextEncoder();

/** The rows as JSON arrays, each under D1's per-value size limit. */
function jsonGroups(rows: object[]): string[] {
  const groups: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const row of rows) {
    const json = JSON.stringify(row);
    // Bytes, not characters: CJK text is three bytes a character in UTF-8.
    const n = isAscii(json) ? json.length : utf8.encode(json).length;
    if (current.length && size + n > JSON_CHUNK_BYTES) {
      groups.push(`[${current.join(",")}]`);
      current = [];
      size = 0;
    }
    current.push(json);
    size += n + 1;
  }
  if (current.length) groups.push(`[${current.join(",")}]`);
  return groups;
}

/** Unit ids (segments and child chunks) of `oldIds` that the new chunks no longer have. */
export function staleIds(built: BuiltSegment[], oldIds: string[]): string[] {
  const keep = new Set([...built.map((s) => s.id), ...unitsOf(built).map((u) => u.id)]);
  return oldIds.filter((id) => !keep.has(id));
}

/**
 * The statements that replace a document's segments, child chunks and full-text rows; run them in
 * one D1 batch (lib/d1-batch), together with other documents' if indexing several at once.
 */
export function documentIndexStatements(
  ctx: TenantCtx,
  dataset: DatasetRow,
  doc: { id: string; createdBy: string | null },
  built: BuiltSegment[],
): BatchStatement[] {
  const units = unitsOf(built);
  const now = ctx.now();
  const segRows = built.map((s) => ({
    id: s.id,
    position: s.position,
    content: s.content,
    word_count: s.content.length,
    tokens: s.tokens,
    keywords: JSON.stringify(s.keywords),
    hash: s.contentHash,
  }));
  const childRows = built.flatMap((s) =>
    (s.children ?? []).map((c) => ({
      id: c.id,
      segment_id: s.id,
      position: c.position,
      content: c.content,
      word_count: c.content.length,
      tokens: c.tokens,
      hash: c.contentHash,
    })),
  );
  // Full-text rows read their text from the segment and child-chunk rows written before them.
  const ftsRows: StoredFullTextUnit[] = units.map((u) => ({ unit_id: u.id, segment_id: u.segmentId, keywords: u.keywords.join(" ") }));
  const ws = ctx.workspace.id;
  return [
    ...deleteDocumentFullText(doc.id),
    ctx.db.delete(childChunks).where(eq(childChunks.documentId, doc.id)),
    ctx.db.delete(segments).where(eq(segments.documentId, doc.id)),
    ...jsonGroups(segRows).map(
      (group) =>
        sql`INSERT INTO segments (id, workspace_id, dataset_id, document_id, position, content, word_count, tokens,
          keywords, content_hash, enabled, status, hit_count, created_by, created_at, updated_at)
        SELECT json_extract(value, '$.id'), ${ws}, ${dataset.id}, ${doc.id}, json_extract(value, '$.position'),
          json_extract(value, '$.content'), json_extract(value, '$.word_count'), json_extract(value, '$.tokens'),
          json_extract(value, '$.keywords'), json_extract(value, '$.hash'), 1, 'completed', 0, ${doc.createdBy}, ${now}, ${now}
        FROM json_each(${group})`,
    ),
    ...jsonGroups(childRows).map(
      (group) =>
        sql`INSERT INTO child_chunks (id, workspace_id, dataset_id, document_id, segment_id, position, content,
          word_count, tokens, content_hash, type, created_at, updated_at)
        SELECT json_extract(value, '$.id'), ${ws}, ${dataset.id}, ${doc.id}, json_extract(value, '$.segment_id'),
          json_extract(value, '$.position'), json_extract(value, '$.content'), json_extract(value, '$.word_count'),
          json_extract(value, '$.tokens'), json_extract(value, '$.hash'), 'automatic', ${now}, ${now}
        FROM json_each(${group})`,
    ),
    ...jsonGroups(ftsRows).flatMap((group) => insertStoredFullText(doc.id, dataset.id, group)),
  ];
}

/** The vectors of a document's units, namespaced by dataset (Vectorize's shape). */
export function vectorRecords(
  dataset: DatasetRow,
  doc: { id: string },
  built: BuiltSegment[],
  vectors: Map<string, number[] | Float32Array>,
): VectorRecord[] {
  return unitsOf(built).map((u) => ({
    id: u.id,
    namespace: dataset.id,
    values: vectors.get(u.id) ?? [],
    metadata: { document_id: doc.id, segment_id: u.segmentId },
  }));
}
