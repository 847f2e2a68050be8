// Tools in a real browser against `wrangler dev` and the fake provider: a built-in tool is tested
// from the Tools page; an OpenAPI document is pasted (a broken one first), a tool tested with
// sample inputs and saved with bearer auth; an agent app picks it and a built-in tool, and its
// thoughts stream in the debugger; a completion app is exposed as an MCP server from its API page
// and called by a real MCP client from this test.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { apiFor, launchBrowser, newContext, SCREENS_DIR, screenshot, screenshotOnFailure, signIn, text } from "./support/browser";

const url = inject("kilnUrl");
const admin = inject("kilnAdmin");
const fakeUrl = inject("fakeOpenAIUrl");
const fakeOrigin = new URL(fakeUrl).origin;
const stamp = Date.now().toString(36);

const api = apiFor(url);

const OPENAPI = JSON.stringify(
  {
    openapi: "3.0.3",
    info: { title: "Greeter", version: "1.0.0" },
    servers: [{ url: fakeOrigin }],
    paths: {
      "/echo/hello": {
        get: {
          operationId: "say_hello",
          summary: "Greets someone by name",
          parameters: [{ name: "who", in: "query", required: true, description: "Who to greet", schema: { type: "string" } }],
        },
      },
    },
  },
  null,
  2,
);

describe("tools", () => {
  let browser: Browser;
  let token = "";
  let model: Record<string, unknown> = {};

  beforeAll(async () => {
    browser = await launchBrowser();
    const login = await fetch(`${url}/console/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    token = ((await login.json()) as { data: { access_token: string } }).data.access_token;
    const providerName = `tools${stamp}`;
    await api(token, "POST", "/console/api/workspaces/current/model-providers/openai_api_compatible", {
      name: providerName,
      label: "Tools fake",
      base_url: fakeUrl,
      api_key: `sk-e2e-tools-${stamp}`,
      models: [{ model: "gpt-4o-mini", model_type: "llm" }],
    });
    model = { provider: `compat_${providerName}`, name: "gpt-4o-mini", mode: "chat", completion_params: {} };
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("imports an OpenAPI tool, tests it, and an agent uses it with a built-in tool while its thoughts stream", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "tools-agent");
    // Its own names on every attempt, so a retry does not trip over what a failed attempt saved.
    const run = `${stamp}${Date.now().toString(36).slice(-4)}`;
    await signIn(page, admin.email, admin.password);

    // A built-in tool, tested from the Tools page.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tools" }).click();
    const time = page.locator('[data-testid="tool-provider-card"][data-provider="time"]');
    await time.waitFor();
    await time.locator('[data-testid="tool-row"][data-tool="current_time"]').getByTestId("tool-test-button").click();
    await page.getByTestId("tool-param-timezone").fill("Asia/Tokyo");
    await page.getByTestId("tool-test-run").click();
    expect(await text(page.getByTestId("tool-test-text"))).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    await screenshot(page, "tools-builtin-test");
    await page.keyboard.press("Escape");

    // Dify's Code Interpreter: the code runs in the sandbox and the test shows what it printed.
    const code = page.locator('[data-testid="tool-provider-card"][data-provider="code"]');
    await code.locator('[data-testid="tool-row"][data-tool="simple_code"]').getByTestId("tool-test-button").click();
    await page.getByTestId("tool-param-language").selectOption("python3");
    await page.getByTestId("tool-param-code").fill("total = sum(range(1, 10))\nprint('total', total)\nprint([n * n for n in range(4)])");
    await page.getByTestId("tool-test-run").click();
    expect(await text(page.getByTestId("tool-test-text"))).toBe("total 45\n[0, 1, 4, 9]");
    await screenshot(page, "tools-code-interpreter");
    await page.keyboard.press("Escape");

    // The Markdown Exporter plugin: a table becomes a CSV file of the call, linked and downloadable.
    const exporter = page.locator('[data-testid="tool-provider-card"][data-provider="md_exporter"]');
    await exporter.locator('[data-testid="tool-row"][data-tool="md_to_csv"]').getByTestId("tool-test-button").click();
    await page.getByTestId("tool-param-md_text").fill("Visitors by city:\n| City | Visitors |\n|---|---|\n| Lyon | 1,200 |");
    await page.getByTestId("tool-param-output_filename").fill("visitors");
    await page.getByTestId("tool-test-run").click();
    const csv = page.getByTestId("tool-test-file");
    await csv.getByText("visitors.csv").waitFor();
    expect(await text(csv)).toContain("text/csv");
    const download = await page.request.get((await csv.getByRole("link").getAttribute("href")) ?? "");
    expect(await download.text()).toBe('City,Visitors\nLyon,"1,200"\n');
    await screenshot(page, "tools-md-exporter");
    await page.keyboard.press("Escape");

    // A file parameter takes an upload: a Word file made here is the next call's template.
    await exporter.locator('[data-testid="tool-row"][data-tool="md_to_docx"]').getByTestId("tool-test-button").click();
    await page.getByTestId("tool-param-md_text").fill("# Minutes\n\n- one\n- two");
    await page.getByTestId("tool-test-run").click();
    const made = page.getByTestId("tool-test-file");
    await made.getByText(/\.docx$/).waitFor();
    const word = await page.request.get((await made.getByRole("link").getAttribute("href")) ?? "");
    await page.getByTestId("tool-param-docx_template_file-upload").setInputFiles({
      name: "house-style.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: Buffer.from(await word.body()),
    });
    await page.getByTestId("tool-param-docx_template_file-file").getByText("house-style.docx").waitFor();
    await page.getByTestId("tool-param-output_filename").fill("minutes");
    await page.getByTestId("tool-test-run").click();
    await page.getByTestId("tool-test-file").getByText("minutes.docx").waitFor();
    // The dialog alone: on the full page (4,000 px of providers) it is too small to read.
    await page.getByRole("dialog").screenshot({ path: `${SCREENS_DIR}/tools-file-upload.png`, animations: "disabled" });
    await page.keyboard.press("Escape");

    // A custom tool from an OpenAPI document: a broken one is refused with its problems listed.
    const providerName = `Greeter ${run}`;
    await page.getByTestId("tools-tab-api").click();
    await page.getByTestId("tools-add-custom").click();
    await page.getByTestId("custom-tool-name").fill(providerName);
    await page.getByTestId("custom-tool-schema").fill("openapi: 2.5\npaths: {}");
    await page.getByTestId("schema-problems").waitFor();
    expect(await text(page.getByTestId("schema-problems"))).toMatch(/OpenAPI|Swagger/);
    await page.getByTestId("custom-tool-schema").fill(OPENAPI);
    await page.locator('[data-testid="parsed-tool"][data-tool="say_hello"]').waitFor();
    await page.getByTestId("tool-auth-type").selectOption("bearer");
    await page.getByTestId("tool-auth-value").fill(`e2e-token-${run}`);
    await page.getByTestId("parsed-tool-test").click();
    await page.getByTestId("tool-param-who").fill("kiln");
    await page.getByTestId("tool-test-run").click();
    const echoed = JSON.parse(await text(page.getByTestId("tool-test-text")));
    expect(echoed).toMatchObject({ method: "GET", path: "/echo/hello", query: { who: "kiln" } });
    expect(echoed.headers.authorization).toBe(`Bearer e2e-token-${run}`);
    await screenshot(page, "tools-custom-tested");
    await page.getByTestId("custom-tool-save").click();
    await page.getByTestId("custom-tool-form").waitFor({ state: "detached" });
    await page.locator(`[data-testid="tool-provider-card"][data-provider="${providerName}"]`).waitFor();
    // The saved provider never shows its secret again.
    const saved = await api(token, "GET", `/console/api/workspaces/current/tool-provider/api/get?provider=${encodeURIComponent(providerName)}`);
    expect(JSON.stringify(saved)).not.toContain(`e2e-token-${run}`);

    // An agent app using that tool and a built-in one.
    // The Tools page has a "Create custom tool" button too: wait for the Apps page before creating.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Apps" }).click();
    await page.waitForURL(/\/apps(\?|$)/);
    await page.getByRole("button", { name: "Create app" }).first().click();
    await page.getByRole("dialog", { name: "Create app" }).getByTestId("create-app-mode-agent-chat").click();
    await page.getByPlaceholder("e.g. Support assistant").fill(`Greeting agent ${run}`);
    await page.getByRole("dialog").getByRole("button", { name: "Create" }).click();
    await page.waitForURL(/\/configuration/);
    const agentId = page.url().split("/apps/")[1].split("/")[0];
    const draft = await api(token, "GET", `/console/api/apps/${agentId}/model-config`);
    await api(token, "POST", `/console/api/apps/${agentId}/model-config`, { ...(draft.model_config ?? draft), model });
    await page.reload();
    await page.getByTestId("agent-tools-section").waitFor();
    await page.getByTestId("agent-add-tool").click();
    await page.locator('[data-testid="agent-picker-tool"][data-tool="eval_expression"]').getByTestId("agent-picker-add").click();
    await page.locator('[data-testid="agent-picker-tool"][data-tool="say_hello"]').getByTestId("agent-picker-add").click();
    await page.getByTestId("agent-picker-done").click();
    await page.locator('[data-testid="agent-tool"][data-tool="say_hello"]').waitFor();
    // Autosaved into the draft's agent_mode.
    const toolCount = async () => {
      const cfg = await api(token, "GET", `/console/api/apps/${agentId}/model-config`);
      return (cfg.model_config ?? cfg).agent_mode?.tools?.length ?? 0;
    };
    await expect.poll(toolCount, { timeout: 15_000 }).toBe(2);

    await page.getByPlaceholder("Send a message", { exact: true }).fill('use tool eval_expression with {"expression":"6*7"} use tool say_hello with {"who":"agent"}');
    await page.keyboard.press("Enter");
    const thought = page.getByTestId("agent-thought").first();
    await thought.waitFor();
    await page.locator('[data-testid="debug-answer"][data-status="done"]').waitFor();
    expect(await thought.getAttribute("data-status")).toBe("done");
    await page.getByTestId("agent-thought-toggle").first().click();
    const observations = (await page.getByTestId("agent-thought-observation").allTextContents()).join("\n");
    expect(observations).toContain("42");
    expect(observations).toMatch(/\\?"who\\?":\s*\\?"agent\\?"/);
    expect(await text(page.locator('[data-testid="debug-answer"][data-status="done"]').last())).toContain("Tool said:");
    await screenshot(page, "tools-agent-thoughts");

    // The log keeps every step.
    const logs = await api(token, "GET", `/console/api/apps/${agentId}/messages?limit=5`);
    const thoughts = logs.data[0].agent_thoughts;
    expect(thoughts.map((t: any) => t.tool).join(";")).toMatch(/eval_expression.*say_hello|say_hello.*eval_expression/);
    await context.close();
  });

  it("authorizes Tavily with its API key (a refused key first) and tests a search", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "tools-tavily");
    await signIn(page, admin.email, admin.password);
    await page.goto("/tools");
    const tavily = page.locator('[data-testid="tool-provider-card"][data-provider="tavily"]');
    await tavily.waitFor();
    expect(await text(tavily.getByTestId("tool-provider-status"))).toBe("Not authorized");

    await tavily.getByTestId("tool-provider-authorize").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Tavily API key").fill("sk-invalid-e2e");
    await dialog.getByRole("button", { name: "Save" }).click();
    expect(await text(dialog.getByTestId("builtin-credentials-error"))).toContain("Tavily refused these credentials");
    await dialog.getByLabel("Tavily API key").fill(`sk-e2e-tavily-${stamp}`);
    await screenshot(page, "tools-tavily-authorize");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });
    await tavily.getByTestId("tool-provider-status").filter({ hasText: "Ready" }).waitFor();

    // The key shows masked when the form opens again.
    await tavily.getByTestId("tool-provider-authorize").click();
    expect(await page.getByRole("dialog").getByLabel("Tavily API key").inputValue()).toMatch(/^sk-\*+/);
    await page.keyboard.press("Escape");

    await tavily.locator('[data-testid="tool-row"][data-tool="tavily_search"]').getByTestId("tool-test-button").click();
    await page.getByTestId("tool-param-query").fill("edge runtimes");
    await page.getByTestId("tool-test-run").click();
    expect(await text(page.getByTestId("tool-test-text"))).toContain("# Result 1: [edge runtimes 1](https://example.com/1)");
    await screenshot(page, "tools-tavily-search");
    await page.keyboard.press("Escape");

    // Leave the shared platform as the other suites expect it.
    await api(token, "POST", "/console/api/workspaces/current/tool-provider/builtin/tavily/delete");
    await context.close();
  });

  it("exposes a completion app as an MCP server that a real MCP client calls", async () => {
    const app = await api(token, "POST", "/console/api/apps", { name: `Haiku writer ${stamp}`, mode: "completion" });
    const draft = await api(token, "GET", `/console/api/apps/${app.id}/model-config`);
    await api(token, "POST", `/console/api/apps/${app.id}/model-config`, {
      ...(draft.model_config ?? draft),
      model,
      pre_prompt: "Write a haiku about {{topic}}.",
      user_input_form: [{ "text-input": { variable: "topic", label: "Topic", required: true, max_length: 60 } }],
    });
    await api(token, "POST", `/console/api/apps/${app.id}/publish`, {});

    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "tools-mcp-server");
    await signIn(page, admin.email, admin.password);
    await page.goto(`/apps/${app.id}/develop`);
    await page.getByTestId("mcp-server-enable").click();
    const serverUrl = await text(page.getByTestId("mcp-server-new-url"));
    const key = await text(page.getByTestId("mcp-server-key"));
    expect(serverUrl).toMatch(/\/mcp\/server\/[^/]+\/mcp$/);
    expect(key).toMatch(/^mcp-/);
    await screenshot(page, "tools-mcp-server");
    await context.close();

    const client = new Client({ name: "kiln-e2e", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(serverUrl), { requestInit: { headers: { Authorization: `Bearer ${key}` } } }));
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(1);
    expect(tools[0].inputSchema).toMatchObject({ properties: { topic: { type: "string" } }, required: ["topic"] });
    const result = await client.callTool({ name: tools[0].name, arguments: { topic: "autumn rain" } });
    expect(result.isError).toBeFalsy();
    expect((result.content as { text: string }[])[0].text).toContain("Write a haiku about autumn rain.");
    await client.close();

    const refused = await fetch(serverUrl, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: "Bearer mcp-wrong" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(refused.status).toBe(401);
  });
});
