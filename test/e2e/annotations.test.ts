// Annotations in a real browser against `wrangler dev`: a visitor asks the WebApp, the team
// improves the logged answer from the log drawer, turns annotation reply on, and the visitor's
// next question is answered from the annotation, with no model call. Plus the Annotations page:
// an import refused row by row, then a good file, search, edit and the hit history.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { consoleApiFor, launchBrowser, newContext, screenshot, screenshotOnFailure, signIn } from "./support/browser";

const url = inject("kilnUrl");
const admin = inject("kilnAdmin");
const fakeUrl = inject("fakeOpenAIUrl");
const fakeKey = `sk-e2e-annotations-${Date.now().toString(36)}`;
const QUESTION = "What are your opening hours?";
const IMPROVED = "We are open 9 to 5, Monday to Friday, and 10 to 2 on Saturdays.";

const consoleApi = consoleApiFor(url);

async function modelCalls(): Promise<number> {
  const res = await fetch(`${new URL(fakeUrl).origin}/__control/requests?api_key=${encodeURIComponent(fakeKey)}`);
  return ((await res.json()) as { data: { path: string }[] }).data.filter((r) => r.path.endsWith("/chat/completions")).length;
}

describe("annotations and annotation reply", () => {
  let browser: Browser;
  let app: { id: string; code: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    const login = await fetch(`${url}/console/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    const token = (await login.json()).data.access_token;
    const created = await consoleApi(token, "POST", "/workspaces/current/model-providers/openai_api_compatible", {
      name: `annot${Date.now().toString(36)}`,
      label: "Fake for annotations",
      base_url: fakeUrl,
      api_key: fakeKey,
      models: [{ model: "fake-chat", model_type: "llm" }],
    });
    const made = await consoleApi(token, "POST", "/apps", { name: "Shop helper", mode: "chat", icon: "🛍️" });
    const draft = (await consoleApi(token, "GET", `/apps/${made.id}/model-config`)).model_config;
    await consoleApi(token, "POST", `/apps/${made.id}/model-config`, {
      ...draft,
      model: { ...draft.model, provider: created.provider.provider, name: "fake-chat" },
    });
    await consoleApi(token, "POST", `/apps/${made.id}/publish`, {});
    app = { id: made.id, code: (await consoleApi(token, "GET", `/apps/${made.id}`)).site.code };
    await fetch(`${new URL(fakeUrl).origin}/__control`, {
      method: "POST",
      body: JSON.stringify({ api_key: fakeKey, reply: "I am not sure, sorry.", token_delay_ms: 5 }),
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function ask(page: Page, question: string) {
    await page.getByLabel("Message").fill(question);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.getByRole("button", { name: "Like", exact: true }).last().waitFor({ timeout: 30_000 });
  }

  it("improves a logged answer from the log drawer; with reply on, the WebApp answers with it", async () => {
    const visitor = await (await newContext(browser, url)).newPage();
    screenshotOnFailure(visitor, "annotations-webapp");
    await visitor.goto(`/chat/${app.code}`);
    await ask(visitor, QUESTION);
    await visitor.getByTestId("assistant-message").last().getByText("I am not sure").waitFor();

    const team = await (await newContext(browser, url)).newPage();
    screenshotOnFailure(team, "annotations-console");
    await signIn(team, admin.email, admin.password);
    await team.goto(`/apps/${app.id}/logs`);
    await team.getByTestId("log-row").first().click();
    await team.getByTestId("improve-answer").first().click();
    const improve = team.getByRole("dialog", { name: "Improve this answer" });
    expect(await improve.getByTestId("annotation-question").inputValue()).toBe(QUESTION);
    await improve.getByTestId("annotation-answer").fill(IMPROVED);
    await screenshot(team, "annotations-improve-answer");
    await improve.getByTestId("annotation-save").click();
    await team.getByText("Annotation saved").waitFor();
    await team.keyboard.press("Escape");

    await team.getByRole("navigation", { name: "App pages" }).getByRole("link", { name: "Annotations" }).click();
    await team.getByTestId("annotation-row").filter({ hasText: IMPROVED }).waitFor();
    await team.getByTestId("annotation-reply-switch").click();
    await team.getByTestId("annotation-reply-state").getByText("On").waitFor();
    await screenshot(team, "annotations-reply-on");

    const before = await modelCalls();
    await ask(visitor, "what are your opening hours");
    await visitor.getByTestId("assistant-message").last().getByText(IMPROVED).waitFor();
    await screenshot(visitor, "annotations-webapp-answered");
    expect(await modelCalls()).toBe(before);

    // The hit is counted and the log shows where the answer came from.
    await team.reload();
    await expect.poll(async () => team.getByTestId("annotation-hits").first().textContent(), { timeout: 15_000 }).toBe("1");
    await team.getByTestId("annotation-hits").first().click();
    await team.getByTestId("hit-history").getByText("what are your opening hours").waitFor();
    await screenshot(team, "annotations-hit-history");
    await team.keyboard.press("Escape");
    await team.getByRole("navigation", { name: "App pages" }).getByRole("link", { name: "Logs" }).click();
    await team.getByTestId("log-row").first().click();
    await team.getByText("From an annotation").first().waitFor();
    await screenshot(team, "annotations-log-badge");
    await team.keyboard.press("Escape");

    // The debugger marks an annotated answer too.
    await team.getByRole("navigation", { name: "App pages" }).getByRole("link", { name: "Prompt IDE" }).click();
    await team.getByLabel("Message").fill("what are your opening hours");
    await team.getByRole("button", { name: "Send", exact: true }).click();
    await team.getByTestId("debug-answer").last().getByText(IMPROVED).waitFor();
    await team.getByTestId("debug-annotation-reply").getByText("From an annotation").waitFor();
    expect(await modelCalls()).toBe(before);
  });

  it("refuses a bad CSV row by row, imports a good one, searches and edits", async () => {
    const page = await (await newContext(browser, url)).newPage();
    screenshotOnFailure(page, "annotations-import");
    await signIn(page, admin.email, admin.password);
    await page.goto(`/apps/${app.id}/annotations`);
    await page.getByRole("button", { name: "Import CSV" }).click();
    const dialog = page.getByRole("dialog", { name: "Import annotations" });
    const bad = "question,answer\nDo you ship abroad?,Yes\nGift wrapping?,\n,Free returns\n";
    await dialog.getByLabel("Choose a CSV file").setInputFiles({ name: "faq.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
    await dialog.getByTestId("import-submit").click();
    await dialog.getByTestId("import-row-errors").getByText("Row 3: the answer is empty").waitFor();
    expect(await dialog.getByTestId("import-row-errors").textContent()).toContain("Row 4: the question is empty");
    await screenshot(page, "annotations-import-refused");

    const good = "question,answer\nDo you ship abroad?,\"Yes, to 40 countries.\"\nGift wrapping?,Free on every order.\n";
    await dialog.getByLabel("Choose a CSV file").setInputFiles({ name: "faq.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
    await dialog.getByTestId("import-submit").click();
    await page.getByText("Imported 2 annotations").waitFor();
    await expect.poll(() => page.getByTestId("annotation-row").count()).toBe(3);
    await screenshot(page, "annotations-page");

    await page.getByLabel("Search annotations").fill("wrapping");
    await expect.poll(() => page.getByTestId("annotation-row").count()).toBe(1);
    await page.getByTestId("annotation-row").getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("dialog", { name: "Edit annotation" });
    await edit.getByTestId("annotation-answer").fill("Free on orders over 20 euros.");
    await edit.getByTestId("annotation-save").click();
    await page.getByTestId("annotation-row").getByText("Free on orders over 20 euros.").waitFor();
  });
});
