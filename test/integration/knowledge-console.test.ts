// The dashboard's knowledge API end to end: upload real files, watch them index, browse and edit
// segments, test retrieval, steer indexing, delete everything; then who may see and change what.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { ingestFaults } from "../../src/knowledge/ingest";
import { newOwner, type Owner } from "../support/apps";
import { callJson, joinByInvite, uniqueEmail } from "../support/console";
import { API, newKnowledgeBase, postForm, waitIndexed } from "./knowledge-console-helpers";

const GUIDE = `# Kiln guide

## Installing
Run npm install and then npm run dev to start the platform on port 8787. The first run creates the local database.

## Billing
Invoices are sent on the first day of each month. Refunds take five business days and go back to the original card.

## Security
API keys are stored hashed. Provider secrets are encrypted with AES-GCM before they reach the database.

## Support
Write to the support desk from the dashboard. Urgent incidents page the engineer on call within ten minutes.
`;
const PRICES = "plan,price,seats\nStarter,free,1\nTeam,20 dollars per month,10\nEnterprise,ask sales,unlimited\n";
const RETURNS = `<html><head><title>Returns</title><script>ignored()</script></head>
<body><h1>Returns policy</h1><p>Unused kilns may be returned within thirty days for a full refund.</p></body></html>`;

const count = async (sql: string, ...params: unknown[]) =>
  ((await env.DB.prepare(sql).bind(...params).first<{ n: number }>()) ?? { n: 0 }).n;

const hitTest = (token: string, datasetId: string, query: string, search_method?: string) =>
  callJson("POST", `${API}/datasets/${datasetId}/hit-testing`, {
    token,
    body: {
      query,
      ...(search_method
        ? { retrieval_model: { search_method, reranking_enable: false, top_k: 3, score_threshold_enabled: false } }
        : {}),
    },
  });

describe("a knowledge base through the console API", () => {
  let owner: Owner;
  let ds: { id: string };
  const docs: Record<string, string> = {};

  beforeAll(async () => {
    owner = await newOwner();
    ds = await newKnowledgeBase(owner.token);
  });

  it("uploads a .md alone and a .csv with an .html in one batch, and indexes all three", async () => {
    const one = await postForm(owner.token, `/datasets/${ds.id}/documents`, [{ name: "guide.md", data: GUIDE, type: "text/markdown" }]);
    expect(one.status, JSON.stringify(one.body)).toBe(201);
    expect(one.body.documents).toHaveLength(1);
    expect(one.body.documents[0]).toMatchObject({ name: "guide.md", indexing_status: "waiting", display_status: "queuing" });
    docs.md = one.body.documents[0].id;

    const two = await postForm(owner.token, `/datasets/${ds.id}/documents`, [
      { name: "prices.csv", data: PRICES, type: "text/csv" },
      { name: "returns.html", data: RETURNS, type: "text/html" },
    ]);
    expect(two.status, JSON.stringify(two.body)).toBe(201);
    [docs.csv, docs.html] = two.body.documents.map((d: { id: string }) => d.id);
    const batch = await callJson("GET", `${API}/datasets/${ds.id}/batch/${two.body.batch}/indexing-status`, { token: owner.token });
    expect(batch.body.data.map((s: { id: string }) => s.id)).toEqual([docs.csv, docs.html]);

    for (const id of Object.values(docs)) {
      const status = await waitIndexed(owner.token, ds.id, id);
      expect(status.indexing_status, status.error).toBe("completed");
      expect(status.total_segments).toBeGreaterThan(0);
    }
    const list = await callJson("GET", `${API}/datasets/${ds.id}/documents?page=1&limit=20`, { token: owner.token });
    expect(list.body).toMatchObject({ page: 1, limit: 20, total: 3, has_more: false });
    expect(list.body.data.map((d: { display_status: string }) => d.display_status)).toEqual(["available", "available", "available"]);
    const html = await callJson("GET", `${API}/datasets/${ds.id}/documents/${docs.html}`, { token: owner.token });
    expect(html.body).toMatchObject({ name: "returns.html", doc_form: "text_model", data_source_type: "upload_file" });
    const dataset = await callJson("GET", `${API}/datasets/${ds.id}`, { token: owner.token });
    expect(dataset.body).toMatchObject({ id: ds.id, document_count: 3, total_available_documents: 3, indexing_technique: "high_quality" });
    const filtered = await callJson("GET", `${API}/datasets/${ds.id}/documents?keyword=prices`, { token: owner.token });
    expect(filtered.body.data.map((d: { id: string }) => d.id)).toEqual([docs.csv]);
  });

  it("edits a segment and finds the new text by semantic, full-text and hybrid search", async () => {
    const segs = await callJson("GET", `${API}/datasets/${ds.id}/documents/${docs.md}/segments`, { token: owner.token });
    expect(segs.status).toBe(200);
    expect(segs.body).toMatchObject({ doc_form: "text_model", page: 1 });
    expect(segs.body.data.length).toBeGreaterThan(0);
    const segment = segs.body.data[0];
    const edited = await callJson("PATCH", `${API}/datasets/${ds.id}/documents/${docs.md}/segments/${segment.id}`, {
      token: owner.token,
      body: { content: "Kiln glazes include a zebra-striped celadon called Aurora.", keywords: ["zebra", "celadon"] },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ doc_form: "text_model", data: { id: segment.id, keywords: ["zebra", "celadon"] } });
    docs.segment = segment.id;

    for (const method of ["semantic_search", "full_text_search", "hybrid_search"]) {
      const hits = await hitTest(owner.token, ds.id, "zebra-striped celadon", method);
      expect(hits.status, JSON.stringify(hits.body)).toBe(200);
      expect(hits.body.query).toEqual({ content: "zebra-striped celadon" });
      expect(hits.body.records[0]?.segment, method).toMatchObject({ id: segment.id, document: { id: docs.md, name: "guide.md" } });
      expect(hits.body.records[0].segment.content).toContain("Aurora");
    }
    const found = await callJson("GET", `${API}/datasets/${ds.id}/documents/${docs.md}/segments?keyword=celadon`, { token: owner.token });
    expect(found.body.data.map((s: { id: string }) => s.id)).toEqual([segment.id]);
  });

  it("hides a disabled segment from retrieval and lists it under enabled=false", async () => {
    const off = await callJson("PATCH", `${API}/datasets/${ds.id}/documents/${docs.md}/segments/${docs.segment}`, {
      token: owner.token,
      body: { enabled: false },
    });
    expect(off.body.data).toMatchObject({ enabled: false });
    for (const method of ["semantic_search", "full_text_search", "hybrid_search"]) {
      const hits = await hitTest(owner.token, ds.id, "zebra-striped celadon", method);
      expect(hits.body.records.map((r: any) => r.segment.id), method).not.toContain(docs.segment);
    }
    const disabled = await callJson("GET", `${API}/datasets/${ds.id}/documents/${docs.md}/segments?enabled=false`, { token: owner.token });
    expect(disabled.body.data.map((s: { id: string }) => s.id)).toEqual([docs.segment]);
  });

  it("adds and deletes a segment by hand", async () => {
    const added = await callJson("POST", `${API}/datasets/${ds.id}/documents/${docs.csv}/segment`, {
      token: owner.token,
      body: { content: "The Kiln mascot is a pangolin named Ember." },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toMatchObject({ doc_form: "text_model", data: { document_id: docs.csv, enabled: true } });
    expect((await hitTest(owner.token, ds.id, "pangolin mascot", "full_text_search")).body.records[0].segment.id).toBe(added.body.data.id);
    const del = await callJson("DELETE", `${API}/datasets/${ds.id}/documents/${docs.csv}/segments/${added.body.data.id}`, { token: owner.token });
    expect(del.status).toBe(204);
    expect((await hitTest(owner.token, ds.id, "pangolin mascot", "full_text_search")).body.records).toEqual([]);
  });

  it("pauses a document while it is indexing, keeps it paused, and resumes it to completion", async () => {
    // The consumer is held in the middle of the document (after its segments are written), so
    // the pause lands while it indexes: not before the consumer starts, not after it is done.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const reached = new Set<string>();
    ingestFaults.afterSegments = async (documentId) => {
      reached.add(documentId);
      await held;
    };
    try {
      const added = await callJson("POST", `${API}/datasets/${ds.id}/documents/text`, {
        token: owner.token,
        body: { name: "paused notes", text: "Kilns cool slowly overnight before they are opened." },
      });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      const id = added.body.document.id;
      expect(added.body.document.data_source_detail_dict.upload_file.extension).toBe("txt");
      for (let i = 0; i < 400 && !reached.has(id); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(reached.has(id), "the consumer reached the document").toBe(true);
      const paused = await callJson("PATCH", `${API}/datasets/${ds.id}/documents/${id}/processing/pause`, { token: owner.token });
      expect(paused.status, JSON.stringify(paused.body)).toBe(200);
      expect(paused.body).toMatchObject({ id, indexing_status: "paused", display_status: "paused" });
      // The consumer finishes its run (it stamps completed_at) and leaves the document paused.
      release();
      let status = await waitIndexed(owner.token, ds.id, id);
      for (let i = 0; i < 200 && !status.completed_at; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        status = (await callJson("GET", `${API}/datasets/${ds.id}/documents/${id}/indexing-status`, { token: owner.token })).body;
      }
      expect(status).toMatchObject({ indexing_status: "paused" });
      expect(status.completed_at, "the held run has finished").toBeTruthy();
      ingestFaults.afterSegments = undefined;
      const resumed = await callJson("PATCH", `${API}/datasets/${ds.id}/documents/${id}/processing/resume`, { token: owner.token });
      expect(resumed.body).toMatchObject({ id, indexing_status: "waiting" });
      expect((await waitIndexed(owner.token, ds.id, id)).indexing_status).toBe("completed");
      const finished = await callJson("PATCH", `${API}/datasets/${ds.id}/documents/${id}/processing/pause`, { token: owner.token });
      expect(finished.body).toMatchObject({ status: 400, code: "document_already_finished" });
      const wrong = await callJson("PATCH", `${API}/datasets/${ds.id}/documents/${id}/processing/stop`, { token: owner.token });
      expect(wrong.body).toMatchObject({ status: 400, code: "invalid_action" });
    } finally {
      ingestFaults.afterSegments = undefined;
      release();
    }
  });

  it("re-indexes a document under a custom rule, which changes its segment count", async () => {
    const before = await callJson("GET", `${API}/datasets/${ds.id}/documents/${docs.md}`, { token: owner.token });
    const rule = {
      mode: "custom",
      rules: {
        pre_processing_rules: [{ id: "remove_extra_spaces", enabled: true }],
        segmentation: { separator: "\\n\\n", max_tokens: 50, chunk_overlap: 0 },
      },
    };
    const patched = await callJson("PATCH", `${API}/datasets/${ds.id}/documents/${docs.md}`, {
      token: owner.token,
      body: { process_rule: rule, name: "guide (fine).md", metadata: { team: "docs", version: 2 } },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ indexing_status: "waiting", name: "guide (fine).md", dataset_process_rule: { mode: "custom" } });
    expect(patched.body.doc_metadata).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "team", value: "docs" }), expect.objectContaining({ name: "version", value: 2 })]),
    );
    expect((await waitIndexed(owner.token, ds.id, docs.md)).indexing_status).toBe("completed");
    const after = await callJson("GET", `${API}/datasets/${ds.id}/documents/${docs.md}`, { token: owner.token });
    expect(after.body.segment_count).toBeGreaterThan(before.body.segment_count);
    expect(after.body.dataset_process_rule.rules.segmentation).toMatchObject({ max_tokens: 50, separator: "\\n\\n" });

    const retried = await callJson("POST", `${API}/datasets/${ds.id}/retry`, { token: owner.token, body: { document_ids: [docs.csv] } });
    expect(retried.body).toEqual({ result: "success" });
    expect((await waitIndexed(owner.token, ds.id, docs.csv)).indexing_status).toBe("completed");
  });

  it("disables and archives documents in bulk, which hides them from retrieval", async () => {
    const off = await callJson("PATCH", `${API}/datasets/${ds.id}/documents/status/disable/batch?document_id=${docs.html}&document_id=${docs.csv}`, {
      token: owner.token,
    });
    expect(off.body).toEqual({ result: "success" });
    const hidden = await hitTest(owner.token, ds.id, "unused kilns returned within thirty days", "full_text_search");
    expect(hidden.body.records.map((r: any) => r.segment.document.id)).not.toContain(docs.html);
    const disabled = await callJson("GET", `${API}/datasets/${ds.id}/documents?status=disabled`, { token: owner.token });
    expect(disabled.body.data.map((d: { id: string }) => d.id).sort()).toEqual([docs.csv, docs.html].sort());
    await callJson("PATCH", `${API}/datasets/${ds.id}/documents/status/enable/batch?document_id=${docs.html}`, { token: owner.token });
    const shown = await hitTest(owner.token, ds.id, "unused kilns returned within thirty days", "full_text_search");
    expect(shown.body.records[0].segment.document.id).toBe(docs.html);
    await callJson("PATCH", `${API}/datasets/${ds.id}/documents/status/archive/batch?document_id=${docs.html}`, { token: owner.token });
    const archived = await callJson("GET", `${API}/datasets/${ds.id}/documents/${docs.html}`, { token: owner.token });
    expect(archived.body).toMatchObject({ archived: true, display_status: "archived" });
    const none = await callJson("PATCH", `${API}/datasets/${ds.id}/documents/status/enable/batch`, { token: owner.token });
    expect(none.body).toMatchObject({ status: 400, code: "invalid_param" });
  });

  it("keeps the retrieval tests in the query history", async () => {
    const q = await callJson("GET", `${API}/datasets/${ds.id}/queries?page=1&limit=50`, { token: owner.token });
    expect(q.status).toBe(200);
    expect(q.body.data.length).toBeGreaterThan(0);
    expect(q.body.data.map((x: { content: string }) => x.content)).toContain("zebra-striped celadon");
    expect(q.body.data[0]).toMatchObject({ source: "hit_testing", created_by: owner.wctx.actor.accountId });
  });

  it("deletes a document, then the knowledge base, leaving no rows, vectors or files behind", async () => {
    const prefix = `ws/${owner.workspaceId}/datasets/${ds.id}/`;
    expect((await env.FILES.list({ prefix: `${prefix}${docs.md}/` })).objects).toHaveLength(1);
    const units = (await env.DB.prepare("SELECT id FROM segments WHERE document_id = ?").bind(docs.md).all<{ id: string }>()).results;
    expect(units.length).toBeGreaterThan(0);

    expect((await callJson("DELETE", `${API}/datasets/${ds.id}/documents/${docs.md}`, { token: owner.token })).status).toBe(204);
    expect((await callJson("GET", `${API}/datasets/${ds.id}/documents/${docs.md}`, { token: owner.token })).status).toBe(404);
    expect(await count("SELECT count(*) AS n FROM documents WHERE id = ?", docs.md)).toBe(0);
    for (const table of ["segments", "child_chunks", "segment_fts_rows"]) {
      expect(await count(`SELECT count(*) AS n FROM ${table} WHERE document_id = ?`, docs.md), table).toBe(0);
    }
    const placeholders = units.map(() => "?").join(",");
    expect(await count(`SELECT count(*) AS n FROM local_vectors WHERE id IN (${placeholders})`, ...units.map((u) => u.id))).toBe(0);
    expect((await env.FILES.list({ prefix: `${prefix}${docs.md}/` })).objects).toHaveLength(0);
    expect(await count("SELECT count(*) AS n FROM local_vectors WHERE namespace = ?", ds.id)).toBeGreaterThan(0);

    expect((await callJson("DELETE", `${API}/datasets/${ds.id}`, { token: owner.token })).status).toBe(204);
    expect((await callJson("GET", `${API}/datasets/${ds.id}`, { token: owner.token })).status).toBe(404);
    for (const table of ["documents", "segments", "child_chunks", "segment_fts_rows", "dataset_queries"]) {
      expect(await count(`SELECT count(*) AS n FROM ${table} WHERE dataset_id = ?`, ds.id), table).toBe(0);
    }
    expect(await count("SELECT count(*) AS n FROM local_vectors WHERE namespace = ?", ds.id)).toBe(0);
    expect((await env.FILES.list({ prefix })).objects).toHaveLength(0);
  });
});

describe("a parent-child document", () => {
  it("indexes child chunks, retrieves through them, and edits them", async () => {
    const owner = await newOwner();
    const ds = await newKnowledgeBase(owner.token);
    const text = [
      [
        "Bisque firing is the first trip through the kiln, and it turns fragile greenware into porous ceramic that can be handled.",
        "It runs slowly to about nine hundred degrees so that the water left in the clay escapes without cracking the walls.",
        "Pieces may touch each other in a bisque load because there is no glaze yet to fuse them to their neighbours.",
      ].join("\n"),
      [
        "Glaze firing is the second trip, hotter than the first, and it melts the powdered glaze into a smooth layer of glass.",
        "Witness cones tell the potter when to stop: each slender cone bends over once it has taken in enough heat.",
        "Glazed pieces must never touch in the kiln, and their feet are wiped clean so they do not weld to the shelf.",
      ].join("\n"),
    ].join("\n\n");
    const added = await callJson("POST", `${API}/datasets/${ds.id}/documents/text`, {
      token: owner.token,
      body: {
        name: "firing.md",
        text,
        doc_form: "hierarchical_model",
        process_rule: {
          mode: "hierarchical",
          rules: {
            segmentation: { separator: "\\n\\n", max_tokens: 100 },
            parent_mode: "paragraph",
            subchunk_segmentation: { separator: "\\n", max_tokens: 50 },
          },
        },
      },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const doc = added.body.document;
    expect(doc).toMatchObject({ doc_form: "hierarchical_model", name: "firing.md" });
    expect(doc.data_source_detail_dict.upload_file.extension).toBe("md");
    expect((await waitIndexed(owner.token, ds.id, doc.id)).indexing_status).toBe("completed");

    const base = `${API}/datasets/${ds.id}/documents/${doc.id}`;
    const segs = await callJson("GET", `${base}/segments`, { token: owner.token });
    expect(segs.body.doc_form).toBe("hierarchical_model");
    expect(segs.body.data).toHaveLength(2);
    expect(segs.body.data.map((s: { child_chunks: unknown[] }) => s.child_chunks.length)).toEqual([3, 3]);

    const hits = await hitTest(owner.token, ds.id, "cones tell the potter when to stop", "semantic_search");
    expect(hits.body.records[0].segment.content).toContain("Glaze firing");
    expect(hits.body.records[0].child_chunks[0].content).toContain("Witness cones tell the potter");
    // Full text finds an indexed child chunk too: its row reads the text from the child chunk.
    const byWords = await hitTest(owner.token, ds.id, "witness cones", "full_text_search");
    expect(byWords.body.records[0].segment.content).toContain("Glaze firing");
    expect(byWords.body.records[0].child_chunks[0].content).toContain("Witness cones tell the potter");

    const parent = segs.body.data[0].id;
    const child = await callJson("POST", `${base}/segments/${parent}/child_chunks`, {
      token: owner.token,
      body: { content: "Pyrometric bars slump at a known temperature." },
    });
    expect(child.status, JSON.stringify(child.body)).toBe(200);
    expect(child.body.data).toMatchObject({ segment_id: parent, type: "customized" });
    const edited = await callJson("PATCH", `${base}/segments/${parent}/child_chunks/${child.body.data.id}`, {
      token: owner.token,
      body: { content: "Pyrometric bars slump at a known temperature, like a thermometer." },
    });
    expect(edited.body.data.content).toContain("thermometer");
    const listed = await callJson("GET", `${base}/segments/${parent}/child_chunks?limit=50`, { token: owner.token });
    expect(listed.body.data.map((c: { id: string }) => c.id)).toContain(child.body.data.id);
    const viaChild = await hitTest(owner.token, ds.id, "thermometer", "full_text_search");
    expect(viaChild.body.records[0]).toMatchObject({ segment: { id: parent } });
    expect(viaChild.body.records[0].child_chunks.map((c: { id: string }) => c.id)).toContain(child.body.data.id);
    expect((await callJson("DELETE", `${base}/segments/${parent}/child_chunks/${child.body.data.id}`, { token: owner.token })).status).toBe(204);
    expect((await hitTest(owner.token, ds.id, "thermometer", "full_text_search")).body.records).toEqual([]);
  });
});

describe("who may see and change a knowledge base", () => {
  let owner: Owner;
  let shared: { id: string; name: string };
  let mine: { id: string; name: string };
  let normal = "";
  let editor = "";

  beforeAll(async () => {
    owner = await newOwner();
    normal = await joinByInvite(owner.token, owner.workspaceId, uniqueEmail("normal"), "normal");
    editor = await joinByInvite(owner.token, owner.workspaceId, uniqueEmail("editor"), "editor");
    shared = await newKnowledgeBase(owner.token, { permission: "all_team_members" });
    mine = await newKnowledgeBase(owner.token, { permission: "only_me" });
  });

  it("lets a normal member read a team knowledge base but not change it", async () => {
    const token = normal;
    expect((await callJson("GET", `${API}/datasets/${shared.id}`, { token })).status).toBe(200);
    expect((await callJson("GET", `${API}/datasets/${shared.id}/documents`, { token })).status).toBe(200);
    expect((await hitTest(token, shared.id, "anything")).status).toBe(200);
    const writes = [
      callJson("PATCH", `${API}/datasets/${shared.id}`, { token, body: { name: "taken" } }),
      callJson("DELETE", `${API}/datasets/${shared.id}`, { token }),
      callJson("POST", `${API}/datasets`, { token, body: { name: "mine now" } }),
      callJson("POST", `${API}/datasets/${shared.id}/documents/text`, { token, body: { name: "x", text: "y" } }),
      postForm(token, `/datasets/${shared.id}/documents`, [{ name: "a.md", data: "hello" }]),
    ];
    for (const r of await Promise.all(writes)) expect(r.status, JSON.stringify(r.body)).toBe(403);
    expect((await callJson("GET", `${API}/datasets/${shared.id}`, { token })).body.name).toBe(shared.name);
  });

  it("hides an owner's only_me knowledge base from an editor, and shows the editor's own to the owner", async () => {
    expect((await callJson("GET", `${API}/datasets/${mine.id}`, { token: editor })).status).toBe(404);
    expect((await callJson("GET", `${API}/datasets/${mine.id}/documents`, { token: editor })).status).toBe(404);
    expect((await callJson("PATCH", `${API}/datasets/${mine.id}`, { token: editor, body: { name: "taken" } })).status).toBe(404);
    expect((await hitTest(editor, mine.id, "anything")).status).toBe(404);
    const seen = await callJson("GET", `${API}/datasets?limit=100`, { token: editor });
    expect(seen.body.data.map((d: { id: string }) => d.id)).toContain(shared.id);
    expect(seen.body.data.map((d: { id: string }) => d.id)).not.toContain(mine.id);

    const theirs = await newKnowledgeBase(editor, { permission: "only_me" });
    expect((await callJson("GET", `${API}/datasets/${theirs.id}`, { token: owner.token })).status).toBe(200);
    const all = await callJson("GET", `${API}/datasets?limit=100`, { token: owner.token });
    expect(all.body.data.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([shared.id, mine.id, theirs.id]));
    const byName = await callJson("GET", `${API}/datasets?keyword=${encodeURIComponent(mine.name)}`, { token: owner.token });
    expect(byName.body.data.map((d: { id: string }) => d.id)).toEqual([mine.id]);
  });

  it("answers 404 on every route family to a member of another workspace", async () => {
    const { token } = await newOwner();
    const added = await callJson("POST", `${API}/datasets/${shared.id}/documents/text`, {
      token: owner.token,
      body: { name: "target.md", text: "# Target\nThe stranger must not reach this document." },
    });
    const doc = added.body.document.id;
    expect((await waitIndexed(owner.token, shared.id, doc)).indexing_status).toBe("completed");
    const seg = (await callJson("GET", `${API}/datasets/${shared.id}/documents/${doc}/segments`, { token: owner.token })).body.data[0].id;
    const d = `${API}/datasets/${shared.id}`;
    const s = `${d}/documents/${doc}/segments/${seg}`;
    const attempts: [string, string, unknown?][] = [
      ["GET", d],
      ["PATCH", d, { name: "taken" }],
      ["DELETE", d],
      ["POST", `${d}/api-keys/disable`],
      ["GET", `${d}/documents`],
      ["POST", `${d}/documents/text`, { name: "x", text: "y" }],
      ["GET", `${d}/documents/${doc}`],
      ["GET", `${d}/documents/${doc}/download`],
      ["POST", `${d}/documents/download-zip`, { document_ids: [doc] }],
      ["PATCH", `${d}/documents/${doc}`, { name: "taken" }],
      ["DELETE", `${d}/documents/${doc}`],
      ["PATCH", `${d}/documents/${doc}/processing/pause`],
      ["POST", `${d}/retry`, { document_ids: [doc] }],
      ["PATCH", `${d}/documents/status/disable/batch?document_id=${doc}`],
      ["GET", `${d}/batch/${added.body.batch}/indexing-status`],
      ["GET", `${d}/documents/${doc}/indexing-status`],
      ["GET", `${d}/documents/${doc}/segments`],
      ["POST", `${d}/documents/${doc}/segment`, { content: "planted" }],
      ["PATCH", s, { content: "planted" }],
      ["DELETE", s],
      ["GET", `${s}/child_chunks`],
      ["POST", `${s}/child_chunks`, { content: "planted" }],
      ["PATCH", `${s}/child_chunks/${seg}`, { content: "planted" }],
      ["DELETE", `${s}/child_chunks/${seg}`],
      ["POST", `${d}/hit-testing`, { query: "target" }],
      ["GET", `${d}/queries`],
    ];
    for (const [method, path, body] of attempts) {
      const r = await callJson(method, path, { token, body });
      expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBe(404);
    }
    expect((await postForm(token, `/datasets/${shared.id}/documents`, [{ name: "a.md", data: "hello" }])).status).toBe(404);
    const still = await callJson("GET", `${d}/documents/${doc}/segments`, { token: owner.token });
    expect(still.body.data.map((x: { id: string; content: string }) => [x.id, x.content])).toEqual([[seg, expect.stringContaining("stranger")]]);
    expect((await callJson("GET", d, { token: owner.token })).body).toMatchObject({ name: shared.name, enable_api: true });
  });
});
