import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { addDocuments, deleteDocument } from "../../src/knowledge/documents";
import { ingestFaults } from "../../src/knowledge/ingest";
import { retrieve } from "../../src/knowledge/retrieve";
import worker from "../../workers/index";
import { eventually, newOwner, rows } from "../support/apps";
import { addText, newDataset, utf8, waitForIndexing } from "../support/knowledge";

const GUIDE = `# Kiln guide

## Installing
Run npm install and then npm run dev to start the platform on port 8787.

## Billing
Invoices are sent on the first day of each month. Refunds take five business days.

## Security
API keys are stored hashed. Provider secrets are encrypted with AES-GCM.
`;

describe("ingestion through the queue", () => {
  it("indexes a pasted document and finds it semantically and by full text", async () => {
    const { wctx } = await newOwner();
    const dataset = await newDataset(wctx);
    const doc = await addText(wctx, dataset, "guide", GUIDE);
    const done = await waitForIndexing(wctx, doc.id);
    expect(done?.indexingStatus, done?.error ?? "").toBe("completed");
    expect(done?.segmentCount).toBeGreaterThan(0);
    const semantic = await retrieve(wctx, [dataset], "how are refunds handled", { search_method: "semantic_search", top_k: 2, reranking_enable: false, score_threshold_enabled: false });
    expect(semantic[0]?.segment.content).toContain("Refunds");
    const text = await retrieve(wctx, [dataset], "invoices", { search_method: "full_text_search", top_k: 2, reranking_enable: false, score_threshold_enabled: false });
    expect(text[0]?.segment.content).toContain("Invoices");
  });
});

describe("adding documents", () => {
  it("gives the documents of concurrent uploads distinct positions, in order, and returns the stored rows", async () => {
    const { wctx } = await newOwner();
    const dataset = await newDataset(wctx);
    const upload = (prefix: string) =>
      addDocuments(
        wctx,
        dataset,
        [1, 2, 3].map((n) => ({ name: `${prefix}${n}`, filename: `${prefix}${n}.md`, bytes: utf8(`# ${prefix} ${n}`), dataSourceType: "text" as const, metadata: { n } })),
        { createdFrom: "web", createdBy: null },
      );
    const [a, b] = await Promise.all([upload("a"), upload("b")]);
    const stored = await rows<{ id: string; name: string; position: number; enabled: number; doc_metadata: string; indexed_hash: string | null }>(
      "SELECT id, name, position, enabled, doc_metadata, indexed_hash FROM documents WHERE dataset_id = ? ORDER BY position",
      dataset.id,
    );
    expect(stored.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const batch of [a, b]) {
      const positions = batch.documents.map((d) => d.position);
      expect(positions).toEqual([...positions].sort((x, y) => x - y));
      for (const d of batch.documents) {
        expect(stored.find((r) => r.id === d.id)).toMatchObject({ name: d.name, position: d.position, enabled: 1, indexed_hash: null });
      }
    }
    expect(JSON.parse(stored[0].doc_metadata)).toEqual({ n: 1 });
  });
});

describe("keywords", () => {
  it("extracts segment keywords for economy datasets only, as Dify keeps a keyword index only there", async () => {
    const { wctx } = await newOwner();
    const economy = await newDataset(wctx, { indexing_technique: "economy" });
    const quality = await newDataset(wctx);
    const text = "Wombats dig burrows. Wombats leave cube-shaped droppings near their burrows.";
    const [cheap, rich] = [await addText(wctx, economy, "e", text), await addText(wctx, quality, "q", text)];
    for (const doc of [cheap, rich]) expect((await waitForIndexing(wctx, doc.id))?.indexingStatus).toBe("completed");
    const keywordsOf = async (id: string) =>
      (await rows<{ keywords: string }>("SELECT keywords FROM segments WHERE document_id = ?", id)).map((r) => JSON.parse(r.keywords));
    expect((await keywordsOf(cheap.id))[0].slice(0, 2)).toEqual(["wombats", "burrows"]);
    expect(await keywordsOf(rich.id)).toEqual([[]]);
  });
});

describe("full-text scope", () => {
  const FULL_TEXT = { search_method: "full_text_search", top_k: 5, reranking_enable: false, score_threshold_enabled: false } as const;

  it("matches only the datasets searched, in this workspace and across workspaces", async () => {
    const a = await newOwner();
    const b = await newOwner();
    const mine = await newDataset(a.wctx);
    const sibling = await newDataset(a.wctx);
    const theirs = await newDataset(b.wctx);
    const docs = [
      await addText(a.wctx, mine, "mine", "Quokkas are small marsupials from Rottnest Island."),
      await addText(a.wctx, sibling, "sibling", "Quokkas smile for photographs on Rottnest Island."),
      await addText(b.wctx, theirs, "theirs", "Quokkas are protected animals on Rottnest Island."),
    ];
    for (const [i, doc] of docs.entries()) {
      const done = await waitForIndexing([a.wctx, a.wctx, b.wctx][i], doc.id);
      expect(done?.indexingStatus, done?.error ?? "").toBe("completed");
    }
    const found = (await retrieve(a.wctx, [mine], "quokkas rottnest", FULL_TEXT)).map((r) => r.segment.content);
    expect(found).toEqual(["Quokkas are small marsupials from Rottnest Island."]);
    const both = (await retrieve(a.wctx, [mine, sibling], "quokkas", FULL_TEXT)).map((r) => r.segment.content).sort();
    expect(both).toEqual(["Quokkas are small marsupials from Rottnest Island.", "Quokkas smile for photographs on Rottnest Island."]);
    expect((await retrieve(b.wctx, [theirs], "smile marsupials protected", FULL_TEXT)).map((r) => r.segment.content)).toEqual([
      "Quokkas are protected animals on Rottnest Island.",
    ]);
  });

  it("finds rows whose scope was derived in SQL the way migration 0011 rebuilt the existing index", async () => {
    const { wctx } = await newOwner();
    const dataset = await newDataset(wctx);
    const doc = await addText(wctx, dataset, "guide", "Numbats eat termites in Western Australia.");
    expect((await waitForIndexing(wctx, doc.id))?.indexingStatus).toBe("completed");
    // Re-derive this dataset's scope tokens with the migration's expression.
    await env.DB.prepare(
      `UPDATE segment_fts SET scope = (SELECT 'ds' || replace(r.dataset_id, '-', '') FROM segment_fts_rows r WHERE r.rowid = segment_fts.rowid)
       WHERE rowid IN (SELECT rowid FROM segment_fts_rows WHERE dataset_id = ?)`,
    )
      .bind(dataset.id)
      .run();
    const found = await retrieve(wctx, [dataset], "termites", FULL_TEXT);
    expect(found.map((r) => r.segment.content)).toEqual(["Numbats eat termites in Western Australia."]);
  });
});

async function indexCounts(documentId: string) {
  const one = async (sql: string) => (await rows<{ n: number }>(sql, documentId))[0].n;
  return {
    segments: await one("SELECT count(*) AS n FROM segments WHERE document_id = ?"),
    distinctSegments: await one("SELECT count(DISTINCT content_hash) AS n FROM segments WHERE document_id = ?"),
    fullText: await one("SELECT count(*) AS n FROM segment_fts_rows WHERE document_id = ?"),
    vectors: await one("SELECT count(*) AS n FROM local_vectors WHERE json_extract(metadata, '$.document_id') = ?"),
  };
}

describe("ingestion failures", () => {
  afterEach(() => {
    ingestFaults.afterSegments = undefined;
    ingestFaults.beforeComplete = undefined;
  });

  it("retries a consumer that crashes between segments and vectors; each segment ends up indexed exactly once", async () => {
    const { wctx } = await newOwner();
    const dataset = await newDataset(wctx);
    const crashed = { afterSegments: false, beforeComplete: false };
    let target = "";
    ingestFaults.afterSegments = (id) => {
      if (id !== target || crashed.afterSegments) return;
      crashed.afterSegments = true;
      throw new Error("injected crash after segments");
    };
    ingestFaults.beforeComplete = (id) => {
      if (id !== target || crashed.beforeComplete) return;
      crashed.beforeComplete = true;
      throw new Error("injected crash before completion");
    };
    const doc = await addText(wctx, dataset, "guide-crash", GUIDE);
    target = doc.id;
    const done = await waitForIndexing(wctx, doc.id, 20_000);
    expect(crashed).toEqual({ afterSegments: true, beforeComplete: true });
    expect(done?.indexingStatus, done?.error ?? "").toBe("completed");
    expect(done?.attempts).toBeGreaterThanOrEqual(3);
    const counts = await indexCounts(doc.id);
    expect(counts.segments).toBe(done?.segmentCount);
    expect(counts.segments).toBe(counts.distinctSegments);
    expect(counts.fullText).toBe(counts.segments);
    expect(counts.vectors).toBe(counts.segments);
  });

  it("retries a message of several documents for the one that failed; the others are indexed once", async () => {
    const { wctx } = await newOwner();
    const dataset = await newDataset(wctx);
    let target = "";
    let crashed = false;
    ingestFaults.beforeComplete = (id) => {
      if (id !== target || crashed) return;
      crashed = true;
      throw new Error("injected crash before completion");
    };
    const { documents: docs } = await addDocuments(
      wctx,
      dataset,
      ["alpha", "beta", "gamma"].map((name) => ({ name, filename: `${name}.md`, bytes: utf8(`# ${name}\n\n${GUIDE}`), dataSourceType: "text" as const })),
      { createdFrom: "api", createdBy: null },
    );
    target = docs[1].id;
    const done = [];
    for (const doc of docs) done.push(await waitForIndexing(wctx, doc.id, 20_000));
    expect(crashed).toBe(true);
    expect(done.map((d) => d?.indexingStatus)).toEqual(["completed", "completed", "completed"]);
    // The retry skipped the two already indexed; only the failed one was picked up again.
    expect(done.map((d) => d?.attempts)).toEqual([1, 2, 1]);
    for (const doc of docs) {
      const counts = await indexCounts(doc.id);
      expect(counts.segments).toBeGreaterThan(0);
      expect([counts.distinctSegments, counts.fullText, counts.vectors]).toEqual([counts.segments, counts.segments, counts.segments]);
    }
  });

  it("leaves nothing behind when a document is deleted while it is indexing", async () => {
    const { wctx } = await newOwner();
    const dataset = await newDataset(wctx);
    let target = "";
    let deleted = false;
    ingestFaults.afterSegments = async (id) => {
      if (id !== target || deleted) return;
      deleted = true;
      await deleteDocument(wctx, dataset, id);
    };
    const doc = await addText(wctx, dataset, "guide-deleted", GUIDE);
    target = doc.id;
    await eventually(async () => deleted, 15_000);
    await eventually(async () => {
      const c = await indexCounts(doc.id);
      return c.segments + c.fullText + c.vectors === 0 ? c : null;
    }, 10_000);
    expect(await waitForIndexing(wctx, doc.id)).toBeUndefined();
    expect((await env.FILES.list({ prefix: `ws/${wctx.workspace.id}/datasets/${dataset.id}/${doc.id}/` })).objects).toHaveLength(0);
  });

  it("marks a document error with the reason when its messages reach the dead-letter queue", async () => {
    const { wctx } = await newOwner();
    const dataset = await newDataset(wctx);
    ingestFaults.afterSegments = (id) => {
      throw new Error(`embedding provider down for ${id}`);
    };
    const doc = await addText(wctx, dataset, "guide-dlq", GUIDE);
    await eventually(async () => {
      const [row] = await rows<{ error: string | null }>("SELECT error FROM documents WHERE id = ?", doc.id);
      return row.error?.includes("embedding provider down") ? row : null;
    }, 10_000);
    ingestFaults.afterSegments = undefined;
    // The queue's last retry hands the message to the dead-letter queue; deliver it as the runtime would.
    const message = { type: "knowledge.index", workspaceId: wctx.workspace.id, documentId: doc.id, contentHash: doc.contentHash };
    const batch = createMessageBatch("kiln-ingest-dlq", [{ id: "dlq-1", timestamp: new Date(), attempts: 1, body: message }]);
    const execCtx = createExecutionContext();
    await worker.queue(batch, env as never, execCtx);
    await waitOnExecutionContext(execCtx);
    expect(getQueueResult).toBeDefined();
    const [row] = await rows<{ indexing_status: string; error: string }>("SELECT indexing_status, error FROM documents WHERE id = ?", doc.id);
    expect(row.indexing_status).toBe("error");
    expect(row.error).toMatch(/Indexing failed after \d+ attempts/);
    expect(row.error).toContain("embedding provider down");
  });

  it("marks only the documents not yet indexed when a message of several reaches the dead-letter queue", async () => {
    const { wctx } = await newOwner();
    const dataset = await newDataset(wctx);
    const indexed = await addText(wctx, dataset, "indexed", GUIDE);
    const empty = await addText(wctx, dataset, "empty", "   ");
    expect((await waitForIndexing(wctx, indexed.id))?.indexingStatus).toBe("completed");
    const failed = await waitForIndexing(wctx, empty.id);
    expect(failed?.indexingStatus).toBe("error");
    // A third document the queue gave up on: left waiting, as after a transient failure.
    const stuck = await addText(wctx, dataset, "stuck", GUIDE);
    await waitForIndexing(wctx, stuck.id);
    await env.DB.prepare("UPDATE documents SET indexing_status = 'waiting', error = 'Attempt 6 failed: timeout' WHERE id = ?").bind(stuck.id).run();
    const message = {
      type: "knowledge.index",
      workspaceId: wctx.workspace.id,
      documents: [indexed, empty, stuck].map((d) => ({ documentId: d.id, contentHash: d.contentHash })),
    };
    const batch = createMessageBatch("kiln-ingest-dlq", [{ id: "dlq-2", timestamp: new Date(), attempts: 1, body: message }]);
    const execCtx = createExecutionContext();
    await worker.queue(batch, env as never, execCtx);
    await waitOnExecutionContext(execCtx);
    const states = await rows<{ id: string; indexing_status: string; error: string | null }>(
      "SELECT id, indexing_status, error FROM documents WHERE dataset_id = ?",
      dataset.id,
    );
    const byId = new Map(states.map((r) => [r.id, r]));
    expect(byId.get(indexed.id)).toMatchObject({ indexing_status: "completed", error: null });
    // Failed for good with its own reason, which the dead-letter handler leaves as it was.
    expect(byId.get(empty.id)).toMatchObject({ indexing_status: "error", error: failed?.error });
    expect(byId.get(stuck.id)?.indexing_status).toBe("error");
    expect(byId.get(stuck.id)?.error).toMatch(/^Indexing failed after \d+ attempts\. Attempt 6 failed: timeout$/);
  });
});
