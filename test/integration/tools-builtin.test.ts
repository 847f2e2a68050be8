// Built-in tools inside workerd, called the way agents and tool nodes call them (resolve + callTool):
// mathjs runs without eval, the web scraper reads a page through the SSRF guard, and knowledge
// search stays inside the caller's workspace.
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { createCtx, forTenant, type TenantCtx } from "../../src/context";
import { builtinSource } from "../../src/tools/builtin";
import { callTool, listToolProviders } from "../../src/tools/registry";
import { newOwner } from "../support/apps";
import { addText, newDataset, waitForIndexing } from "../support/knowledge";

const fakeOrigin = new URL(inject("fakeOpenAIUrl")).origin;

async function call(ctx: TenantCtx, provider: string, tool: string, args: Record<string, unknown>, options: { signal?: AbortSignal } = {}) {
  const resolved = await builtinSource.resolve(ctx, provider, tool);
  if (!resolved) throw new Error(`no tool ${provider}/${tool}`);
  return callTool(resolved, args, options);
}

async function tenant(): Promise<TenantCtx> {
  const { wctx } = await newOwner();
  return forTenant(createCtx(env), wctx.workspace.id);
}

describe("built-in tools in workerd", () => {
  it("lists the built-in providers through the registry", async () => {
    const ctx = await tenant();
    const builtins = await listToolProviders(ctx, "builtin");
    expect(builtins.map((p) => p.id)).toEqual(["time", "webscraper", "jina", "tavily", "firecrawl", "searxng", "duckduckgo", "wikipedia", "arxiv", "rookie_rss", "maths", "json_process", "text", "echarts", "md_exporter", "audio", "code", "mcp_sse", "mcp_config", "wecom", "knowledge"]);
  });

  it("evaluates math expressions with mathjs (no eval or new Function in Workers)", async () => {
    const ctx = await tenant();
    expect((await call(ctx, "maths", "eval_expression", { expression: "sqrt(3^2 + 4^2) * 2" })).text).toBe("10");
    expect((await call(ctx, "maths", "eval_expression", { expression: "f(x) = x^2; f(12)" })).text).toBe("144");
    expect((await call(ctx, "maths", "eval_expression", { expression: "5 km / 2 h to m/s" })).text).toBe("0.69444444444444 m / s");
    await expect(call(ctx, "maths", "eval_expression", { expression: "import({x: 1})" })).rejects.toMatchObject({
      code: "tool_error",
      message: expect.stringContaining("Function import is disabled"),
    });
  });

  it("answers the time in a zone", async () => {
    const ctx = await tenant();
    const r = await call(ctx, "time", "current_time", { timezone: "Asia/Tokyo", format: "%Y-%m-%dT%H:%M%z" });
    expect(r.text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\+0900$/);
  });
});

describe("jina_reader", () => {
  it("sends the Jina plugin's request (JSON answer, its option headers, request_params in the query) and answers the reader's text", async () => {
    const ctx = await tenant();
    // The fake server's /echo stands in for r.jina.ai and answers the request it got.
    (env as { JINA_READER_URL?: string }).JINA_READER_URL = `${fakeOrigin}/echo/`;
    try {
      const r = await call(ctx, "langgenius/jina/jina", "jina_reader", {
        url: "https://example.com/post?id=7",
        request_params: '{"lang": "en", "n": 2}',
        target_selector: "article",
        content_format: "markdown",
        image_caption: true,
        gather_all_links_at_the_end: true,
        no_cache_track: true,
      });
      const seen = JSON.parse(r.text) as { path: string; query: Record<string, string>; headers: Record<string, string> };
      expect(seen.path).toBe("/echo/https://example.com/post");
      expect(seen.query).toMatchObject({ id: "7", lang: "en", n: "2" });
      expect(seen.headers).toMatchObject({
        accept: "application/json",
        "x-target-selector": "article",
        "x-return-format": "markdown",
        "x-with-generated-alt": "true",
        "x-with-links-summary": "true",
        dnt: "1",
      });
      expect(seen.headers).not.toHaveProperty("x-no-cache");
      expect(seen.headers).not.toHaveProperty("authorization");
      // A request_params that is not a JSON object, and a Reader that fails, are the tool's errors.
      await expect(call(ctx, "jina", "jina_reader", { url: "https://example.com/", request_params: "[1]" })).rejects.toMatchObject({
        code: "tool_error",
        message: expect.stringContaining("request_params must be a JSON object"),
      });
      await expect(call(ctx, "jina", "jina_reader", { url: "https://example.com/?__status=429" })).rejects.toMatchObject({
        code: "tool_error",
        message: expect.stringContaining("Jina Reader answered HTTP 429"),
      });
    } finally {
      delete (env as { JINA_READER_URL?: string }).JINA_READER_URL;
    }
  });
});

describe("webscraper", () => {
  it("reads a page as text with its title and links, without scripts", async () => {
    const ctx = await tenant();
    const r = await call(ctx, "webscraper", "webscraper", { url: `${fakeOrigin}/pages/guide` });
    expect(r.text).toContain("# Kiln test page");
    expect(r.text).toContain(`URL: ${fakeOrigin}/pages/guide`);
    expect(r.text).toContain("# Welcome to Kiln");
    expect(r.text).toContain(`Read the documentation (${fakeOrigin}/pages/docs?a=1&b=2) first.`);
    expect(r.text).not.toContain("script text");
    expect(r.json?.[0]).toMatchObject({ title: "Kiln test page", content_type: "text/html", truncated: false });
  });

  it("stops reading a page at 2 MB and says so", async () => {
    const ctx = await tenant();
    const r = await call(ctx, "webscraper", "webscraper", { url: `${fakeOrigin}/pages/big?pad=3000000` });
    const page = r.json?.[0] as { truncated: boolean; content: string };
    expect(page.truncated).toBe(true);
    expect(page.content.length).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(page.content.length).toBeGreaterThan(1024 * 1024);
    // The agent's observation is bounded too, with a note.
    expect(r.text.length).toBeLessThan(9_000);
    expect(r.text).toContain("[truncated:");
  });

  it("refuses private, link-local and loopback addresses", async () => {
    const ctx = await tenant();
    for (const url of ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://localhost:8787/", "http://[::1]/"]) {
      await expect(call(ctx, "webscraper", "webscraper", { url }), url).rejects.toMatchObject({
        code: "tool_error",
        message: expect.stringContaining("private, loopback and link-local addresses are not allowed"),
      });
    }
    await expect(call(ctx, "webscraper", "webscraper", { url: "file:///etc/passwd" })).rejects.toMatchObject({
      message: expect.stringContaining("only http and https URLs are allowed"),
    });
  });

  it("stops when the caller aborts", async () => {
    const ctx = await tenant();
    const controller = new AbortController();
    controller.abort(new Error("run cancelled"));
    await expect(call(ctx, "webscraper", "webscraper", { url: `${fakeOrigin}/pages/guide` }, { signal: controller.signal })).rejects.toThrow();
  });
});

const GUIDE = `# Kiln handbook

## Billing
Invoices are sent on the first day of each month. Refunds take five business days.

## Security
API keys are stored hashed. Provider secrets are encrypted with AES-GCM.
`;

describe("knowledge_search", () => {
  it("finds a passage in a knowledge base of the workspace, and refuses another workspace's", async () => {
    const { wctx } = await newOwner();
    const dataset = await newDataset(wctx);
    const doc = await addText(wctx, dataset, "handbook", GUIDE);
    const done = await waitForIndexing(wctx, doc.id);
    expect(done?.indexingStatus, done?.error ?? "").toBe("completed");

    const ctx = forTenant(createCtx(env), wctx.workspace.id);
    const r = await call(ctx, "knowledge", "knowledge_search", { dataset_id: dataset.id, query: "how long do refunds take", top_k: 2 });
    expect(r.text).toContain("Refunds take five business days");
    expect(r.text).toMatch(/^\[1\] handbook \(score [\d.]+\)/);
    const hits = r.json as { content: string; document_name: string; dataset_id: string; score: number }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(2);
    expect(hits[0]).toMatchObject({ document_name: "handbook", dataset_id: dataset.id });

    const stranger = await tenant();
    await expect(call(stranger, "knowledge", "knowledge_search", { dataset_id: dataset.id, query: "refunds" })).rejects.toMatchObject({
      code: "tool_error",
      message: expect.stringContaining("Dataset not found"),
    });
    await expect(call(ctx, "knowledge", "knowledge_search", { dataset_id: dataset.id, query: "refunds", top_k: 500 })).rejects.toMatchObject({
      message: expect.stringContaining("top_k must be a whole number from 1 to 20"),
    });
    await expect(call(ctx, "knowledge", "knowledge_search", { query: "refunds" })).rejects.toMatchObject({
      message: expect.stringContaining("dataset_id is required"),
    });
  });
});
