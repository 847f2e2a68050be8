// The app studio in a real browser against `wrangler dev`: a new user creates a chat app, writes
// its prompt with a variable, debugs it (streamed answer with tokens and latency), compares two
// models, publishes, creates an API key and calls the Service API with it, chats on the WebApp,
// and finds all three messages in the logs. Then a Dify DSL import, and the app card's menu.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { consoleApiFor, launchBrowser, newContext, screenshot, screenshotOnFailure, signIn, text } from "./support/browser";

const url = inject("kilnUrl");
const admin = inject("kilnAdmin");
const fakeUrl = inject("fakeOpenAIUrl");
const fakeKey = `sk-e2e-apps-${Date.now().toString(36)}`;
const SQL_CREATOR = "test/fixtures/dify-dsl/recommended_app__sql-creator-completion.yml";

const unique = (name: string) => `${name} ${Date.now().toString(36)}`;

const consoleApi = consoleApiFor(url);

async function openAppsHome(page: Page) {
  await page.goto("/apps");
  await page.getByRole("heading", { name: "Apps", exact: true }).waitFor();
}

describe("app studio", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(
    "takes a new chat app from a blank prompt to the API, the WebApp and the logs",
    async () => {
      const context = await newContext(browser, url);
      const page = await context.newPage();
      screenshotOnFailure(page, "apps-new-user");
      await signIn(page, admin.email, admin.password);
      await openAppsHome(page);

      // Create.
      const name = unique("Support bot");
      await page.getByRole("button", { name: "Create app" }).first().click();
      const dialog = page.getByRole("dialog", { name: "Create app" });
      await dialog.getByRole("radio", { name: /Chatbot/ }).click();
      await dialog.getByLabel("Name", { exact: true }).fill(name);
      await dialog.getByLabel("Description").fill("Answers questions about Acme's products.");
      await screenshot(page, "apps-create");
      await dialog.getByRole("button", { name: "Create", exact: true }).click();
      await page.waitForURL(/\/apps\/[^/]+\/configuration$/);
      const appId = page.url().split("/apps/")[1]!.split("/")[0]!;
      expect(await text(page.getByTestId("app-name"))).toBe(name);

      // Write the prompt; "Add variable" inserts {{var_1}} and adds it to the variables list.
      const prompt = page.getByRole("textbox", { name: "Prompt" });
      await prompt.click();
      await page.keyboard.type("You are a friendly support assistant for ");
      await page.getByTestId("prompt-section").getByRole("button", { name: "Add variable" }).click();
      await page.keyboard.type(". Answer in two sentences.");
      const variables = page.getByTestId("variables-section");
      await variables.getByTestId("variable-row").first().waitFor();
      // Renaming the key carries the prompt's placeholder along.
      await variables.getByLabel("Key", { exact: true }).fill("company");
      await variables.getByLabel("Label", { exact: true }).fill("Company");
      await variables.getByLabel("Label", { exact: true }).press("Tab");
      await expect.poll(() => prompt.inputValue()).toBe("You are a friendly support assistant for {{company}}. Answer in two sentences.");
      expect(await text(page.getByTestId("prompt-mirror").locator("mark"))).toBe("{{company}}");
      await page.getByTestId("save-indicator").getByText(/Saved ·/).waitFor();

      // Debug: the answer streams in with its tokens and latency.
      await page.getByTestId("debug-inputs").getByLabel("Company").fill("Acme");
      await page.getByLabel("Message").fill("How do I reset my password?");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      const answer = page.getByTestId("debug-answer").last();
      await answer.getByText('You said: "How do I reset my password?"', { exact: false }).waitFor();
      const usage = page.getByTestId("usage").last();
      await usage.waitFor();
      expect(await text(usage.getByTestId("usage-tokens"))).toMatch(/^\d+ \+ \d+ tokens$/);
      expect(await text(usage.getByTestId("usage-latency"))).toMatch(/^<?\d+(\.\d+)? s$/);
      expect(await answer.getAttribute("data-status")).toBe("done");
      await screenshot(page, "apps-debug");

      // Compare: the same message to two configurations, each with its own usage.
      await page.getByRole("button", { name: "Compare models" }).click();
      await page.getByLabel("Message").fill("Which plans do you offer?");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      const columns = page.getByTestId("compare-column");
      expect(await columns.count()).toBe(2);
      await columns.nth(0).getByTestId("usage").waitFor();
      await columns.nth(1).getByTestId("usage").waitFor();
      await screenshot(page, "apps-compare");
      await page.getByRole("button", { name: "Exit compare" }).click();

      // Publish.
      await page.getByRole("button", { name: "Publish", exact: true }).click();
      const publish = page.getByRole("dialog", { name: /Publish version 1/ });
      await publish.getByLabel("Version name").fill("First");
      await publish.getByRole("button", { name: "Publish", exact: true }).click();
      await publish.waitFor({ state: "hidden" });
      await page.getByTestId("published-version").getByText(/Live: version 1 · First/).waitFor();
      expect(await page.getByText("Unpublished changes").count()).toBe(0);
      await screenshot(page, "apps-published");

      // An API key, shown once.
      await page.getByRole("navigation", { name: "App pages" }).getByRole("link", { name: "API access" }).click();
      await page.getByRole("heading", { name: "API access" }).waitFor();
      await page.getByRole("button", { name: "Create key" }).first().click();
      const token = await text(page.getByTestId("new-api-key"));
      expect(token).toMatch(/^app-/);
      await screenshot(page, "apps-api-key");
      await page.getByRole("button", { name: "I've copied it" }).click();
      await page.getByTestId("api-key-row").first().waitFor();
      expect(await text(page.getByTestId("api-key-row").first())).not.toContain(token);
      const baseUrl = await text(page.getByTestId("api-base-url"));
      expect(await text(page.getByTestId("api-example"))).toContain('"company"');
      await screenshot(page, "apps-api-access");

      // The Service API answers with that key (blocking).
      const res = await fetch(`${baseUrl}/chat-messages`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ inputs: { company: "Acme" }, query: "Hello from the API", response_mode: "blocking", user: "e2e-api-user" }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { answer: string; metadata: { usage: { total_tokens: number } } };
      expect(body.answer).toContain("Hello from the API");
      expect(body.metadata.usage.total_tokens).toBeGreaterThan(0);

      // The WebApp, as an anonymous visitor.
      await page.getByRole("navigation", { name: "App pages" }).getByRole("link", { name: "Overview" }).click();
      const webappUrl = await text(page.getByTestId("webapp-url"));
      expect(webappUrl).toMatch(/\/chat\/[A-Za-z0-9]+$/);
      await screenshot(page, "apps-overview");
      const visitor = await newContext(browser, url);
      const webapp = await visitor.newPage();
      await webapp.goto(new URL(webappUrl).pathname);
      await webapp.getByLabel(/Company/).fill("Acme");
      await webapp.getByLabel("Message").fill("Hello from the WebApp");
      await webapp.getByRole("button", { name: "Send", exact: true }).click();
      await webapp.getByRole("button", { name: "Like", exact: true }).waitFor({ timeout: 30_000 });
      await screenshot(webapp, "apps-webapp");
      await visitor.close();

      // The logs show all three sources with tokens and latency; a row opens its conversation.
      await page.getByRole("navigation", { name: "App pages" }).getByRole("link", { name: "Logs" }).click();
      await page.getByTestId("log-row").first().waitFor();
      await expect.poll(() => page.getByTestId("log-row").count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
      for (const source of ["api", "webapp", "debugger"]) {
        const row = page.locator(`[data-testid="log-row"][data-source="${source}"]`).first();
        await row.waitFor();
        expect(Number(await text(row.getByTestId("log-tokens")))).toBeGreaterThan(0);
        expect(await text(row.getByTestId("log-latency"))).toMatch(/^<?\d+(\.\d+)? s$/);
      }
      await screenshot(page, "apps-logs");
      await page.getByRole("combobox", { name: "Source" }).selectOption("api");
      await expect.poll(() => page.getByTestId("log-row").count()).toBe(1);
      await page.getByTestId("log-row").first().click();
      const drawer = page.locator("dialog[open]");
      await drawer.getByTestId("conversation-message").first().waitFor();
      expect(await text(drawer)).toContain("e2e-api-user");
      await screenshot(page, "apps-logs-conversation");
      await drawer.getByRole("button", { name: "Close" }).click();

      // The home lists the app as published.
      await openAppsHome(page);
      const card = page.getByTestId("app-card").filter({ hasText: name });
      await card.getByText("Published").waitFor();
      expect(await text(card)).toContain("Chatbot");
      await screenshot(page, "apps-home");
      expect(appId.length).toBeGreaterThan(0);
      await context.close();
    },
    240_000,
  );

  it(
    "imports Dify's SQL creator from its DSL file, warns about what it lacks, and runs it on another model",
    async () => {
      const context = await newContext(browser, url);
      const page = await context.newPage();
      screenshotOnFailure(page, "apps-import");
      await signIn(page, admin.email, admin.password);
      await openAppsHome(page);

      await page.getByRole("button", { name: "Import DSL" }).first().click();
      const dialog = page.getByRole("dialog", { name: "Import DSL" });
      await dialog.getByLabel("DSL file").setInputFiles(SQL_CREATOR);
      await expect.poll(() => dialog.getByLabel("DSL YAML").inputValue()).toBe(readFileSync(SQL_CREATOR, "utf8"));
      await dialog.getByRole("button", { name: "Import", exact: true }).click();
      await dialog.getByText("Imported, with warnings").waitFor();
      expect(await text(dialog)).toContain('Model provider "openai" is not configured');
      await screenshot(page, "apps-import-warnings");
      await dialog.getByRole("button", { name: "Open app" }).click();
      await page.waitForURL(/\/configuration$/);

      expect(await text(page.getByTestId("app-name"))).toBe("SQL Creator");
      await page.getByText("isn't set up in this workspace").waitFor();
      expect(await page.getByTestId("variable-row").count()).toBe(2);
      expect(await page.getByTestId("prompt-mirror").locator("mark").allTextContents()).toEqual(["{{A}}", "{{default_input}}"]);

      // Running on the missing model fails in words; the offline model answers.
      await page.getByTestId("debug-inputs").getByLabel("Database Type").selectOption("PostgreSQL");
      await page.getByTestId("debug-inputs").getByLabel("Input").fill("Users who signed up last week");
      await page.getByRole("button", { name: "Run", exact: true }).click();
      await page.getByTestId("debug-answer").getByText(/not configured in this workspace/).waitFor();
      await screenshot(page, "apps-import-missing-model");
      await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "kiln-echo (Offline)" });
      await page.getByTestId("save-indicator").getByText(/Saved ·/).waitFor();
      await page.getByRole("button", { name: "Run", exact: true }).click();
      await page.getByTestId("debug-answer").getByText(/PostgreSQL/).waitFor();
      await page.getByTestId("usage").waitFor();
      await screenshot(page, "apps-import-run");

      // A file from a newer DSL version waits for confirmation.
      await openAppsHome(page);
      await page.getByRole("button", { name: "Import DSL" }).first().click();
      await dialog.getByLabel("DSL YAML").fill(
        'version: "9.0.0"\nkind: app\napp: {name: Future echo, mode: chat, icon: "🦊"}\nmodel_config:\n  model: {provider: offline, name: kiln-echo, mode: chat, completion_params: {}}\n  pre_prompt: Echo.\n',
      );
      await dialog.getByRole("button", { name: "Import", exact: true }).click();
      await dialog.getByText("This file is from a newer DSL version").waitFor();
      await screenshot(page, "apps-import-newer");
      await dialog.getByRole("button", { name: "Import anyway" }).click();
      await page.waitForURL(/\/configuration$/);
      expect(await text(page.getByTestId("app-name"))).toBe("Future echo");

      // Broken YAML says why.
      await openAppsHome(page);
      await page.getByRole("button", { name: "Import DSL" }).first().click();
      await dialog.getByLabel("DSL YAML").fill("version: [unclosed");
      await dialog.getByRole("button", { name: "Import", exact: true }).click();
      await dialog.getByRole("alert").waitFor();
      expect(await text(dialog.getByRole("alert"))).toContain("Couldn't import this file");
      await context.close();
    },
    180_000,
  );

  it("duplicates, exports and deletes an app from its card", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "apps-card-menu");
    await signIn(page, admin.email, admin.password);
    await openAppsHome(page);

    const name = unique("Menu test");
    await page.getByRole("button", { name: "Create app" }).first().click();
    const create = page.getByRole("dialog", { name: "Create app" });
    await create.getByRole("radio", { name: /Text generator/ }).click();
    await create.getByLabel("Name", { exact: true }).fill(name);
    await create.getByRole("button", { name: "Create", exact: true }).click();
    await page.waitForURL(/\/configuration$/);
    await openAppsHome(page);

    // Search narrows the grid; the mode filter too.
    await page.getByLabel("Search apps by name").fill(name);
    await expect.poll(() => page.getByTestId("app-card").count()).toBe(1);
    await page.getByRole("radio", { name: "Chatbots" }).click();
    await page.getByText("No apps match").waitFor();
    await page.getByRole("radio", { name: "Text generators" }).click();
    // Exactly this app's card (its copy's name starts the same).
    const card = page.getByTestId("app-card").filter({ has: page.getByRole("heading", { name, exact: true }) });
    await card.waitFor();

    await card.getByRole("button", { name: `Actions for ${name}` }).click();
    const download = page.waitForEvent("download");
    await page.getByRole("menuitem", { name: "Export DSL" }).click();
    const file = await download;
    const exported = readFileSync((await file.path())!, "utf8");
    expect(exported).toContain(`name: ${name}`);
    expect(exported).toContain("mode: completion");

    await card.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "Duplicate" }).click();
    const duplicate = page.getByRole("dialog", { name: "Duplicate app" });
    expect(await duplicate.getByLabel("Name", { exact: true }).inputValue()).toBe(`${name} (copy)`);
    await duplicate.getByRole("button", { name: "Duplicate", exact: true }).click();
    await page.getByTestId("app-card").filter({ hasText: `${name} (copy)` }).waitFor();
    await screenshot(page, "apps-home-filtered");

    await card.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "Delete" }).click();
    const confirm = page.getByRole("dialog", { name: `Delete ${name}?` });
    await confirm.getByRole("button", { name: "Delete app" }).click();
    await expect.poll(() => page.getByTestId("app-card").count()).toBe(1);
    expect(await text(page.getByTestId("app-card").first())).toContain(`${name} (copy)`);
    await context.close();
  });

  it(
    "stops a slow answer, keeps it as stopped in the logs, and restores a published version into the draft",
    async () => {
      // A real (fake) OpenAI-compatible provider that streams one word every 250 ms.
      const login = await fetch(`${url}/console/api/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: admin.email, password: admin.password }),
      });
      const token = ((await login.json()) as { data: { access_token: string } }).data.access_token;
      const provider = await consoleApi(token, "POST", "/workspaces/current/model-providers/openai_api_compatible", {
        name: `apps${Date.now().toString(36)}`,
        label: "Slow fake",
        base_url: fakeUrl,
        api_key: fakeKey,
        models: [{ model: "fake-chat", model_type: "llm" }],
      });
      await fetch(`${new URL(fakeUrl).origin}/__control`, {
        method: "POST",
        body: JSON.stringify({ api_key: fakeKey, reply: "one two three four five six seven eight nine ten eleven twelve", token_delay_ms: 250 }),
      });
      const app = await consoleApi(token, "POST", "/apps", { name: unique("Stopper"), mode: "chat" });

      const context = await newContext(browser, url);
      const page = await context.newPage();
      screenshotOnFailure(page, "apps-stop");
      await signIn(page, admin.email, admin.password);
      await page.goto(`/apps/${app.id}/configuration`);
      const picker = page.getByRole("combobox", { name: "Model", exact: true });
      // By value: other browser tests register their own "fake-chat" on other providers (without
      // this key's slow script), and picking by label took whichever came first.
      await picker.selectOption(`${provider.provider.provider}::fake-chat`);
      expect(await page.getByTestId("model-section").getByText("Offline", { exact: true }).count()).toBe(0);
      await page.getByRole("textbox", { name: "Prompt" }).fill("Version one prompt.");
      await page.getByTestId("save-indicator").getByText(/Saved ·/).waitFor();

      await page.getByLabel("Message").fill("Count slowly");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      const answer = page.getByTestId("debug-answer").last();
      await answer.getByText("two").waitFor();
      await screenshot(page, "apps-streaming");
      await page.getByRole("button", { name: "Stop", exact: true }).click();
      await expect.poll(() => answer.getAttribute("data-status")).toBe("stopped");
      expect(await text(answer)).not.toContain("twelve");
      await page.getByText("Stopped", { exact: true }).waitFor();

      // The server kept the partial answer as stopped.
      await expect
        .poll(async () => (await consoleApi(token, "GET", `/apps/${app.id}/messages?status=stopped`)).total, { timeout: 15_000 })
        .toBe(1);
      await page.goto(`/apps/${app.id}/logs?status=stopped`);
      await page.getByTestId("log-row").first().getByText("Stopped").waitFor();

      // Publish v1, change the prompt, then restore v1 into the draft.
      await page.goto(`/apps/${app.id}/configuration`);
      await page.getByRole("button", { name: "Publish", exact: true }).click();
      const publish = page.getByRole("dialog", { name: /Publish version 1/ });
      await publish.getByRole("button", { name: "Publish", exact: true }).click();
      await publish.waitFor({ state: "hidden" });
      await page.getByTestId("published-version").getByText(/Live: version 1/).waitFor();
      // Publishing refetches the draft; an edit typed while that lands can be replaced by it
      // (noted as a known UI race), so type until the edit sticks.
      const prompt = page.getByRole("textbox", { name: "Prompt" });
      await expect
        .poll(
          async () => {
            if ((await prompt.inputValue()) !== "Version two prompt.") await prompt.fill("Version two prompt.");
            return page.getByText("Unpublished changes").count();
          },
          { timeout: 20_000 },
        )
        .toBeGreaterThan(0);
      await page.getByTestId("save-indicator").getByText(/Saved ·/).waitFor();
      await page.getByRole("button", { name: "Versions" }).click();
      await page.getByTestId("version-row").first().getByRole("button", { name: "Restore" }).click();
      await screenshot(page, "apps-versions");
      await page.getByRole("dialog", { name: /Restore version 1/ }).getByRole("button", { name: "Restore", exact: true }).click();
      await expect.poll(() => page.getByRole("textbox", { name: "Prompt" }).inputValue()).toBe("Version one prompt.");
      expect(await page.getByText("Unpublished changes").count()).toBe(0);
      const draft = await consoleApi(token, "GET", `/apps/${app.id}/model-config`);
      expect(draft.model_config.pre_prompt).toBe("Version one prompt.");
      expect(draft.model_config.model).toMatchObject({ provider: provider.provider.provider, name: "fake-chat" });
      await context.close();
    },
    120_000,
  );
});
