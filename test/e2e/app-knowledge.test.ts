// Knowledge in the app studio, in a real browser against `wrangler dev`: a knowledge base with one
// indexed document (set up through the console API), attached to a chatbot in the Prompt IDE's
// Knowledge section; the debugger's answer cites the document, and so does the published WebApp,
// also for the conversation reloaded from its history. Then a text generator that searches with
// one of its input variables, in the debugger and on its public page.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { consoleApiFor, launchBrowser, newContext, screenshot, screenshotOnFailure, signIn, text } from "./support/browser";

const url = inject("kilnUrl");
const admin = inject("kilnAdmin");
const suffix = Date.now().toString(36);

const HANDBOOK = `# Travel policy

## Hotels
Employees may book hotels up to 180 euros per night in Paris and 140 euros elsewhere.

## Trains
First class train tickets are allowed for journeys longer than four hours.

## Meals
The daily meal allowance is 45 euros, receipts required.
`;

const consoleApi = consoleApiFor(url);

async function signInApi(): Promise<string> {
  const login = await fetch(`${url}/console/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  return ((await login.json()) as { data: { access_token: string } }).data.access_token;
}

/** A knowledge base holding the travel handbook, once its document is indexed. */
async function newHandbook(token: string): Promise<{ id: string; name: string }> {
  const name = `Travel handbook ${suffix}`;
  const dataset = await consoleApi(token, "POST", "/datasets", { name, description: "Company travel rules", indexing_technique: "high_quality" });
  const added = await consoleApi(token, "POST", `/datasets/${dataset.id}/documents/text`, {
    name: "travel-policy",
    text: HANDBOOK,
    indexing_technique: "high_quality",
  });
  // Indexing runs on the queue; poll its status (expect.poll only works inside a test).
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await consoleApi(token, "GET", `/datasets/${dataset.id}/documents/${added.document.id}/indexing-status`);
    if (status.indexing_status === "completed") return { id: dataset.id, name };
    if (status.indexing_status === "error" || Date.now() > deadline) throw new Error(`indexing did not complete: ${JSON.stringify(status)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Attaches a knowledge base through the Knowledge section's picker and waits for the autosave. */
async function attachKnowledge(page: Page, datasetName: string, shot: string) {
  const section = page.getByTestId("knowledge-section");
  await section.getByRole("button", { name: "Add", exact: true }).click();
  const picker = page.getByRole("dialog", { name: "Add knowledge" });
  const option = picker.getByTestId("knowledge-option").filter({ hasText: datasetName });
  await option.click();
  expect(await option.getByRole("checkbox").isChecked()).toBe(true);
  await screenshot(page, `${shot}-picker`);
  await picker.getByRole("button", { name: "Save", exact: true }).click();
  await picker.waitFor({ state: "hidden" });
  await section.getByTestId("attached-knowledge").filter({ hasText: datasetName }).waitFor();
  await page.getByTestId("save-indicator").getByText(/Saved ·/).waitFor();
  // The settings panel scrolls on its own: bring the section to its top for the screenshots.
  await section.evaluate((el) => el.scrollIntoView({ block: "start" }));
}

async function publish(page: Page) {
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: /Publish version 1/ });
  await dialog.getByRole("button", { name: "Publish", exact: true }).click();
  await dialog.waitFor({ state: "hidden" });
  await page.getByTestId("published-version").getByText(/Live: version 1/).waitFor();
}

/** Opens the chip of `document` under the last answer and returns the passages panel. */
async function openCitation(page: Page, document: string) {
  const citations = page.getByTestId("citations").last();
  const chip = citations.getByTestId("citation-chip").filter({ hasText: document });
  await chip.waitFor();
  await chip.click();
  const panel = citations.getByTestId("citation-panel");
  await panel.waitFor();
  return panel;
}

describe("apps that answer from knowledge", () => {
  let browser: Browser;
  let token: string;
  let handbook: { id: string; name: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    token = await signInApi();
    handbook = await newHandbook(token);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(
    "attaches a knowledge base to a chatbot and shows the cited document in the debugger and the WebApp",
    async () => {
      const app = await consoleApi(token, "POST", "/apps", { name: `Travel desk ${suffix}`, mode: "chat" });
      const context = await newContext(browser, url);
      const page = await context.newPage();
      screenshotOnFailure(page, "knowledge-chat");
      await signIn(page, admin.email, admin.password);
      await page.goto(`/apps/${app.id}/configuration`);
      await page.getByRole("textbox", { name: "Prompt" }).fill("You answer questions about the company travel policy.");

      // Nothing attached yet: the section only offers to add.
      const section = page.getByTestId("knowledge-section");
      await section.getByText("Ground answers on your documents").waitFor();
      await attachKnowledge(page, handbook.name, "knowledge-chat");
      // Attaching the first knowledge base turns citations on; the settings start at Dify's defaults.
      expect(await section.getByRole("switch", { name: "Citations" }).getAttribute("aria-checked")).toBe("true");
      expect(await section.getByLabel("Top K", { exact: true }).inputValue()).toBe("4");
      expect(await text(section.getByTestId("context-hint"))).toContain("{{#context#}}");
      expect(await text(section.getByTestId("attached-knowledge"))).toContain("1 document");
      await screenshot(page, "knowledge-chat-section");
      // The draft autosaves a moment after the last edit.
      const draft = async () => (await consoleApi(token, "GET", `/apps/${app.id}/model-config`)).model_config;
      await expect
        .poll(async () => (await draft()).dataset_configs?.datasets?.datasets, { timeout: 15_000 })
        .toEqual([{ dataset: { enabled: true, id: handbook.id } }]);
      expect((await draft()).retriever_resource.enabled).toBe(true);

      // The debugger's answer cites the document; its chip opens the passage with its score.
      await page.getByLabel("Message").fill("How much can I spend on a hotel in Paris?");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await expect.poll(() => page.getByTestId("debug-answer").last().getAttribute("data-status"), { timeout: 30_000 }).toBe("done");
      const panel = await openCitation(page, "travel-policy");
      expect(await text(panel)).toContain("euros");
      expect(await text(panel.getByTestId("citation-passage").first())).toMatch(/Score \d\.\d\d/);
      await screenshot(page, "knowledge-chat-debugger");

      await publish(page);
      const code = (await consoleApi(token, "GET", `/apps/${app.id}`)).site.code as string;
      await context.close();

      // The WebApp, as an anonymous visitor: the answer cites the document too.
      const visitor = await newContext(browser, url);
      const webapp = await visitor.newPage();
      screenshotOnFailure(webapp, "knowledge-chat-webapp");
      await webapp.goto(`/chat/${code}`);
      await webapp.getByLabel("Message").fill("What is the daily meal allowance?");
      await webapp.getByRole("button", { name: "Send", exact: true }).click();
      await webapp.getByRole("button", { name: "Like", exact: true }).waitFor({ timeout: 30_000 });
      const webPanel = await openCitation(webapp, "travel-policy");
      expect(await text(webPanel)).toContain("euros");
      await screenshot(webapp, "knowledge-chat-webapp");

      // Reloaded, the conversation comes from the message list, citations included.
      await webapp.waitForURL(/[?&]c=/);
      await webapp.reload();
      await webapp.getByTestId("assistant-message").last().getByTestId("citation-chip").filter({ hasText: "travel-policy" }).waitFor();
      await screenshot(webapp, "knowledge-chat-webapp-history");
      await visitor.close();
    },
    180_000,
  );

  it(
    "searches a text generator's knowledge with its query variable, in the debugger and on the completion page",
    async () => {
      const app = await consoleApi(token, "POST", "/apps", { name: `Policy lookup ${suffix}`, mode: "completion" });
      const draft = (await consoleApi(token, "GET", `/apps/${app.id}/model-config`)).model_config;
      await consoleApi(token, "POST", `/apps/${app.id}/model-config`, {
        ...draft,
        pre_prompt: "Answer {{question}} using only this policy: {{#context#}}",
        user_input_form: [
          { select: { variable: "tone", label: "Tone", required: false, options: ["Formal", "Casual"] } },
          { "text-input": { variable: "department", label: "Department", required: false, max_length: 48 } },
          { "text-input": { variable: "question", label: "Question", required: true, max_length: 200 } },
        ],
      });

      const context = await newContext(browser, url);
      const page = await context.newPage();
      screenshotOnFailure(page, "knowledge-completion");
      await signIn(page, admin.email, admin.password);
      await page.goto(`/apps/${app.id}/configuration`);
      await attachKnowledge(page, handbook.name, "knowledge-completion");
      const section = page.getByTestId("knowledge-section");
      // The first free-text input is proposed; the author picks the one that holds the question.
      const query = section.getByLabel("Query variable");
      expect(await query.inputValue()).toBe("department");
      await query.selectOption("question");
      expect(await text(section.getByTestId("context-hint"))).toContain("The prompt places the retrieved passages");
      await page.getByTestId("save-indicator").getByText(/Saved ·/).waitFor();
      await screenshot(page, "knowledge-completion-section");
      expect((await consoleApi(token, "GET", `/apps/${app.id}/model-config`)).model_config.dataset_query_variable).toBe("question");

      await page.getByTestId("debug-inputs").getByLabel("Question").fill("first class train tickets");
      await page.getByRole("button", { name: "Run", exact: true }).click();
      const panel = await openCitation(page, "travel-policy");
      expect(await text(panel)).toContain("train");
      await screenshot(page, "knowledge-completion-debugger");
      await publish(page);
      const code = (await consoleApi(token, "GET", `/apps/${app.id}`)).site.code as string;
      await context.close();

      const visitor = await newContext(browser, url);
      const webapp = await visitor.newPage();
      screenshotOnFailure(webapp, "knowledge-completion-webapp");
      await webapp.goto(`/completion/${code}`);
      await webapp.getByLabel(/Question/).fill("hotel budget in Paris");
      await webapp.getByRole("button", { name: "Generate" }).click();
      const webPanel = await openCitation(webapp, "travel-policy");
      expect(await text(webPanel)).toContain("euros");
      await screenshot(webapp, "knowledge-completion-webapp");
      await visitor.close();
    },
    180_000,
  );
});
