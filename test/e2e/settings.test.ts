import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newContext, screenshot, screenshotOnFailure, signIn, text } from "./support/browser";

describe("settings pages", () => {
  const url = inject("kilnUrl");
  const admin = inject("kilnAdmin");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function ownerPage(name: string): Promise<Page> {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, name);
    await signIn(page, admin.email, admin.password);
    return page;
  }

  const currentWorkspace = (page: Page) =>
    page.getByTestId("current-workspace").filter({ hasNotText: "Loading…" });

  it("renames the workspace, creates another and switches back from the top bar", async () => {
    const page = await ownerPage("workspace");
    await page.goto("/settings/workspace");
    const original = await text(currentWorkspace(page));

    await page.getByLabel("Workspace name").fill(`${original} Lab`);
    await page.getByRole("button", { name: "Save" }).click();
    await currentWorkspace(page).filter({ hasText: `${original} Lab` }).waitFor();
    await screenshot(page, "workspace-settings");

    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.getByLabel("Workspace name").last().fill("Side Project");
    await page.getByRole("dialog").getByRole("button", { name: "Create workspace" }).click();
    await currentWorkspace(page).filter({ hasText: "Side Project" }).waitFor();

    await page.getByRole("button", { name: "Switch workspace" }).click();
    await screenshot(page, "workspace-switcher");
    await page.getByRole("menuitem", { name: `${original} Lab` }).click();
    await currentWorkspace(page).filter({ hasText: `${original} Lab` }).waitFor();

    // Leave the shared platform as the other suites expect it.
    await page.goto("/settings/workspace");
    await page.getByLabel("Workspace name").fill(original);
    await page.getByRole("button", { name: "Save" }).click();
    await currentWorkspace(page).filter({ hasText: new RegExp(`^${original}$`) }).waitFor();
    await page.context().close();
  });

  it("lists this device among the account's active sessions", async () => {
    const page = await ownerPage("sessions");
    await page.goto("/settings/account");
    await page.getByText(admin.email).first().waitFor();
    const current = page.getByTestId("session-row").filter({ hasText: "This device" });
    await current.waitFor();
    expect(await current.getByRole("button", { name: "Revoke" }).count()).toBe(0);
    await screenshot(page, "account");
    await page.context().close();
  });

  it("adds an OpenAI-compatible endpoint whose models become default choices, then removes it", async () => {
    const page = await ownerPage("compatible");
    await page.goto("/settings/model-providers");
    await page.getByRole("button", { name: "Add OpenAI-compatible endpoint" }).first().click();

    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Display name").fill("Local Fake");
    expect(await dialog.getByLabel("Name", { exact: true }).inputValue()).toBe("local-fake");
    await dialog.getByLabel("Base URL").fill(inject("fakeOpenAIUrl"));
    await dialog.getByLabel("API key").fill("sk-e2e-compatible");
    await dialog.getByLabel("Model 1 name").fill("fake-chat");
    await dialog.getByRole("button", { name: "Add model" }).click();
    await dialog.getByLabel("Model 2 name").fill("text-embedding-3-small");
    await dialog.getByLabel("Model 2 type").selectOption("text-embedding");
    await screenshot(page, "compatible-endpoint-dialog");

    // Slow the fake endpoint down so the validation in progress can be seen.
    const control = new URL("/__control", inject("fakeOpenAIUrl"));
    await fetch(control, { method: "POST", body: JSON.stringify({ api_key: "sk-e2e-compatible", ttft_ms: 1500 }) });
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await dialog.getByText("Validating with a real call…").waitFor();
    expect(await dialog.getByRole("button", { name: "Validating…" }).isDisabled()).toBe(true);
    await screenshot(page, "compatible-endpoint-validating");

    const card = page.getByTestId("provider-compat_local-fake");
    await card.waitFor({ timeout: 30_000 });
    const chat = page.getByRole("combobox", { name: "Chat model" });
    await chat.selectOption("compat_local-fake::fake-chat");
    await page.getByRole("button", { name: "Save defaults" }).click();
    await page.getByText("Default models saved").waitFor();
    await screenshot(page, "model-providers-configured");

    await card.getByRole("button", { name: "Remove" }).click();
    await screenshot(page, "remove-provider-confirm");
    await page.getByRole("dialog").getByRole("button", { name: "Remove provider" }).click();
    await card.waitFor({ state: "detached" });
    await page.context().close();
  });

  it("adds SiliconFlow under Dify's name with an endpoint id for its model, then removes it", async () => {
    const page = await ownerPage("known-provider");
    await page.goto("/settings/model-providers");
    await page.getByRole("button", { name: "Add provider" }).click();

    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Provider").selectOption("siliconflow");
    await dialog.getByText("Provider id in apps: siliconflow").waitFor();
    expect(await dialog.getByLabel("Base URL").getAttribute("placeholder")).toBe("https://api.siliconflow.cn/v1");
    // The vendor's example model is offered to check the key with.
    expect(await dialog.getByLabel("Model 1 name").inputValue()).toBe("Qwen/Qwen2.5-7B-Instruct");

    // Without a key, the form says so before any call is made.
    await dialog.getByRole("button", { name: "Add provider" }).click();
    await dialog.getByText("SiliconFlow needs an API key.").waitFor();

    await dialog.getByLabel("Base URL").fill(inject("fakeOpenAIUrl"));
    await dialog.getByLabel("API key").fill("sk-e2e-siliconflow");
    await dialog.getByLabel("Model 1 endpoint id").fill("fake-chat");
    await screenshot(page, "known-provider-dialog");
    await dialog.getByRole("button", { name: "Add provider" }).click();

    const card = page.getByTestId("provider-siliconflow");
    await card.waitFor({ timeout: 30_000 });
    await card.getByText("→ fake-chat").waitFor();
    await card.getByText("Configured").waitFor();
    await screenshot(page, "known-provider-configured");

    // The chat model picker offers it under Dify's name.
    const chat = page.getByRole("combobox", { name: "Chat model" });
    expect(await chat.locator("option", { hasText: "Qwen/Qwen2.5-7B-Instruct" }).count()).toBe(1);

    await card.getByRole("button", { name: "Remove" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove provider" }).click();
    await card.waitFor({ state: "detached" });
    await page.context().close();
  });

  it("renders the API reference from /openapi.json, grouped by tag", async () => {
    const page = await ownerPage("api-docs");
    await page.goto("/api-docs");
    await page.getByTestId("api-tag").first().waitFor();
    const members = page.getByTestId("api-tag").filter({ has: page.getByRole("heading", { name: "members" }) });
    const invite = members.getByTestId("api-operation").filter({ hasText: "/invite-email" });
    await invite.locator("summary").click();
    await invite.getByText("Request body").waitFor();
    await invite.getByText("emails", { exact: true }).waitFor();
    await screenshot(page, "api-docs");

    // By role, not getByLabel: the label lookup visits every element of this long page (15 s here).
    await page.getByRole("textbox", { name: "Filter endpoints" }).fill("no-such-endpoint");
    await page.getByText("No endpoints match").waitFor();
    await page.context().close();
  });
});
