// Dify's official SDK knowledge clients, replayed request by request against Kiln's Knowledge API
// (/v1 with a dataset key). Read from langgenius/dify: sdks/python-client/dify_client/client.py
// (KnowledgeBaseClient, httpx, commit 055f510619839d7b22616c10eaba74db1e0ef482), the same
// commit's dify_client/async_client.py (AsyncKnowledgeBaseClient: identical requests, files sent as
// (basename, bytes)), sdks/python-client/tests/test_client.py (the fields its users read),
// sdks/nodejs-client/src/client/knowledge-base.ts (6c7d2fcf9693f045bb862e3eb3bf96671ee59abd),
// src/http/client.ts (249a4917439558534d60489a0fadbb7cce8e6731) and src/types/knowledge-base.ts
// (68c27aff46298e63987f9cbe5eea1a8c7dab1eb0). Expected answers are Dify 1.11.2's server: deletes
// answer 200 with the body 204 (the SDK's own test_client.py still expects Dify 0.x's
// {"result":"success"} and a real 204). RAG-pipeline methods are out of Kiln's scope.
import { beforeAll, describe, expect, it } from "vitest";
import { newOwner, v1Form } from "../support/apps";
import { callJson } from "../support/console";

let key: string;
const name = () => `sdk-${crypto.randomUUID().slice(0, 8)}`;

/** Python `_send_request`: `Content-Type: application/json` on every call, even a GET or DELETE without a body. */
function py(method: string, path: string, o: { json?: unknown; params?: Record<string, string | number> } = {}) {
  const qs = o.params ? `?${new URLSearchParams(Object.entries(o.params).map(([k, v]) => [k, String(v)]))}` : "";
  const body = o.json === undefined ? {} : { rawBody: JSON.stringify(o.json) };
  return callJson(method, `/v1${path}${qs}`, { token: key, headers: { "content-type": "application/json" }, ...body });
}

/**
 * Python `_send_request_with_files`: the `data` field (a JSON string), then `file`. httpx labels the
 * file part with a guessed type; the older requests-based client (accb1343…) sends none.
 */
function pyFiles(path: string, data: unknown, file: { name: string; type?: string; text: string }) {
  const b = crypto.randomUUID().replaceAll("-", "");
  const rawBody =
    `--${b}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n` +
    `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n${file.type ? `Content-Type: ${file.type}\r\n` : ""}\r\n${file.text}\r\n--${b}--\r\n`;
  return callJson("POST", `/v1${path}`, { token: key, headers: { "content-type": `multipart/form-data; boundary=${b}` }, rawBody });
}

/** Node `HttpClient.requestRaw`: JSON content type only with a body, null/undefined query values dropped, arrays repeated. */
function node(method: string, path: string, o: { data?: unknown; query?: Record<string, unknown> } = {}) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(o.query ?? {})) if (v != null) for (const item of [v].flat()) search.append(k, String(item));
  const qs = search.size ? `?${search}` : "";
  const hasBody = o.data !== undefined && method !== "GET";
  const headers: Record<string, string> = { "user-agent": "dify-client-node", ...(hasBody ? { "content-type": "application/json" } : {}) };
  return callJson(method, `/v1${path}${qs}`, { token: key, headers, ...(hasBody ? { rawBody: JSON.stringify(o.data) } : {}) });
}

/** Node `createDocumentByFile` / `updateDocumentByFile`: the caller's FormData, sent as is. */
function nodeForm(path: string, data: unknown, file: File) {
  const form = new FormData();
  form.append("file", file);
  form.append("data", JSON.stringify(data));
  return v1Form(key, path, form);
}

const BILLING = [
  "Invoices are sent on the first day of each month by email, with a PDF copy attached and a link to pay online by card.",
  "Refunds take five business days to reach your bank account once approved by the billing team after they review the request.",
].join("\n\n");
const README = "# Security\n\nAPI keys are stored hashed with SHA-256.\n\nProvider secrets are encrypted with AES-GCM before they are saved.\n";
const GUIDE = "Trains to Lyon leave every hour.\nTickets are sold at the station.\n\nBuses to Geneva leave at noon.\nSeats cannot be booked.";
const HIERARCHICAL = {
  mode: "hierarchical",
  rules: { pre_processing_rules: [], segmentation: { separator: "\\n\\n", max_tokens: 500 }, parent_mode: "paragraph", subchunk_segmentation: { separator: "\\n", max_tokens: 50 } },
};

/** batch_indexing_status / getDocumentIndexingStatus, polled until every document of the batch is done. */
async function indexed(ds: string, batch: string, send: (method: string, path: string) => ReturnType<typeof py> = py) {
  const until = Date.now() + 15_000;
  for (;;) {
    const r = await send("GET", `/datasets/${ds}/documents/${batch}/indexing-status`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const done = r.body.data.every((d: any) => ["completed", "error"].includes(d.indexing_status));
    if (done || Date.now() > until) {
      for (const d of r.body.data) expect(d.indexing_status, d.error ?? "").toBe("completed");
      return r.body.data;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

beforeAll(async () => {
  const owner = await newOwner();
  key = (await callJson("POST", "/console/api/datasets/api-keys", { token: owner.token })).body.token;
});

describe("KnowledgeBaseClient (Python sync/async, Node) against Kiln", () => {
  let ds: any;
  const docs: Record<string, any> = {};
  let segment: any;
  let koala: any;

  it("create_dataset sends only {name}; createDataset sends its options", async () => {
    const r = await py("POST", "/datasets", { json: { name: name() } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ indexing_technique: null, permission: "only_me", document_count: 0, enable_api: true });
    ds = r.body;
    const n = await node("POST", "/datasets", { data: { name: name(), description: "from node", indexing_technique: "high_quality", permission: "only_me" } });
    expect(n).toMatchObject({ status: 200, body: { description: "from node", indexing_technique: "high_quality" } });
  });

  it("list_datasets sends page and limit; listDatasets keyword and include_all", async () => {
    const r = await py("GET", "/datasets", { params: { page: 1, limit: 20 } });
    expect(r.body).toMatchObject({ page: 1, limit: 20, has_more: expect.any(Boolean), total: expect.any(Number) });
    expect(r.body.data.map((d: any) => d.id)).toContain(ds.id);
    const n = await node("GET", "/datasets", { query: { page: 1, limit: 5, keyword: ds.name, include_all: false } });
    expect(n.body).toMatchObject({ total: 1, limit: 5, data: [{ id: ds.id, name: ds.name }] });
  });

  it("create_document_by_text posts high_quality and the automatic rule; createDocumentByText a hierarchical doc", async () => {
    const r = await py("POST", `/datasets/${ds.id}/document/create_by_text`, {
      json: { indexing_technique: "high_quality", process_rule: { mode: "automatic" }, name: "billing", text: BILLING },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ batch: expect.any(String), document: { name: "billing", created_from: "api", data_source_type: "upload_file" } });
    docs.billing = r.body;
    const n = await node("POST", `/datasets/${ds.id}/document/create_by_text`, {
      data: { name: "guide", text: GUIDE, process_rule: HIERARCHICAL, doc_form: "hierarchical_model", doc_language: "English" },
    });
    expect(n.status, JSON.stringify(n.body)).toBe(200);
    expect(n.body.document).toMatchObject({ name: "guide", doc_form: "hierarchical_model" });
    docs.guide = n.body;
    expect((await py("GET", `/datasets/${ds.id}`)).body.indexing_technique).toBe("high_quality");
  });

  it("create_document_by_file posts `file` and `data` (JSON string) as multipart", async () => {
    const data = { process_rule: { mode: "automatic" }, indexing_technique: "high_quality", doc_form: "text_model", doc_language: "English" };
    const r = await pyFiles(`/datasets/${ds.id}/document/create_by_file`, data, { name: "README.md", type: "application/octet-stream", text: README });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ batch: expect.any(String), document: { name: "README.md", created_from: "api" } });
    docs.readme = r.body;
  });

  it("batch_indexing_status / getDocumentIndexingStatus report each batch until completed", async () => {
    const [billing] = await indexed(ds.id, docs.billing.batch);
    expect(billing).toMatchObject({ id: docs.billing.document.id, error: null, completed_at: expect.any(Number), total_segments: 1, completed_segments: 1 });
    await indexed(ds.id, docs.guide.batch, node);
    await indexed(ds.id, docs.readme.batch);
  });

  it("list_documents sends page, limit and keyword; listDocuments also status", async () => {
    const all = await py("GET", `/datasets/${ds.id}/documents`);
    expect(all.body).toMatchObject({ total: 3, page: 1, limit: 20, has_more: false });
    const one = await py("GET", `/datasets/${ds.id}/documents`, { params: { page: 1, limit: 1, keyword: "bill" } });
    expect(one.body).toMatchObject({ total: 1, limit: 1, data: [{ id: docs.billing.document.id, display_status: "available" }] });
    expect((await node("GET", `/datasets/${ds.id}/documents`, { query: { status: "available", keyword: null } })).body.total).toBe(3);
  });

  it("getDocument answers the detail, and with metadata=only or without", async () => {
    const path = `/datasets/${ds.id}/documents/${docs.billing.document.id}`;
    expect((await node("GET", path)).body).toMatchObject({ id: docs.billing.document.id, indexing_status: "completed", segment_count: 1, doc_metadata: null });
    expect(Object.keys((await node("GET", path, { query: { metadata: "only" } })).body).sort()).toEqual(["doc_metadata", "doc_type", "id"]);
    expect((await node("GET", path, { query: { metadata: "without" } })).body).not.toHaveProperty("doc_metadata");
  });

  it("add_segments / createSegments post {segments}", async () => {
    const path = `/datasets/${ds.id}/documents/${docs.billing.document.id}/segments`;
    const r = await py("POST", path, { json: { segments: [{ content: "Penguins live in Antarctica." }] } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ doc_form: "text_model", data: [{ content: "Penguins live in Antarctica.", enabled: true }] });
    segment = r.body.data[0];
    const n = await node("POST", path, { data: { segments: [{ content: "Koalas sleep most of the day.", keywords: ["koala"] }] } });
    expect(n).toMatchObject({ status: 200, body: { data: [{ keywords: ["koala"] }] } });
    koala = n.body.data[0];
  });

  it("query_segments sends keyword and status; listSegments repeats status and pages", async () => {
    const path = `/datasets/${ds.id}/documents/${docs.billing.document.id}/segments`;
    const r = await py("GET", path, { params: { status: "completed" } });
    expect(r.body).toMatchObject({ total: 3, doc_form: "text_model", page: 1, limit: 20, has_more: false });
    expect((await py("GET", path, { params: { keyword: "Penguins" } })).body.data.map((s: any) => s.id)).toEqual([segment.id]);
    const n = await node("GET", path, { query: { page: 1, limit: 2, status: ["completed", "indexing"] } });
    expect(n.body).toMatchObject({ total: 3, limit: 2, page: 1, has_more: true });
    expect(n.body.data).toHaveLength(2);
  });

  it("getSegment reads one; update_document_segment / updateSegment post {segment}", async () => {
    const path = `/datasets/${ds.id}/documents/${docs.billing.document.id}/segments/${segment.id}`;
    expect((await node("GET", path)).body).toMatchObject({ doc_form: "text_model", data: { id: segment.id, child_chunks: [] } });
    const r = await py("POST", path, { json: { segment: { content: "Penguins swim in the Southern Ocean." } } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data).toMatchObject({ id: segment.id, content: "Penguins swim in the Southern Ocean." });
    const n = await node("POST", path, { data: { segment: { keywords: ["penguin"], enabled: true, regenerate_child_chunks: false } } });
    expect(n.body.data).toMatchObject({ content: "Penguins swim in the Southern Ocean.", keywords: ["penguin"], enabled: true });
  });

  it("update_document_segment refuses to edit a disabled segment unless the edit re-enables it", async () => {
    const path = `/datasets/${ds.id}/documents/${docs.billing.document.id}/segments/${koala.id}`;
    expect((await py("POST", path, { json: { segment: { enabled: false } } })).body.data.enabled).toBe(false);
    const refused = await py("POST", path, { json: { segment: { content: "Koalas climb trees." } } });
    expect(refused).toMatchObject({ status: 400, body: { code: "invalid_param", message: "Can't update disabled segment" } });
    const enabled = await py("POST", path, { json: { segment: { content: "Koalas climb trees.", enabled: true } } });
    expect(enabled.body.data).toMatchObject({ content: "Koalas climb trees.", enabled: true });
  });

  it("drops an answer sent for a text_model segment, on add and on update (the docstring examples)", async () => {
    const path = `/datasets/${ds.id}/documents/${docs.billing.document.id}/segments`;
    const added = await py("POST", path, { json: { segments: [{ content: "1", answer: "1", keyword: ["a"] }] } });
    expect(added).toMatchObject({ status: 200, body: { data: [{ content: "1", answer: null }] } });
    const edited = await py("POST", `${path}/${koala.id}`, { json: { segment: { content: "Koalas eat leaves.", answer: "1", keyword: ["a"], enabled: true } } });
    expect(edited).toMatchObject({ status: 200, body: { data: { content: "Koalas eat leaves.", answer: null, enabled: true } } });
  });

  it("createChildChunk, listChildChunks, updateChildChunk and deleteChildChunk on a parent segment", async () => {
    const parents = await node("GET", `/datasets/${ds.id}/documents/${docs.guide.document.id}/segments`);
    expect(parents.body.doc_form).toBe("hierarchical_model");
    const base = `/datasets/${ds.id}/documents/${docs.guide.document.id}/segments/${parents.body.data[0].id}/child_chunks`;
    const added = await node("POST", base, { data: { content: "Wombats dig burrows at night." } });
    expect(added).toMatchObject({ status: 200, body: { data: { content: "Wombats dig burrows at night.", type: "customized" } } });
    const list = await node("GET", base, { query: { page: 1, limit: 20, keyword: "Wombats" } });
    expect(list.body).toMatchObject({ total: 1, total_pages: 1, page: 1, limit: 20, data: [{ id: added.body.data.id }] });
    const edited = await node("PATCH", `${base}/${added.body.data.id}`, { data: { content: "Wombats sleep by day." } });
    expect(edited.body.data).toMatchObject({ id: added.body.data.id, content: "Wombats sleep by day." });
    expect(await node("DELETE", `${base}/${added.body.data.id}`)).toMatchObject({ status: 200, body: 204 });
  });

  it("delete_document_segment / deleteSegment answer 200 with the body 204", async () => {
    const path = `/datasets/${ds.id}/documents/${docs.billing.document.id}/segments/${segment.id}`;
    expect(await py("DELETE", path)).toMatchObject({ status: 200, body: 204 });
    expect((await node("GET", path)).status).toBe(404);
  });

  it("hit_testing posts {query} (+ retrieval_model); hitTesting and retrieve answer {query, records}", async () => {
    const r = await py("POST", `/datasets/${ds.id}/hit-testing`, { json: { query: "How long do refunds take?" } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.query).toEqual({ content: "How long do refunds take?" });
    expect(r.body.records.some((x: any) => x.segment.content.includes("Refunds") && x.segment.document.name === "billing")).toBe(true);
    const model = { search_method: "full_text_search", reranking_enable: false, top_k: 1, score_threshold_enabled: false };
    const n = await node("POST", `/datasets/${ds.id}/retrieve`, { data: { query: "AES-GCM", retrieval_model: model } });
    expect(n.body.records).toHaveLength(1);
    expect(n.body.records[0]).toMatchObject({ score: expect.any(Number), segment: { content: expect.stringContaining("AES-GCM"), document: { name: "README.md" } } });
    const h = await py("POST", `/datasets/${ds.id}/hit-testing`, { json: { query: "Lyon", retrieval_model: model } });
    expect(h.body.records[0].segment.document_id).toBe(docs.guide.document.id);
  });

  it("metadata: create, get, update, built-in, manage built-in, documents' values, delete", async () => {
    const base = `/datasets/${ds.id}/metadata`;
    const created = await py("POST", base, { json: { type: "string", name: "category" } });
    expect(created).toMatchObject({ status: 201, body: { name: "category", type: "string" } });
    const field = created.body;
    expect((await py("GET", base)).body).toEqual({ doc_metadata: [{ ...field, count: 0 }], built_in_field_enabled: false });
    expect((await py("PATCH", `${base}/${field.id}`, { json: { name: "topic" } })).body).toEqual({ ...field, name: "topic" });
    expect((await node("PATCH", `${base}/${field.id}`, { data: { name: "subject" } })).body).toEqual({ ...field, name: "subject" });
    expect((await py("GET", `${base}/built-in`)).body.fields.map((f: any) => f.name)).toEqual(expect.arrayContaining(["document_name", "upload_date"]));
    expect(await py("POST", `${base}/built-in/enable`, { json: {} })).toMatchObject({ status: 200, body: { result: "success" } });
    expect((await node("GET", `${base}/built-in`)).status).toBe(200);
    expect(await node("POST", `${base}/built-in/disable`)).toMatchObject({ status: 200, body: { result: "success" } });
    const billing = docs.billing.document.id;
    const values = [{ document_id: billing, metadata_list: [{ id: field.id, name: "subject", value: "billing" }] }];
    expect(await py("POST", `/datasets/${ds.id}/documents/metadata`, { json: { operation_data: values } })).toMatchObject({ status: 200, body: { result: "success" } });
    const partial = [{ document_id: docs.readme.document.id, metadata_list: [{ id: field.id, name: "subject", value: "security" }], partial_update: true }];
    expect((await node("POST", `/datasets/${ds.id}/documents/metadata`, { data: { operation_data: partial } })).body).toEqual({ result: "success" });
    const only = await node("GET", `/datasets/${ds.id}/documents/${billing}`, { query: { metadata: "only" } });
    expect(only.body.doc_metadata).toContainEqual({ id: field.id, name: "subject", type: "string", value: "billing" });
    expect((await node("GET", base)).body.doc_metadata).toEqual([{ ...field, name: "subject", count: 2 }]);
    expect(await node("DELETE", `${base}/${field.id}`)).toMatchObject({ status: 200, body: 204 });
  });

  it("update_document_by_text / updateDocumentByText replace the text and answer {document, batch}", async () => {
    const path = `/datasets/${ds.id}/documents/${docs.billing.document.id}/update_by_text`;
    const r = await py("POST", path, { json: { name: "billing-2024", text: "Shipping is free for orders above fifty euros." } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ batch: expect.any(String), document: { id: docs.billing.document.id, name: "billing-2024" } });
    await indexed(ds.id, r.body.batch);
    const n = await node("POST", path, { data: { name: "billing-2025", text: "Shipping costs five euros.", process_rule: { mode: "automatic" } } });
    expect(n.body.document).toMatchObject({ id: docs.billing.document.id, name: "billing-2025" });
    await indexed(ds.id, n.body.batch, node);
  });

  it("update_document_by_file posts `file` with data '{}'; create_document_by_file with original_document_id replaces", async () => {
    const path = `/datasets/${ds.id}/documents/${docs.readme.document.id}/update_by_file`;
    const r = await pyFiles(path, {}, { name: "README.md", text: `${README}\nRotate keys yearly.\n` });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ batch: docs.readme.batch, document: { id: docs.readme.document.id, name: "README.md" } });
    await indexed(ds.id, r.body.batch);
    const replaced = await pyFiles(`/datasets/${ds.id}/document/create_by_file`, { process_rule: { mode: "automatic" }, indexing_technique: "high_quality", original_document_id: docs.readme.document.id }, { name: "SECURITY.md", type: "text/markdown", text: README });
    expect(replaced.body.document).toMatchObject({ id: docs.readme.document.id, name: "SECURITY.md" });
    await indexed(ds.id, replaced.body.batch);
    const n = await nodeForm(path, {}, new File(["# Travel\n\nTrams run all night."], "travel.md", { type: "text/markdown" }));
    expect(n.body.document).toMatchObject({ id: docs.readme.document.id, name: "travel.md" });
    await indexed(ds.id, n.body.batch);
  });

  it("get_dataset / update_dataset (README example) answer the dataset detail", async () => {
    expect((await py("GET", `/datasets/${ds.id}`)).body).toMatchObject({ id: ds.id, document_count: 3, retrieval_model_dict: { search_method: expect.any(String) } });
    const r = await py("PATCH", `/datasets/${ds.id}`, { json: { name: "Updated Dataset Name", description: "Updated description", indexing_technique: "high_quality" } });
    expect(r).toMatchObject({ status: 200, body: { name: "Updated Dataset Name", description: "Updated description", partial_member_list: [] } });
    expect((await node("PATCH", `/datasets/${ds.id}`, { data: { name: ds.name, permission: "all_team_members" } })).body.permission).toBe("all_team_members");
  });

  it("batch_update_document_status / updateDocumentStatus: disable, enable, archive, un_archive", async () => {
    const ids = [docs.billing.document.id, docs.guide.document.id];
    const path = (action: string) => `/datasets/${ds.id}/documents/status/${action}`;
    const status = (action: string) => py("PATCH", path(action), { json: { document_ids: ids } });
    const nodeStatus = (action: string) => node("PATCH", path(action), { data: { document_ids: ids } });
    expect(await status("disable")).toMatchObject({ status: 200, body: { result: "success" } });
    expect((await py("GET", `/datasets/${ds.id}/documents`, { params: { keyword: "guide" } })).body.data[0].display_status).toBe("disabled");
    expect(await nodeStatus("enable")).toMatchObject({ status: 200, body: { result: "success" } });
    expect((await status("archive")).body).toEqual({ result: "success" });
    expect((await node("GET", `/datasets/${ds.id}/documents/${docs.guide.document.id}`)).body.display_status).toBe("archived");
    expect((await nodeStatus("un_archive")).body).toEqual({ result: "success" });
    expect((await node("GET", `/datasets/${ds.id}/documents/${docs.guide.document.id}`)).body.display_status).toBe("available");
  });

  it("delete_document / deleteDocument answer 200 with the body 204", async () => {
    expect(await py("DELETE", `/datasets/${ds.id}/documents/${docs.billing.document.id}`)).toMatchObject({ status: 200, body: 204 });
    expect(await node("DELETE", `/datasets/${ds.id}/documents/${docs.guide.document.id}`)).toMatchObject({ status: 200, body: 204 });
    expect((await py("GET", `/datasets/${ds.id}/documents`)).body.total).toBe(1);
  });

  it("delete_dataset / deleteDataset answer 200 with the body 204", async () => {
    expect(await py("DELETE", `/datasets/${ds.id}`)).toMatchObject({ status: 200, body: 204 });
    expect((await node("GET", `/datasets/${ds.id}`)).status).toBe(404);
    const other = await node("POST", "/datasets", { data: { name: name() } });
    expect(await node("DELETE", `/datasets/${other.body.id}`)).toMatchObject({ status: 200, body: 204 });
  });
});

describe("dataset tags (Python list/bind/unbind/get_dataset_tags; Node tag methods and listDatasets tagIds)", () => {
  it("creates, lists, renames, binds, filters by, unbinds and deletes a knowledge tag", async () => {
    const ds = (await py("POST", "/datasets", { json: { name: name() } })).body;
    const tag = await node("POST", "/datasets/tags", { data: { name: "billing" } });
    expect(tag).toMatchObject({ status: 200, body: { name: "billing", type: "knowledge", binding_count: "0" } });
    const id = tag.body.id;
    expect((await py("GET", "/datasets/tags")).body).toContainEqual({ id, name: "billing", type: "knowledge", binding_count: "0" });
    expect((await node("PATCH", "/datasets/tags", { data: { tag_id: id, name: "invoices" } })).body).toEqual({ id, name: "invoices", type: "knowledge", binding_count: "0" });
    expect(await py("POST", "/datasets/tags/binding", { json: { tag_ids: [id], target_id: ds.id } })).toMatchObject({ status: 200, body: 204 });
    expect((await py("GET", `/datasets/${ds.id}/tags`)).body).toEqual({ data: [{ id, name: "invoices" }], total: 1 });
    expect((await py("GET", `/datasets/${ds.id}`)).body.tags).toEqual([{ id, name: "invoices", type: "knowledge" }]);
    expect((await node("GET", "/datasets", { query: { tag_ids: [id] } })).body.data.map((d: any) => d.id)).toEqual([ds.id]);
    expect(await py("POST", "/datasets/tags/unbinding", { json: { tag_id: id, target_id: ds.id } })).toMatchObject({ status: 200, body: 204 });
    expect((await node("GET", `/datasets/${ds.id}/tags`)).body).toEqual({ data: [], total: 0 });
    expect(await node("DELETE", "/datasets/tags", { data: { tag_id: id } })).toMatchObject({ status: 200, body: 204 });
    expect((await node("GET", "/datasets/tags")).body).not.toContainEqual(expect.objectContaining({ id }));
  });
});
