// The IO-backed workflow nodes (knowledge-retrieval, http-request, document-extractor, tool) run
// directly with a real tenant context: real D1/R2/queue, the fake OpenAI server as the one
// outside HTTP service, and the SSRF guard as configured for tests (only 127.0.0.1 allowed).
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/apps/apps";
import { uploadFile } from "../../src/apps/upload-files";
import { errorTypeOf, type KilnError } from "../../src/lib/errors";
import { documentExtractorNode } from "../../src/workflow/nodes/document-extractor";
import { httpRequestNode, parseKeyValueLines } from "../../src/workflow/nodes/http-request";
import { knowledgeRetrievalNode } from "../../src/workflow/nodes/knowledge-retrieval";
import { toolNode, toolOutputs } from "../../src/workflow/nodes/tool";
import type { NodeResult, NodeTrace, WorkflowNode } from "../../src/workflow/nodes/types";
import { VariablePool } from "../../src/workflow/variables";
import planetsXlsx from "../fixtures/knowledge/planets.xlsx?inline";
import twoPagesPdf from "../fixtures/knowledge/two-pages.pdf?inline";
import { fakeOpenAIUrl, fakeRequests, newFakeKey, newOwner, type Owner, scriptFake } from "../support/apps";
import { addText, newDataset, waitForIndexing } from "../support/knowledge";
import { buildDocx, paragraph } from "../support/zip";

const fakeOrigin = new URL(fakeOpenAIUrl).origin;

interface Harness {
  owner: Owner;
  appId: string;
  pool: VariablePool;
  /** What the last node run traced (its inputs and process data, as far as it got). */
  traced: NodeTrace;
  run(node: WorkflowNode, data: Record<string, unknown>): Promise<NodeResult>;
}

async function harness(owner?: Owner): Promise<Harness> {
  const o = owner ?? (await newOwner());
  const app = await createApp(o.wctx, { name: "Workflow IO node test", mode: "chat" });
  const pool = new VariablePool();
  const h: Harness = {
    owner: o,
    appId: app.id,
    pool,
    traced: {},
    run(node, data) {
      h.traced = {};
      return node.run(
        {
          tctx: o.wctx,
          node: { id: "node_1", data: { type: node.type, title: node.type, ...data } },
          pool,
          signal: new AbortController().signal,
          emit: () => {},
          trace: (part) => Object.assign(h.traced, part),
          run: { appId: app.id, workflowId: "wf_1", runId: "run_1", userId: "user_1", conversationId: null },
        },
        node.schema.parse(data),
      );
    },
  };
  return h;
}

async function failure(promise: Promise<unknown>): Promise<KilnError> {
  try {
    await promise;
  } catch (err) {
    return err as KilnError;
  }
  throw new Error("expected the node to fail");
}

const issuePaths = (node: WorkflowNode, data: unknown) => node.schema.safeParse(data).error?.issues.map((i) => i.path.join(".")) ?? [];

describe("knowledge-retrieval node", () => {
  it("retrieves segments of the workspace's datasets in Dify's result shape", async () => {
    const h = await harness();
    const dataset = await newDataset(h.owner.wctx);
    const doc = await addText(h.owner.wctx, dataset, "volcanoes", "Volcanoes erupt molten lava from the mantle.\n\nGlaciers are slow rivers of ice.");
    expect((await waitForIndexing(h.owner.wctx, doc.id))?.indexingStatus).toBe("completed");
    h.pool.set("start", "q", "volcano lava eruption");
    const result = await h.run(knowledgeRetrievalNode, {
      query_variable_selector: ["start", "q"],
      dataset_ids: [dataset.id],
      retrieval_mode: "multiple",
      multiple_retrieval_config: { top_k: 1, score_threshold: null },
    });
    const items = result.outputs.result as { content: string; title: string; metadata: Record<string, unknown> }[];
    expect(items).toHaveLength(1);
    expect(items[0].content).toContain("Volcanoes erupt");
    expect(items[0].title).toBe("volcanoes");
    expect(items[0].metadata).toMatchObject({
      _source: "knowledge",
      position: 1,
      dataset_id: dataset.id,
      dataset_name: dataset.name,
      document_id: doc.id,
      document_name: "volcanoes",
      retriever_from: "workflow",
    });
    expect(items[0].metadata.score).toBeGreaterThan(0);

    const strict = await h.run(knowledgeRetrievalNode, {
      query_variable_selector: ["start", "q"],
      dataset_ids: [dataset.id],
      multiple_retrieval_config: { top_k: 4, score_threshold: 0.99 },
    });
    expect(strict.outputs.result).toEqual([]);
  });

  it("never reads another workspace's dataset", async () => {
    const other = await harness();
    const foreign = await newDataset(other.owner.wctx);
    const doc = await addText(other.owner.wctx, foreign, "secret", "The launch code is swordfish.");
    await waitForIndexing(other.owner.wctx, doc.id);
    const h = await harness();
    h.pool.set("start", "q", "launch code swordfish");
    const result = await h.run(knowledgeRetrievalNode, { query_variable_selector: ["start", "q"], dataset_ids: [foreign.id] });
    expect(result.outputs.result).toEqual([]);
    expect(JSON.stringify(result.processData?.notes)).toContain(foreign.id);
  });

  it("requires a query selector", () => {
    expect(issuePaths(knowledgeRetrievalNode, { dataset_ids: [] })).toContain("query_variable_selector");
  });
});

describe("http-request node", () => {
  it("parses Dify's key:value lines", () => {
    expect(parseKeyValueLines("a: 1\n\nb:x:y\nflag\n:nokey")).toEqual([
      ["a", "1"],
      ["b", "x:y"],
      ["flag", ""],
    ]);
  });

  it("sends the rendered request with auth, params and a JSON body, and returns status, body and headers", async () => {
    const h = await harness();
    const key = newFakeKey();
    h.pool.set("start", "model", "gpt-4o-mini");
    h.pool.set("start", "word", "hello");
    const result = await h.run(httpRequestNode, {
      method: "post",
      url: `${fakeOrigin}/v1/chat/completions`,
      params: "trace:{{#start.word#}}",
      headers: "X-Kiln-Test: {{#start.word#}}",
      authorization: { type: "api-key", config: { type: "bearer", api_key: key } },
      body: { type: "json", data: [{ key: "", type: "text", value: '{"model": "{{#start.model#}}", "messages": [{"role": "user", "content": "{{#start.word#}}"}]}' }] },
      timeout: { connect: 5, read: 10 },
    });
    expect(result.outputs.status_code).toBe(200);
    expect(JSON.parse(result.outputs.body as string).choices[0].message.content).toBe("Echo: hello");
    expect((result.outputs.headers as Record<string, string>)["content-type"]).toContain("application/json");
    expect(result.outputs.files).toEqual([]);
    expect(String(result.processData?.request)).not.toContain(key);
    const seen = await fakeRequests(key);
    expect(seen.at(-1)?.body.messages).toEqual([{ role: "user", content: "hello" }]);
  });

  it("answers a non-2xx status as a success, unless the node has retry or an error strategy: then it fails, as Dify's node", async () => {
    const h = await harness();
    // The fake provider answers 401 to a call without its key.
    const url = `${fakeOrigin}/no/such/page`;
    const plain = await h.run(httpRequestNode, { method: "get", url });
    expect(plain.outputs.status_code).toBe(401);
    for (const settings of [{ retry_config: { retry_enabled: true, max_retries: 2, retry_interval: 10 } }, { error_strategy: "fail-branch" }, { error_strategy: "default-value" }]) {
      const err = await failure(h.run(httpRequestNode, { method: "get", url, ...settings }));
      expect(err.message).toBe("Request failed with status code 401");
      expect(errorTypeOf(err)).toBe("HTTPResponseCodeError");
      // The failed node still shows the request it sent.
      expect(String(h.traced.processData?.request)).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/no\/such\/page/);
    }
    // Retry switched off and no strategy: still a success.
    const off = await h.run(httpRequestNode, { method: "get", url, retry_config: { retry_enabled: false, max_retries: 3 }, error_strategy: null });
    expect(off.outputs.status_code).toBe(401);
  });

  it("keeps a file answer as a file of the run's user (Dify's tool file) that the document extractor reads, as Dify's is_file decides", async () => {
    const h = await harness();
    const b64 = (bytes: Uint8Array | string) => encodeURIComponent(btoa(typeof bytes === "string" ? bytes : String.fromCharCode(...bytes)));
    const get = (path: string) => h.run(httpRequestNode, { method: "get", url: `${fakeOrigin}/download/${path}` });
    const pdfBytes = Uint8Array.from(atob(twoPagesPdf.split(",")[1]), (c) => c.charCodeAt(0));

    const pdf = await get(`report.pdf?type=application/pdf&b64=${b64(pdfBytes)}`);
    expect(pdf.outputs.body).toBe("");
    const [file] = pdf.outputs.files as Record<string, unknown>[];
    expect(file).toMatchObject({ type: "document", transfer_method: "tool_file", filename: "report.pdf", extension: ".pdf", mime_type: "application/pdf", size: pdfBytes.length });
    expect(file.related_id).toEqual(expect.any(String));
    h.pool.set("http", "files", pdf.outputs.files);
    const text = await h.run(documentExtractorNode, { variable_selector: ["http", "files"] });
    expect((text.outputs.text as string[])[0]).toMatch(/\S/);

    // A Content-Disposition names the file (CSV is a file only then); a path without an extension gets the type's.
    const csv = await get(`export?type=text/csv&disposition=${encodeURIComponent('attachment; filename="sales.csv"')}&b64=${b64("a,b\n1,2\n")}`);
    expect((csv.outputs.files as { filename: string }[])[0].filename).toBe("sales.csv");
    const png = await get(`picture?type=image/png&b64=${b64(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]))}`);
    expect((png.outputs.files as { filename: string; type: string }[])[0]).toMatchObject({ filename: "picture.png", type: "image" });

    // Text stays text: a text type, a text-like application type, and bytes labelled as bytes that read as JSON.
    for (const [type, body] of [["text/plain", "hello"], ["application/json", '{"a": 1}'], ["application/octet-stream", '{"a": 1}'], ["text/csv", "a,b"]]) {
      const answer = await get(`x?type=${encodeURIComponent(type)}&b64=${b64(body)}`);
      expect(answer.outputs).toMatchObject({ body, files: [] });
    }
  });

  it("sends a JSON body whose variable holds raw newlines and tabs (a model's multi-line answer), as Dify's json.loads(strict=False) does", async () => {
    const h = await harness();
    h.pool.set("llm", "text", "Line one\nLine two\twith a tab");
    const result = await h.run(httpRequestNode, {
      method: "post",
      url: `${fakeOrigin}/echo/json`,
      body: { type: "json", data: [{ key: "", type: "text", value: '{\n  "prompt": "{{#llm.text#}}",\n  "n": 1\n}' }] },
    });
    expect(result.outputs.status_code).toBe(200);
    const echoed = JSON.parse(result.outputs.body as string);
    expect(JSON.parse(echoed.body)).toEqual({ prompt: "Line one\nLine two\twith a tab", n: 1 });
    // A slip in an object (a missing comma, a trailing one) is repaired, as Dify's repair_json does.
    const slip = await h.run(httpRequestNode, {
      method: "post",
      url: `${fakeOrigin}/echo/json`,
      body: { type: "json", data: [{ key: "", type: "text", value: '{\n  "prompt": "{{#llm.text#}}"\n  "n": 1,\n}' }] },
    });
    expect(JSON.parse(JSON.parse(slip.outputs.body as string).body)).toEqual({ prompt: "Line one\nLine two\twith a tab", n: 1 });
    // Text that is no JSON object or list at all is still the node's error.
    const bad = await failure(
      h.run(httpRequestNode, { method: "post", url: `${fakeOrigin}/echo/json`, body: { type: "json", data: [{ key: "", type: "text", value: "a: 1, b: 2" }] } }),
    );
    expect(bad.message).toMatch(/not valid JSON/);
  });

  it("treats a non-2xx answer as a result, not a failure", async () => {
    const h = await harness();
    const result = await h.run(httpRequestNode, {
      method: "get",
      url: `${fakeOrigin}/v1/nowhere`,
      // As Dify's editor exports timeouts left at their defaults.
      timeout: { connect: 0, max_connect_timeout: 0, max_read_timeout: 0, max_write_timeout: 0, read: "" },
      authorization: { type: "api-key", config: { type: "custom", header: "Authorization", api_key: `Bearer ${newFakeKey()}` } },
    });
    expect(result.outputs.status_code).toBe(404);
    expect(result.outputs.body).toContain("does not exist");
  });

  it("refuses private and loopback hosts the SSRF guard does not allow", async () => {
    const h = await harness();
    for (const url of ["http://10.0.0.1/", `http://localhost:${new URL(fakeOrigin).port}/v1/models`, "http://169.254.169.254/latest/meta-data"]) {
      const err = await failure(h.run(httpRequestNode, { method: "get", url }));
      expect(err.code).toBe("invalid_param");
      expect(err.message).toMatch(/private, loopback and link-local addresses are not allowed/);
      // Named as Dify names a request that did not go through.
      expect(errorTypeOf(err)).toBe("HttpRequestNodeError");
    }
    const scheme = await failure(h.run(httpRequestNode, { method: "get", url: "file:///etc/passwd" }));
    expect(scheme.message).toMatch(/only http and https/);
    const notUrl = await failure(h.run(httpRequestNode, { method: "get", url: "not a url" }));
    expect(errorTypeOf(notUrl)).toBe("InvalidURLError");
    const badJson = await failure(h.run(httpRequestNode, { method: "post", url: "https://example.com/", body: { type: "json", data: [{ type: "text", value: "not json" }] } }));
    expect(errorTypeOf(badJson)).toBe("RequestBodyError");
    const noKey = await failure(h.run(httpRequestNode, { method: "get", url: "https://example.com/", authorization: { type: "api-key", config: { type: "bearer", api_key: "" } } }));
    expect(errorTypeOf(noKey)).toBe("AuthorizationConfigError");
    const noFile = await failure(h.run(httpRequestNode, { method: "post", url: "https://example.com/", body: { type: "binary", data: [{ type: "file", file: ["start", "nothing"] }] } }));
    expect(errorTypeOf(noFile)).toBe("FileFetchError");
  });

  it("fails with a clear error when the server is slower than the timeout", async () => {
    const h = await harness();
    const key = newFakeKey();
    await scriptFake(key, { ttft_ms: 3_000 });
    const started = Date.now();
    const err = await failure(
      h.run(httpRequestNode, {
        method: "post",
        url: `${fakeOrigin}/v1/chat/completions`,
        headers: `Authorization: Bearer ${key}`,
        body: { type: "raw-text", data: '{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "slow"}]}' },
        timeout: { connect: 0.2, read: 0.3 },
      }),
    );
    expect(err.message).toMatch(/timed out after 0.5 s/);
    expect(errorTypeOf(err)).toBe("HttpRequestNodeError");
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it("fails when the response body is over the size limit", async () => {
    const h = await harness();
    const key = newFakeKey();
    const big = "x".repeat(1_100_000);
    const err = await failure(
      h.run(httpRequestNode, {
        method: "post",
        url: `${fakeOrigin}/v1/chat/completions`,
        authorization: { type: "api-key", config: { type: "bearer", api_key: key } },
        body: { type: "json", data: [{ type: "text", value: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: big }] }) }] },
      }),
    );
    expect(err.code).toBe("payload_too_large");
    expect(err.message).toMatch(/larger than the HTTP node's limit of 1 MB/);
    expect(errorTypeOf(err)).toBe("ResponseSizeError");
  });

  it("rejects an unknown method and a JSON body that is not JSON", async () => {
    expect(issuePaths(httpRequestNode, { method: "fetch", url: "https://example.com" })).toContain("method");
    expect(issuePaths(httpRequestNode, { method: "get" })).toContain("url");
    const h = await harness();
    h.pool.set("start", "v", "plain words, not JSON");
    const err = await failure(h.run(httpRequestNode, { method: "post", url: `${fakeOrigin}/v1/models`, body: { type: "json", data: [{ type: "text", value: "{{#start.v#}}" }] } }));
    expect(err.message).toMatch(/not valid JSON/);
  });
});

const inlineBytes = (dataUrl: string) => Uint8Array.from(atob(dataUrl.split(",")[1]), (c) => c.charCodeAt(0));

describe("document-extractor node", () => {
  async function upload(h: Harness, name: string, bytes: Uint8Array | string, mimeType?: string) {
    const file = new File([bytes], name, mimeType ? { type: mimeType } : undefined);
    const view = await uploadFile(h.owner.wctx, h.appId, { id: crypto.randomUUID(), sessionId: "s", type: "service_api", isAnonymous: false }, file);
    return { type: "document", transfer_method: "local_file", upload_file_id: view.id, related_id: view.id, filename: name, extension: view.extension ? `.${view.extension}` : "" };
  }

  it("reads each type as Dify's extractor does: source as written, tables as Markdown, JSON and YAML re-dumped", async () => {
    const h = await harness();
    const extract = async (name: string, bytes: Uint8Array | string, mimeType?: string) => {
      h.pool.set("start", "file", await upload(h, name, bytes, mimeType));
      return (await h.run(documentExtractorNode, { variable_selector: ["start", "file"] })).outputs.text;
    };
    // Source code, markup and config files come back whole (the knowledge reader would strip the HTML).
    expect(await extract("tool.py", "def main():\n    return {'a': 1}\n")).toBe("def main():\n    return {'a': 1}\n");
    expect(await extract("page.html", "<p>Hello <b>there</b></p>")).toBe("<p>Hello <b>there</b></p>");
    expect(await extract("query.sql", "SELECT 1;")).toBe("SELECT 1;");
    // An empty file is empty text, not a failure.
    expect(await extract("empty.txt", "")).toBe("");
    expect(await extract("data.json", '{"name":"Kiln","tags":["edge","llm"]}')).toBe('{\n  "name": "Kiln",\n  "tags": [\n    "edge",\n    "llm"\n  ]\n}');
    expect(await extract("config.yaml", "name: Kiln\ntags: [edge, llm]\nenabled: yes\n")).toBe("name: Kiln\ntags:\n- edge\n- llm\nenabled: true\n");
    expect(await extract("app.properties", "# settings\nhost = example.com\nport:8080\nflag\n")).toBe("# settings\nhost: example.com\nport: 8080\nflag: ");
    expect(await extract("plans.csv", 'Plan,Price\nPro,"$10\nper month"\n\nTeam,$30\n')).toBe("| Plan | Price |\n| ---- | ----- |\n| Pro | $10 per month |\n| Team | $30 |\n");
    const workbook = (await extract("planets.xlsx", inlineBytes(planetsXlsx))) as string;
    expect(workbook).toMatch(/^\| Planet \| Kind \| Moons \| .+ \|\n\| -{6} \| -{4} \| -{5} \|/);
    expect(workbook).toContain("| Mercury | terrestrial | 0 |");
    expect(workbook.endsWith("|\n\n")).toBe(true);
    // A Word table stays a table row by row.
    const docx = await buildDocx([paragraph("Plans"), "<w:tbl><w:tr><w:tc>", paragraph("Pro"), paragraph("monthly"), "</w:tc><w:tc>", paragraph("$10"), "</w:tc></w:tr></w:tbl>"].join(""));
    expect(await extract("plans.docx", docx)).toBe("Plans\n\nPro monthly | $10");
    // No extension: the MIME type decides; neither says a readable type: refused.
    expect(await extract("export", '{"a":1}', "application/json")).toBe('{\n  "a": 1\n}');
    const unknown = await failure(extract("blob", "zzz", "application/octet-stream"));
    expect(unknown.code).toBe("unsupported_file_type");
    const broken = await failure(extract("bad.json", "{nope"));
    expect(broken.message).toMatch(/bad\.json: The JSON file is not valid JSON/);
  });

  it("skips empty entries of a file list, and answers no text for no file, as Dify does", async () => {
    const h = await harness();
    h.pool.set("start", "files", [null, await upload(h, "a.txt", "alpha")]);
    const result = await h.run(documentExtractorNode, { variable_selector: ["start", "files"] });
    expect(result.outputs.text).toEqual(["alpha"]);
    // An optional file input left empty is null; an empty list is no file either.
    h.pool.set("start", "none", null);
    h.pool.set("start", "nothing", [null]);
    expect((await h.run(documentExtractorNode, { variable_selector: ["start", "none"] })).outputs.text).toEqual([]);
    expect((await h.run(documentExtractorNode, { variable_selector: ["start", "nothing"] })).outputs.text).toEqual([]);
    const unset = await failure(h.run(documentExtractorNode, { variable_selector: ["start", "never"] }));
    expect(unset.message).toMatch(/start\.never is not set/);
  });

  it("extracts the text of one uploaded file, and of a list", async () => {
    const h = await harness();
    const md = await upload(h, "notes.md", "# Notes\n\nKiln extracts text.");
    const pdfBytes = Uint8Array.from(atob(twoPagesPdf.split(",")[1]), (c) => c.charCodeAt(0));
    const pdf = await upload(h, "two-pages.pdf", pdfBytes);
    h.pool.set("start", "file", md);
    h.pool.set("start", "files", [md, pdf]);
    const one = await h.run(documentExtractorNode, { variable_selector: ["start", "file"] });
    expect(one.outputs.text).toContain("Kiln extracts text.");
    const many = await h.run(documentExtractorNode, { variable_selector: ["start", "files"] });
    const texts = many.outputs.text as string[];
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain("Kiln extracts text.");
    expect(texts[1].length).toBeGreaterThan(10);
  });

  it("does not read another workspace's upload, or a file type it cannot parse", async () => {
    const other = await harness();
    const foreign = await upload(other, "secret.txt", "top secret");
    const h = await harness();
    h.pool.set("start", "file", foreign);
    const err = await failure(h.run(documentExtractorNode, { variable_selector: ["start", "file"] }));
    expect(err.code).toBe("not_found");
    h.pool.set("start", "image", await upload(h, "pixel.png", new Uint8Array([137, 80, 78, 71])));
    const image = await failure(h.run(documentExtractorNode, { variable_selector: ["start", "image"] }));
    expect(image.code).toBe("unsupported_file_type");
    h.pool.set("start", "text", "not a file");
    expect((await failure(h.run(documentExtractorNode, { variable_selector: ["start", "text"] }))).message).toMatch(/not a file/);
  });

  it("refuses remote files on private hosts", async () => {
    const h = await harness();
    h.pool.set("start", "file", { type: "document", transfer_method: "remote_url", remote_url: "http://192.168.1.10/report.pdf" });
    const err = await failure(h.run(documentExtractorNode, { variable_selector: ["start", "file"] }));
    expect(err.message).toMatch(/private, loopback/);
  });
});

describe("tool node", () => {
  it("calls a built-in tool with mixed and constant parameters (Dify's fields)", async () => {
    const h = await harness();
    h.pool.set("start", "a", "6");
    h.pool.set("start", "b", 7);
    const result = await h.run(toolNode, {
      provider_id: "maths",
      provider_type: "builtin",
      provider_name: "maths",
      tool_name: "eval_expression",
      tool_parameters: { expression: { type: "mixed", value: "{{#start.a#}} * {{#start.b#}}" } },
    });
    expect(result.outputs).toMatchObject({ text: "42", files: [] });
    // A tool that sends no JSON outputs Dify's [{"data": []}]; its variables override the built-in outputs.
    expect(toolOutputs({ text: "t", variables: { text: "mine", extra: 1 } })).toEqual({ text: "mine", files: [], json: [{ data: [] }], extra: 1 });
    expect(toolOutputs({ text: "t", json: [] }).json).toEqual([{ data: [] }]);
    expect(result.inputs).toEqual({ expression: "6 * 7" });
    expect(result.metadata).toEqual({ tool_info: { provider_type: "builtin", provider_id: "maths", tool_name: "eval_expression" } });
    // A Dify 1.x plugin id and a form setting (configuration) given as a constant.
    h.pool.set("start", "when", "2026-11-26");
    const time = await h.run(toolNode, {
      provider_id: "langgenius/time/time",
      provider_type: "builtin",
      tool_name: "current_time",
      tool_parameters: { timezone: { type: "constant", value: "Asia/Tokyo" } },
      tool_configurations: { format: "%Y" },
    });
    expect(time.outputs.text).toMatch(/^\d{4}$/);
  });

  it("runs Dify's generic `builtin` reference by tool name, with the tool's own output variables", async () => {
    const h = await harness();
    h.pool.set("http_node", "body", '{"user": {"name": "Ada"}, "ok": true}');
    const result = await h.run(toolNode, {
      provider_id: "builtin",
      provider_type: "builtin",
      provider_name: "Builtin Tools",
      tool_name: "json_parse",
      tool_configurations: {},
      tool_parameters: { json_string: "{{#http_node.body#}}" },
    });
    expect(result.outputs.result).toEqual({ user: { name: "Ada" }, ok: true });
    expect(result.outputs.json).toEqual([{ user: { name: "Ada" }, ok: true }]);
  });

  it("fails the node when the tool reports an error, so the error strategy applies", async () => {
    const h = await harness();
    const err = await failure(
      h.run(toolNode, { provider_id: "maths", provider_type: "builtin", tool_name: "eval_expression", tool_parameters: { expression: { type: "constant", value: "1 +" } } }),
    );
    expect(err.code).toBe("tool_error");
    expect(err.message).toMatch(/^Tool maths\/eval_expression failed/);
    expect(errorTypeOf(err)).toBe("ToolRuntimeInvocationError");
    // The failed node shows the parameters it called the tool with.
    expect(h.traced.inputs).toEqual({ expression: "1 +" });
  });

  it("fails visibly when the tool does not exist, naming the provider and tool", async () => {
    const h = await harness();
    const err = await failure(
      h.run(toolNode, { provider_id: "builtin", provider_type: "builtin", tool_name: "json_mangle", tool_parameters: { json_string: "{{#http.body#}}" } }),
    );
    expect(err.code).toBe("not_found");
    expect(err.message).toBe("Tool builtin/json_mangle not found.");
    expect(errorTypeOf(err)).toBe("ToolRuntimeResolutionError");
    expect(issuePaths(toolNode, { provider_id: "x" })).toContain("tool_name");
    const data = toolNode.schema.parse({
      tool_name: "t",
      tool_parameters: { a: { type: "variable", value: ["start", "x"] }, b: { type: "mixed", value: "see {{#llm.text#}}" } },
    });
    expect(toolNode.selectors?.(data)).toEqual([
      ["start", "x"],
      ["llm", "text"],
    ]);
  });
});
