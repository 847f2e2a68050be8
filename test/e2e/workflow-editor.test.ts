// The workflow editor in a real browser against `wrangler dev`: a member creates a workflow app,
// gives Start an input, puts a Template node between Start and End, wires and configures it, sees
// the draft autosave (and checks what the server holds), runs it and watches each node succeed
// with the expected output, then publishes a named version. Undo/redo and copy/paste are checked
// on the way, a Python 3 code node runs in a test run, and a chatflow opens on the canvas with
// its own starting graph.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { consoleApiFor, consoleToken as signInToken, launchBrowser, newContext, screenshot, screenshotOnFailure, signIn, steady, text } from "./support/browser";
import { createApp, edge, node, nodeId, waitSaved } from "./support/workflow-canvas";

const url = inject("kilnUrl");
const admin = inject("kilnAdmin");

const unique = (name: string) => `${name} ${Date.now().toString(36)}`;

const consoleToken = () => signInToken(url, admin.email, admin.password);

const consoleApi = consoleApiFor(url);

describe("workflow editor", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(
    "builds Start → Template → End, autosaves it, runs it with node statuses and outputs, and publishes it",
    async () => {
      const context = await newContext(browser, url);
      const page = await context.newPage();
      screenshotOnFailure(page, "workflow-editor");
      await signIn(page, admin.email, admin.password);

      // Create: a workflow app opens on its canvas with Start and End.
      const appId = await createApp(page, /Workflow/, unique("Greeter"));
      await node(page, "start").waitFor();
      await node(page, "end").waitFor();
      const startId = await nodeId(page, "start");
      const endId = await nodeId(page, "end");
      await waitSaved(page);
      await screenshot(page, "workflow-editor-new");
      // The nav says Workflow instead of Prompt IDE.
      await page.getByRole("navigation", { name: "App pages" }).getByRole("link", { name: "Workflow" }).waitFor();

      // A direct Start → End edge (the starting graph has one) is selected and deleted.
      if (await edge(page, startId, endId).count()) {
        await edge(page, startId, endId).click({ force: true });
        await page.keyboard.press("Delete");
        await expect.poll(() => edge(page, startId, endId).count()).toBe(0);
      }

      // Start gets an input.
      await node(page, "start").click();
      const panel = page.getByTestId("node-panel");
      await panel.getByRole("button", { name: "Add input" }).click();
      await panel.getByLabel("Variable name").fill("name");
      await panel.getByLabel("Label", { exact: true }).fill("Name");
      expect(await text(node(page, "start").getByTestId("node-summary"))).toBe("name");

      // A Template node added while Start is selected lands after it, already connected.
      await page.getByRole("button", { name: "Add node" }).click();
      await page.getByTestId("node-palette").getByRole("button", { name: "Add Template" }).click();
      await node(page, "template-transform").waitFor();
      const templateId = await nodeId(page, "template-transform");
      await edge(page, startId, templateId).waitFor({ state: "attached" });

      // Undo removes the connection, then the node; redo brings both back.
      await page.getByRole("button", { name: "Undo (Ctrl+Z)" }).click();
      await page.getByRole("button", { name: "Undo (Ctrl+Z)" }).click();
      await expect.poll(() => node(page, "template-transform").count()).toBe(0);
      await page.getByRole("button", { name: "Redo (Ctrl+Shift+Z)" }).click();
      await page.getByRole("button", { name: "Redo (Ctrl+Shift+Z)" }).click();
      await expect.poll(() => node(page, "template-transform").count()).toBe(1);

      // Configure it: its variable reads Start's input (only upstream variables are offered).
      await node(page, "template-transform").click();
      const valuePicker = panel.getByLabel("Value of arg1");
      const offered = await valuePicker.locator("option").allTextContents();
      expect(offered.some((o) => o.startsWith("name"))).toBe(true);
      expect(offered.some((o) => o.startsWith("output"))).toBe(false);
      await valuePicker.selectOption(`${startId}.name`);
      await panel.getByLabel("Template", { exact: true }).fill("Hello {{ arg1 }}!");

      // Tidy up lays the graph out and fits it in view; then connect Template → End by dragging
      // between their handles.
      await panel.getByRole("button", { name: "Close node settings" }).click();
      await page.getByRole("button", { name: "Tidy up layout" }).click();
      // The view glides to fit the new layout: drag only once the handles have stopped moving.
      const target = node(page, "end").locator(".react-flow__handle.target");
      await steady(target);
      await node(page, "template-transform").locator(".react-flow__handle.source").dragTo(target);
      await edge(page, templateId, endId).waitFor({ state: "attached" });

      // End returns the template's output.
      await node(page, "end").click();
      await panel.getByRole("button", { name: "Add output" }).click();
      await panel.getByLabel("Value of result").selectOption(`${templateId}.output`);
      await expect.poll(() => text(page.getByTestId("problems-button"))).toBe("No problems");

      // Copy/paste makes a second template; deleting it leaves the graph as it was.
      await node(page, "template-transform").click();
      await page.keyboard.press("Control+c");
      await page.keyboard.press("Control+v");
      await expect.poll(() => node(page, "template-transform").count()).toBe(2);
      // The copy isn't connected, which the problems list says.
      await expect.poll(() => text(page.getByTestId("problems-button"))).toMatch(/^\d+ problems?$/);
      await page.keyboard.press("Delete");
      await expect.poll(() => node(page, "template-transform").count()).toBe(1);
      await expect.poll(() => text(page.getByTestId("problems-button"))).toBe("No problems");

      // Tidy up lays the three nodes out left to right.
      await page.getByRole("button", { name: "Tidy up layout" }).click();
      const x = async (type: string) => (await node(page, type).boundingBox())!.x;
      expect(await x("start")).toBeLessThan(await x("template-transform"));
      expect(await x("template-transform")).toBeLessThan(await x("end"));

      // Autosave: the indicator says so, and the server holds the graph as drawn.
      await waitSaved(page);
      await screenshot(page, "workflow-editor-built");
      const token = await consoleToken();
      const saved = await consoleApi(token, "GET", `/apps/${appId}/workflows/draft`);
      const savedTemplate = saved.graph.nodes.find((n: any) => n.data.type === "template-transform");
      expect(savedTemplate.data.template).toBe("Hello {{ arg1 }}!");
      expect(savedTemplate.data.variables).toEqual([{ variable: "arg1", value_selector: [startId, "name"] }]);
      expect(saved.graph.edges.map((e: any) => `${e.source}>${e.target}`).sort()).toEqual([`${startId}>${templateId}`, `${templateId}>${endId}`].sort());
      expect(saved.graph.nodes.find((n: any) => n.id === startId).data.variables[0]).toMatchObject({ variable: "name", label: "Name", type: "text-input" });

      // Test run: every node lights up green and the output is the rendered template.
      await page.getByRole("button", { name: "Test run" }).click();
      const run = page.getByTestId("run-panel");
      await run.getByLabel("Name").fill("Kiln");
      await run.getByRole("button", { name: "Run", exact: true }).click();
      await run.getByTestId("run-result").getByTestId("status-badge").first().waitFor();
      await expect.poll(() => run.getByTestId("run-result").getByTestId("status-badge").first().textContent(), { timeout: 20_000 }).toBe("succeeded");
      for (const type of ["start", "template-transform", "end"]) {
        await expect.poll(() => node(page, type).getAttribute("data-status")).toBe("succeeded");
      }
      expect(await run.getByTestId("run-node").count()).toBe(3);
      expect(JSON.parse(await text(run.getByTestId("json-outputs").last()))).toEqual({ result: "Hello Kiln!" });
      // A node's own inputs and outputs open from the list.
      await run.locator(`[data-testid="run-node"][data-node-id="${templateId}"]`).click();
      expect(await text(run.getByTestId("node-run").last())).toContain("succeeded");
      expect(await text(run.getByTestId("json-outputs").first())).toContain("Hello Kiln!");
      await screenshot(page, "workflow-editor-run");

      // The run is in the history, and its trace lists the three nodes.
      await run.getByRole("button", { name: "History" }).click();
      await run.getByTestId("run-history").locator("button").first().click();
      await run.getByTestId("run-trace").waitFor();
      await expect.poll(() => run.getByTestId("trace-row").count()).toBe(3);

      // Publish a named version.
      await page.getByRole("button", { name: "Publish", exact: true }).click();
      const publish = page.getByRole("dialog", { name: "Publish workflow" });
      await publish.getByLabel("Version name").fill("First");
      await publish.getByRole("button", { name: "Publish", exact: true }).click();
      await publish.waitFor({ state: "hidden" });
      await page.getByText("Workflow published").waitFor();
      await page.getByRole("button", { name: "Versions", exact: true }).click();
      expect(await text(page.getByTestId("version-row").first())).toContain("First");
      await screenshot(page, "workflow-editor-published");
      const versions = await consoleApi(token, "GET", `/apps/${appId}/workflows`);
      expect(versions.items[0].marked_name).toBe("First");
      await context.close();
    },
    180_000,
  );

  it("runs a Python 3 code node: the template follows the language, and the test run shows its output", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "workflow-editor-python");
    await signIn(page, admin.email, admin.password);
    await createApp(page, /Workflow/, unique("Python"));
    await node(page, "end").waitFor();
    const startId = await nodeId(page, "start");
    const endId = await nodeId(page, "end");
    if (await edge(page, startId, endId).count()) {
      await edge(page, startId, endId).click({ force: true });
      await page.keyboard.press("Delete");
      await expect.poll(() => edge(page, startId, endId).count()).toBe(0);
    }
    await node(page, "start").click();
    const panel = page.getByTestId("node-panel");
    await panel.getByRole("button", { name: "Add input" }).click();
    await panel.getByLabel("Variable name").fill("name");
    await panel.getByLabel("Label", { exact: true }).fill("Name");

    // A Code node after Start; switching it to Python 3 swaps the untouched template for Dify's.
    await page.getByRole("button", { name: "Add node" }).click();
    await page.getByTestId("node-palette").getByRole("button", { name: "Add Code" }).click();
    await node(page, "code").waitFor();
    const codeId = await nodeId(page, "code");
    await node(page, "code").click();
    await panel.getByLabel("Language").selectOption("python3");
    await expect.poll(() => panel.getByLabel("Code", { exact: true }).inputValue()).toContain("def main(arg1: str, arg2: str) -> dict:");
    await panel
      .getByLabel("Code", { exact: true })
      .fill(
        [
          "import json",
          "",
          "def main(arg1: str, arg2: str) -> dict:",
          "    if arg1 == 'boom':",
          "        raise ValueError('no boom today')",
          "    words = [w.capitalize() for w in arg1.split()]",
          `    return {"result": f"{' '.join(words)} has {len(arg1)} letters, {json.dumps(arg2)}"}`,
          "",
        ].join("\n"),
      );
    await panel.getByLabel("Value of arg1").selectOption(`${startId}.name`);
    await panel.getByLabel("Value of arg2").selectOption(`${startId}.name`);
    await panel.getByRole("button", { name: "Close node settings" }).click();

    // Code → End, and End returns the code's result.
    await page.getByRole("button", { name: "Tidy up layout" }).click();
    const target = node(page, "end").locator(".react-flow__handle.target");
    await steady(target);
    await node(page, "code").locator(".react-flow__handle.source").dragTo(target);
    await edge(page, codeId, endId).waitFor({ state: "attached" });
    await node(page, "end").click();
    await panel.getByRole("button", { name: "Add output" }).click();
    await panel.getByLabel("Value of result").selectOption(`${codeId}.result`);
    await expect.poll(() => text(page.getByTestId("problems-button"))).toBe("No problems");
    expect(await text(node(page, "code").getByTestId("node-summary"))).toContain("Python");
    await waitSaved(page);

    await page.getByRole("button", { name: "Test run" }).click();
    const run = page.getByTestId("run-panel");
    await run.getByLabel("Name").fill("kiln on the edge");
    await run.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => run.getByTestId("run-result").getByTestId("status-badge").first().textContent(), { timeout: 20_000 }).toBe("succeeded");
    await expect.poll(() => node(page, "code").getAttribute("data-status")).toBe("succeeded");
    expect(JSON.parse(await text(run.getByTestId("json-outputs").last()))).toEqual({
      result: 'Kiln On The Edge has 16 letters, "kiln on the edge"',
    });
    await screenshot(page, "workflow-editor-python");

    // A run the code fails: the node's row opens on what it was given and why it failed.
    await run.getByLabel("Name").fill("boom");
    await run.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => run.getByTestId("run-result").getByTestId("status-badge").first().textContent(), { timeout: 20_000 }).toBe("failed");
    await run.locator(`[data-testid="run-node"][data-node-id="${codeId}"]`).click();
    expect(JSON.parse(await text(run.getByTestId("json-inputs").last()))).toEqual({ arg1: "boom", arg2: "boom" });
    expect(await text(run.getByTestId("run-result"))).toContain("ValueError: no boom today");
    await screenshot(page, "workflow-editor-python-failed");
    await context.close();
  });

  it("gives a test run its files: the debugger's file inputs upload through the console and the run reads them", async () => {
    const token = await consoleToken();
    const created = await consoleApi(token, "POST", "/apps", { name: unique("Reader"), mode: "workflow" });
    const draft = await consoleApi(token, "GET", `/apps/${created.id}/workflows/draft`);
    const at = (x: number) => ({ x, y: 200 });
    await consoleApi(token, "POST", `/apps/${created.id}/workflows/draft`, {
      graph: {
        nodes: [
          {
            id: "start",
            type: "custom",
            position: at(0),
            data: {
              type: "start",
              title: "Start",
              variables: [{ variable: "notes", label: "Notes", type: "file", required: true, allowed_file_types: ["document"], allowed_file_upload_methods: ["local_file"] }],
            },
          },
          { id: "read", type: "custom", position: at(300), data: { type: "document-extractor", title: "Read", variable_selector: ["start", "notes"], is_array_file: false } },
          {
            id: "end",
            type: "custom",
            position: at(600),
            data: { type: "end", title: "End", outputs: [{ variable: "text", value_selector: ["read", "text"], value_type: "string" }] },
          },
        ],
        edges: [
          { id: "e1", source: "start", target: "read", sourceHandle: "source", targetHandle: "target" },
          { id: "e2", source: "read", target: "end", sourceHandle: "source", targetHandle: "target" },
        ],
      },
      features: {},
      environment_variables: [],
      conversation_variables: [],
      hash: draft.hash,
    });
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "workflow-editor-files");
    await signIn(page, admin.email, admin.password);
    await page.goto(`/apps/${created.id}/workflow`);
    await node(page, "document-extractor").waitFor();
    await page.getByRole("button", { name: "Test run" }).click();
    const run = page.getByTestId("run-panel");
    await run.getByRole("button", { name: "Run", exact: true }).click();
    await run.getByText("Notes is required.").waitFor();
    await run.locator('input[type="file"][name="notes"]').setInputFiles({ name: "notes.md", mimeType: "text/markdown", buffer: Buffer.from("# Bisque\n\nFire to cone 04.") });
    await run.getByRole("list", { name: "Files for Notes" }).getByText(/uploaded/).waitFor();
    await run.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => run.getByTestId("run-result").getByTestId("status-badge").first().textContent(), { timeout: 20_000 }).toBe("succeeded");
    expect(JSON.parse(await text(run.getByTestId("json-outputs").last()))).toEqual({ text: "# Bisque\n\nFire to cone 04." });
    await screenshot(page, "workflow-editor-files");
    await context.close();
  });

  it("shows an MCP agent strategy's server in the agent node's panel, and saves an edit of it", async () => {
    const token = await consoleToken();
    const created = await consoleApi(token, "POST", "/apps", { name: unique("MCP agent"), mode: "workflow" });
    const draft = await consoleApi(token, "GET", `/apps/${created.id}/workflows/draft`);
    const at = (x: number) => ({ x, y: 200 });
    const constant = (value: unknown) => ({ type: "constant", value });
    await consoleApi(token, "POST", `/apps/${created.id}/workflows/draft`, {
      graph: {
        nodes: [
          { id: "start", type: "custom", position: at(0), data: { type: "start", title: "Start", variables: [{ variable: "q", label: "Q", type: "text-input", required: true }] } },
          {
            id: "agent",
            type: "custom",
            position: at(300),
            data: {
              type: "agent",
              title: "Agent",
              agent_strategy_provider_name: "hjlarry/agent/mcp_agent",
              agent_strategy_name: "function_calling",
              agent_strategy_label: "FunctionCalling",
              agent_parameters: {
                model: constant({ provider: "langgenius/openai/openai", model: "gpt-4o-mini", model_type: "llm", mode: "chat", completion_params: {} }),
                tools: constant([]),
                instruction: constant("Use the weather server."),
                query: { type: "mixed", value: "{{#start.q#}}" },
                mcp_server: constant("https://mcp.example.com/sse"),
              },
            },
          },
          { id: "end", type: "custom", position: at(600), data: { type: "end", title: "End", outputs: [{ variable: "answer", value_selector: ["agent", "text"], value_type: "string" }] } },
        ],
        edges: [
          { id: "e1", source: "start", target: "agent", sourceHandle: "source", targetHandle: "target" },
          { id: "e2", source: "agent", target: "end", sourceHandle: "source", targetHandle: "target" },
        ],
      },
      features: {},
      environment_variables: [],
      conversation_variables: [],
      hash: draft.hash,
    });
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "workflow-editor-mcp-agent");
    await signIn(page, admin.email, admin.password);
    await page.goto(`/apps/${created.id}/workflow`);
    await node(page, "agent").click();
    const panel = page.getByTestId("node-panel");
    // The plugin's strategy runs as Kiln's function calling: no "not supported" warning.
    expect(await panel.getByLabel("Agent strategy").inputValue()).toBe("function_calling");
    expect(await panel.getByText("does not run in Kiln").count()).toBe(0);
    const server = panel.getByLabel("MCP server URL");
    expect(await server.inputValue()).toBe("https://mcp.example.com/sse");
    await server.fill("https://weather.example.com/sse");
    await waitSaved(page);
    await screenshot(page, "workflow-editor-mcp-agent");
    const saved = await consoleApi(token, "GET", `/apps/${created.id}/workflows/draft`);
    const agent = saved.graph.nodes.find((n: { id: string }) => n.id === "agent");
    expect(agent.data.agent_strategy_provider_name).toBe("hjlarry/agent/mcp_agent");
    expect(agent.data.agent_parameters.mcp_server).toEqual({ type: "constant", value: "https://weather.example.com/sse" });
    await context.close();
  });

  it("refuses to publish a broken graph and shows what is wrong on the node", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "workflow-editor-problems");
    await signIn(page, admin.email, admin.password);
    await createApp(page, /Workflow/, unique("Broken"));
    await node(page, "end").waitFor();

    // An HTTP request with no URL, dangling after Start: both are reported and the node is flagged.
    await node(page, "start").click();
    await page.getByRole("button", { name: "Add node" }).click();
    await page.getByTestId("node-palette").getByRole("button", { name: "Add HTTP request" }).click();
    await page.getByTestId("node-panel").getByTestId("node-problems").getByText("Enter the URL.").waitFor();
    await page.getByTestId("problems-button").click();
    expect(await page.getByTestId("problems-list").getByTestId("problem").allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining("Enter the URL.")]));
    await waitSaved(page);

    // The server's check refuses it too, and its problems are listed in the dialog.
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    const publish = page.getByRole("dialog", { name: "Publish workflow" });
    await publish.getByText(/The editor found \d+ problem/).waitFor();
    await publish.getByRole("button", { name: "Publish", exact: true }).click();
    await publish.getByText("Couldn't publish").waitFor();
    await screenshot(page, "workflow-editor-refused");
    await context.close();
  });

  it("opens a new chatflow on its canvas with Start → LLM → Answer, and sets its features", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "workflow-editor-chatflow");
    await signIn(page, admin.email, admin.password);
    const appId = await createApp(page, /Chatflow/, unique("Helpdesk"));
    for (const type of ["start", "llm", "answer"]) await node(page, type).waitFor();
    await page.getByRole("button", { name: "Conversation variables" }).waitFor();

    // Dify's Features panel: opening statement, starter questions, the switches, the voice.
    await page.getByRole("button", { name: "Features", exact: true }).click();
    const features = page.getByRole("dialog", { name: "Features" });
    await features.getByLabel("Opening statement").fill("Hello! Ask me about kilns.");
    await features.getByRole("button", { name: "Add question" }).click();
    await features.getByLabel("Starter question 1", { exact: true }).fill("What is cone 6?");
    await features.getByLabel("Speech to text").check();
    await features.getByLabel("Text to speech").check();
    await features.getByLabel("File upload").check();
    // Which files a message may carry: images and documents, five, from the device only.
    const files = features.getByTestId("file-upload-options");
    await files.getByLabel("Documents").check();
    await files.getByLabel("Files per message").fill("5");
    await files.getByLabel("From a link").uncheck();
    // The last method left cannot be unticked.
    await expect.poll(() => files.getByLabel("From the device").isDisabled()).toBe(true);
    await features.getByLabel("Voice").selectOption("nova");
    await screenshot(page, "workflow-editor-features");
    await features.getByRole("button", { name: "Save", exact: true }).click();
    await features.waitFor({ state: "hidden" });
    await waitSaved(page);
    const token = await consoleToken();
    await expect
      .poll(async () => (await consoleApi(token, "GET", `/apps/${appId}/workflows/draft`)).features)
      .toMatchObject({
        opening_statement: "Hello! Ask me about kilns.",
        suggested_questions: ["What is cone 6?"],
        speech_to_text: { enabled: true },
        text_to_speech: { enabled: true, voice: "nova" },
        file_upload: {
          enabled: true,
          allowed_file_types: ["image", "document"],
          allowed_file_upload_methods: ["local_file"],
          number_limits: 5,
          image: { enabled: true, number_limits: 5, transfer_methods: ["local_file"] },
        },
        suggested_questions_after_answer: { enabled: false },
      });

    await page.getByRole("button", { name: "Test run" }).click();
    await page.getByTestId("run-panel").getByLabel("Message").waitFor();
    await context.close();
  });
});
