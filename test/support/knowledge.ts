// Test helpers for knowledge: datasets and documents created through the services, and a wait for
// the ingest queue (the real local queue and its consumer) to finish a document.
import { eq } from "drizzle-orm";
import type { TenantCtx } from "../../src/context";
import { documents } from "../../src/db/schema";
import { createDataset, type DatasetInput, type DatasetRow } from "../../src/knowledge/datasets";
import { addDocuments, type DocumentRow } from "../../src/knowledge/documents";

export const utf8 = (text: string) => new TextEncoder().encode(text);

export async function newDataset(ctx: TenantCtx, input: Partial<DatasetInput> = {}): Promise<DatasetRow> {
  return createDataset(
    ctx,
    { name: `kb-${crypto.randomUUID().slice(0, 8)}`, indexing_technique: "high_quality", permission: "all_team_members", ...input },
    null,
  );
}

export async function addText(ctx: TenantCtx, dataset: DatasetRow, name: string, text: string, extra: { filename?: string } = {}) {
  const { documents: docs } = await addDocuments(
    ctx,
    dataset,
    [{ name, filename: extra.filename ?? `${name}.md`, bytes: utf8(text), dataSourceType: "text" }],
    { createdFrom: "api", createdBy: null },
  );
  return docs[0];
}

const FINAL = new Set(["completed", "error", "paused"]);

/** Polls the document until the queue consumer has finished with it (or the timeout passes). */
export async function waitForIndexing(ctx: TenantCtx, documentId: string, timeoutMs = 15_000): Promise<DocumentRow | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const doc = await ctx.db.select().from(documents).where(eq(documents.id, documentId)).get();
    if (!doc || FINAL.has(doc.indexingStatus) || Date.now() > deadline) return doc;
    await new Promise((r) => setTimeout(r, 100));
  }
}
