// The local VectorIndex: Vectorize has no local emulation, so vectors live in D1 (base64 float32)
// and each isolate keeps a namespace's vectors in memory, normalised, reloading when the
// namespace's version row changes. The version is read again at most every RECHECK_MS; this
// isolate's own writes drop its copy at once, so only another isolate's writes can take that
// long to show (Vectorize itself is eventually consistent). Brute-force cosine over a namespace:
// fine for the tens of thousands of segments a local or test dataset holds; production uses
// Vectorize.
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { localVectorNamespaces, localVectors } from "../../db/schema";
import { isAscii } from "../../lib/ascii-words";
import { fromBase64, toBase64 } from "../../lib/crypto";
import { type BatchStatement, runBatch } from "../../lib/d1-batch";
import { newId } from "../../lib/ids";
import type { VectorFilter, VectorIndex, VectorMatch, VectorMetadata, VectorMetadataValue, VectorRecord } from "./types";

interface NamespaceVectors {
  version: string;
  /** When the version row last said this copy is current (ms). */
  checkedAt: number;
  ids: string[];
  dims: number;
  /** Row-major unit vectors. */
  matrix: Float32Array;
  metadata: VectorMetadata[];
}

const DEFAULT_NAMESPACE = "";
/** Bytes of JSON per bound value, well under D1's 2 MB per value. */
const JSON_GROUP_BYTES = 800_000;
const cache = new Map<string, NamespaceVectors>();
const RECHECK_MS = 1_000;
/** Writes to a namespace made in this isolate: a load that overlapped one does not cache. */
const writeCounts = new Map<string, number>();

function wrote(namespaces: Iterable<string>) {
  for (const ns of namespaces) {
    cache.delete(ns);
    writeCounts.set(ns, (writeCounts.get(ns) ?? 0) + 1);
  }
}

export function encodeVector(values: ArrayLike<number>): string {
  return toBase64(new Uint8Array(Float32Array.from(values).buffer));
}

export function decodeVector(encoded: string): Float32Array {
  const bytes = fromBase64(encoded);
  // fromBase64 may hand back a view into a larger buffer; a Float32Array needs its own, aligned one.
  return new Float32Array(bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer);
}

function matchesFilter(meta: VectorMetadata, filter: VectorFilter | undefined): boolean {
  if (!filter) return true;
  for (const [key, cond] of Object.entries(filter)) {
    const value = meta[key];
    if (typeof cond !== "object" || cond === null) {
      if (value !== cond) return false;
      continue;
    }
    if (cond.$eq !== undefined && value !== cond.$eq) return false;
    if (cond.$ne !== undefined && value === cond.$ne) return false;
    if (cond.$in && !cond.$in.includes(value as VectorMetadataValue)) return false;
    if (cond.$nin?.includes(value as VectorMetadataValue)) return false;
  }
  return true;
}

/**
 * The topK vectors of a namespace closest (cosine) to `vector`, best first. One pass over the
 * matrix keeps only the best topK seen so far, so a query allocates nothing per vector.
 */
function nearest(ns: NamespaceVectors, vector: ArrayLike<number>, topK: number, filter: VectorFilter | undefined) {
  const { matrix, dims } = ns;
  const q = new Float32Array(dims);
  let norm = 0;
  for (let d = 0; d < vector.length; d++) norm += vector[d] * vector[d];
  norm = Math.sqrt(norm) || 1;
  // A query of another dimension than the namespace's cannot be compared: every vector scores 0.
  const comparable = vector.length === dims;
  if (comparable) for (let d = 0; d < dims; d++) q[d] = vector[d] / norm;
  // A query with few non-zero dimensions (the offline embedder's, or any sparse one) is scored
  // over those alone: the same sums, a fraction of the work.
  const nonZero: number[] = [];
  for (let d = 0; d < dims; d++) if (q[d] !== 0) nonZero.push(d);
  const sparse = nonZero.length <= dims / 3;
  const at = Int32Array.from(nonZero);
  const weight = Float32Array.from(nonZero, (d) => q[d]);
  const k = Math.max(0, Math.min(topK, ns.ids.length));
  const bestIndex = new Int32Array(k);
  const bestScore = new Float64Array(k);
  let kept = 0;
  for (let i = 0; i < ns.ids.length; i++) {
    if (filter && !matchesFilter(ns.metadata[i], filter)) continue;
    let score = 0;
    if (comparable && sparse) {
      const base = i * dims;
      for (let j = 0; j < at.length; j++) score += matrix[base + at[j]] * weight[j];
    } else if (comparable) {
      const base = i * dims;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let d = 0;
      for (; d + 3 < dims; d += 4) {
        s0 += matrix[base + d] * q[d];
        s1 += matrix[base + d + 1] * q[d + 1];
        s2 += matrix[base + d + 2] * q[d + 2];
        s3 += matrix[base + d + 3] * q[d + 3];
      }
      for (; d < dims; d++) s0 += matrix[base + d] * q[d];
      score = s0 + s1 + s2 + s3;
    }
    if (kept === k && (k === 0 || score <= bestScore[k - 1])) continue;
    // Insert into the sorted best list, dropping its last entry when full; ties keep index order.
    let slot = kept < k ? kept++ : k - 1;
    while (slot > 0 && bestScore[slot - 1] < score) {
      bestScore[slot] = bestScore[slot - 1];
      bestIndex[slot] = bestIndex[slot - 1];
      slot--;
    }
    bestScore[slot] = score;
    bestIndex[slot] = i;
  }
  return Array.from({ length: kept }, (_, j) => ({ index: bestIndex[j], score: bestScore[j] }));
}

export function localVectorIndex(db: Db): VectorIndex {
  async function load(namespace: string): Promise<NamespaceVectors | null> {
    const now = Date.now();
    const fresh = cache.get(namespace);
    if (fresh && now - fresh.checkedAt < RECHECK_MS) return fresh;
    const writesBefore = writeCounts.get(namespace) ?? 0;
    const versionRow = await db
      .select({ version: localVectorNamespaces.version })
      .from(localVectorNamespaces)
      .where(eq(localVectorNamespaces.namespace, namespace))
      .get();
    if (!versionRow) return null;
    const cached = cache.get(namespace);
    if (cached?.version === versionRow.version) {
      if ((writeCounts.get(namespace) ?? 0) === writesBefore) cached.checkedAt = now;
      return cached;
    }
    const rows = await db
      .select({ id: localVectors.id, values: localVectors.values, metadata: localVectors.metadata })
      .from(localVectors)
      .where(eq(localVectors.namespace, namespace))
      .all();
    const dims = rows.length ? decodeVector(rows[0].values).length : 0;
    const matrix = new Float32Array(rows.length * dims);
    const ids: string[] = [];
    const metadata: VectorMetadata[] = [];
    rows.forEach((row, i) => {
      const v = decodeVector(row.values);
      let norm = 0;
      for (let d = 0; d < v.length; d++) norm += v[d] * v[d];
      norm = Math.sqrt(norm) || 1;
      // A vector of another dimension (a model change mid-way) cannot be compared: it scores 0.
      if (v.length === dims) for (let d = 0; d < dims; d++) matrix[i * dims + d] = v[d] / norm;
      ids.push(row.id);
      metadata.push(JSON.parse(row.metadata));
    });
    const loaded = { version: versionRow.version, checkedAt: now, ids, dims, matrix, metadata };
    if ((writeCounts.get(namespace) ?? 0) === writesBefore) cache.set(namespace, loaded);
    return loaded;
  }

  function bump(namespaces: Iterable<string>) {
    const version = newId();
    return [...namespaces].map((namespace) =>
      db
        .insert(localVectorNamespaces)
        .values({ namespace, version })
        .onConflictDoUpdate({ target: localVectorNamespaces.namespace, set: { version } }),
    );
  }

  return {
    kind: "local",

    async upsert(vectors) {
      if (!vectors.length) return;
      const rows = vectors.map((v) => ({
        id: v.id,
        namespace: v.namespace ?? DEFAULT_NAMESPACE,
        values: encodeVector(v.values),
        metadata: JSON.stringify(v.metadata ?? {}),
      }));
      // One statement per JSON array of rows (under D1's per-value limit), not one per 24 rows.
      const statements: BatchStatement[] = [];
      let group: string[] = [];
      let size = 0;
      const flush = () => {
        if (!group.length) return;
        statements.push(sql`INSERT INTO local_vectors (id, namespace, "values", metadata)
          SELECT json_extract(value, '$.id'), json_extract(value, '$.namespace'), json_extract(value, '$.values'),
            json_extract(value, '$.metadata')
          FROM json_each(${`[${group.join(",")}]`}) WHERE true
          ON CONFLICT (id) DO UPDATE SET namespace = excluded.namespace, "values" = excluded."values", metadata = excluded.metadata`);
        group = [];
        size = 0;
      };
      for (const row of rows) {
        const json = JSON.stringify(row);
        // Ids, namespaces and base64 are ASCII; metadata may not be (3 bytes a character at most).
        const bytes = json.length * (isAscii(json) ? 1 : 3);
        if (size + bytes > JSON_GROUP_BYTES) flush();
        group.push(json);
        size += bytes + 1;
      }
      flush();
      const namespaces = new Set(rows.map((r) => r.namespace));
      try {
        await runBatch(db.$client, [...statements, ...bump(namespaces)]);
      } finally {
        wrote(namespaces);
      }
    },

    async query(vector, options) {
      const ns = await load(options.namespace ?? DEFAULT_NAMESPACE);
      if (!ns?.ids.length) return { matches: [], count: 0 };
      const top = nearest(ns, vector, options.topK, options.filter);
      const matches: VectorMatch[] = top.map(({ index, score }) => ({
        id: ns.ids[index],
        score,
        ...(options.returnMetadata ? { metadata: ns.metadata[index] } : {}),
      }));
      return { matches, count: matches.length };
    },

    async getByIds(ids) {
      const out: VectorRecord[] = [];
      for (let i = 0; i < ids.length; i += 90) {
        const rows = await db
          .select()
          .from(localVectors)
          .where(inArray(localVectors.id, ids.slice(i, i + 90)))
          .all();
        for (const r of rows) {
          out.push({ id: r.id, namespace: r.namespace, values: decodeVector(r.values), metadata: JSON.parse(r.metadata) });
        }
      }
      return out;
    },

    async deleteByIds(ids) {
      for (let i = 0; i < ids.length; i += 90) {
        const chunk = ids.slice(i, i + 90);
        const touched = await db
          .selectDistinct({ namespace: localVectors.namespace })
          .from(localVectors)
          .where(inArray(localVectors.id, chunk))
          .all();
        if (!touched.length) continue;
        try {
          await db.batch([db.delete(localVectors).where(inArray(localVectors.id, chunk)), ...bump(touched.map((t) => t.namespace))]);
        } finally {
          wrote(touched.map((t) => t.namespace));
        }
      }
    },
  };
}
