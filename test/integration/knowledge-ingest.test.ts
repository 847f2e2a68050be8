import { describe, expect, it } from "vitest";
import { retrieve } from "../../src/knowledge/retrieve";
import { newOwner } from "../support/apps";
import { addText, newDataset, waitForIndexing } from "../support/knowledge";

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
