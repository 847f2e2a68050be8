// The local VectorIndex (Vectorize's stand-in): a query answers the topK nearest vectors by cosine,
// best first, as a full sort would, honours metadata filters and namespaces, and scores vectors of
// another dimension 0 instead of comparing them.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { localVectorIndex } from "../../src/knowledge/vector-index/local";

const DIMS = 8;

/** A deterministic pseudo-random vector (xorshift), so failures reproduce. */
function vectorOf(seed: number, dims = DIMS): number[] {
  let x = seed * 2654435761 || 1;
  return Array.from({ length: dims }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) / 2 ** 32) * 2 - 1;
  });
}

function cosine(a: number[], b: number[]) {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

describe("local vector index", () => {
  it("answers the topK nearest by cosine, best first, like a full sort", async () => {
    const index = localVectorIndex(createDb(env.DB));
    const namespace = "ns-topk";
    const records = Array.from({ length: 300 }, (_, i) => ({ id: `v${i}`, namespace, values: vectorOf(i + 1), metadata: { n: i, even: i % 2 === 0 } }));
    await index.upsert(records);
    const query = vectorOf(9999);
    const expected = records
      .map((r) => ({ id: r.id, score: cosine(r.values, query) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 7);

    const result = await index.query(query, { topK: 7, namespace, returnMetadata: true });
    expect(result.matches.map((m) => m.id)).toEqual(expected.map((e) => e.id));
    for (const [i, m] of result.matches.entries()) expect(m.score).toBeCloseTo(expected[i].score, 5);
    expect(result.matches[0].metadata).toMatchObject({ n: Number(expected[0].id.slice(1)) });

    // A sparse query (few non-zero dimensions, as the offline embedder's) ranks the same way.
    const sparse = vectorOf(4242).map((v, d) => (d % 4 === 0 ? v : 0));
    const sparseExpected = records
      .map((r) => ({ id: r.id, score: cosine(r.values, sparse) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 5);
    const sparseResult = await index.query(sparse, { topK: 5, namespace });
    expect(sparseResult.matches.map((m) => m.id)).toEqual(sparseExpected.map((e) => e.id));
    for (const [i, m] of sparseResult.matches.entries()) expect(m.score).toBeCloseTo(sparseExpected[i].score, 5);

    // A filter narrows the candidates before ranking; topK beyond the candidates answers them all.
    const evens = await index.query(query, { topK: 500, namespace, filter: { even: true } });
    expect(evens.matches).toHaveLength(150);
    expect(evens.matches.every((m) => Number(m.id.slice(1)) % 2 === 0)).toBe(true);
    const scores = evens.matches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    // Another namespace is not searched; topK 0 answers nothing.
    expect((await index.query(query, { topK: 5, namespace: "ns-empty" })).matches).toEqual([]);
    expect((await index.query(query, { topK: 0, namespace })).matches).toEqual([]);
  });

  it("keeps equal scores in load order and scores a query of another dimension 0", async () => {
    const index = localVectorIndex(createDb(env.DB));
    const namespace = "ns-ties";
    const same = vectorOf(42);
    await index.upsert([
      { id: "a", namespace, values: same },
      { id: "b", namespace, values: vectorOf(7) },
      { id: "c", namespace, values: same.map((v) => v * 3) },
      { id: "d", namespace, values: same },
    ]);
    const top = await index.query(same, { topK: 3, namespace });
    const ids = top.matches.map((m) => m.id);
    expect([...ids].sort()).toEqual(["a", "c", "d"]);
    // a and d score exactly the same: they keep the order they were loaded in (by id).
    expect(ids.indexOf("a")).toBeLessThan(ids.indexOf("d"));
    for (const m of top.matches) expect(m.score).toBeCloseTo(1, 5);

    const other = await index.query(vectorOf(42, DIMS + 4), { topK: 2, namespace });
    expect(other.matches.map((m) => m.score)).toEqual([0, 0]);
  });

  it("writes large batches in several statements and overwrites a vector upserted again", async () => {
    const index = localVectorIndex(createDb(env.DB));
    // 1,200 vectors of 256 dimensions are ~1.7 MB of rows: more than one bound JSON value.
    const records = Array.from({ length: 1200 }, (_, i) => ({ id: `big${i}`, namespace: "ns-big", values: vectorOf(i + 7, 256), metadata: { n: i, title: "café" } }));
    await index.upsert(records);
    const got = await index.getByIds(["big0", "big1199"]);
    expect(got.map((r) => r.id).sort()).toEqual(["big0", "big1199"]);
    const last = got.find((r) => r.id === "big1199");
    expect(Array.from(last?.values ?? [])).toEqual(Array.from(Float32Array.from(records[1199].values)));
    expect(last?.metadata).toEqual({ n: 1199, title: "café" });
    const hit = await index.query(records[600].values, { topK: 1, namespace: "ns-big" });
    expect(hit.matches[0]?.id).toBe("big600");

    // Upserted again with other values and metadata (an edited segment): one row, the new one.
    await index.upsert([{ id: "big600", namespace: "ns-big", values: vectorOf(1, 256), metadata: { n: -1 } }]);
    const [edited] = await index.getByIds(["big600"]);
    expect(edited).toMatchObject({ namespace: "ns-big", metadata: { n: -1 } });
    expect(Array.from(edited.values)).toEqual(Array.from(Float32Array.from(vectorOf(1, 256))));
    expect((await index.query(vectorOf(1, 256), { topK: 1, namespace: "ns-big" })).matches[0]?.id).toBe("big600");
    const count = await env.DB.prepare("SELECT count(*) AS n FROM local_vectors WHERE namespace = 'ns-big'").first<{ n: number }>();
    expect(count?.n).toBe(1200);
  });
});
