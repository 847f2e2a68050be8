// Knowledge in a real browser against `wrangler dev`: a new user creates a knowledge base, uploads
// four files of different types at once (Markdown, CSV, HTML, Excel; each with its own progress
// bar), tunes the chunk settings against the live preview, watches indexing finish, tests
// retrieval, edits and disables chunks of a document, and sets up a signed webhook source whose
// on-screen curl example works.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { unzipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newContext, screenshot, screenshotOnFailure, signIn, text } from "./support/browser";

const url = inject("kilnUrl");
const admin = inject("kilnAdmin");
const FIXTURES = "test/fixtures/knowledge";
const FILES = ["moby-dick-loomings.md", "planets.csv", "gettysburg-address.html", "planets.xlsx"];
const MIME: Record<string, string> = {
  md: "text/markdown",
  csv: "text/csv",
  html: "text/html",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
const fixture = (name: string) => ({ name, mimeType: MIME[name.split(".").pop()!]!, buffer: readFileSync(`${FIXTURES}/${name}`) });

const unique = (name: string) => `${name} ${Date.now().toString(36)}`;

/** The preview's "N chunks · M tokens" line, once the preview is not updating. */
async function previewSummary(page: Page): Promise<string> {
  const preview = page.getByTestId("chunk-preview");
  await preview.getByText("Updating…").waitFor({ state: "hidden" });
  return text(preview.getByTestId("chunk-preview-summary"));
}

describe("knowledge", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(
    "takes four files from upload to indexed, retrievable, editable chunks, and a webhook source",
    async () => {
      const context = await newContext(browser, url);
      const page = await context.newPage();
      screenshotOnFailure(page, "knowledge-new-user");
      await signIn(page, admin.email, admin.password);

      // Create.
      await page.goto("/datasets");
      await page.getByRole("heading", { name: "Knowledge", exact: true }).waitFor();
      await screenshot(page, "knowledge-home");
      const name = unique("Classics");
      await page.getByRole("button", { name: "Create knowledge" }).first().click();
      const dialog = page.getByRole("dialog", { name: "Create knowledge" });
      await dialog.getByLabel("Name", { exact: true }).fill(name);
      await dialog.getByLabel("Description").fill("Public-domain classics for retrieval tests.");
      await dialog.getByRole("radio", { name: /High quality/ }).click();
      await dialog.getByLabel("Who can see it").selectOption("all_team_members");
      await screenshot(page, "knowledge-create");
      await dialog.getByRole("button", { name: "Create", exact: true }).click();
      await page.waitForURL(/\/datasets\/[^/]+\/add$/);
      expect(await text(page.getByTestId("dataset-name"))).toBe(name);

      // Four files of different types at once (a spreadsheet among them), plus one the browser
      // refuses before uploading.
      await page.getByLabel("Choose files to upload").setInputFiles([
        ...FILES.map(fixture),
        { name: "drawing.vsdx", mimeType: "application/vnd.ms-visio.drawing", buffer: Buffer.from("not really a drawing") },
      ]);
      const items = page.getByTestId("upload-item");
      await expect.poll(() => items.count()).toBe(5);
      const refused = items.filter({ hasText: "drawing.vsdx" });
      expect(await refused.getAttribute("data-status")).toBe("invalid");
      expect(await text(refused)).toContain("files aren't supported");
      await refused.getByRole("button", { name: "Remove drawing.vsdx" }).click();
      await expect.poll(() => items.count()).toBe(4);

      // The live preview follows the chunk settings.
      await page.getByTestId("preview-chunk").first().waitFor();
      const automatic = await previewSummary(page);
      expect(automatic).toMatch(/^\d+ chunks? · \d+ tokens/);
      await screenshot(page, "knowledge-add");
      await page.getByRole("radio", { name: /Custom/ }).click();
      await page.getByLabel("Maximum chunk length").fill("60");
      await expect.poll(() => previewSummary(page)).not.toBe(automatic);
      expect(Number.parseInt(await previewSummary(page), 10)).toBeGreaterThan(Number.parseInt(automatic, 10));
      expect(await page.getByTestId("preview-chunk").count()).toBeGreaterThan(1);
      await screenshot(page, "knowledge-chunk-preview");
      // Parent-child shows each parent with its children.
      await page.getByRole("radio", { name: /Parent-child/ }).click();
      await page.getByLabel("Child maximum length").fill("60");
      await page.getByTestId("preview-chunk").first().getByText("Parent 01").waitFor();
      await page.getByTestId("preview-chunk").first().getByText("C-2", { exact: true }).waitFor();
      await screenshot(page, "knowledge-chunk-preview-parent-child");
      await page.getByRole("radio", { name: /Custom/ }).click();
      await page.getByLabel("Maximum chunk length").fill("120");

      // Upload: each file has its own progress; then indexing runs to completion, watched live.
      await page.getByRole("button", { name: "Save & process" }).click();
      const progress = page.getByTestId("indexing-progress");
      await progress.waitFor({ timeout: 60_000 });
      await expect
        .poll(() => progress.locator('[data-testid="document-status"][data-status="completed"]').count(), { timeout: 60_000 })
        .toBe(4);
      await progress.getByText("Indexing finished").waitFor();
      await screenshot(page, "knowledge-indexed");

      await progress.getByRole("link", { name: "Go to documents" }).click();
      await page.waitForURL(/\/documents$/);
      const rows = page.getByTestId("document-row");
      await expect.poll(() => rows.count()).toBe(4);
      await expect.poll(() => page.locator('[data-testid="document-status"][data-status="completed"]').count()).toBe(4);
      for (const file of FILES) expect(await text(rows.filter({ hasText: file }).getByTestId("document-chunks"))).toMatch(/^\d+$/);
      // Every original back in one archive, byte for byte.
      await page.getByRole("checkbox", { name: "Select all documents on this page" }).check();
      await page.getByText("4 selected").waitFor();
      await screenshot(page, "knowledge-documents");
      const [archive] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download as ZIP" }).click()]);
      expect(archive.suggestedFilename()).toMatch(/^[0-9a-f]{32}\.zip$/);
      const entries = unzipSync(readFileSync(await archive.path()));
      expect(Object.keys(entries).sort()).toEqual([...FILES].sort());
      for (const file of FILES) expect(Buffer.from(entries[file]).equals(readFileSync(`${FIXTURES}/${file}`)), file).toBe(true);

      // Retrieval testing: a ranked chunk with its score and document.
      const nav = page.getByRole("navigation", { name: "Knowledge pages" });
      await nav.getByRole("link", { name: "Retrieval testing" }).click();
      await page.getByLabel("Query", { exact: true }).fill("four score and seven years ago our fathers brought forth a new nation");
      await page.getByRole("radio", { name: /Hybrid/ }).click();
      await page.getByRole("button", { name: "Test", exact: true }).click();
      const first = page.getByTestId("hit-record").first();
      await first.waitFor();
      expect(await text(first.getByTestId("hit-document"))).toContain("gettysburg-address.html");
      expect(await text(first.getByTestId("hit-content"))).toContain("Four score and seven years ago");
      const score = Number(await text(first.getByTestId("hit-score")));
      expect(score).toBeGreaterThan(0);
      await page.getByTestId("query-history-item").filter({ hasText: "four score" }).first().waitFor();
      await screenshot(page, "knowledge-retrieval");

      // A document's chunks: edit one (content and a keyword), disable another.
      await nav.getByRole("link", { name: "Documents", exact: true }).click();
      await page.getByRole("link", { name: "moby-dick-loomings.md" }).click();
      await page.getByTestId("document-name").getByText("moby-dick-loomings.md").waitFor();
      const cards = page.getByTestId("segment-card");
      await cards.first().waitFor();
      expect(await cards.count()).toBeGreaterThan(2);
      const firstCard = cards.first();
      await firstCard.getByRole("button", { name: "Edit chunk 1" }).click();
      // A high-quality knowledge base keeps keywords but matches by vector and full text (as Dify does).
      await firstCard.getByText("only economy knowledge bases search by keyword").waitFor();
      const editor = firstCard.getByLabel("Chunk content");
      await editor.fill(`${await editor.inputValue()}\nEdited in the browser test.`);
      await firstCard.getByLabel("Add a keyword").fill("ishmael");
      await firstCard.getByLabel("Add a keyword").press("Enter");
      await firstCard.getByRole("button", { name: "Save", exact: true }).click();
      await firstCard.getByTestId("segment-content").getByText("Edited in the browser test.").waitFor();
      await firstCard.getByTestId("keyword-chip").getByText("ishmael", { exact: true }).waitFor();
      const secondCard = cards.nth(1);
      await secondCard.getByRole("switch", { name: "Chunk 2 enabled" }).click();
      await expect.poll(() => secondCard.getAttribute("data-enabled")).toBe("false");
      await page.getByRole("radio", { name: "Disabled", exact: true }).click();
      await expect.poll(() => cards.count()).toBe(1);
      await page.getByRole("radio", { name: "All", exact: true }).click();
      await expect.poll(() => cards.count()).toBeGreaterThan(2);
      await screenshot(page, "knowledge-document");
      // The original comes back byte for byte, by a signed link the page follows as a download.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download original" }).click()]);
      expect(download.suggestedFilename()).toBe("moby-dick-loomings.md");
      expect(readFileSync(await download.path())).toEqual(readFileSync(`${FIXTURES}/moby-dick-loomings.md`));

      // Settings: a webhook source shows its URL, its secret (once) and a signed curl example.
      await nav.getByRole("link", { name: "Settings" }).click();
      const webhook = page.getByTestId("webhook-source");
      await webhook.getByRole("button", { name: "Create webhook" }).click();
      const hookUrl = await text(webhook.getByTestId("webhook-url"));
      expect(hookUrl).toMatch(/\/webhooks\/datasets\/[^/]+$/);
      const secret = await text(webhook.getByTestId("webhook-secret"));
      expect(secret.length).toBeGreaterThan(16);
      const curl = await text(webhook.getByTestId("webhook-curl"));
      expect(curl).toContain(hookUrl);
      expect(curl).toContain(secret);
      expect(curl).toContain("X-Kiln-Signature: sha256=");
      await screenshot(page, "knowledge-webhook");

      // The example on screen works as shown: run it, and the server accepts its signature.
      const answer = JSON.parse(execFileSync("bash", ["-c", curl], { encoding: "utf8", timeout: 20_000, stdio: ["ignore", "pipe", "pipe"] }));
      expect(answer).toMatchObject({ result: "success", created: 1 });
      await page.reload();
      await webhook.getByTestId("delivery-row").first().waitFor();
      expect(await webhook.getByTestId("webhook-secret").count()).toBe(0);
      expect(await text(webhook.getByTestId("webhook-secret-hint"))).not.toBe(secret);
      await screenshot(page, "knowledge-settings");

      // Home: the knowledge base's card counts the four files and the pushed document.
      await page.getByRole("link", { name: "All knowledge" }).click();
      const card = page.getByTestId("dataset-card").filter({ hasText: name });
      expect(await text(card.getByTestId("dataset-doc-count"))).toBe("5 documents");
      expect(await text(card)).toContain("High quality");
      await screenshot(page, "knowledge-list");
      await context.close();
    },
    180_000,
  );

  it(
    "indexes pasted text in an economy knowledge base and finds it by keyword",
    async () => {
      const context = await newContext(browser, url);
      const page = await context.newPage();
      screenshotOnFailure(page, "knowledge-economy");
      await signIn(page, admin.email, admin.password);
      await page.goto("/datasets");
      await page.getByRole("button", { name: "Create knowledge" }).first().click();
      const dialog = page.getByRole("dialog", { name: "Create knowledge" });
      await dialog.getByLabel("Name", { exact: true }).fill(unique("Returns"));
      await dialog.getByRole("radio", { name: /Economy/ }).click();
      await dialog.getByRole("button", { name: "Create", exact: true }).click();
      await page.waitForURL(/\/add$/);

      await page.getByRole("radio", { name: "Paste text", exact: true }).click();
      await page.getByLabel("Document name").fill("Returns policy");
      await page
        .getByLabel("Text", { exact: true })
        .fill("Returns\n\nItems can be returned within 30 days of delivery.\n\nRefunds reach the original card within five working days.");
      await page.getByTestId("preview-chunk").first().waitFor();
      await page.getByRole("button", { name: "Save & process" }).click();
      const progress = page.getByTestId("indexing-progress");
      await progress.locator('[data-testid="document-status"][data-status="completed"]').waitFor({ timeout: 60_000 });

      await page.getByRole("navigation", { name: "Knowledge pages" }).getByRole("link", { name: "Retrieval testing" }).click();
      // Economy knowledge bases search a keyword index only: no method to choose.
      expect(await page.getByRole("radiogroup", { name: "Search method" }).count()).toBe(0);
      await page.getByTestId("retrieval-settings").getByText("keyword index").waitFor();
      await page.getByLabel("Query", { exact: true }).fill("refunds card");
      await page.getByRole("button", { name: "Test", exact: true }).click();
      const first = page.getByTestId("hit-record").first();
      await first.waitFor();
      expect(await text(first.getByTestId("hit-document"))).toContain("Returns policy");
      expect(await text(first.getByTestId("hit-content"))).toContain("Refunds reach the original card");
      await screenshot(page, "knowledge-economy-retrieval");
      await context.close();
    },
    120_000,
  );
});
