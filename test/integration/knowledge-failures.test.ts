// What the dashboard's knowledge API does with files and input it cannot use: refused up front
// (type, size, malformed options), or accepted and marked `error` with a reason a user can act on.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { newOwner, type Owner } from "../support/apps";
import { callJson } from "../support/console";
import { buildZip } from "../support/zip";
import { API, newKnowledgeBase, type Part, postForm, waitIndexed } from "./knowledge-console-helpers";

const MB = 1024 * 1024;
const GOOD = "# Good file\n\nThis document is perfectly readable and should be indexed without trouble.\n";
const LONG = Array.from(
  { length: 30 },
  (_, i) => `Paragraph ${i + 1} explains one more detail about kilns, glazes and firing schedules for careful potters.`,
).join("\n\n");

const preview = (token: string, fields: Record<string, string>, parts: Part[] = []) =>
  postForm(token, "/datasets/chunk-preview", parts, fields);

const customRule = (segmentation: Record<string, unknown>) => JSON.stringify({ mode: "custom", rules: { segmentation } });

describe("uploads refused before anything is stored", () => {
  let owner: Owner;
  let ds: { id: string };

  beforeAll(async () => {
    owner = await newOwner();
    ds = await newKnowledgeBase(owner.token);
  });

  const storedNothing = async () => {
    const list = await callJson("GET", `${API}/datasets/${ds.id}/documents`, { token: owner.token });
    expect(list.body.total).toBe(0);
    expect((await env.FILES.list({ prefix: `ws/${owner.workspaceId}/datasets/${ds.id}/` })).objects).toHaveLength(0);
  };

  it("answers 415 unsupported_file_type for an unsupported type, even beside a good file", async () => {
    const r = await postForm(owner.token, `/datasets/${ds.id}/documents`, [
      { name: "good.md", data: GOOD },
      { name: "setup.exe", data: new Uint8Array([77, 90, 0, 0]) },
    ]);
    expect(r.status).toBe(415);
    expect(r.body).toMatchObject({ code: "unsupported_file_type", status: 415 });
    expect(r.body.message).toContain(".exe");
    const bare = await postForm(owner.token, `/datasets/${ds.id}/documents`, [{ name: "README", data: GOOD }]);
    expect(bare.body).toMatchObject({ code: "unsupported_file_type", status: 415 });
    await storedNothing();
  });

  it("answers 413 file_too_large for a file over UPLOAD_FILE_SIZE_LIMIT_MB (15 MB)", async () => {
    const r = await postForm(owner.token, `/datasets/${ds.id}/documents`, [{ name: "huge.txt", data: new Uint8Array(16 * MB).fill(97) }]);
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ code: "file_too_large", status: 413 });
    expect(r.body.message).toContain("15 MB");
    await storedNothing();
  });

  it("refuses a request without a file and malformed options with 400", async () => {
    const none = await postForm(owner.token, `/datasets/${ds.id}/documents`, [], { data: "{}" });
    expect(none.body).toMatchObject({ code: "no_file_uploaded", status: 400 });
    const notJson = await postForm(owner.token, `/datasets/${ds.id}/documents`, [{ name: "a.md", data: GOOD }], { data: "{oops" });
    expect(notJson.body).toMatchObject({ code: "invalid_param", params: ["data"] });
    const badRule = await postForm(owner.token, `/datasets/${ds.id}/documents`, [{ name: "a.md", data: GOOD }], {
      data: JSON.stringify({ process_rule: { mode: "custom", rules: { segmentation: { max_tokens: 10 } } } }),
    });
    expect(badRule.body).toMatchObject({ code: "invalid_param", params: ["data.process_rule.rules.segmentation.max_tokens"] });
    expect(badRule.body.message).toContain("Custom segment length should be between 50 and 4000.");
    await storedNothing();
  });

  it("requires an index mode for the first document of a knowledge base without one", async () => {
    const bare = await newKnowledgeBase(owner.token, { indexing_technique: null });
    const r = await callJson("POST", `${API}/datasets/${bare.id}/documents/text`, { token: owner.token, body: { name: "a", text: GOOD } });
    expect(r.body).toMatchObject({ code: "invalid_param", status: 400, params: ["indexing_technique"] });
    const ok = await callJson("POST", `${API}/datasets/${bare.id}/documents/text`, {
      token: owner.token,
      body: { name: "a", text: GOOD, indexing_technique: "economy" },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect((await callJson("GET", `${API}/datasets/${bare.id}`, { token: owner.token })).body.indexing_technique).toBe("economy");
  });
});

describe("unreadable files in a batch", () => {
  it("end in error with a readable reason while the good file completes", async () => {
    const owner = await newOwner();
    const ds = await newKnowledgeBase(owner.token);
    const bomb = await buildZip([
      { name: "[Content_Types].xml", data: "<Types/>", deflate: true },
      // Declares 1 KB, inflates to 5 MB: the directory lies, as a zip bomb's does.
      { name: "word/document.xml", data: new Uint8Array(5 * MB), deflate: true, declaredSize: 1000 },
    ]);
    const r = await postForm(owner.token, `/datasets/${ds.id}/documents`, [
      { name: "good.md", data: GOOD },
      { name: "blank.txt", data: "   \n\n\t  \n" },
      { name: "empty.txt", data: "" },
      { name: "scan.pdf", data: crypto.getRandomValues(new Uint8Array(4096)), type: "application/pdf" },
      { name: "bomb.docx", data: bomb },
    ]);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const [good, blank, empty, pdf, docx] = r.body.documents.map((d: { id: string }) => d.id);

    expect((await waitIndexed(owner.token, ds.id, good)).indexing_status).toBe("completed");
    const reasons = {
      blank: await waitIndexed(owner.token, ds.id, blank),
      empty: await waitIndexed(owner.token, ds.id, empty),
      pdf: await waitIndexed(owner.token, ds.id, pdf),
      docx: await waitIndexed(owner.token, ds.id, docx),
    };
    expect(reasons.blank).toMatchObject({ indexing_status: "error", error: "The document contains no text." });
    expect(reasons.empty).toMatchObject({ indexing_status: "error", error: "The document contains no text." });
    expect(reasons.pdf).toMatchObject({ indexing_status: "error", error: "The PDF is damaged or not a PDF." });
    expect(reasons.docx.indexing_status).toBe("error");
    expect(reasons.docx.error).toMatch(/zip bomb/);
    for (const s of Object.values(reasons)) expect(s.stopped_at).toEqual(expect.any(Number));

    const failed = await callJson("GET", `${API}/datasets/${ds.id}/documents?status=error`, { token: owner.token });
    expect(failed.body.data.map((d: { id: string }) => d.id).sort()).toEqual([blank, empty, pdf, docx].sort());
    expect(failed.body.data.every((d: { display_status: string }) => d.display_status === "error")).toBe(true);
    const batch = await callJson("GET", `${API}/datasets/${ds.id}/batch/${r.body.batch}/indexing-status`, { token: owner.token });
    expect(batch.body.data.map((s: { indexing_status: string }) => s.indexing_status)).toEqual(["completed", "error", "error", "error", "error"]);
  });
});

describe("chunk preview", () => {
  let token = "";
  beforeAll(async () => {
    token = (await newOwner()).token;
  });

  it("previews pasted text under the automatic rule, a custom rule and a parent-child rule", async () => {
    const auto = await preview(token, { text: LONG });
    expect(auto.status, JSON.stringify(auto.body)).toBe(200);
    expect(auto.body.total).toBe(auto.body.chunks.length);
    expect(auto.body.total_tokens).toBeGreaterThan(0);
    expect(auto.body.chunks[0]).toMatchObject({ content: expect.stringContaining("Paragraph 1"), children: null });

    const fine = await preview(token, { text: LONG, process_rule: customRule({ separator: "\\n\\n", max_tokens: 50, chunk_overlap: 0 }) });
    expect(fine.body.total).toBeGreaterThan(10);
    expect(fine.body.total).toBeGreaterThan(auto.body.total);
    // Only the first ten chunks are sent; the totals cover the whole text.
    expect(fine.body.chunks).toHaveLength(10);

    const nested = await preview(token, {
      text: LONG,
      process_rule: JSON.stringify({
        mode: "hierarchical",
        rules: { segmentation: { separator: "\\n\\n", max_tokens: 200 }, parent_mode: "paragraph", subchunk_segmentation: { max_tokens: 50 } },
      }),
    });
    expect(nested.status, JSON.stringify(nested.body)).toBe(200);
    expect(nested.body.chunks[0].children.length).toBeGreaterThan(0);
  });

  it("previews an uploaded file as indexing would parse it", async () => {
    const r = await preview(token, {}, [{ name: "page.html", data: "<html><body><h1>Title</h1><p>Kilns <b>fire</b> clay.</p></body></html>" }]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const text = r.body.chunks.map((c: { content: string }) => c.content).join("\n");
    expect(text).toContain("Kilns fire clay.");
    expect(text).not.toContain("<p>");
  });

  it("answers 400 invalid_param with Dify's messages for a rule out of range", async () => {
    const small = await preview(token, { text: LONG, process_rule: customRule({ max_tokens: 10 }) });
    expect(small.status).toBe(400);
    expect(small.body).toMatchObject({ code: "invalid_param", params: ["process_rule.rules.segmentation.max_tokens"] });
    expect(small.body.message).toContain("Custom segment length should be between 50 and 4000.");
    const big = await preview(token, { text: LONG, process_rule: customRule({ max_tokens: 4001 }) });
    expect(big.body.message).toContain("Custom segment length should be between 50 and 4000.");
    const overlap = await preview(token, { text: LONG, process_rule: customRule({ max_tokens: 100, chunk_overlap: 100 }) });
    expect(overlap.body.message).toContain("Chunk overlap should be smaller than the maximum chunk length.");
    const notJson = await preview(token, { text: LONG, process_rule: "mode=custom" });
    expect(notJson.body).toMatchObject({ code: "invalid_param", params: ["process_rule"] });
  });

  it("refuses unreadable, unsupported and oversized files, and an empty request", async () => {
    const corrupt = await preview(token, {}, [{ name: "scan.pdf", data: crypto.getRandomValues(new Uint8Array(2048)) }]);
    expect(corrupt.status).toBe(400);
    expect(corrupt.body).toMatchObject({ code: "invalid_param", message: "The PDF is damaged or not a PDF.", params: ["file"] });
    const blank = await preview(token, {}, [{ name: "blank.md", data: "  \n  " }]);
    expect(blank.body).toMatchObject({ code: "invalid_param", message: "The document contains no text." });
    const exe = await preview(token, {}, [{ name: "setup.exe", data: new Uint8Array([77, 90]) }]);
    expect(exe.body).toMatchObject({ code: "unsupported_file_type", status: 415 });
    const huge = await preview(token, {}, [{ name: "huge.txt", data: new Uint8Array(16 * MB).fill(97) }]);
    expect(huge.body).toMatchObject({ code: "file_too_large", status: 413 });
    const nothing = await preview(token, { text: "   " });
    expect(nothing.body).toMatchObject({ code: "no_file_uploaded", status: 400 });
  });
});

describe("other bad input", () => {
  it("refuses a long retrieval query, a bad knowledge base name and a bad action", async () => {
    const owner = await newOwner();
    const ds = await newKnowledgeBase(owner.token);
    const long = await callJson("POST", `${API}/datasets/${ds.id}/hit-testing`, { token: owner.token, body: { query: "q".repeat(251) } });
    expect(long.body).toMatchObject({ code: "invalid_param", params: ["query"] });
    expect(long.body.message).toContain("Query cannot exceed 250 characters.");
    const named = await callJson("POST", `${API}/datasets`, { token: owner.token, body: { name: "n".repeat(41) } });
    expect(named.body).toMatchObject({ code: "invalid_param", params: ["name"] });
    const action = await callJson("POST", `${API}/datasets/${ds.id}/api-keys/toggle`, { token: owner.token });
    expect(action.body).toMatchObject({ code: "invalid_action", status: 400 });
    const off = await callJson("POST", `${API}/datasets/${ds.id}/api-keys/disable`, { token: owner.token });
    expect(off.body).toEqual({ result: "success" });
    expect((await callJson("GET", `${API}/datasets/${ds.id}`, { token: owner.token })).body.enable_api).toBe(false);
    const status = await callJson("PATCH", `${API}/datasets/${ds.id}/documents/status/delete/batch?document_id=x`, { token: owner.token });
    expect(status.body).toMatchObject({ code: "invalid_action", status: 400 });
    const unknown = await callJson("POST", `${API}/datasets/${ds.id}/retry`, { token: owner.token, body: { document_ids: ["nope"] } });
    expect(unknown.status).toBe(404);
  });

  it("answers 409 dataset_name_duplicate for a name already used in the workspace", async () => {
    const owner = await newOwner();
    const ds = await newKnowledgeBase(owner.token);
    const dup = await callJson("POST", `${API}/datasets`, { token: owner.token, body: { name: ds.name } });
    expect(dup.body).toMatchObject({ code: "dataset_name_duplicate", status: 409 });
    const other = await newKnowledgeBase(owner.token);
    const renamed = await callJson("PATCH", `${API}/datasets/${other.id}`, { token: owner.token, body: { name: ds.name } });
    expect(renamed.body).toMatchObject({ code: "dataset_name_duplicate", status: 409 });
  });
});
