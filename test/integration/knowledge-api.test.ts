// The Knowledge API (/v1 with a dataset key) through HTTP: key and dataset gates, datasets,
// documents by text and file through the real ingest queue, segments, retrieval (semantic,
// full-text, hybrid), metadata fields and filters, re-indexing on update and not on an unchanged
// update (the fake OpenAI server counts embedding calls).
import { env } from "cloudflare:workers";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { setDatasetApiEnabled } from "../../src/knowledge/datasets";
import planetsXlsx from "../fixtures/knowledge/planets.xlsx?inline";
import { fakeOpenAIUrl, fakeRequests, newFakeKey, newOwner, newServiceApp, type Owner, rows, TINY_PNG, v1, v1Form, v1Raw } from "../support/apps";
import { call, callJson, joinByInvite, uniqueEmail } from "../support/console";
import { newDataset } from "../support/knowledge";

// Three paragraphs of about 40 tokens each: with 50-token segments, one segment per paragraph.
const BILLING = [
  "Invoices are sent on the first day of each month by email, with a PDF copy attached and a link to pay online by card.",
  "Refunds take five business days to reach your bank account once approved by the billing team after they review the request.",
  "Support is available around the clock through chat and phone, and urgent outages are answered within fifteen minutes at most.",
].join("\n\n");

const SECURITY = `# Security

API keys are stored hashed with SHA-256.

Provider secrets are encrypted with AES-GCM before they are saved.
`;

const PARAGRAPHS = {
  mode: "custom",
  rules: {
    pre_processing_rules: [{ id: "remove_extra_spaces", enabled: true }],
    segmentation: { separator: "\\n\\n", max_tokens: 50, chunk_overlap: 0 },
  },
};

let owner: Owner;
let key: string;

beforeAll(async () => {
  owner = await newOwner();
  const created = await callJson("POST", "/console/api/datasets/api-keys", { token: owner.token });
  key = created.body.token;
});

const kb = (method: string, path: string, body?: unknown) => v1(key, method, path, body === undefined ? {} : { body });

async function newKb(extra: Record<string, unknown> = {}) {
  const r = await kb("POST", "/datasets", { name: `kb-${crypto.randomUUID().slice(0, 8)}`, indexing_technique: "high_quality", ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** Polls a batch's indexing status until every document has finished. */
async function waitForBatch(datasetId: string, batch: string) {
  const until = Date.now() + 15_000;
  for (;;) {
    const r = await kb("GET", `/datasets/${datasetId}/documents/${batch}/indexing-status`);
    expect(r.status).toBe(200);
    const done = r.body.data.every((d: any) => ["completed", "error"].includes(d.indexing_status));
    if (done || Date.now() > until) {
      for (const d of r.body.data) expect(d.indexing_status, d.error ?? "").toBe("completed");
      return r.body.data;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function addTextDoc(datasetId: string, name: string, text: string, extra: Record<string, unknown> = {}) {
  const r = await kb("POST", `/datasets/${datasetId}/document/create-by-text`, { name, text, process_rule: PARAGRAPHS, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  await waitForBatch(datasetId, r.body.batch);
  return r.body;
}

const mdForm = (name: string, text: string, data: unknown) => {
  const form = new FormData();
  form.append("file", new File([text], name, { type: "text/markdown" }));
  form.append("data", JSON.stringify(data));
  return form;
};

const retrieve = (datasetId: string, query: string, retrieval_model?: Record<string, unknown>) =>
  kb("POST", `/datasets/${datasetId}/retrieve`, { query, ...(retrieval_model ? { retrieval_model } : {}) });

const search = (method: string, extra: Record<string, unknown> = {}) => ({
  search_method: method,
  reranking_enable: false,
  top_k: 4,
  score_threshold_enabled: false,
  ...extra,
});

const contents = (r: { body: any }) => r.body.records.map((x: any) => x.segment.content as string);

describe("dataset keys", () => {
  it("answers 401 as Dify for a missing header, another scheme, an unknown key and an app key", async () => {
    const missing = await call("GET", "/v1/datasets");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="api"');
    expect(await missing.json()).toMatchObject({ code: "unauthorized", message: "Authorization header must be provided and start with 'Bearer'" });
    const basic = await callJson("GET", "/v1/datasets", { headers: { authorization: `Basic ${key}` } });
    expect(basic).toMatchObject({ status: 401, body: { message: "Authorization scheme must be 'Bearer'" } });
    const unknown = await v1("dataset-AAAAAAAAAAAAAAAAAAAAAAAA", "GET", "/datasets");
    expect(unknown).toMatchObject({ status: 401, body: { message: "Access token is invalid" } });
    const app = await newServiceApp(owner, { name: "Not a dataset key" });
    expect((await v1(app.key, "GET", "/datasets")).status).toBe(401);
  });

  it("hides another workspace's dataset (404) and refuses a dataset whose API is off (403)", async () => {
    const other = await newOwner();
    const foreign = await newDataset(other.wctx);
    expect(await kb("GET", `/datasets/${foreign.id}`)).toMatchObject({ status: 404, body: { code: "not_found", message: "Dataset not found." } });
    expect((await kb("GET", `/datasets/${foreign.id}/documents`)).status).toBe(404);
    const mine = await newKb();
    // Read first, so the gate has the row cached: turning the API off still applies at once.
    expect((await kb("GET", `/datasets/${mine.id}/documents`)).status).toBe(200);
    await setDatasetApiEnabled(owner.wctx, mine.id, false);
    expect(await kb("GET", `/datasets/${mine.id}/documents`)).toMatchObject({
      status: 403,
      body: { code: "forbidden", message: "Dataset api access is not enabled." },
    });
  });

  it("documents every Knowledge API route under the knowledge tag with the bearer key", async () => {
    const doc = (await callJson("GET", "/openapi.json")).body;
    const ops = Object.entries<any>(doc.paths)
      .filter(([path]) => path.startsWith("/v1/datasets"))
      .flatMap(([path, item]) => Object.entries<any>(item).map(([method, op]) => ({ route: `${method} ${path}`, op })));
    expect(ops.map((o) => o.route)).toEqual(
      expect.arrayContaining(["post /v1/datasets/{dataset_id}/retrieve", "post /v1/datasets/{dataset_id}/document/create_by_file", "delete /v1/datasets/{dataset_id}/metadata/{metadata_id}"]),
    );
    for (const { route, op } of ops) {
      expect(op.tags, route).toEqual(["knowledge"]);
      expect(op.security, route).toEqual([{ bearer: [] }]);
    }
  });
});

describe("available models (dataset key)", () => {
  it("lists the workspace's embedding models in Dify's shape, for a dataset key only", async () => {
    const r = await kb("GET", "/workspaces/current/models/model-types/text-embedding");
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const offline = r.body.data.find((p: any) => p.provider === "offline");
    expect(offline).toMatchObject({
      tenant_id: owner.workspaceId,
      label: { en_US: expect.any(String), zh_Hans: expect.any(String) },
      status: "active",
      models: [expect.objectContaining({ model: "kiln-embed", model_type: "text-embedding", deprecated: false, status: "active" })],
    });
    for (const p of r.body.data) for (const m of p.models) expect(m.model_type).toBe("text-embedding");
    const llms = await kb("GET", "/workspaces/current/models/model-types/llm");
    expect(llms.body.data.flatMap((p: any) => p.models.map((m: any) => m.model))).toContain("kiln-echo");
    // Types Dify has and Kiln does not serve: no providers. Unknown types: refused.
    expect((await kb("GET", "/workspaces/current/models/model-types/rerank")).body).toEqual({ data: [] });
    expect((await kb("GET", "/workspaces/current/models/model-types/bogus")).status).toBe(400);
    const app = await newServiceApp(owner);
    expect((await v1(app.key, "GET", "/workspaces/current/models/model-types/text-embedding")).status).toBe(401);
  });
});

describe("datasets", () => {
  it("creates, lists, updates and deletes a knowledge base (delete answers 200 with the body 204)", async () => {
    const ds = await newKb({ description: "billing answers" });
    expect(ds).toMatchObject({ indexing_technique: "high_quality", permission: "only_me", enable_api: true, doc_metadata: [] });
    const list = await kb("GET", `/datasets?keyword=${ds.name}`);
    expect(list.body).toMatchObject({ total: 1, page: 1, limit: 20, has_more: false });
    expect(list.body.data[0].id).toBe(ds.id);
    const patched = await kb("PATCH", `/datasets/${ds.id}`, { description: "changed" });
    expect(patched.body).toMatchObject({ description: "changed", partial_member_list: [] });
    const gone = await callJson("DELETE", `/v1/datasets/${ds.id}`, { token: key });
    expect(gone.status).toBe(200);
    expect(gone.body).toBe(204);
    expect((await kb("GET", `/datasets/${ds.id}`)).status).toBe(404);
  });

  it("refuses a duplicate name with 409 dataset_name_duplicate", async () => {
    const ds = await newKb();
    const dup = await kb("POST", "/datasets", { name: ds.name });
    expect(dup).toMatchObject({ status: 409, body: { code: "dataset_name_duplicate" } });
  });

  it("needs an index mode for the first document of a knowledge base without one", async () => {
    const ds = await kb("POST", "/datasets", { name: `kb-${crypto.randomUUID().slice(0, 8)}` });
    expect(ds.body.indexing_technique).toBeNull();
    const r = await kb("POST", `/datasets/${ds.body.id}/document/create-by-text`, { name: "a", text: "hello" });
    expect(r).toMatchObject({ status: 400, body: { code: "invalid_param", message: "indexing_technique is required." } });
  });
});

describe("documents, segments and retrieval", () => {
  let ds: any;
  let billing: any;
  let security: any;

  beforeAll(async () => {
    ds = await newKb({ permission: "all_team_members" });
    billing = (await addTextDoc(ds.id, "billing", BILLING)).document;
    const file = await v1Form(key, `/datasets/${ds.id}/document/create-by-file`, mdForm("security.md", SECURITY, { indexing_technique: "high_quality", process_rule: { mode: "automatic" } }));
    expect(file.status, JSON.stringify(file.body)).toBe(200);
    await waitForBatch(ds.id, file.body.batch);
    security = file.body.document;
  });

  it("creates documents by text and by file, answering {document, batch}", async () => {
    expect(billing).toMatchObject({ name: "billing", created_from: "api", data_source_type: "upload_file", indexing_status: "waiting" });
    expect(security).toMatchObject({ name: "security.md", created_from: "api" });
    const list = await kb("GET", `/datasets/${ds.id}/documents`);
    expect(list.body.total).toBe(2);
    expect(list.body.data.map((d: any) => d.display_status)).toEqual(["available", "available"]);
    expect((await kb("GET", `/datasets/${ds.id}/documents?keyword=secur`)).body.data.map((d: any) => d.id)).toEqual([security.id]);
    expect((await kb("GET", `/datasets/${ds.id}/documents?status=queuing`)).body.total).toBe(0);
    const detail = await kb("GET", `/datasets/${ds.id}/documents/${billing.id}`);
    expect(detail.body).toMatchObject({ id: billing.id, indexing_status: "completed", segment_count: 3 });
    expect((await kb("GET", `/datasets/${ds.id}/documents/${billing.id}?metadata=bogus`)).body.code).toBe("invalid_metadata");
  });

  it("indexes an Excel workbook uploaded by file, one row per line, and finds a row by its words", async () => {
    const kbx = await newKb({ indexing_technique: "economy" });
    const bytes = Uint8Array.from(atob(planetsXlsx.split(",")[1]), (c) => c.charCodeAt(0));
    const form = new FormData();
    form.append("file", new File([bytes], "planets.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    form.append("data", JSON.stringify({ process_rule: { mode: "custom", rules: { pre_processing_rules: [], segmentation: { separator: "\\n", max_tokens: 60 } } } }));
    const r = await v1Form(key, `/datasets/${kbx.id}/document/create-by-file`, form);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.document).toMatchObject({ name: "planets.xlsx", data_source_type: "upload_file" });
    await waitForBatch(kbx.id, r.body.batch);
    const found = contents(await retrieve(kbx.id, "Jupiter", search("full_text_search", { top_k: 1 })));
    expect(found).toEqual(["Planet: Jupiter; Kind: gas giant; Moons: 95; Perihelion date: 2023-01-21 06:30:00; Mass (Earth = 1): 317.8; Has rings: TRUE; Reference: [NASA](https://science.nasa.gov/jupiter/); column H: orbit & rings < Saturn's"]);
  });

  it("adds a segment, re-embeds it when edited and removes it when deleted", async () => {
    const base = `/datasets/${ds.id}/documents/${billing.id}/segments`;
    const list = await kb("GET", base);
    expect(list.body).toMatchObject({ total: 3, doc_form: "text_model" });
    const added = await kb("POST", base, { segments: [{ content: "Penguins live in Antarctica.", keywords: ["penguins"] }] });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const seg = added.body.data[0];
    expect(contents(await retrieve(ds.id, "penguins", search("full_text_search")))).toContain("Penguins live in Antarctica.");

    const edited = await kb("POST", `${base}/${seg.id}`, { segment: { content: "Kangaroos hop across Australia." } });
    expect(edited.body.data).toMatchObject({ id: seg.id, content: "Kangaroos hop across Australia." });
    const semantic = await retrieve(ds.id, "Kangaroos hop across Australia.", search("semantic_search", { top_k: 1 }));
    expect(contents(semantic)).toEqual(["Kangaroos hop across Australia."]);
    expect(contents(await retrieve(ds.id, "penguins", search("full_text_search")))).toEqual([]);

    const gone = await kb("DELETE", `${base}/${seg.id}`);
    expect(gone).toMatchObject({ status: 200, body: 204 });
    expect(contents(await retrieve(ds.id, "kangaroos", search("full_text_search")))).toEqual([]);
    expect((await kb("GET", `${base}/${seg.id}`)).status).toBe(404);
  });

  it("retrieves by semantic, full-text and hybrid search with top_k and a score threshold", async () => {
    const semantic = await retrieve(ds.id, "how long do refunds take to reach the bank", search("semantic_search"));
    expect(semantic.status, JSON.stringify(semantic.body)).toBe(200);
    expect(semantic.body.query).toEqual({ content: "how long do refunds take to reach the bank" });
    expect(semantic.body.records[0].segment.content).toContain("Refunds");
    expect(semantic.body.records[0].segment.document).toMatchObject({ id: billing.id, name: "billing" });

    expect(contents(await retrieve(ds.id, "invoices", search("full_text_search")))[0]).toContain("Invoices");
    const weighted = search("hybrid_search", {
      reranking_mode: "weighted_score",
      weights: { weight_type: "customized", vector_setting: { vector_weight: 0.5 }, keyword_setting: { keyword_weight: 0.5 } },
    });
    expect(contents(await retrieve(ds.id, "secrets encrypted AES-GCM", weighted))[0]).toContain("AES-GCM");
    const rrf = await retrieve(ds.id, "secrets encrypted AES-GCM", search("hybrid_search", { reranking_mode: "reciprocal_rank_fusion" }));
    expect(contents(rrf)[0]).toContain("AES-GCM");

    const one = await retrieve(ds.id, "refunds invoices support", search("semantic_search", { top_k: 1 }));
    expect(one.body.records).toHaveLength(1);
    const all = (await retrieve(ds.id, "refunds invoices support", search("semantic_search", { top_k: 10 }))).body.records;
    expect(all.length).toBeGreaterThan(2);
    const cut = (all[0].score + all[all.length - 1].score) / 2;
    const above = await retrieve(ds.id, "refunds invoices support", search("semantic_search", { top_k: 10, score_threshold_enabled: true, score_threshold: cut }));
    expect(above.body.records.length).toBeGreaterThan(0);
    expect(above.body.records.length).toBeLessThan(all.length);
    for (const r of above.body.records) expect(r.score).toBeGreaterThanOrEqual(cut);

    expect((await kb("POST", `/datasets/${ds.id}/hit-testing`, { query: "invoices" })).status).toBe(200);
    expect((await kb("POST", `/datasets/${ds.id}/retrieve`, { query: "x".repeat(251) })).body.code).toBe("invalid_param");
  });

  it("filters retrieval by a custom metadata field set on a document", async () => {
    const field = await kb("POST", `/datasets/${ds.id}/metadata`, { type: "string", name: "category" });
    expect(field).toMatchObject({ status: 201, body: { name: "category", type: "string" } });
    expect(await kb("POST", `/datasets/${ds.id}/metadata`, { type: "string", name: "category" })).toMatchObject({
      status: 400,
      body: { code: "invalid_param", message: "Metadata name already exists." },
    });
    expect((await kb("POST", `/datasets/${ds.id}/metadata`, { type: "string", name: "document_name" })).status).toBe(400);
    const priority = (await kb("POST", `/datasets/${ds.id}/metadata`, { type: "number", name: "priority" })).body;

    const wrongType = await kb("POST", `/datasets/${ds.id}/documents/metadata`, {
      operation_data: [{ document_id: billing.id, metadata_list: [{ id: priority.id, name: "priority", value: "high" }] }],
    });
    expect(wrongType).toMatchObject({ status: 400, body: { code: "invalid_param" } });
    const set = await kb("POST", `/datasets/${ds.id}/documents/metadata`, {
      operation_data: [
        {
          document_id: billing.id,
          metadata_list: [
            { id: field.body.id, name: "category", value: "billing" },
            { id: priority.id, name: "priority", value: 2 },
          ],
        },
      ],
    });
    expect(set).toMatchObject({ status: 200, body: { result: "success" } });

    const fields = await kb("GET", `/datasets/${ds.id}/metadata`);
    expect(fields.body).toEqual({
      doc_metadata: [
        { id: field.body.id, name: "category", type: "string", count: 1 },
        { id: priority.id, name: "priority", type: "number", count: 1 },
      ],
      built_in_field_enabled: false,
    });
    const detail = await kb("GET", `/datasets/${ds.id}/documents/${billing.id}?metadata=only`);
    expect(detail.body.doc_metadata).toContainEqual({ id: field.body.id, name: "category", type: "string", value: "billing" });

    const query = "refunds secrets invoices keys";
    const filtered = (operator: string, value: string, name = "category") =>
      retrieve(ds.id, query, search("semantic_search", { top_k: 10, metadata_filtering_conditions: { logical_operator: "and", conditions: [{ name, comparison_operator: operator, value }] } }));
    const docsOf = (r: { body: any }) => [...new Set(r.body.records.map((x: any) => x.segment.document_id))];
    expect(docsOf(await filtered("is", "billing"))).toEqual([billing.id]);
    expect(docsOf(await filtered("is not", "billing"))).toEqual([security.id]);

    const renamed = await kb("PATCH", `/datasets/${ds.id}/metadata/${field.body.id}`, { name: "topic" });
    expect(renamed.body).toEqual({ id: field.body.id, name: "topic", type: "string" });
    expect(docsOf(await filtered("is", "billing", "topic"))).toEqual([billing.id]);
    expect(docsOf(await filtered("is", "billing", "category"))).toEqual([]);

    expect(await kb("DELETE", `/datasets/${ds.id}/metadata/${field.body.id}`)).toMatchObject({ status: 200, body: 204 });
    const [row] = await rows<{ doc_metadata: string }>("SELECT doc_metadata FROM documents WHERE id = ?", billing.id);
    expect(JSON.parse(row.doc_metadata)).toEqual({ priority: 2 });

    expect((await kb("GET", `/datasets/${ds.id}/metadata/built-in`)).body.fields.map((f: any) => f.name)).toContain("upload_date");
    expect((await kb("POST", `/datasets/${ds.id}/metadata/built-in/enable`)).body).toEqual({ result: "success" });
    expect((await kb("GET", `/datasets/${ds.id}/metadata`)).body.built_in_field_enabled).toBe(true);
  });

  it("re-indexes a document updated with new text, and refuses to delete one being indexed", async () => {
    const updated = await kb("POST", `/datasets/${ds.id}/documents/${billing.id}/update-by-text`, {
      name: "billing",
      text: "Shipping is free for orders above fifty euros.",
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.document.indexing_status).toBe("waiting");
    await waitForBatch(ds.id, updated.body.batch);
    expect(contents(await retrieve(ds.id, "refunds", search("full_text_search")))).toEqual([]);
    expect(contents(await retrieve(ds.id, "shipping", search("full_text_search")))).toEqual(["Shipping is free for orders above fifty euros."]);

    await rows("UPDATE documents SET indexing_status = 'indexing' WHERE id = ?", security.id);
    expect(await kb("DELETE", `/datasets/${ds.id}/documents/${security.id}`)).toMatchObject({ status: 400, body: { code: "document_indexing" } });
    await rows("UPDATE documents SET indexing_status = 'completed' WHERE id = ?", security.id);
    expect(await kb("DELETE", `/datasets/${ds.id}/documents/${security.id}`)).toMatchObject({ status: 200, body: 204 });
    expect((await kb("GET", `/datasets/${ds.id}/documents/${security.id}`)).status).toBe(404);
    expect(contents(await retrieve(ds.id, "AES-GCM", search("full_text_search")))).toEqual([]);
  });
});

describe("bulk status and parent-child chunks", () => {
  it("disables, enables and archives documents in bulk, and names a wrong action invalid_action", async () => {
    const ds = await newKb();
    const { document } = await addTextDoc(ds.id, "billing", BILLING);
    const status = (action: string, ids = [document.id]) => kb("PATCH", `/datasets/${ds.id}/documents/status/${action}`, { document_ids: ids });
    expect(await status("disable")).toMatchObject({ status: 200, body: { result: "success" } });
    expect(contents(await retrieve(ds.id, "invoices", search("full_text_search")))).toEqual([]);
    expect((await kb("GET", `/datasets/${ds.id}/documents?status=disabled`)).body.total).toBe(1);
    await status("enable");
    expect(contents(await retrieve(ds.id, "invoices", search("full_text_search")))).toHaveLength(1);
    await status("archive");
    expect((await kb("GET", `/datasets/${ds.id}/documents/${document.id}`)).body.display_status).toBe("archived");
    expect((await kb("DELETE", `/datasets/${ds.id}/documents/${document.id}`)).body.code).toBe("archived_document_immutable");
    expect(await status("explode")).toMatchObject({ status: 400, body: { code: "invalid_action" } });
  });

  it("replaces a document's file with update-by-file and indexes the new content", async () => {
    const ds = await newKb();
    const created = await v1Form(key, `/datasets/${ds.id}/document/create-by-file`, mdForm("notes.md", SECURITY, { process_rule: { mode: "automatic" } }));
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    await waitForBatch(ds.id, created.body.batch);
    const form = new FormData();
    form.append("file", new File(["# Travel\n\nTrains to Lyon leave every hour from platform nine."], "travel.md", { type: "text/markdown" }));
    const updated = await v1Form(key, `/datasets/${ds.id}/documents/${created.body.document.id}/update-by-file`, form);
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ document: { id: created.body.document.id, name: "travel.md" }, batch: created.body.batch });
    await waitForBatch(ds.id, updated.body.batch);
    expect(contents(await retrieve(ds.id, "Lyon", search("full_text_search")))[0]).toContain("Lyon");
    expect(contents(await retrieve(ds.id, "AES-GCM", search("full_text_search")))).toEqual([]);
  });

  it("replaces a document's file with PATCH on the document, Dify's current route for update-by-file", async () => {
    const ds = await newKb();
    const { document, batch } = await addTextDoc(ds.id, "billing", BILLING);
    const form = mdForm("security.md", SECURITY, { process_rule: PARAGRAPHS });
    const updated = await v1Form(key, `/datasets/${ds.id}/documents/${document.id}`, form, "PATCH");
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ document: { id: document.id, name: "security.md" }, batch });
    await waitForBatch(ds.id, updated.body.batch);
    expect(contents(await retrieve(ds.id, "AES-GCM", search("full_text_search")))[0]).toContain("AES-GCM");
    expect(contents(await retrieve(ds.id, "invoices", search("full_text_search")))).toEqual([]);
    const missing = await v1Form(key, `/datasets/${ds.id}/documents/${crypto.randomUUID()}`, mdForm("x.md", "x", {}), "PATCH");
    expect(missing.status).toBe(404);
  });

  it("hands out a document's original by a signed link, and several originals as one ZIP", async () => {
    const ds = await newKb();
    const file = await v1Form(key, `/datasets/${ds.id}/document/create-by-file`, mdForm("notes.md", SECURITY, { process_rule: { mode: "automatic" } }));
    expect(file.status, JSON.stringify(file.body)).toBe(200);
    const again = await v1Form(key, `/datasets/${ds.id}/document/create-by-file`, mdForm("notes.md", BILLING, { process_rule: { mode: "automatic" } }));
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const text = await addTextDoc(ds.id, "guide", BILLING);
    // A workbook is already compressed: it goes into the archive stored, byte for byte.
    const xlsx = Uint8Array.from(atob(planetsXlsx.split(",")[1]), (c) => c.charCodeAt(0));
    const workbookForm = new FormData();
    workbookForm.append("file", new File([xlsx], "planets.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    const workbook = await v1Form(key, `/datasets/${ds.id}/document/create-by-file`, workbookForm);
    expect(workbook.status, JSON.stringify(workbook.body)).toBe(200);

    const link = await kb("GET", `/datasets/${ds.id}/documents/${file.body.document.id}/download`);
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    expect(link.body.url).toMatch(/^\/files\/[^/]+\/file-preview\?timestamp=\d+&nonce=[^&]+&sign=[^&]+&as_attachment=true$/);
    const original = await call("GET", link.body.url);
    expect(original.status).toBe(200);
    expect(original.headers.get("content-disposition")).toContain("notes.md");
    expect(await original.text()).toBe(SECURITY);
    const forged = await call("GET", link.body.url.replace(/sign=[^&]+/, "sign=AAAA"));
    expect(forged.status).toBe(403);

    const zipped = await v1Raw(key, "POST", `/datasets/${ds.id}/documents/download-zip`, {
      body: { document_ids: [file.body.document.id, again.body.document.id, text.document.id, workbook.body.document.id] },
    });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get("content-type")).toBe("application/zip");
    expect(zipped.headers.get("content-disposition")).toMatch(/^attachment; filename=[0-9a-f]{32}\.zip$/);
    const entries = unzipSync(new Uint8Array(await zipped.arrayBuffer()));
    const decode = (b: Uint8Array) => new TextDecoder().decode(b);
    // Two documents named notes.md: the second gets Dify's " (1)" before its extension.
    expect(Object.keys(entries)).toEqual(["notes.md", "notes (1).md", "guide.txt", "planets.xlsx"]);
    expect(decode(entries["notes.md"])).toBe(SECURITY);
    expect(decode(entries["notes (1).md"])).toBe(BILLING);
    expect(decode(entries["guide.txt"])).toBe(BILLING);
    expect(entries["planets.xlsx"]).toEqual(xlsx);

    const other = await newKb();
    const elsewhere = await addTextDoc(other.id, "elsewhere", BILLING);
    for (const ids of [[file.body.document.id, elsewhere.document.id], [crypto.randomUUID()]]) {
      const refused = await kb("POST", `/datasets/${ds.id}/documents/download-zip`, { document_ids: ids });
      expect(refused).toMatchObject({ status: 404, body: { code: "not_found", message: "Document not found." } });
    }
    expect((await kb("GET", `/datasets/${ds.id}/documents/${elsewhere.document.id}/download`)).status).toBe(404);
    expect((await kb("POST", `/datasets/${ds.id}/documents/download-zip`, { document_ids: [] })).status).toBe(400);
    // An original gone from R2 is found before the archive starts: a JSON 404, not a broken ZIP.
    const [stored] = await rows<{ file_key: string }>("SELECT file_key FROM documents WHERE id = ?", again.body.document.id);
    await env.FILES.delete(stored.file_key);
    const lost = await kb("POST", `/datasets/${ds.id}/documents/download-zip`, { document_ids: [file.body.document.id, again.body.document.id] });
    expect(lost).toMatchObject({ status: 404, body: { code: "not_found" } });
    const tooMany = Array.from({ length: 101 }, () => crypto.randomUUID());
    expect((await kb("POST", `/datasets/${ds.id}/documents/download-zip`, { document_ids: tooMany })).status).toBe(400);
  });

  it("lists, adds, edits and deletes the child chunks of a hierarchical document", async () => {
    const ds = await newKb();
    const hierarchical = {
      mode: "hierarchical",
      rules: {
        pre_processing_rules: [],
        segmentation: { separator: "\\n\\n", max_tokens: 500 },
        parent_mode: "paragraph",
        subchunk_segmentation: { separator: "\\n", max_tokens: 50, chunk_overlap: 0 },
      },
    };
    const { document } = await addTextDoc(ds.id, "guide", BILLING, { process_rule: hierarchical, doc_form: "hierarchical_model" });
    const segs = await kb("GET", `/datasets/${ds.id}/documents/${document.id}/segments`);
    expect(segs.body.doc_form).toBe("hierarchical_model");
    const parent = segs.body.data[0];
    const base = `/datasets/${ds.id}/documents/${document.id}/segments/${parent.id}/child_chunks`;
    const list = await kb("GET", base);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body).toMatchObject({ page: 1, limit: 20 });
    const added = await kb("POST", base, { content: "Wombats dig burrows at night." });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.data).toMatchObject({ content: "Wombats dig burrows at night.", type: "customized" });
    const found = await retrieve(ds.id, "wombats", search("full_text_search"));
    expect(found.body.records[0].segment.id).toBe(parent.id);
    const edited = await kb("PATCH", `${base}/${added.body.data.id}`, { content: "Wombats sleep in burrows by day." });
    expect(edited.body.data.content).toBe("Wombats sleep in burrows by day.");
    expect(await kb("DELETE", `${base}/${added.body.data.id}`)).toMatchObject({ status: 200, body: 204 });
    expect(contents(await retrieve(ds.id, "wombats", search("full_text_search")))).toEqual([]);
  });
});

describe("updates and the embedding provider", () => {
  it("does not re-embed a document updated with identical text, and does for new text", async () => {
    const apiKey = newFakeKey();
    const added = await callJson("POST", "/console/api/workspaces/current/model-providers/openai_api_compatible", {
      token: owner.token,
      body: { name: "kbembed", label: "Fake embeddings", base_url: fakeOpenAIUrl, api_key: apiKey, models: [{ model: "text-embedding-3-small", model_type: "text-embedding" }] },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const provider = "compat_kbembed";
    const ds = await newKb({ embedding_model: "text-embedding-3-small", embedding_model_provider: provider });
    expect(ds).toMatchObject({ embedding_model: "text-embedding-3-small", embedding_model_provider: provider });
    const embeddings = async () => (await fakeRequests(apiKey)).filter((r) => r.path.endsWith("/embeddings")).length;

    const { document } = await addTextDoc(ds.id, "billing", BILLING);
    const afterCreate = await embeddings();
    expect(afterCreate).toBeGreaterThan(0);
    const segmentIds = async () => (await kb("GET", `/datasets/${ds.id}/documents/${document.id}/segments`)).body.data.map((s: any) => s.id);
    const before = await segmentIds();

    const same = await kb("POST", `/datasets/${ds.id}/documents/${document.id}/update-by-text`, { name: "billing", text: BILLING });
    expect(same.status).toBe(200);
    expect(same.body.document.indexing_status).toBe("completed");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await embeddings()).toBe(afterCreate);
    expect(await segmentIds()).toEqual(before);

    const changed = await kb("POST", `/datasets/${ds.id}/documents/${document.id}/update_by_text`, { name: "billing", text: `${BILLING}\n\nPrices include VAT.` });
    await waitForBatch(ds.id, changed.body.batch);
    expect(await embeddings()).toBeGreaterThan(afterCreate);
  });
});

describe("bad documents", () => {
  let ds: any;
  beforeAll(async () => {
    ds = await newKb();
  });

  it("answers Dify's file errors: 415 for a type it cannot index, 413 for a too large file, 400 without a file", async () => {
    const png = new FormData();
    png.append("file", new File([TINY_PNG], "photo.png", { type: "image/png" }));
    png.append("data", JSON.stringify({ process_rule: { mode: "automatic" } }));
    expect(await v1Form(key, `/datasets/${ds.id}/document/create_by_file`, png)).toMatchObject({ status: 415, body: { code: "unsupported_file_type" } });

    const big = mdForm("big.md", "a".repeat(15 * 1024 * 1024 + 1), { process_rule: { mode: "automatic" } });
    expect(await v1Form(key, `/datasets/${ds.id}/document/create-by-file`, big)).toMatchObject({ status: 413, body: { code: "file_too_large" } });

    const none = new FormData();
    none.append("data", JSON.stringify({ process_rule: { mode: "automatic" } }));
    expect(await v1Form(key, `/datasets/${ds.id}/document/create-by-file`, none)).toMatchObject({ status: 400, body: { code: "no_file_uploaded" } });

    const noRule = await v1Form(key, `/datasets/${ds.id}/document/create-by-file`, mdForm("a.md", "# A\n\ntext", {}));
    expect(noRule).toMatchObject({ status: 400, body: { code: "invalid_param", message: "process_rule is required." } });
  });

  it("rejects an invalid process rule with 400 invalid_param", async () => {
    const r = await kb("POST", `/datasets/${ds.id}/document/create-by-text`, {
      name: "tiny",
      text: "hello",
      process_rule: { mode: "custom", rules: { pre_processing_rules: [], segmentation: { separator: "\\n", max_tokens: 10 } } },
    });
    expect(r).toMatchObject({ status: 400, body: { code: "invalid_param" } });
    expect(r.body.message).toContain("Custom segment length should be between 50 and 4000.");
  });
});

describe("console metadata routes", () => {
  it("manage fields and one document's values by name, for dataset editors only", async () => {
    const ds = await newKb({ permission: "all_team_members" });
    const { document } = await addTextDoc(ds.id, "billing", BILLING);
    const api = `/console/api/datasets/${ds.id}`;
    const asOwner = (method: string, path: string, body?: unknown) => callJson(method, path, { token: owner.token, body });

    const field = await asOwner("POST", `${api}/metadata`, { type: "time", name: "reviewed_at" });
    expect(field).toMatchObject({ status: 201, body: { name: "reviewed_at", type: "time" } });
    const bad = await asOwner("PATCH", `${api}/documents/${document.id}/metadata`, { metadata: { reviewed_at: "yesterday" } });
    expect(bad).toMatchObject({ status: 400, body: { code: "invalid_param" } });
    expect((await asOwner("PATCH", `${api}/documents/${document.id}/metadata`, { metadata: { nope: 1 } })).status).toBe(400);
    const set = await asOwner("PATCH", `${api}/documents/${document.id}/metadata`, { metadata: { reviewed_at: 1_700_000_000 } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.doc_metadata[0]).toEqual({ id: field.body.id, name: "reviewed_at", type: "time", value: 1_700_000_000 });
    const after = await retrieve(ds.id, "invoices", search("full_text_search", {
      metadata_filtering_conditions: { conditions: [{ name: "reviewed_at", comparison_operator: "after", value: 1_600_000_000 }] },
    }));
    expect(after.body.records).toHaveLength(1);

    expect((await asOwner("GET", `${api}/metadata`)).body.doc_metadata).toEqual([{ id: field.body.id, name: "reviewed_at", type: "time", count: 1 }]);
    expect((await asOwner("GET", "/console/api/datasets/metadata/built-in")).body.fields).toHaveLength(5);
    expect((await asOwner("POST", `${api}/metadata/built-in/enable`)).status).toBe(200);
    expect((await asOwner("PATCH", `${api}/metadata/${field.body.id}`, { name: "checked_at" })).body.name).toBe("checked_at");
    const cleared = await asOwner("PATCH", `${api}/documents/${document.id}/metadata`, { metadata: { checked_at: null } });
    expect(cleared.body.doc_metadata).toBeNull();
    expect((await asOwner("DELETE", `${api}/metadata/${field.body.id}`)).status).toBe(204);

    const member = await joinByInvite(owner.token, owner.workspaceId, uniqueEmail("reader"), "normal");
    expect((await callJson("GET", `${api}/metadata`, { token: member })).status).toBe(200);
    expect((await callJson("POST", `${api}/metadata`, { token: member, body: { type: "string", name: "x" } })).status).toBe(403);
  });
});
