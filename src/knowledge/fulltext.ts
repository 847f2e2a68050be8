// Full-text search over segments (D1 FTS5, bm25). Rows are written per document in the same D1
// batch (lib/d1-batch) as the segments they index, so the text index never disagrees with the segments table.
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { ftsMatchQuery } from "./keywords";

export interface FullTextUnit {
  unit_id: string;
  segment_id: string;
  document_id: string;
  dataset_id: string;
  content: string;
  keywords: string;
}

/** Statements (for runBatch) that delete a document's full-text rows. */
export function deleteDocumentFullText(documentId: string): SQL[] {
  return [
    sql`DELETE FROM segment_fts WHERE rowid IN (SELECT rowid FROM segment_fts_rows WHERE document_id = ${documentId})`,
    sql`DELETE FROM segment_fts_rows WHERE document_id = ${documentId}`,
  ];
}

/** Statements that delete the full-text rows of some units (segment or child-chunk ids). */
export function deleteUnitsFullText(unitIds: string[]): SQL[] {
  const ids = JSON.stringify(unitIds);
  return [
    sql`DELETE FROM segment_fts WHERE rowid IN (SELECT rowid FROM segment_fts_rows WHERE unit_id IN (SELECT value FROM json_each(${ids})))`,
    sql`DELETE FROM segment_fts_rows WHERE unit_id IN (SELECT value FROM json_each(${ids}))`,
  ];
}

/**
 * The `scope` token of a dataset's full-text rows: its id as one word (migration 0011 derives the
 * same from existing rows), so a search can match only its datasets inside FTS5.
 */
const scopeOf = (datasetId: string) => `ds${datasetId.replaceAll("-", "")}`;

/** Statements that index units; the JSON array travels as one bound value. */
export function insertFullText(units: FullTextUnit[]): SQL[] {
  const json = JSON.stringify(units.map((u) => ({ ...u, scope: scopeOf(u.dataset_id) })));
  return [
    sql`INSERT INTO segment_fts_rows (unit_id, segment_id, document_id, dataset_id)
      SELECT json_extract(value, '$.unit_id'), json_extract(value, '$.segment_id'),
             json_extract(value, '$.document_id'), json_extract(value, '$.dataset_id')
      FROM json_each(${json})`,
    sql`INSERT INTO segment_fts (rowid, content, keywords, scope)
      SELECT r.rowid, json_extract(j.value, '$.content'), json_extract(j.value, '$.keywords'), json_extract(j.value, '$.scope')
      FROM json_each(${json}) j JOIN segment_fts_rows r ON r.unit_id = json_extract(j.value, '$.unit_id')`,
  ];
}

/** A unit whose text is already in its segment or child-chunk row. */
export interface StoredFullTextUnit {
  unit_id: string;
  segment_id: string;
  keywords: string;
}

/**
 * Statements that index units of one document whose segment or child-chunk rows are written
 * earlier in the same batch: the text is read from those rows rather than sent to D1 again.
 * `unitsJson` is a JSON array of StoredFullTextUnit.
 */
export function insertStoredFullText(documentId: string, datasetId: string, unitsJson: string): SQL[] {
  return [
    sql`INSERT INTO segment_fts_rows (unit_id, segment_id, document_id, dataset_id)
      SELECT json_extract(value, '$.unit_id'), json_extract(value, '$.segment_id'), ${documentId}, ${datasetId}
      FROM json_each(${unitsJson})`,
    sql`INSERT INTO segment_fts (rowid, content, keywords, scope)
      SELECT r.rowid, coalesce(s.content, c.content), json_extract(j.value, '$.keywords'), ${scopeOf(datasetId)}
      FROM json_each(${unitsJson}) j
      JOIN segment_fts_rows r ON r.unit_id = json_extract(j.value, '$.unit_id')
      LEFT JOIN segments s ON s.id = r.unit_id
      LEFT JOIN child_chunks c ON c.id = r.unit_id`,
  ];
}

export interface FullTextHit {
  unitId: string;
  segmentId: string;
  /** bm25 mapped to 0..1 (higher is better) so thresholds and hybrid weights can use it. */
  score: number;
}

/** bm25 is unbounded and negative-is-better; s/(s+k) keeps order and lands in 0..1. */
const normaliseBm25 = (bm25: number) => {
  const s = Math.max(0, -bm25);
  return s / (s + 5);
};

export async function searchFullText(db: Db, datasetIds: string[], query: string, limit: number): Promise<FullTextHit[]> {
  const terms = ftsMatchQuery(query);
  if (!terms || !datasetIds.length) return [];
  // Only rows of these datasets are scored; the join's dataset check stays as a second guard.
  const scopes = datasetIds.map((id) => `"${scopeOf(id).replaceAll('"', '""')}"`).join(" OR ");
  const match = `scope : (${scopes}) AND {content keywords} : (${terms})`;
  // FTS5 ranks and cuts to `limit` on its own first; only those rows are joined to their units
  // (a join inside the ranking would look up every matching row).
  const rows = await db.all<{ unit_id: string; segment_id: string; rank: number }>(
    sql`SELECT r.unit_id, r.segment_id, f.rank
        FROM (SELECT rowid, bm25(segment_fts, 1.0, 0.5, 0.0) AS rank FROM segment_fts
              WHERE segment_fts MATCH ${match} ORDER BY rank LIMIT ${limit}) f
        JOIN segment_fts_rows r ON r.rowid = f.rowid
        WHERE r.dataset_id IN (SELECT value FROM json_each(${JSON.stringify(datasetIds)}))
        ORDER BY f.rank`,
  );
  return rows.map((r) => ({ unitId: r.unit_id, segmentId: r.segment_id, score: normaliseBm25(r.rank) }));
}
