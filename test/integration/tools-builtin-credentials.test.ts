// Built-in providers that need credentials, as Dify authorizes them per workspace: Tavily (key
// required) and Jina (key optional). Tavily's API is the fake server's /tavily; real D1 in workerd.
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findBuiltinProvider } from "../../src/tools/builtin/source";
import { saveBuiltinCredentials } from "../../src/tools/builtin/credentials";
import { tryTool } from "../../src/tools/try-tool";
import { addFakeProvider, agentToolWorkflowYaml, FROM_Q, fakeRequests, newFakeKey, newOwner, type Owner, publishedWorkflowApp, toolWorkflowYaml, v1 } from "../support/apps";
import { callJson, joinByInvite, uniqueEmail } from "../support/console";

const fakeOrigin = new URL(inject("fakeOpenAIUrl")).origin;
const API = "/console/api/workspaces/current";
const tavilyProvider = findBuiltinProvider("tavily")!;
const vars = env as { TAVILY_API_URL?: string; JINA_READER_URL?: string };

const search = (owner: Owner, parameters: Record<string, unknown>) =>
  tryTool(owner.wctx, { provider_type: "builtin", provider_id: "langgenius/tavily/tavily", tool_name: "tavily_search" }, parameters);
const listed = async (owner: Owner, name: string) => {
  const r = await callJson("GET", `${API}/tool-providers?type=builtin`, { token: owner.token });
  expect(r.status).toBe(200);
  return r.body.find((p: any) => p.name === name);
};
/** Sets the key as the console does, with the check's call going to the fake Tavily. */
const authorize = (owner: Owner, key: string) => saveBuiltinCredentials(owner.wctx, tavilyProvider, { tavily_api_key: key });

beforeAll(() => {
  vars.TAVILY_API_URL = `${fakeOrigin}/tavily`;
  vars.JINA_READER_URL = `${fakeOrigin}/echo/`;
});
afterAll(() => {
  delete vars.TAVILY_API_URL;
  delete vars.JINA_READER_URL;
});

describe("a provider that needs a key", () => {
  it("lists Tavily as not authorized with its credential form, and its tools say where to add the key", async () => {
    const owner = await newOwner();
    const tavily = await listed(owner, "tavily");
    expect(tavily).toMatchObject({
      is_team_authorization: false,
      credentials_schema: [{ name: "tavily_api_key", type: "secret-input", required: true, url: "https://app.tavily.com/home" }],
    });
    expect(tavily.tools.map((t: any) => t.name)).toEqual(["tavily_search", "tavily_extract", "tavily_map"]);
    // Jina's key is optional: usable without one.
    expect(await listed(owner, "jina")).toMatchObject({ is_team_authorization: true, credentials_schema: [{ name: "api_key", required: false }] });

    await expect(search(owner, { query: "kiln" })).rejects.toMatchObject({
      code: "tool_error",
      message: expect.stringContaining("Tavily is not authorized in this workspace: add its credentials in Tools"),
    });
    const schema = await callJson("GET", `${API}/tool-provider/builtin/tavily/credentials_schema`, { token: owner.token });
    expect(schema.body).toEqual(tavily.credentials_schema);
    expect((await callJson("GET", `${API}/tool-provider/builtin/tavily/credentials`, { token: owner.token })).body).toEqual({});
  });

  it("checks the key with Tavily before saving it, stores it encrypted, and shows it masked", async () => {
    const owner = await newOwner();
    const refused = await saveBuiltinCredentials(owner.wctx, tavilyProvider, { tavily_api_key: "sk-invalid-tavily" }).catch((e) => e);
    expect(refused).toMatchObject({ code: "invalid_credentials", status: 400, message: expect.stringContaining("Tavily refused these credentials") });
    expect((await listed(owner, "tavily")).is_team_authorization).toBe(false);

    const key = newFakeKey();
    await authorize(owner, key);
    const check = (await fakeRequests(key))[0]!;
    expect(check).toMatchObject({ path: "/tavily/search", body: { query: "dify ai", search_depth: "basic", max_results: 1 } });

    const { results } = await env.DB.prepare("select * from builtin_tool_credentials where workspace_id = ?").bind(owner.workspaceId).all<any>();
    expect(results).toHaveLength(1);
    expect(JSON.stringify(results)).not.toContain(key);
    const masked = await callJson("GET", `${API}/tool-provider/builtin/tavily/credentials`, { token: owner.token });
    expect(masked.body.tavily_api_key).toMatch(/^sk-\*+/);
    expect(masked.body.tavily_api_key).not.toContain(key.slice(8, -4));
    expect((await listed(owner, "tavily")).is_team_authorization).toBe(true);

    // Sending the masked value back (the form shows it) keeps the key.
    await saveBuiltinCredentials(owner.wctx, tavilyProvider, { tavily_api_key: masked.body.tavily_api_key });
    expect((await fakeRequests(key)).filter((r) => r.path === "/tavily/search")).toHaveLength(2);
    // So does Dify's placeholder for an unchanged secret, through the console route.
    const kept = await callJson("POST", `${API}/tool-provider/builtin/tavily/update`, { token: owner.token, body: { credentials: { tavily_api_key: "[__HIDDEN__]" } } });
    expect(kept.status).toBe(200);
    expect((await fakeRequests(key)).filter((r) => r.path === "/tavily/search")).toHaveLength(3);
  });

  it("searches as Dify's plugin does: its request, the whole answer as JSON and its Markdown digest as text", async () => {
    const owner = await newOwner();
    const key = newFakeKey();
    await authorize(owner, key);
    const { result } = await search(owner, {
      query: "kiln",
      topic: "news",
      include_answer: "true",
      include_raw_content: "false",
      include_domains: "example.com, docs.example.com",
      include_images: true,
      max_results: 2,
    });
    const sent = (await fakeRequests(key)).at(-1)!;
    expect(sent.body).toEqual({
      query: "kiln",
      search_depth: "basic",
      topic: "news",
      max_results: 2,
      include_images: true,
      include_answer: "basic",
      include_domains: ["example.com", "docs.example.com"],
    });
    expect(result.json?.[0]).toMatchObject({ query: "kiln", answer: "In short: kiln.", results: [{ title: "kiln 1" }, { title: "kiln 2" }] });
    expect(result.text.split("\n")).toEqual([
      "**Answer:** In short: kiln.\n",
      "# Result 1: [kiln 1](https://example.com/1)\n",
      "**Published Date:** 2026-11-01\n",
      "**URL:** https://example.com/1\n",
      "**Relevance Score:** 0.91\n",
      "**Content:**\nResult 1 about kiln.\n",
      "---\n",
      "# Result 2: [kiln 2](https://example.com/2)\n",
      "**Published Date:** 2026-11-01\n",
      "**URL:** https://example.com/2\n",
      "**Relevance Score:** 0.5\n",
      "**Content:**\nResult 2 about kiln.\n",
      "---\n",
      "**Images:**\n",
      "![A chart](https://example.com/a.png)\n",
      "\n",
    ].join("\n").split("\n"));

    // Exports from Dify's older tavily tool carry 0 and 1 for these settings.
    await search(owner, { query: "legacy", include_answer: 0, include_raw_content: 1, include_images: 0, days: 3 });
    expect((await fakeRequests(key)).at(-1)!.body).toEqual({
      query: "legacy",
      search_depth: "basic",
      topic: "general",
      max_results: 5,
      include_raw_content: "markdown",
    });

    const none = await search(owner, { query: "nothing" });
    expect(none.result).toEqual({ text: "No results found for 'nothing' in Tavily." });
  });

  it("extracts pages, listing the ones that failed", async () => {
    const owner = await newOwner();
    await authorize(owner, newFakeKey());
    const { result } = await tryTool(owner.wctx, { provider_type: "builtin", provider_id: "tavily", tool_name: "tavily_extract" }, {
      urls: "https://example.com/a, https://example.com/fail",
    });
    expect(result.text).toContain("# Extracted Content 1: https://example.com/a\n");
    expect(result.text).toContain("**Raw Content:**\nContent of https://example.com/a\n");
    expect(result.text).toContain("# Failed URLs:\n\n- https://example.com/fail: Failed to fetch url\n");
    await expect(
      tryTool(owner.wctx, { provider_type: "builtin", provider_id: "tavily", tool_name: "tavily_extract" }, { urls: " , " }),
    ).rejects.toMatchObject({ code: "tool_error", message: expect.stringContaining("Please input at least one URL") });
  });

  it("maps a website with tavily_map as the plugin does: its body, its Markdown list, failures as text", async () => {
    const owner = await newOwner();
    const key = newFakeKey();
    await authorize(owner, key);
    const map = (parameters: Record<string, unknown>) =>
      tryTool(owner.wctx, { provider_type: "builtin", provider_id: "langgenius/tavily/tavily", tool_name: "tavily_map" }, parameters);
    const mapped = await map({ url: "https://kiln.example/", max_depth: 2, limit: 2, select_paths: "/docs/.*, /blog/.*" });
    expect(mapped.result.text).toBe(
      "# Website Map for: https://kiln.example\n\n**Total URLs discovered:** 2\n\n**Response time:** 0.80 seconds\n\n\n## Discovered URLs:\n\n1. https://kiln.example\n\n2. https://kiln.example/docs\n",
    );
    expect(mapped.result.json).toEqual([{ base_url: "https://kiln.example", results: ["https://kiln.example", "https://kiln.example/docs"], response_time: 0.8 }]);
    const sent = (await fakeRequests(key)).filter((r) => r.path === "/tavily/map");
    expect(sent[0].body).toEqual({
      url: "https://kiln.example/",
      max_depth: 2,
      max_breadth: 20,
      limit: 2,
      timeout: 150,
      select_paths: ["/docs/.*", "/blog/.*"],
      allow_external: true,
      include_usage: false,
    });
    expect((await map({ url: "https://empty.example" })).result.text).toBe("No URLs could be discovered from 'https://empty.example'.");
    expect((await map({ url: "https://kiln.example", max_depth: 9 })).result.text).toBe("Error occurred while mapping website: max_depth must be between 1 and 5");
    expect((await fakeRequests(key)).filter((r) => r.path === "/tavily/map")).toHaveLength(2);
  });

  it("runs a Dify workflow whose tool node searches with Tavily", async () => {
    const owner = await newOwner();
    await authorize(owner, newFakeKey());
    const yaml = toolWorkflowYaml(
      {
        title: "TavilySearch",
        provider_id: "langgenius/tavily/tavily",
        provider_name: "langgenius/tavily/tavily",
        tool_name: "tavily_search",
        tool_label: "Tavily Search",
        tool_configurations: { include_answer: "true", max_results: 1, search_depth: "basic" },
        tool_parameters: { query: FROM_Q },
      },
      { text: "text", json: "json" },
      { name: "Searcher" },
    );
    // Imported where Tavily has no key yet, the export is kept with a warning naming the node.
    const stranger = await newOwner();
    const imported = await callJson("POST", "/console/api/apps/imports", { token: stranger.token, body: { mode: "yaml-content", yaml_content: yaml } });
    expect(imported.status).toBe(200);
    expect(imported.body.warnings.join("\n")).toContain("langgenius/tavily/tavily/tavily_search (TavilySearch: provider_not_initialize)");

    const { key } = await publishedWorkflowApp(owner.token, yaml);
    const run = await v1(key, "POST", "/workflows/run", { body: { inputs: { q: "edge" }, response_mode: "blocking", user: "u" } });
    expect(run.body.data.status).toBe("succeeded");
    expect(run.body.data.outputs.text).toContain("**Answer:** In short: edge.");
    expect(run.body.data.outputs.text).toContain("# Result 1: [edge 1](https://example.com/1)");
    expect(run.body.data.outputs.json[0].results).toHaveLength(1);
  });
});

describe("who may set credentials, and bad input", () => {
  it("lets members read the form but only admins set or remove a key; each workspace has its own", async () => {
    const owner = await newOwner();
    await authorize(owner, newFakeKey());
    const member = await joinByInvite(owner.token, owner.workspaceId, uniqueEmail("member"), "editor");
    expect((await callJson("GET", `${API}/tool-provider/builtin/tavily/credentials_schema`, { token: member })).status).toBe(200);
    const denied = await callJson("POST", `${API}/tool-provider/builtin/tavily/update`, { token: member, body: { credentials: { tavily_api_key: "x" } } });
    expect(denied.status).toBe(403);
    expect((await callJson("POST", `${API}/tool-provider/builtin/tavily/delete`, { token: member })).status).toBe(403);

    const other = await newOwner();
    expect((await listed(other, "tavily")).is_team_authorization).toBe(false);
    await expect(search(other, { query: "kiln" })).rejects.toMatchObject({ message: expect.stringContaining("not authorized") });
    expect((await callJson("POST", `${API}/tool-provider/builtin/tavily/delete`, { token: other.token })).status).toBe(404);

    const removed = await callJson("POST", `${API}/tool-provider/builtin/tavily/delete`, { token: owner.token });
    expect(removed.status).toBe(200);
    expect((await listed(owner, "tavily")).is_team_authorization).toBe(false);
    await expect(search(owner, { query: "kiln" })).rejects.toMatchObject({ message: expect.stringContaining("not authorized") });
  });

  it("answers 400 to a missing or unknown field and 404 to a provider that takes no credentials", async () => {
    const owner = await newOwner();
    const update = (provider: string, body: unknown) => callJson("POST", `${API}/tool-provider/builtin/${provider}/update`, { token: owner.token, body });
    const missing = await update("tavily", { credentials: {} });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: "invalid_param", message: expect.stringContaining("Tavily API key is required") });
    const unknown = await update("tavily", { credentials: { tavily_api_key: "k", region: "eu" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain("takes no region");
    expect((await update("tavily", { credentials: { tavily_api_key: 42 } })).status).toBe(400);
    expect((await update("tavily", { key: "k" })).status).toBe(400);
    expect((await update("time", { credentials: { api_key: "k" } })).status).toBe(404);
    expect((await update("no_such", { credentials: {} })).status).toBe(404);
    expect((await callJson("GET", `${API}/tool-provider/builtin/time/credentials`, { token: owner.token })).status).toBe(404);
    const { results } = await env.DB.prepare("select * from builtin_tool_credentials where workspace_id = ?").bind(owner.workspaceId).all();
    expect(results).toHaveLength(0);
  });
});

describe("a provider whose key is optional", () => {
  it("sends the workspace's Jina key when one is set, after checking it", async () => {
    const owner = await newOwner();
    const jina = findBuiltinProvider("jina")!;
    await saveBuiltinCredentials(owner.wctx, jina, { api_key: "jina_workspace_key" });
    const { result } = await tryTool(owner.wctx, { provider_type: "builtin", provider_id: "jina", tool_name: "jina_reader" }, { url: "https://example.com/" });
    expect(JSON.parse(result.text).headers.authorization).toBe("Bearer jina_workspace_key");
    vars.JINA_READER_URL = `${fakeOrigin}/echo/?__status=401&u=`;
    try {
      await expect(saveBuiltinCredentials(owner.wctx, jina, { api_key: "jina_other" })).rejects.toMatchObject({
        code: "invalid_credentials",
        message: expect.stringContaining("Jina rejected the API key"),
      });
    } finally {
      vars.JINA_READER_URL = `${fakeOrigin}/echo/`;
    }
  });
});

describe("Firecrawl", () => {
  const firecrawlProvider = findBuiltinProvider("firecrawl")!;
  const scrape = (owner: Owner, parameters: Record<string, unknown>) =>
    tryTool(owner.wctx, { provider_type: "builtin", provider_id: "langgenius/firecrawl/firecrawl", tool_name: "scrape" }, parameters);

  it("checks the key at the workspace's own server, shows the URL as given and the key masked", async () => {
    const owner = await newOwner();
    const base_url = `${fakeOrigin}/firecrawl`;
    await expect(saveBuiltinCredentials(owner.wctx, firecrawlProvider, { base_url, firecrawl_api_key: "sk-invalid-fc" })).rejects.toMatchObject({
      code: "invalid_credentials",
      message: expect.stringContaining("Firecrawl answered HTTP 401"),
    });
    await expect(saveBuiltinCredentials(owner.wctx, firecrawlProvider, { base_url: "http://10.0.0.7:3002", firecrawl_api_key: "k" })).rejects.toMatchObject({
      code: "invalid_credentials",
      message: expect.stringMatching(/private|loopback/),
    });
    const key = newFakeKey();
    const hints = await saveBuiltinCredentials(owner.wctx, firecrawlProvider, { base_url, firecrawl_api_key: key });
    expect(hints.base_url).toBe(base_url);
    expect(hints.firecrawl_api_key).not.toContain(key.slice(8, -4));
    expect((await fakeRequests(key))[0]).toMatchObject({ path: "/firecrawl/v2/scrape", body: { url: "https://google.com" } });

    // The masked key sent back keeps the stored one at the same server, but never goes to another:
    // a changed URL needs the key entered again, and nothing is called.
    await saveBuiltinCredentials(owner.wctx, firecrawlProvider, { base_url, firecrawl_api_key: hints.firecrawl_api_key });
    expect(await fakeRequests(key)).toHaveLength(2);
    await expect(
      saveBuiltinCredentials(owner.wctx, firecrawlProvider, { base_url: `${fakeOrigin}/elsewhere`, firecrawl_api_key: hints.firecrawl_api_key }),
    ).rejects.toMatchObject({ code: "invalid_param", message: expect.stringContaining("enter the Firecrawl API Key again") });
    expect(await fakeRequests(key)).toHaveLength(2);
  });

  it("maps a site and searches the web as Dify's plugin does: its request bodies, Firecrawl's answer as the JSON", async () => {
    const owner = await newOwner();
    const key = newFakeKey();
    await saveBuiltinCredentials(owner.wctx, firecrawlProvider, { base_url: `${fakeOrigin}/firecrawl`, firecrawl_api_key: key });
    const call = (tool: string, parameters: Record<string, unknown>) =>
      tryTool(owner.wctx, { provider_type: "builtin", provider_id: "langgenius/firecrawl/firecrawl", tool_name: tool }, parameters);
    const mapped = await call("map", { url: "https://kiln.example/" });
    expect(mapped.result).toMatchObject({ text: "", json: [{ success: true, links: [{ url: "https://kiln.example/a" }, { url: "https://kiln.example/b" }] }] });
    const searched = await call("search", { query: "edge", limit: 1, sources: "web, news", scrapeFormats: "markdown", onlyMainContent: true });
    expect(searched.result.json).toEqual([{ success: true, data: { web: [{ url: "https://example.com/1", title: "edge 1", description: "Result 1 about edge.", markdown: "# edge 1" }] } }]);
    const sent = (await fakeRequests(key)).filter((r) => r.path !== "/firecrawl/v2/scrape");
    expect(sent.map((r) => r.body)).toEqual([
      { url: "https://kiln.example/", search: null, includeSubdomains: false, limit: 5000, sitemap: "skip" },
      {
        query: "edge",
        limit: 1,
        sources: ["web", "news"],
        timeout: 60000,
        ignoreInvalidURLs: false,
        scrapeOptions: { formats: [{ type: "markdown" }], onlyMainContent: true },
      },
    ]);
  });

  it("gives an agent a JSON-only tool's answer as its JSON, as Dify's agent reads JSON messages", async () => {
    const owner = await newOwner();
    await saveBuiltinCredentials(owner.wctx, firecrawlProvider, { base_url: `${fakeOrigin}/firecrawl`, firecrawl_api_key: newFakeKey() });
    const { provider } = await addFakeProvider(owner);
    const yaml = agentToolWorkflowYaml(provider, { provider_name: "langgenius/firecrawl/firecrawl", tool_name: "search" }, { text: "text" });
    const { key } = await publishedWorkflowApp(owner.token, yaml);
    const run = await v1(key, "POST", "/workflows/run", { body: { inputs: { q: 'use tool search with {"query": "kiln"}' }, response_mode: "blocking", user: "u" } });
    expect(run.body.data.status, JSON.stringify(run.body.data.error)).toBe("succeeded");
    expect(run.body.data.outputs.text).toContain('Tool said: {"success":true,"data":{"web":[{"url":"https://example.com/1","title":"kiln 1"');
  });

  it("scrapes as Dify's plugin does: its request from the form, the page's Markdown as text, the whole answer as JSON", async () => {
    const owner = await newOwner();
    const key = newFakeKey();
    await saveBuiltinCredentials(owner.wctx, firecrawlProvider, { base_url: `${fakeOrigin}/firecrawl`, firecrawl_api_key: key });
    const { result } = await scrape(owner, {
      url: "https://example.com/post",
      formats: "markdown, links, extract",
      includeTags: "article, .main",
      headers: "{'Cookie': 'a=1'}",
      systemPrompt: "Be brief.",
      prompt: "The title?",
    });
    expect((await fakeRequests(key)).at(-1)!.body).toEqual({
      url: "https://example.com/post",
      onlyMainContent: false,
      waitFor: 0,
      timeout: 30000,
      formats: ["markdown", "links", { type: "json", prompt: "Be brief.\n\nThe title?" }],
      includeTags: ["article", ".main"],
      headers: { Cookie: "a=1" },
    });
    expect(result.text).toBe("# Page at https://example.com/post\n\nHello from the fake Firecrawl.");
    expect(result.json?.[0]).toMatchObject({ success: true, data: { metadata: { sourceURL: "https://example.com/post" } } });

    await expect(scrape(owner, { url: "https://example.com/fail" })).rejects.toMatchObject({
      code: "tool_error",
      message: expect.stringContaining("All scraping engines failed"),
    });
    await expect(scrape(owner, { url: "https://example.com/", headers: "{not json" })).rejects.toMatchObject({
      message: expect.stringContaining("Invalid headers format."),
    });
  });
});
