// Dify's searxng and wecom plugins as built-ins, against the fake server. SearXNG: authorized per
// workspace by its base URL (checked by a search first), the plugin's parameters and defaults,
// results as JSON items and a Markdown list, a Dify 0.x export's old built-in settings, and an
// instance with its JSON format off. WeCom: the group bot webhook, WeCom's refusal, a bad key.
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { saveBuiltinCredentials } from "../../src/tools/builtin/credentials";
import { findBuiltinProvider } from "../../src/tools/builtin/source";
import { tryTool } from "../../src/tools/try-tool";
import { FROM_Q, fakeRequests, newOwner, type Owner, publishedWorkflowApp, toolWorkflowYaml, v1 } from "../support/apps";

const fakeOrigin = new URL(inject("fakeOpenAIUrl")).origin;
const provider = findBuiltinProvider("searxng")!;
const search = (owner: Owner, parameters: Record<string, unknown>) =>
  tryTool(owner.wctx, { provider_type: "builtin", provider_id: "langgenius/searxng/searxng", tool_name: "searxng_search" }, parameters);

describe("searxng", () => {
  it("needs the instance's URL, checked by a search before it is saved", async () => {
    const owner = await newOwner();
    await expect(search(owner, { query: "kiln" })).rejects.toMatchObject({ message: expect.stringContaining("SearXNG is not authorized in this workspace") });
    const off = await saveBuiltinCredentials(owner.wctx, provider, { searxng_base_url: `${fakeOrigin}/searxng/off/` }).catch((e) => e);
    expect(off).toMatchObject({ code: "invalid_credentials", status: 400, message: expect.stringContaining("Error 403") });
    await saveBuiltinCredentials(owner.wctx, provider, { searxng_base_url: `${fakeOrigin}/searxng/main/` });
    const found = await search(owner, { query: "kiln" });
    expect(found.result.json).toEqual([
      { title: "kiln 1", url: "https://example.com/1", content: "Result 1 about kiln.", engine: "fake", category: "general", time_range: "day" },
      { title: "kiln 2", url: "https://example.com/2", content: "Result 2 about kiln.", engine: "fake", category: "general", time_range: "day" },
    ]);
    expect(found.result.text).toBe("- [kiln 1](https://example.com/1)\n  Result 1 about kiln.\n- [kiln 2](https://example.com/2)\n  Result 2 about kiln.");
  });

  it("passes the category and time range, caps the results, and says when there are none", async () => {
    const owner = await newOwner();
    await saveBuiltinCredentials(owner.wctx, provider, { searxng_base_url: `${fakeOrigin}/searxng/main/` });
    const news = await search(owner, { query: "edge", search_type: "news", time_range: "week", num_results: 1 });
    expect(news.result.json).toEqual([expect.objectContaining({ title: "edge 1", category: "news", time_range: "week" })]);
    const none = await search(owner, { query: "nothing" });
    expect(none.result.text).toMatch(/^No results found, get response: \{"query":"nothing"/);
    await expect(search(owner, { query: "x", search_type: "podcasts" })).rejects.toMatchObject({ message: expect.stringContaining("must be one of general") });
  });

  it("runs a Dify 0.x export whose tool node has the old built-in's settings and reads its text", async () => {
    const owner = await newOwner();
    await saveBuiltinCredentials(owner.wctx, provider, { searxng_base_url: `${fakeOrigin}/searxng/main/` });
    // A Dify 0.x export: the tool named by its old built-in name, with that tool's old settings.
    const yaml = toolWorkflowYaml(
      {
        title: "SearXNG",
        provider_id: "searxng",
        provider_name: "searxng",
        tool_name: "searxng_search",
        tool_configurations: { num_results: 1, result_type: "link", search_type: "Page" },
        tool_parameters: { query: FROM_Q },
      },
      { found: "text" },
      { version: "0.1.0", name: "Search master" },
    );
    const { key } = await publishedWorkflowApp(owner.token, yaml);
    const run = await v1(key, "POST", "/workflows/run", { body: { inputs: { q: "dify" }, response_mode: "blocking", user: "u" } });
    expect(run.body.data.status).toBe("succeeded");
    expect(run.body.data.outputs.found).toBe("- [dify 1](https://example.com/1)\n  Result 1 about dify.");
  });
});

describe("wecom (Dify's langgenius/wecom plugin)", () => {
  const vars = env as { WECOM_API_URL?: string };
  beforeAll(() => {
    vars.WECOM_API_URL = `${fakeOrigin}/wecom`;
  });
  afterAll(() => {
    delete vars.WECOM_API_URL;
  });
  const send = (owner: Owner, parameters: Record<string, unknown>) =>
    tryTool(owner.wctx, { provider_type: "builtin", provider_id: "langgenius/wecom/wecom", tool_name: "wecom_group_bot" }, parameters);

  it("posts text or Markdown to the group bot's webhook, and answers WeCom's refusal and a bad key as text", async () => {
    const owner = await newOwner();
    const hook = crypto.randomUUID();
    expect((await send(owner, { hook_key: hook, content: "Build **passed**", message_type: "markdown" })).result.text).toBe("Text message sent successfully");
    expect((await send(owner, { hook_key: hook, content: "plain" })).result.text).toBe("Text message sent successfully");
    expect((await fakeRequests(`wecom:${hook}`)).map((r) => r.body)).toEqual([
      { msgtype: "markdown", markdown: { content: "Build **passed**" } },
      { msgtype: "text", text: { content: "plain" } },
    ]);
    const refused = await send(owner, { hook_key: "00000000-0000-0000-0000-000000000000", content: "x" });
    expect(refused.result.text).toBe('Failed to send the text message, status code: 200, response: {"errcode":93000,"errmsg":"invalid webhook url"}');
    expect((await send(owner, { hook_key: "not-a-key", content: "x" })).result.text).toBe("Invalid parameter hook_key: not a valid UUID");
  });
});
