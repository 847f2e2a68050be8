import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newContext, screenshot, screenshotOnFailure, signIn, text, uniqueEmail } from "./support/browser";

describe("workspace members", () => {
  const url = inject("kilnUrl");
  const admin = inject("kilnAdmin");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("invites a member by link, who activates a new account and appears with their role", async () => {
    const owner = await newContext(browser, url);
    const page = await owner.newPage();
    screenshotOnFailure(page, "members-1");
    await signIn(page, admin.email, admin.password);
    const switcher = page.getByTestId("current-workspace").filter({ hasNotText: "Loading…" });
    const workspaceName = await text(switcher);

    await page.goto("/settings/members");
    await page.locator('[data-testid="member-row"]').first().waitFor();
    await screenshot(page, "members-before-invite");

    const email = uniqueEmail("editor");
    await page.getByRole("button", { name: "Invite members" }).click();
    await page.getByLabel("Email addresses").fill(email);
    await page.getByLabel("Role").selectOption("editor");
    await screenshot(page, "members-invite-dialog");
    await page.getByRole("button", { name: "Send invitations" }).click();

    const linkInput = page.getByTestId("invite-link");
    await linkInput.waitFor();
    const link = await linkInput.inputValue();
    expect(link).toContain("/activate?token=");

    await page.getByRole("button", { name: "Copy link" }).click();
    await page.getByRole("button", { name: "Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await screenshot(page, "members-invite-link");

    await page.getByRole("button", { name: "Done" }).click();
    await page.getByTestId("invitation-row").filter({ hasText: email }).waitFor();

    // The invitee opens the link in a browser of their own.
    const invitee = await newContext(browser, url);
    const invitePage = await invitee.newPage();
    screenshotOnFailure(invitePage, "members-2");
    await invitePage.goto(link);
    await invitePage.getByTestId("invite-workspace").waitFor();
    expect(await text(invitePage.getByTestId("invite-workspace"))).toBe(workspaceName);
    await invitePage.getByText(email).waitFor();
    await invitePage.getByLabel("Your name").fill("Eddie Editor");
    await invitePage.getByLabel("Choose a password").fill("editor-pass-1");
    await screenshot(invitePage, "activate-new-account");
    await invitePage.getByRole("button", { name: /^Join / }).click();

    await invitePage.waitForURL("**/apps");
    const inviteeSwitcher = invitePage.getByTestId("current-workspace").filter({ hasNotText: "Loading…" });
    expect(await text(inviteeSwitcher)).toBe(workspaceName);

    // An editor sees the members but none of the controls.
    await invitePage.goto("/settings/members");
    await invitePage.locator('[data-testid="member-row"]').first().waitFor();
    expect(await invitePage.getByRole("button", { name: "Invite members" }).count()).toBe(0);
    await screenshot(invitePage, "members-as-editor");
    await invitee.close();

    await page.reload();
    const row = page.getByTestId("member-row").filter({ hasText: email });
    await row.waitFor();
    expect(await text(row)).toContain("Eddie Editor");
    expect(await row.getByRole("combobox").inputValue()).toBe("editor");
    expect(await page.getByTestId("invitation-row").filter({ hasText: email }).count()).toBe(0);
    await screenshot(page, "members-after-activation");
    await owner.close();
  });
});
