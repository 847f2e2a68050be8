// Human Input forms with file inputs (Dify 1.15+) in a real browser against `wrangler dev`: a run
// pauses at a form that asks for a text file; the visitor attaches one on the workflow page (the
// page uploads it with the form's upload token), a file of the wrong kind is refused before it is
// sent, and the run goes on to read the file with a Document Extractor. The same form on its own
// page (no passport) takes a file too.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import YAML from "yaml";
import { consoleApiFor, consoleToken, launchBrowser, newContext, screenshot, screenshotOnFailure, text } from "./support/browser";

const url = inject("kilnUrl");
const admin = inject("kilnAdmin");
const consoleApi = consoleApiFor(url);

const node = (id: string, title: string, data: Record<string, unknown>, x: number) => ({ id, type: "custom", position: { x, y: 200 }, data: { title, desc: "", ...data } });
const edge = (source: string, target: string, sourceHandle = "source") => ({ id: `${source}-${sourceHandle}-${target}`, source, target, sourceHandle, targetHandle: "target", type: "custom" });

const DSL = YAML.stringify({
  version: "0.6.0",
  kind: "app",
  app: { name: "Kiln log intake", mode: "workflow", icon: "🔥", icon_background: "#FFEAD5" },
  workflow: {
    features: {},
    graph: {
      nodes: [
        node("start", "Start", { type: "start", variables: [] }, 0),
        node(
          "review",
          "Firing log",
          {
            type: "human-input",
            form_content: "Attach the firing log as a text file:\n\n{{#$output.log#}}",
            inputs: [{ type: "file", output_variable_name: "log", allowed_file_types: ["custom"], allowed_file_extensions: [".txt"], allowed_file_upload_methods: ["local_file"] }],
            user_actions: [{ id: "send", title: "Send log", button_style: "primary" }],
            timeout: 1,
            timeout_unit: "hour",
            delivery_methods: [{ id: "d1", type: "webapp", enabled: true }],
          },
          300,
        ),
        node("extract", "Read log", { type: "document-extractor", variable_selector: ["review", "log"], is_array_file: false }, 600),
        node("end", "End", { type: "end", outputs: [{ variable: "log_text", value_selector: ["extract", "text"], value_type: "string" }] }, 900),
      ],
      edges: [edge("start", "review"), edge("review", "extract", "send"), edge("extract", "end")],
    },
  },
});

const txt = (name: string, body: string) => ({ name, mimeType: "text/plain", buffer: Buffer.from(body) });

describe("Human Input file inputs", () => {
  let browser: Browser;
  let code = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    const token = await consoleToken(url, admin.email, admin.password);
    const imported = await consoleApi(token, "POST", "/apps/imports", { mode: "yaml-content", yaml_content: DSL });
    expect(imported.status).toBe("completed");
    await consoleApi(token, "POST", `/apps/${imported.app_id}/workflows/publish`, { marked_name: "e2e" });
    code = (await consoleApi(token, "GET", `/apps/${imported.app_id}`)).site.code;
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function runToForm(): Promise<Page> {
    const page = await (await newContext(browser, url)).newPage();
    await page.goto(`/workflow/${code}`);
    await page.getByRole("heading", { name: "Kiln log intake" }).waitFor();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByTestId("workflow-result").getByTestId("human-input-form").waitFor();
    return page;
  }

  it("attaches a file to a paused run's form on the workflow page, and the run reads it", async () => {
    const page = await runToForm();
    screenshotOnFailure(page, "hitl-files-webapp");
    const form = page.getByTestId("workflow-result").getByTestId("human-input-form");
    await form.getByText("Attach the firing log as a text file:").waitFor();

    // Sending without the file is stopped here; a file of another kind is refused before upload.
    await form.getByRole("button", { name: "Send log" }).click();
    await form.getByText("log is required.").waitFor();
    await form.locator("input[type=file][name=log]").setInputFiles(txt("glaze.md", "# not a log"));
    await form.getByText("log doesn't take this kind of file.").waitFor();

    await form.locator("input[type=file][name=log]").setInputFiles(txt("firing-0412.txt", "Cone 10 reached at 02:40; held 15 minutes."));
    await form.getByText(/· uploaded$/).waitFor();
    await screenshot(page, "hitl-files-webapp-form");
    await form.getByRole("button", { name: "Send log" }).click();

    const result = page.getByTestId("workflow-result");
    await result.getByTestId("workflow-outputs").waitFor();
    await result.getByText("Cone 10 reached at 02:40; held 15 minutes.").waitFor();
    await screenshot(page, "hitl-files-webapp-result");
    await page.context().close();
  });

  it("takes a file on the form's own page, which has no passport", async () => {
    const page = await runToForm();
    const link = (await page.getByTestId("form-link").getAttribute("href")) ?? "";
    const other = await (await newContext(browser, url)).newPage();
    screenshotOnFailure(other, "hitl-files-form-page");
    await other.goto(link);
    const form = other.getByTestId("human-input-form");
    await form.getByText("Attach the firing log as a text file:").waitFor();
    await form.locator("input[type=file][name=log]").setInputFiles(txt("firing-0413.txt", "Cooled overnight."));
    await form.getByText(/· uploaded$/).waitFor();
    await other.getByRole("button", { name: "Send log" }).click();
    await other.getByText("Submitted — the workflow goes on").waitFor();
    expect(await text(other.getByTestId("form-submitted"))).toContain("You chose “Send log”.");
    await screenshot(other, "hitl-files-form-page-submitted");
    await other.context().close();
    await page.context().close();
  });
});
