// Production VectorIndex: the Vectorize binding (cosine metric). Vectorize caps topK at 100 when no
// values are returned and applies writes asynchronously (a few seconds until visible).
import type { VectorIndex, VectorMatch, VectorRecord } from "./types";

const MAX_TOP_K = 100;
const WRITE_CHUNK = 1000;

export function vectorizeIndex(binding: VectorizeIndex): VectorIndex {
  return {
    kind: "vectorize",
    async upsert(vectors) {
      for (let i = 0; i < vectors.length; i += WRITE_CHUNK) {
        await binding.upsert(
          vectors.slice(i, i + WRITE_CHUNK).map((v) => ({
            id: v.id,
            values: Array.from(v.values),
            namespace: v.namespace,
            metadata: v.metadata,
          })),
        );
      }
    },
    async query(vector, options) {
      const result = await binding.query(Array.from(vector), {
        topK: Math.min(options.topK, MAX_TOP_K),
        namespace: options.namespace,
        filter: options.filter as VectorizeVectorMetadataFilter | undefined,
        returnMetadata: options.returnMetadata ? "all" : "none",
      });
      const matches: VectorMatch[] = result.matches.map((m) => ({
        id: m.id,
        score: m.score,
        metadata: m.metadata as VectorMatch["metadata"],
      }));
      return { matches, count: result.count };
    },
    async getByIds(ids) {
      const out: VectorRecord[] = [];
      for (let i = 0; i < ids.length; i += 20) {
        const found = await binding.getByIds(ids.slice(i, i + 20));
        for (const v of found) {
          out.push({ id: v.id, values: Array.from(v.values), namespace: v.namespace, metadata: v.metadata as VectorRecord["metadata"] });
        }
      }
      return out;
    },
    async deleteByIds(ids) {
      for (let i = 0; i < ids.length; i += WRITE_CHUNK) await binding.deleteByIds(ids.slice(i, i + WRITE_CHUNK));
    },
  };
}
