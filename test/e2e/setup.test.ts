import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import { launchBrowser, newContext, screenshot, screenshotOnFailure } from "./support/browser";

describe("first-run setup", () => {
  const url = inject("kilnFreshUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("sends a fresh platform to /setup, creates the owner and lands signed in on /apps", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "setup-1");

    await page.goto("/apps");
    await page.waitForURL("**/setup");
    await page.getByRole("heading", { name: "Set up Kiln" }).waitFor();

    await page.getByLabel("Email").fill("owner@kiln.test");
    await page.getByLabel("Your name").fill("Olive Owner");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create owner account" }).click();
    await page.getByText("Use at least 8 characters, with at least one letter and one digit.").waitFor();
    await screenshot(page, "setup-invalid-password");

    await page.getByLabel("Password", { exact: true }).fill("owner-pass-1");
    await screenshot(page, "setup-filled");
    await page.getByRole("button", { name: "Create owner account" }).click();

    await page.waitForURL("**/apps");
    await page.getByRole("heading", { name: "No apps yet" }).waitFor();
    await page.getByRole("button", { name: "Account menu" }).waitFor();
    await screenshot(page, "apps-after-setup");

    // Once set up, /setup is closed.
    await page.goto("/setup");
    await page.waitForURL("**/signin");
    await context.close();
  });
});
