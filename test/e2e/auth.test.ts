import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newContext, screenshot, screenshotOnFailure, signIn, text, uniqueEmail } from "./support/browser";

describe("signing in and out", () => {
  const url = inject("kilnUrl");
  const admin = inject("kilnAdmin");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the server's error for a wrong password and stays on /signin", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "auth-1");

    await page.goto("/apps");
    await page.waitForURL("**/signin?next=%2Fapps");
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password", { exact: true }).fill("not-the-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();

    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect((await text(alert)).length).toBeGreaterThan(0);
    expect(new URL(page.url()).pathname).toBe("/signin");
    await screenshot(page, "signin-wrong-password");
    await context.close();
  });

  it("signs in, keeps the session across a reload, and signs out", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "auth-2");

    await signIn(page, admin.email, admin.password);
    await page.waitForURL("**/apps");
    // The workspace's app list loads (other browser tests may have created apps in it).
    const appList = page.getByRole("heading", { name: "No apps yet" }).or(page.getByTestId("app-card").first());
    await appList.waitFor();
    await screenshot(page, "apps-signed-in");

    await page.reload();
    await appList.waitFor();
    expect(new URL(page.url()).pathname).toBe("/apps");

    await page.getByRole("button", { name: "Account menu" }).click();
    await screenshot(page, "account-menu");
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL("**/signin");

    // The session is gone on the server too: the app sends us back to sign in.
    await page.goto("/settings/members");
    await page.waitForURL("**/signin?next=*");
    await context.close();
  });

  it("renews an expired access token with the refresh token instead of signing the user out", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "auth-refresh");
    await signIn(page, admin.email, admin.password);

    await context.clearCookies({ name: "access_token" });
    await page.goto("/settings/account");
    await page.getByTestId("session-row").first().waitFor();
    expect(new URL(page.url()).pathname).toBe("/settings/account");
    expect((await context.cookies()).some((c) => c.name === "access_token")).toBe(true);
    await context.close();
  });

  it("after too many failed attempts, says how long to wait before trying again", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "auth-3");

    await page.goto("/signin");
    await page.getByLabel("Email").fill(uniqueEmail("locked"));
    await page.getByLabel("Password", { exact: true }).fill("wrong-password-1");
    const submit = page.getByRole("button", { name: "Sign in" });
    const lockedOut = page.getByText("Too many sign-in attempts");
    for (let attempt = 0; attempt < 10 && !(await lockedOut.isVisible()); attempt++) {
      await submit.click();
      await page.getByRole("alert").waitFor();
      await page.waitForFunction(() => !document.querySelector('button[aria-busy="true"]'));
    }

    await lockedOut.waitFor();
    expect(await text(page.getByRole("alert"))).toMatch(/You can try again in \d+ (seconds?|min)/);
    const countdown = page.getByRole("button", { name: /^Try again in / });
    expect(await countdown.isDisabled()).toBe(true);
    await screenshot(page, "signin-rate-limited");
    await context.close();
  });
});
