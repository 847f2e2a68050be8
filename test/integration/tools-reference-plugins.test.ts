// Dify's wikipedia, arxiv and duckduckgo plugins and the rookie_rss plugin as built-ins (no key),
// against the fake server's MediaWiki, arXiv, DuckDuckGo and DailyHotApi: the plugins' text for the first three results, their order, what is left out
// (disambiguation pages), their answers for no result and for a failing service, and a Dify
// workflow that names the tools by plugin id.
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { arxivPapers } from "../../src/tools/builtin/arxiv/search";
import { saveBuiltinCredentials } from "../../src/tools/builtin/credentials";
import { fetchText } from "../../src/tools/builtin/fetch-text";
import { findBuiltinProvider } from "../../src/tools/builtin/source";
import { tryTool } from "../../src/tools/try-tool";
import { FROM_Q, newOwner, type Owner, publishedWorkflowApp, toolWorkflowYaml, v1 } from "../support/apps";

const fakeOrigin = new URL(inject("fakeOpenAIUrl")).origin;
const vars = env as { WIKIPEDIA_API_URL?: string; ARXIV_API_URL?: string; DUCKDUCKGO_HTML_URL?: string };
beforeAll(() => {
  vars.WIKIPEDIA_API_URL = `${fakeOrigin}/wikipedia/{lang}/w/api.php`;
  vars.ARXIV_API_URL = `${fakeOrigin}/arxiv/api/query`;
  vars.DUCKDUCKGO_HTML_URL = `${fakeOrigin}/duckduckgo/html/`;
});
afterAll(() => {
  delete vars.WIKIPEDIA_API_URL;
  delete vars.ARXIV_API_URL;
  delete vars.DUCKDUCKGO_HTML_URL;
});

const call = (owner: Owner, provider: string, tool: string, parameters: Record<string, unknown>) =>
  tryTool(owner.wctx, { provider_type: "builtin", provider_id: provider, tool_name: tool }, parameters);

describe("wikipedia (Dify's langgenius/wikipedia plugin)", () => {
  it("answers the leads of the articles found, in search order, without disambiguation pages", async () => {
    const owner = await newOwner();
    const found = await call(owner, "langgenius/wikipedia/wikipedia", "wikipedia_search", { query: "Kiln", language: "de" });
    expect(found.result.text).toBe(
      "Page: Kiln\nSummary: Kiln is an article of the de Wikipedia.\nIts lead has two lines.\n\nPage: Kiln history\nSummary: Kiln history is an article of the de Wikipedia.\nIts lead has two lines.",
    );
    // A language Wikipedia does not have (not a language code) searches the English one, as the plugin does.
    const english = await call(owner, "wikipedia", "wikipedia_search", { query: "Kiln", language: "en.evil.example/" });
    expect(english.result.text).toContain("article of the en Wikipedia");
    expect((await call(owner, "wikipedia", "wikipedia_search", { query: "nothing", language: "en" })).result.text).toBe("No good Wikipedia Search Result was found");
    expect((await call(owner, "wikipedia", "wikipedia_search", { query: " ", language: "en" })).result.text).toBe("Please input query");
    await expect(call(owner, "wikipedia", "wikipedia_search", { query: "fail" })).rejects.toMatchObject({ message: expect.stringContaining("Wikipedia answered HTTP 503") });
  });
});

describe("arxiv (Dify's langgenius/arxiv plugin)", () => {
  it("reads arXiv's Atom feed: title on one line, every author, the abstract as written", () => {
    const [paper] = arxivPapers(
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>ArXiv Query</title><updated>2024-06-01</updated><entry><updated>2024-02-12T10:00:00Z</updated><title>A &amp; B</title><summary>Text</summary><author><name>Ada</name></author><author><name>Alan</name></author></entry></feed>',
    );
    expect(paper).toEqual({ updated: "2024-02-12T10:00:00Z", title: "A & B", authors: ["Ada", "Alan"], summary: "Text" });
  });

  it("runs in a Dify workflow, and answers no result and arXiv's failure as text", async () => {
    const owner = await newOwner();
    const yaml = toolWorkflowYaml(
      { title: "Arxiv Search", provider_id: "langgenius/arxiv/arxiv", provider_name: "langgenius/arxiv/arxiv", tool_name: "arxiv_search", tool_parameters: { query: FROM_Q } },
      { found: "text" },
      { name: "Papers" },
    );
    const { key } = await publishedWorkflowApp(owner.token, yaml);
    const run = await v1(key, "POST", "/workflows/run", { body: { inputs: { q: "kilns" }, response_mode: "blocking", user: "reader" } });
    expect(run.body.data.status, JSON.stringify(run.body.data.error)).toBe("succeeded");
    expect(run.body.data.outputs.found).toBe(
      [1, 2]
        .map((n) => `Published: 2024-0${n}-1${n}\nTitle: Paper ${n} on kilns & more\nAuthors: Ada Lovelace, Alan Turing\nSummary: Abstract ${n} of kilns.\nSecond line.`)
        .join("\n\n"),
    );
    expect((await call(owner, "arxiv", "arxiv_search", { query: "nothing" })).result.text).toBe("No good Arxiv Result was found");
    expect((await call(owner, "arxiv", "arxiv_search", { query: "down" })).result.text).toMatch(/^Arxiv exception: Page request resulted in HTTP 503/);
  });
});

describe("duckduckgo (Dify's langgenius/duckduckgo plugin)", () => {
  it("answers the organic results as the plugin's JSON, redirect links unwrapped, ads and repeats left out", async () => {
    const owner = await newOwner();
    const found = await call(owner, "langgenius/duckduckgo/duckduckgo", "ddgo_search", { query: "kiln", max_results: 5 });
    expect(found.result).toEqual({
      text: "",
      json: [
        { title: "kiln result 1", href: "https://example.com/one?a=1&b=2", body: "About kiln & result 1." },
        { title: "kiln result 2", href: "https://example.org/two", body: "About kiln & result 2." },
      ],
    });
    const summary = await call(owner, "duckduckgo", "ddgo_search", { query: "kiln", max_results: 1, require_summary: true });
    expect(summary.result).toEqual({ text: "About kiln & result 1.", json: [{ title: "kiln result 1", href: "https://example.com/one?a=1&b=2", body: "About kiln & result 1." }] });
    await expect(call(owner, "duckduckgo", "ddgo_search", { query: "ratelimit" })).rejects.toMatchObject({ message: expect.stringContaining("rate limit") });
  });
});

describe("rookie_rss (jaguarliuu's hot-list plugin)", () => {
  it("answers a platform's hot list from the workspace's DailyHotApi server as the plugin's JSON, in a Dify workflow", async () => {
    const owner = await newOwner();
    // The server URL's own path is dropped, as the plugin's urljoin(base, "/<platform>") drops it.
    await saveBuiltinCredentials(owner.wctx, findBuiltinProvider("rookie_rss")!, { daily_hot_url: `${fakeOrigin}/ignored/` });
    // The platform and count as form settings (tool_configurations), as the corpus's exports give them.
    const yaml = toolWorkflowYaml(
      {
        title: "掘金",
        provider_id: "jaguarliuu/rookie_rss/rookie_rss",
        provider_name: "jaguarliuu/rookie_rss/rookie_rss",
        tool_name: "rookie_rss",
        tool_configurations: { platform: "juejin", result_num: 2 },
      },
      { hot: "json" },
      { version: "0.1.5", name: "Hot lists", withInput: false },
    );
    const { key } = await publishedWorkflowApp(owner.token, yaml);
    const run = await v1(key, "POST", "/workflows/run", { body: { inputs: {}, response_mode: "blocking", user: "reader" } });
    expect(run.body.data.status, JSON.stringify(run.body.data.error)).toBe("succeeded");
    const metadata = { platform: "juejin", list_type: "热榜", update_time: "2026-11-29T08:00:00.000Z" };
    expect(run.body.data.outputs.hot).toEqual([
      {
        status: "success",
        code: 200,
        articles: [
          { rank: 1, id: "juejin-1", title: "Hot 1 on juejin", author: "Ada", hot_score: 1000, links: { pc: "https://juejin.example/p/1", mobile: "https://m.juejin.example/p/1" }, metadata },
          { rank: 2, id: "juejin-2", title: "Hot 2 on juejin", author: null, hot_score: 999, links: { pc: "https://juejin.example/p/2", mobile: "https://m.juejin.example/p/2" }, metadata },
        ],
        pagination: { total: 50, returned: 2 },
      },
    ]);
    // A failing server answers nothing, as the plugin does (it only logs the error).
    const failed = await call(owner, "rookie_rss", "rookie_rss", { platform: "bilibili", result_num: 3 });
    expect(failed.result).toEqual({ text: "" });
    await expect(call(owner, "rookie_rss", "rookie_rss", { platform: "myspace", result_num: 3 })).rejects.toMatchObject({ message: expect.stringContaining("platform must be one of") });
  });
});

describe("fetchText (how built-ins read their services' answers)", () => {
  it("reads at most the given bytes and says when it cut the answer, so a tool refuses it rather than read part of it", async () => {
    const owner = await newOwner();
    const signal = new AbortController().signal;
    const cut = await fetchText(owner.wctx, `${fakeOrigin}/echo?__pad=5000`, { signal }, 1000);
    expect(cut).toMatchObject({ truncated: true });
    expect(cut.text).toHaveLength(1000);
    const whole = await fetchText(owner.wctx, `${fakeOrigin}/echo?__pad=10`, { signal }, 100_000);
    expect(whole.truncated).toBe(false);
    expect(JSON.parse(whole.text).pad).toBe("x".repeat(10));
    // Through the SSRF guard: a private address other than the allowed test host is refused.
    await expect(fetchText(owner.wctx, "http://10.0.0.1/", { signal }, 1000)).rejects.toThrow(/private|not allowed/);
  });
});
