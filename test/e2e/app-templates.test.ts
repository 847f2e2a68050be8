// The template gallery in a real browser against `wrangler dev`: a member opens it from the apps
// page, sees the templates with their categories, filters by one, uses "List formatter" and lands
// on the new app's canvas with the template's nodes, which the server holds as the app's draft.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { consoleApiFor, consoleToken as signInToken, launchBrowser, newContext, screenshot, screenshotOnFailure, signIn, text } from "./support/browser";

const url = inject("kilnUrl");
const admin = inject("kilnAdmin");

const consoleToken = () => signInToken(url, admin.email, admin.password);

const consoleApi = consoleApiFor(url);

const node = (page: Page, type: string) => page.locator(`[data-testid="workflow-node"][data-node-type="${type}"]`);

describe("app template gallery", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(
    "lists the templates by category and turns List formatter into a workflow app on its canvas",
    async () => {
      const context = await newContext(browser, url);
      const page = await context.newPage();
      screenshotOnFailure(page, "app-templates");
      await signIn(page, admin.email, admin.password);

      await page.goto("/apps");
      await page.getByRole("heading", { name: "Apps", exact: true }).waitFor();
      await page.getByRole("button", { name: "From template" }).first().click();
      const gallery = page.getByRole("dialog", { name: "Start from a template" });
      const cards = gallery.getByTestId("template-card");
      await cards.first().waitFor();
      const total = await cards.count();
      expect(total).toBeGreaterThanOrEqual(6);
      // Every card says whether it is a workflow or a chatflow.
      const cardTexts = await cards.allTextContents();
      expect(cardTexts.every((t) => t.includes("Workflow") || t.includes("Chatflow"))).toBe(true);
      expect(cardTexts.some((t) => t.includes("Chatflow"))).toBe(true);
      await screenshot(page, "app-templates-gallery");

      // A category narrows the list to its templates, and All brings them all back.
      const categories = gallery.getByRole("radiogroup", { name: "Template category" });
      await categories.getByRole("radio", { name: "Utilities" }).click();
      await expect.poll(() => cards.count()).toBeLessThan(total);
      const card = gallery.getByRole("listitem", { name: "List formatter" });
      await card.waitFor();
      expect(await text(card)).toContain("Workflow");
      await gallery.getByRole("listitem", { name: "Knowledge base assistant" }).waitFor({ state: "detached" });
      await categories.getByRole("radio", { name: "All" }).click();
      await expect.poll(() => cards.count()).toBe(total);

      // Using it creates the app and opens its canvas with the template's graph.
      await card.getByRole("button", { name: "Use this template" }).click();
      await page.waitForURL(/\/apps\/[^/]+\/workflow$/, { timeout: 20_000 });
      await page.getByTestId("workflow-editor").waitFor();
      for (const type of ["start", "code", "iteration", "template-transform", "end"]) await node(page, type).first().waitFor();
      await page.getByText("List formatter created").waitFor();
      await screenshot(page, "app-templates-list-formatter");

      // The server holds the template as the new app's draft.
      const appId = page.url().split("/apps/")[1]!.split("/")[0]!;
      const token = await consoleToken();
      const app = await consoleApi(token, "GET", `/apps/${appId}`);
      expect(app).toMatchObject({ name: "List formatter", mode: "workflow" });
      const draft = await consoleApi(token, "GET", `/apps/${appId}/workflows/draft`);
      const types = draft.graph.nodes.map((n: any) => n.data.type);
      expect(types).toEqual(expect.arrayContaining(["start", "code", "iteration", "template-transform", "end"]));
      await context.close();
    },
    120_000,
  );
});
