// Retrieval statistics (src/knowledge/retrieval-log.ts): the hit counts and history rows of the
// retrievals in one short window are written together, summed per segment and document; a
// history row of a dataset deleted meanwhile is skipped without losing the window's other rows.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deleteDataset } from "../../src/knowledge/datasets";
import { hitTest } from "../../src/knowledge/hit-testing";
import { type QueryHistoryRow, recordRetrieval } from "../../src/knowledge/retrieval-log";
import { newOwner } from "../support/apps";
import { addText, newDataset, waitForIndexing } from "../support/knowledge";

const one = async <T>(sql: string, ...params: unknown[]) => (await env.DB.prepare(sql).bind(...params).first<T>()) as T;

describe("retrieval statistics", () => {
  it("writes a window's hit counts summed per segment and document, and every query's history row", async () => {
    const { wctx: ctx } = await newOwner();
    const ds = await newDataset(ctx);
    const doc = await addText(ctx, ds, "glazes", "Celadon glaze turns jade green in reduction firing.\n\nShino glaze crawls and pits.");
    expect((await waitForIndexing(ctx, doc.id))?.indexingStatus).toBe("completed");
    const model = { search_method: "full_text_search" as const, top_k: 3, reranking_enable: false, score_threshold_enabled: false };

    const queries = ["celadon jade", "celadon reduction", "shino crawls"];
    const answers = await Promise.all(queries.map((q) => hitTest(ctx, ds, q, model, "hit_testing", null)));
    const returned = answers.flatMap((a) => a.records.map((r) => r.segment.id));
    expect(returned.length).toBeGreaterThanOrEqual(3);
    await expect.poll(async () => (await one<{ n: number }>("SELECT count(*) AS n FROM dataset_queries WHERE dataset_id = ?", ds.id)).n).toBe(3);
    const segments = await env.DB.prepare("SELECT id, hit_count FROM segments WHERE document_id = ?").bind(doc.id).all<{ id: string; hit_count: number }>();
    for (const s of segments.results) expect(s.hit_count, s.id).toBe(returned.filter((id) => id === s.id).length);
    const hitsOfDocument = answers.filter((a) => a.records.length > 0).length;
    expect((await one<{ hit_count: number }>("SELECT hit_count FROM documents WHERE id = ?", doc.id)).hit_count).toBe(hitsOfDocument);
    const history = await env.DB.prepare("SELECT content, source, details FROM dataset_queries WHERE dataset_id = ? ORDER BY content").bind(ds.id).all<{ content: string; source: string; details: string }>();
    expect(history.results.map((h) => h.content)).toEqual([...queries].sort());
    expect(JSON.parse(history.results[0].details)).toMatchObject({ search_method: "full_text_search", top_k: 3 });
  });

  it("skips the history row of a dataset deleted before the write, keeping the rest of the window", async () => {
    const { wctx: ctx } = await newOwner();
    const kept = await newDataset(ctx);
    const gone = await newDataset(ctx);
    const row = (datasetId: string, content: string): QueryHistoryRow => ({
      id: crypto.randomUUID(),
      workspaceId: ctx.workspace.id,
      datasetId,
      content,
      source: "api",
      details: "{}",
      createdBy: null,
      createdAt: Date.now(),
    });
    const first = recordRetrieval(ctx, [], row(gone.id, "about to vanish"));
    const second = recordRetrieval(ctx, [{ segment: { id: "no-such-segment" }, document: { id: "no-such-document" } }], row(kept.id, "still here"));
    // Nothing is written while the window (200 ms) is open.
    expect((await one<{ n: number }>("SELECT count(*) AS n FROM dataset_queries WHERE dataset_id = ?", kept.id)).n).toBe(0);
    await deleteDataset(ctx, gone.id);
    await Promise.all([first, second]);
    expect((await one<{ n: number }>("SELECT count(*) AS n FROM dataset_queries WHERE dataset_id = ?", gone.id)).n).toBe(0);
    expect((await one<{ content: string }>("SELECT content FROM dataset_queries WHERE dataset_id = ?", kept.id)).content).toBe("still here");
  });
});
