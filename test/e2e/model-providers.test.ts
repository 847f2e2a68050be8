import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newContext, screenshot, screenshotOnFailure, signIn, text } from "./support/browser";

describe("model providers", () => {
  const url = inject("kilnUrl");
  const admin = inject("kilnAdmin");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("badges the offline provider and shows why an invalid OpenAI key was refused", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "model-providers-1");
    await signIn(page, admin.email, admin.password);

    await page.goto("/settings/model-providers");
    await page.getByText("Offline · deterministic, no API key").waitFor();
    await page.getByRole("combobox", { name: "Chat model" }).waitFor();
    await screenshot(page, "model-providers");

    const openai = page.getByTestId("provider-openai");
    await openai.getByLabel("API key").fill("sk-invalid-kiln-e2e-0000");
    // The fake OpenAI server refuses `sk-invalid…` keys the way OpenAI does, with no internet.
    await openai.getByLabel("Base URL").fill(inject("fakeOpenAIUrl"));
    await openai.getByRole("button", { name: "Save" }).click();

    // The check can answer before the progress note is ever seen; wait for whichever comes first.
    const validating = openai.getByText("Validating with a real call…");
    await validating.or(openai.getByTestId("provider-error")).first().waitFor();
    if (await validating.isVisible()) await screenshot(page, "model-providers-validating");

    const error = openai.getByTestId("provider-error");
    await error.waitFor({ timeout: 45_000 });
    expect((await text(error)).length).toBeGreaterThan(0);
    expect(await text(openai.getByRole("alert"))).toContain("Invalid API key");
    await screenshot(page, "model-providers-invalid-key");
    await context.close();
  });
});
