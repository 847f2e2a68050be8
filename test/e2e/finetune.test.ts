// Fine-tuning in a real browser against `wrangler dev` and the fake provider: answers people liked
// become a training set, a row is corrected and one dropped, a fine-tune runs through the queue
// and is watched live until it succeeds, the new model is compared with its base in the prompt
// IDE and then picked for the app.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { apiFor, launchBrowser, newContext, screenshot, screenshotOnFailure, signIn, text } from "./support/browser";

const url = inject("kilnUrl");
const admin = inject("kilnAdmin");
const fakeUrl = inject("fakeOpenAIUrl");
const stamp = Date.now().toString(36);
const fakeKey = `sk-e2e-finetune-${stamp}`;
const SYSTEM = "You are Acme's support assistant. Answer in one friendly sentence.";
const QUESTIONS = [
  "How do I reset my password?",
  "Where can I download my invoices?",
  "Can I change the email on my account?",
  "How do I invite a teammate?",
  "What payment methods do you accept?",
  "How do I cancel my subscription?",
  "Is there a mobile app?",
  "How do I export my data?",
  "Can I get a refund?",
  "How do I turn on two-factor authentication?",
  "Where do I find my API key?",
  "How do I change my plan?",
  "Do you offer discounts for nonprofits?",
  "How do I delete my account?",
  "What are your support hours?",
  "How do I update my billing address?",
];

const api = apiFor(url);

describe("fine-tuning", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("builds a set from liked answers, fine-tunes on it, and compares and picks the new model", async () => {
    // Real use first: an app on the fake provider answers questions through the Service API and
    // its users like every answer.
    const login = await fetch(`${url}/console/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    const token = ((await login.json()) as { data: { access_token: string } }).data.access_token;
    const providerName = `ft${stamp}`;
    await api(token, "POST", "/console/api/workspaces/current/model-providers/openai_api_compatible", {
      name: providerName,
      label: "Fine-tune fake",
      base_url: fakeUrl,
      api_key: fakeKey,
      models: [{ model: "gpt-4o-mini", model_type: "llm" }],
    });
    const provider = `compat_${providerName}`;
    await fetch(`${new URL(fakeUrl).origin}/__control`, {
      method: "POST",
      body: JSON.stringify({ api_key: fakeKey, fine_tune_step_ms: 1_000, fine_tune_steps: 5 }),
    });
    const appName = `Acme support ${stamp}`;
    const app = await api(token, "POST", "/console/api/apps", { name: appName, mode: "chat" });
    const draft = await api(token, "GET", `/console/api/apps/${app.id}`);
    await api(token, "POST", `/console/api/apps/${app.id}/model-config`, {
      ...draft.model_config,
      pre_prompt: SYSTEM,
      model: { ...draft.model_config.model, provider, name: "gpt-4o-mini" },
    });
    await api(token, "POST", `/console/api/apps/${app.id}/publish`, {});
    const key = (await api(token, "POST", `/console/api/apps/${app.id}/api-keys`)).token;
    for (const query of QUESTIONS) {
      const answer = await api(key, "POST", "/v1/chat-messages", { inputs: {}, query, user: "visitor", response_mode: "blocking" });
      await expect
        .poll(async () => (await fetch(`${url}/v1/messages/${answer.message_id}/feedbacks`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify({ rating: "like", user: "visitor" }),
        })).status)
        .toBe(200);
    }

    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "finetune");
    await signIn(page, admin.email, admin.password);

    // A training set from the liked answers, built at once.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Fine-tuning" }).click();
    await page.getByRole("heading", { name: "Fine-tuning", exact: true }).waitFor();
    await page.getByRole("button", { name: "New training set" }).first().click();
    const create = page.getByRole("dialog", { name: "New training set" });
    await create.getByLabel("Name").fill(`Liked answers ${stamp}`);
    await create.getByLabel("From app").selectOption({ label: appName });
    expect(await create.getByLabel("Only answers someone liked").isChecked()).toBe(true);
    await screenshot(page, "finetune-new-set");
    await create.getByRole("button", { name: "Create and build" }).click();
    await page.waitForURL(/\/finetune\/sets\/[^/?]+/);
    await expect.poll(() => text(page.getByTestId("rows-total")), { timeout: 15_000 }).toBe(`${QUESTIONS.length} rows`);
    const rows = page.getByTestId("example-row");
    expect(await text(rows.first())).toContain(QUESTIONS[0]);
    expect(await text(rows.first().getByTestId("example-answer"))).toBe(`Echo: ${QUESTIONS[0]}`);

    // Curate: a better answer for row 1, row 2 dropped.
    await rows.first().getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("dialog", { name: "Edit the answer to learn" });
    expect(await edit.getByText(SYSTEM).count()).toBe(1);
    await edit.getByLabel("Assistant answer").fill("Open Settings → Security and choose “Reset password”; we email you a link.");
    await edit.getByRole("button", { name: "Save answer" }).click();
    await edit.waitFor({ state: "hidden" });
    await rows.first().getByText("Edited").waitFor();
    await rows.nth(1).getByRole("button", { name: "Drop" }).click();
    await rows.nth(1).getByText("Dropped").waitFor();
    await expect.poll(async () => Number(await text(page.getByTestId("train-count"))) + Number(await text(page.getByTestId("validation-count")))).toBe(QUESTIONS.length - 1);
    expect(await text(page.getByTestId("estimated-cost"))).toMatch(/^(<)?\$\d/);
    await screenshot(page, "finetune-set");

    // One click: start the fine-tune, then watch it train and succeed.
    await page.getByRole("button", { name: "Start fine-tune" }).click();
    const start = page.getByRole("dialog", { name: "Start a fine-tune" });
    await start.getByLabel("Provider").selectOption(provider);
    await start.getByLabel("Base model").selectOption("gpt-4o-mini");
    await start.getByLabel("Model name suffix").fill("acme");
    await screenshot(page, "finetune-start");
    await start.getByRole("button", { name: "Start fine-tune" }).click();
    await page.waitForURL(/\/finetune\/jobs\/[^/]+$/);
    await page.getByTestId("job-status").getByText("Training").waitFor({ timeout: 30_000 });
    await page.getByTestId("loss-chart").waitFor({ timeout: 30_000 });
    // The pointer rests where "Start" was clicked, over the chart: move it off so no tooltip hangs there.
    await page.mouse.move(0, 0);
    await screenshot(page, "finetune-job-running");
    await page.getByTestId("job-status").getByText("Succeeded").waitFor({ timeout: 60_000 });
    const model = await text(page.getByTestId("fine-tuned-model"));
    expect(model).toMatch(/^ft:gpt-4o-mini:kiln:acme:/);
    await page.getByText("Your fine-tuned model is ready").waitFor();
    expect(await page.getByTestId("job-events").getByText("The job has successfully completed").count()).toBe(1);
    await screenshot(page, "finetune-job-succeeded");

    // Compare base and fine-tuned side by side in the app's prompt IDE, on a question of the set.
    await page.getByRole("button", { name: "Compare in the prompt IDE" }).click();
    const compare = page.getByRole("dialog", { name: "Compare base and fine-tuned" });
    await compare.getByLabel("App").selectOption({ label: appName });
    await compare.getByRole("button", { name: "Open the compare view" }).click();
    await page.waitForURL(new RegExp(`/apps/${app.id}/configuration\\?compare=`));
    const columns = page.getByTestId("compare-column");
    await expect.poll(() => columns.count()).toBe(2);
    expect(await columns.nth(0).getByRole("combobox", { name: "Model 1" }).inputValue()).toBe(`${provider}::gpt-4o-mini`);
    expect(await columns.nth(1).getByRole("combobox", { name: "Model 2" }).inputValue()).toBe(`${provider}::${model}`);
    const samples = page.getByRole("group", { name: "Questions from the fine-tuning set" });
    await samples.getByRole("button").first().click();
    await columns.nth(0).getByTestId("usage").waitFor();
    await columns.nth(1).getByTestId("usage").waitFor();
    expect(await text(columns.nth(1))).toContain("Echo:");
    await screenshot(page, "finetune-compare");

    // Pick the fine-tuned model for the app itself.
    await page.getByRole("button", { name: "Exit compare" }).click();
    await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: model });
    await page.getByTestId("save-indicator").getByText(/Saved ·/).waitFor();
    await page.getByLabel("Message").fill("Where do I find my API key?");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.getByTestId("debug-answer").last().getByText("Echo: Where do I find my API key?").waitFor();
    await screenshot(page, "finetune-model-picked");
    const saved = await api(token, "GET", `/console/api/apps/${app.id}`);
    expect(saved.model_config.model).toMatchObject({ provider, name: model });
    await context.close();
  });
});
