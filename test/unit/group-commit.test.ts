// Group commit (lib/group-commit.ts): concurrent callers share batches, a failing caller does not
// take its neighbours down, and a batch whose request was cancelled mid-write (its D1 call never
// answers) does not hold every later caller forever: it is written again, exactly once.
import { env } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { commitSoon, setStallMs } from "../../src/lib/group-commit";

const never = new Promise<never>(() => {});

/**
 * A database whose first batch is lost the way a cancelled request loses it: the batch is sent
 * (and commits) when `commitsFirst`, but its caller never hears back.
 */
function losingFirstBatch(commitsFirst: boolean) {
  return countingDb(async (statements, n) => {
    if (n > 1) return env.DB.batch(statements);
    if (commitsFirst) await env.DB.batch(statements);
    return never;
  });
}

/** The test database behind a batch of our own; `n` counts the batches sent so far. */
function countingDb(batch: (statements: D1PreparedStatement[], n: number) => Promise<unknown>) {
  let batches = 0;
  const client = { prepare: (sql: string) => env.DB.prepare(sql), batch: (statements: D1PreparedStatement[]) => batch(statements, ++batches) };
  return { db: createDb(client as unknown as D1Database), batches: () => batches };
}

const bump = (id: string) => env.DB.prepare("UPDATE gc_counters SET n = n + 1 WHERE id = ?").bind(id);
const count = async (id: string) => (await env.DB.prepare("SELECT n FROM gc_counters WHERE id = ?").bind(id).first<{ n: number }>())?.n;

describe("commitSoon", () => {
  let before: number;
  beforeAll(async () => {
    await env.DB.prepare("CREATE TABLE IF NOT EXISTS gc_counters (id TEXT PRIMARY KEY, n INTEGER NOT NULL)").run();
    before = setStallMs(150);
  });
  afterAll(() => {
    setStallMs(before);
  });

  async function counters(...ids: string[]) {
    await env.DB.batch(ids.map((id) => env.DB.prepare("INSERT INTO gc_counters (id, n) VALUES (?, 0)").bind(id)));
  }

  it("commits concurrent callers, each once, and records a marker per caller", async () => {
    await counters("a1", "a2", "a3");
    const db = createDb(env.DB);
    const markersBefore = (await env.DB.prepare("SELECT count(*) AS n FROM commit_markers").first<{ n: number }>())!.n;
    await Promise.all(["a1", "a2", "a3"].map((id) => commitSoon(db, [bump(id)])));
    expect([await count("a1"), await count("a2"), await count("a3")]).toEqual([1, 1, 1]);
    const markersAfter = (await env.DB.prepare("SELECT count(*) AS n FROM commit_markers").first<{ n: number }>())!.n;
    expect(markersAfter - markersBefore).toBe(3);
  });

  it("fails only the caller whose statement fails when it shares a batch with others", async () => {
    await counters("b0", "b1");
    const { db, batches } = countingDb((statements) => env.DB.batch(statements));
    // The first caller's batch is in flight while the next two queue: they share the next batch.
    const results = await Promise.allSettled([
      commitSoon(db, [bump("b0")]),
      commitSoon(db, [bump("b1")]),
      commitSoon(db, [env.DB.prepare("INSERT INTO gc_counters (id, n) VALUES (?, NULL)").bind("b-bad")]),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/NOT NULL/);
    // One batch for the first caller, the shared one that failed, then one per caller in it.
    expect(batches()).toBe(4);
    expect([await count("b0"), await count("b1"), await count("b-bad")]).toEqual([1, 1, undefined]);
  });

  it("writes again the callers of a batch that never answers, and later callers are not held by it", async () => {
    await counters("c1", "c2");
    const { db, batches } = losingFirstBatch(false);
    // The first caller starts a batch and is never answered, like a request cancelled mid-write.
    void commitSoon(db, [bump("c1")]);
    await new Promise((r) => setTimeout(r, 10));
    // A later caller waits for it only until it has stalled, then writes both.
    await commitSoon(db, [bump("c2")]);
    expect(await count("c1")).toBe(1);
    expect(await count("c2")).toBe(1);
    expect(batches()).toBe(2);
    // And the writer is free again.
    await commitSoon(db, [bump("c2")]);
    expect(await count("c2")).toBe(2);
  });

  it("does not write a caller twice when the lost batch did commit", async () => {
    await counters("d1", "d2");
    const { db } = losingFirstBatch(true);
    void commitSoon(db, [bump("d1")]);
    await new Promise((r) => setTimeout(r, 10));
    await commitSoon(db, [bump("d2")]);
    // d1's statements ran in the lost batch; the second attempt met its marker and changed nothing.
    expect(await count("d1")).toBe(1);
    expect(await count("d2")).toBe(1);
  });
});
