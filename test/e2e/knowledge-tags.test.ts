// Knowledge tags in a real browser against `wrangler dev`: a new tag is added to a knowledge base
// from its settings, shows on its card, filters the Knowledge list, and is taken off again.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { consoleApiFor, launchBrowser, newContext, screenshot, screenshotOnFailure, signIn, text } from "./support/browser";

const url = inject("kilnUrl");
const admin = inject("kilnAdmin");
const suffix = Date.now().toString(36);

const consoleApi = consoleApiFor(url);

async function signInApi(): Promise<string> {
  const login = await fetch(`${url}/console/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  return ((await login.json()) as { data: { access_token: string } }).data.access_token;
}

describe("knowledge tags", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("adds a new tag from settings, filters the list by it, and removes it", { timeout: 120_000 }, async () => {
    const token = await signInApi();
    const tagged = await consoleApi(token, "POST", "/datasets", { name: `Tagged ${suffix}`, indexing_technique: "economy" });
    const plain = await consoleApi(token, "POST", "/datasets", { name: `Untagged ${suffix}`, indexing_technique: "economy" });
    const tagName = `topic-${suffix}`;

    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "knowledge-tags");
    await signIn(page, admin.email, admin.password);

    await page.goto(`/datasets/${tagged.id}/settings`);
    await page.getByLabel("Tag to add").selectOption("__new__");
    await page.getByLabel("New tag name").fill(tagName);
    await page.getByRole("button", { name: "Add tag" }).click();
    const chips = page.getByTestId("dataset-tag");
    await chips.filter({ hasText: tagName }).waitFor();
    await screenshot(page, "knowledge-tags-settings");

    await page.goto("/datasets");
    const cards = page.getByTestId("dataset-card");
    await cards.filter({ hasText: plain.name }).waitFor();
    expect(await text(cards.filter({ hasText: tagged.name }).getByTestId("dataset-tag"))).toBe(tagName);
    await page.getByLabel("Filter by tag").selectOption({ label: `${tagName} (1)` });
    await page.waitForURL(/[?&]tag=/);
    await expect.poll(() => cards.count()).toBe(1);
    expect(await text(cards.first().locator("h3"))).toBe(tagged.name);
    await screenshot(page, "knowledge-tags-filter");

    await page.goto(`/datasets/${tagged.id}/settings`);
    await page.getByRole("button", { name: `Remove tag ${tagName}` }).click();
    await expect.poll(() => chips.count()).toBe(0);
    await page.getByText("No tags yet.").waitFor();
    await context.close();
  });
});
