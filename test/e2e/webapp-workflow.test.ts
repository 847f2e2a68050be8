// The public workflow page in a real browser against `wrangler dev`: a workflow app built and
// published through the console API, then run by an anonymous visitor: the form, the steps as
// they finish, Markdown and JSON outputs, and a CSV batch (template, row-by-row problems, results).
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { consoleApiFor, launchBrowser, newContext, screenshot, screenshotOnFailure } from "./support/browser";

const url = inject("kilnUrl");
const admin = inject("kilnAdmin");

const consoleApi = consoleApiFor(url);

const node = (id: string, title: string, data: Record<string, unknown>, x: number) => ({
  id,
  type: "custom",
  position: { x, y: 200 },
  data: { title, desc: "", ...data },
});
const edge = (source: string, target: string) => ({
  id: `${source}-source-${target}-target`,
  source,
  target,
  sourceHandle: "source",
  targetHandle: "target",
  type: "custom",
});

/** start(topic, count) → Write notes (template) and Measure (code) → End(notes, meta). */
const GRAPH = {
  nodes: [
    node(
      "start",
      "Start",
      {
        type: "start",
        variables: [
          { variable: "topic", label: "Topic", type: "text-input", required: true, max_length: 40 },
          { variable: "count", label: "How many points", type: "number", required: false },
        ],
      },
      0,
    ),
    node(
      "notes",
      "Write notes",
      {
        type: "template-transform",
        template: "# Notes on {{ topic }}\n\n**{{ count or 1 }}** point(s) about {{ topic }}.",
        variables: [
          { variable: "topic", value_selector: ["start", "topic"] },
          { variable: "count", value_selector: ["start", "count"] },
        ],
      },
      300,
    ),
    node(
      "measure",
      "Measure",
      {
        type: "code",
        code_language: "javascript",
        code: "function main({ topic }) { return { meta: { topic, letters: topic.length } }; }",
        variables: [{ variable: "topic", value_selector: ["start", "topic"] }],
        outputs: { meta: { type: "object", children: null } },
      },
      300,
    ),
    node(
      "end",
      "End",
      {
        type: "end",
        outputs: [
          { variable: "notes", value_selector: ["notes", "output"], value_type: "string" },
          { variable: "meta", value_selector: ["measure", "meta"], value_type: "object" },
        ],
      },
      600,
    ),
  ],
  edges: [edge("start", "notes"), edge("start", "measure"), edge("notes", "end"), edge("measure", "end")],
};

/** Creates a workflow or chatflow app with `graph`, publishes it and returns its site code. */
async function publishedWorkflowApp(token: string, app: Record<string, unknown>, graph: unknown) {
  const created = await consoleApi(token, "POST", "/apps", app);
  const draft = await consoleApi(token, "GET", `/apps/${created.id}/workflows/draft`);
  await consoleApi(token, "POST", `/apps/${created.id}/workflows/draft`, {
    graph,
    features: {},
    environment_variables: [],
    conversation_variables: [],
    hash: draft.hash,
  });
  await consoleApi(token, "POST", `/apps/${created.id}/workflows/publish`, { marked_name: "e2e" });
  const full = await consoleApi(token, "GET", `/apps/${created.id}`);
  return { id: created.id as string, code: full.site.code as string };
}

describe("the public workflow page", () => {
  let browser: Browser;
  let token: string;
  let app: { id: string; code: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    const login = await fetch(`${url}/console/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    token = (await login.json()).data.access_token as string;
    app = await publishedWorkflowApp(token, { name: "Study notes", mode: "workflow", description: "Short notes on any topic.", icon: "📝" }, GRAPH);
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(): Promise<Page> {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    return page;
  }

  it("runs once: the form is checked, steps show as they finish, outputs render as Markdown and JSON", async () => {
    const page = await open();
    screenshotOnFailure(page, "webapp-workflow-once");
    // The chat path of a workflow app leads to its workflow page.
    await page.goto(`/chat/${app.code}`);
    await page.waitForURL(`**/workflow/${app.code}`);
    await page.getByRole("heading", { name: "Study notes" }).waitFor();
    expect(await page.getByText("Short notes on any topic.").isVisible()).toBe(true);
    expect(await page.getByText("Fill in the form and press Run.").isVisible()).toBe(true);

    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByText("Topic is required.").waitFor();

    await page.getByLabel(/Topic/).fill("Glazes");
    await page.getByLabel(/How many points/).fill("3");
    await page.getByRole("button", { name: "Run", exact: true }).click();

    const result = page.getByTestId("workflow-result");
    await result.getByTestId("workflow-outputs").waitFor();
    expect(await result.locator("h1", { hasText: "Notes on Glazes" }).count()).toBe(1);
    expect(await result.locator("strong", { hasText: "3" }).count()).toBe(1);
    const json = JSON.parse((await result.locator("pre").first().textContent()) ?? "{}");
    expect(json).toEqual({ topic: "Glazes", letters: 6 });

    // Every step that ran is listed by title, all finished.
    await result.getByText(/Steps \(\d+\)/).click();
    const steps = result.getByTestId("workflow-step");
    expect(await steps.count()).toBe(4);
    for (const title of ["Start", "Write notes", "Measure", "End"]) {
      expect(await steps.filter({ hasText: title }).getAttribute("data-status")).toBe("succeeded");
    }
    await result.getByRole("button", { name: "Copy notes" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("# Notes on Glazes");
    await screenshot(page, "webapp-workflow-result");
    await page.context().close();
  });

  it("runs a CSV batch: template, problems named by row and column, per-row results, results download", async () => {
    const page = await open();
    screenshotOnFailure(page, "webapp-workflow-batch");
    await page.goto(`/workflow/${app.code}`);
    await page.getByRole("tab", { name: "Run batch" }).click();

    const [template] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download template" }).click()]);
    const templateText = (await readFile((await template.path()) as string, "utf8")).replace(/^\ufeff/, "");
    expect(templateText.split(/\r?\n/)[0]).toBe("topic,count");

    const csvFile = page.getByLabel("CSV file");
    await csvFile.setInputFiles({
      name: "bad.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("topic,count\nClay,2\n,1\nKilns,many\n"),
    });
    const problems = page.getByTestId("batch-problems");
    await problems.waitFor();
    expect(await problems.textContent()).toContain('Row 3, column "topic": Topic is required.');
    expect(await problems.textContent()).toContain('Row 4, column "count": How many points must be a number.');
    expect(await page.getByRole("button", { name: "Run batch" }).count()).toBe(0);

    await csvFile.setInputFiles({
      name: "topics.csv",
      mimeType: "text/csv",
      buffer: Buffer.from('topic,count\nClay,2\nKilns,1\n"Slips, and engobes",4\nGlazes,\n'),
    });
    await page.getByText("topics.csv").waitFor();
    await page.getByRole("button", { name: "Run batch" }).click();
    await page.getByText("4 of 4 finished").waitFor({ timeout: 60_000 });
    const table = page.getByTestId("batch-results");
    expect(await table.getByText("Done", { exact: true }).count()).toBe(4);
    expect(await table.getByText(/Notes on Slips, and engobes/).count()).toBe(1);
    await screenshot(page, "webapp-workflow-batch");

    const [results] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download results" }).click()]);
    const lines = (await readFile((await results.path()) as string, "utf8")).replace(/^\ufeff/, "").split("\r\n");
    expect(lines[0]).toBe("topic,count,status,error,notes,meta");
    expect(lines[1]).toMatch(/^Clay,2,succeeded,,/);
    await page.context().close();
  });

  it("takes the visitor's files: picked, uploaded as they are chosen, refused by type, and read by the run", async () => {
    const reader = await publishedWorkflowApp(token, { name: "File reader", mode: "workflow", icon: "📄" }, {
      nodes: [
        node(
          "start",
          "Start",
          {
            type: "start",
            variables: [
              { variable: "report", label: "Report", type: "file", required: true, allowed_file_types: ["document"], allowed_file_upload_methods: ["local_file"] },
              {
                variable: "scripts",
                label: "Scripts",
                type: "file-list",
                required: false,
                max_length: 2,
                allowed_file_types: ["custom"],
                allowed_file_extensions: [".py"],
                allowed_file_upload_methods: ["local_file"],
              },
              { variable: "manual", label: "Manual", type: "file", required: false, allowed_file_types: ["document"], allowed_file_upload_methods: ["remote_url"] },
            ],
          },
          0,
        ),
        node("read", "Read report", { type: "document-extractor", variable_selector: ["start", "report"], is_array_file: false }, 300),
        node("readAll", "Read scripts", { type: "document-extractor", variable_selector: ["start", "scripts"], is_array_file: true }, 600),
        node(
          "end",
          "End",
          {
            type: "end",
            outputs: [
              { variable: "report", value_selector: ["read", "text"], value_type: "string" },
              { variable: "scripts", value_selector: ["readAll", "text"], value_type: "array[string]" },
              { variable: "manual", value_selector: ["start", "manual"], value_type: "file" },
            ],
          },
          900,
        ),
      ],
      edges: [edge("start", "read"), edge("read", "readAll"), edge("readAll", "end")],
    });
    const page = await open();
    screenshotOnFailure(page, "webapp-workflow-files");
    await page.goto(`/workflow/${reader.code}`);
    await page.getByRole("heading", { name: "File reader" }).waitFor();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByText("Report is required.").waitFor();

    const file = (name: string, text: string) => ({ name, mimeType: "text/plain", buffer: Buffer.from(text) });
    // A script is not a document: refused in the page, nothing uploaded.
    await page.locator('input[type="file"][name="report"]').setInputFiles(file("notes.py", "print(1)"));
    await page.getByText("Report doesn't take this kind of file.").waitFor();
    await page.locator('input[type="file"][name="report"]').setInputFiles(file("report.md", "# Kiln report\n\nCone 6 firing went well."));
    const reports = page.getByRole("list", { name: "Files for Report" });
    await reports.getByText("report.md").waitFor();
    await reports.getByText(/uploaded/).waitFor();
    expect(await reports.getByRole("listitem").count()).toBe(1);
    await page.locator('input[type="file"][name="scripts"]').setInputFiles([file("glaze.py", "print('glaze')"), file("fire.py", "print('fire')")]);
    const scripts = page.getByRole("list", { name: "Files for Scripts" });
    await expect.poll(() => scripts.getByText(/uploaded/).count()).toBe(2);
    // An input that takes links only: no picker, a link box; the run gets the file by its link.
    const manualLink = page.getByLabel("Link to a file for Manual");
    await manualLink.fill("https://example.com/specs/kiln-manual.pdf");
    await page.getByRole("button", { name: "Add link" }).click();
    await page.getByRole("list", { name: "Files for Manual" }).getByText("Link · fetched when the app runs").waitFor();
    // (Report has its file and Scripts is full, so a "Choose file" button could only be Manual's.)
    expect(await page.getByRole("button", { name: "Choose file" }).count()).toBe(0);
    await screenshot(page, "webapp-workflow-files");

    await page.getByRole("button", { name: "Run", exact: true }).click();
    const result = page.getByTestId("workflow-result");
    await result.getByTestId("workflow-outputs").waitFor();
    await result.getByText("Cone 6 firing went well.").waitFor();
    const outputs = (await result.getByTestId("workflow-outputs").textContent()) ?? "";
    expect(outputs).toContain("print('glaze')");
    expect(outputs).toContain("print('fire')");
    expect(outputs).toContain("https://example.com/specs/kiln-manual.pdf");
    expect(outputs).toContain("kiln-manual.pdf");
    await screenshot(page, "webapp-workflow-files-result");
    await page.context().close();
  });

  it("sends a chatflow app's visitors to the chat page, where the workflow answers with a chart drawn from Dify's echarts tool", async () => {
    const mixed = (value: string) => ({ type: "mixed", value });
    const chatflow = await publishedWorkflowApp(token, { name: "Echo flow", mode: "advanced-chat", icon: "🔁" }, {
      nodes: [
        node("start", "Start", { type: "start", variables: [] }, 0),
        node(
          "chart",
          "Bar Chart",
          {
            type: "tool",
            provider_id: "langgenius/echarts/echarts",
            provider_name: "langgenius/echarts/echarts",
            provider_type: "builtin",
            tool_name: "bar_chart",
            tool_parameters: { title: mixed("Sales"), x_axis: mixed("Q1;Q2;Q3"), data: mixed("5;20;36") },
            tool_configurations: {},
          },
          300,
        ),
        node("answer", "Answer", { type: "answer", answer: "Echo: {{#sys.query#}}\n\n{{#chart.text#}}" }, 600),
      ],
      edges: [edge("start", "chart"), edge("chart", "answer")],
    });
    const page = await open();
    screenshotOnFailure(page, "webapp-chatflow");
    await page.goto(`/workflow/${chatflow.code}`);
    await page.waitForURL(`**/chat/${chatflow.code}`);
    await page.getByLabel("Message").fill("kiln wash");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const answer = page.getByTestId("assistant-message").last();
    await answer.getByText("Echo: kiln wash").waitFor();
    // The tool's ```echarts block is drawn as its chart: a title and one bar per value.
    const chart = answer.getByTestId("echarts-chart");
    await chart.waitFor();
    expect(await chart.locator("figcaption").textContent()).toBe("Sales");
    await chart.locator(".recharts-bar-rectangle").nth(2).waitFor();
    expect(await chart.locator(".recharts-bar-rectangle").count()).toBe(3);
    expect(await chart.locator(".recharts-cartesian-axis-tick-value").allTextContents()).toEqual(expect.arrayContaining(["Q1", "Q2", "Q3"]));
    await screenshot(page, "webapp-chatflow-echarts");
    await page.context().close();
  });

  it("tells the visitor when the link is wrong", async () => {
    const page = await open();
    await page.goto("/workflow/not-a-real-code");
    await page.getByText("App not found").waitFor();
    await page.context().close();
  });
});
