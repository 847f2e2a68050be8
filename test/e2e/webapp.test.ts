// The public WebApp in a real browser against `wrangler dev`: an app created and published
// through the console API, then used by an anonymous visitor with no console session: chat with
// a streamed Markdown answer, like, reload, the conversation list, a phone-sized layout, the
// completion page and the embeddable chat bubble.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from "vitest";
import { consoleApiFor, launchBrowser, newContext, screenshot, screenshotOnFailure, signIn } from "./support/browser";

const url = inject("kilnUrl");
const admin = inject("kilnAdmin");
const fakeUrl = inject("fakeOpenAIUrl");
const fakeKey = `sk-e2e-webapp-${Date.now().toString(36)}`;

const consoleApi = consoleApiFor(url);

/** Makes the fake model answer with `reply` (word by word, `delayMs` apart). */
async function scriptReply(reply: string, delayMs = 20) {
  await fetch(`${new URL(fakeUrl).origin}/__control`, {
    method: "POST",
    body: JSON.stringify({ api_key: fakeKey, reply, token_delay_ms: delayMs }),
  });
}

async function createPublishedApp(token: string, provider: string, app: Record<string, unknown>, config: Record<string, unknown>) {
  const created = await consoleApi(token, "POST", "/apps", app);
  const draft = (await consoleApi(token, "GET", `/apps/${created.id}/model-config`)).model_config;
  await consoleApi(token, "POST", `/apps/${created.id}/model-config`, {
    ...draft,
    model: { ...draft.model, provider, name: "fake-chat" },
    ...config,
  });
  await consoleApi(token, "POST", `/apps/${created.id}/publish`, { marked_name: "e2e" });
  const full = await consoleApi(token, "GET", `/apps/${created.id}`);
  return { id: created.id as string, code: full.site.code as string };
}

const ANSWER = [
  "Cone 6 is a **mid-range** firing, about *1222 °C*.",
  "",
  "1. Bisque to cone 04",
  "2. Glaze fire to cone 6",
  "",
  "```bash",
  "kiln --schedule cone6",
  "```",
  "",
  "<img src=x onerror=alert(1)> [unsafe](javascript:alert(1)) and [safe](https://example.com/kilns)",
].join("\n");

describe("the public WebApp", () => {
  let browser: Browser;
  let token: string;
  let provider: string;
  let chat: { id: string; code: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    const login = await fetch(`${url}/console/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    token = (await login.json()).data.access_token;
    const created = await consoleApi(token, "POST", "/workspaces/current/model-providers/openai_api_compatible", {
      name: `webapp${Date.now().toString(36)}`,
      label: "Fake for the WebApp",
      base_url: fakeUrl,
      api_key: fakeKey,
      models: [{ model: "fake-chat", model_type: "llm" }],
    });
    provider = created.provider.provider;
    chat = await createPublishedApp(
      token,
      provider,
      { name: "Pottery helper", mode: "chat", description: "Ask about glazes, clay and firing.", icon: "🏺" },
      {
        pre_prompt: "You help potters. The user's name is {{name}}.",
        user_input_form: [
          { "text-input": { variable: "name", label: "Your name", required: true, max_length: 20 } },
          { select: { variable: "level", label: "Experience", required: false, options: ["Beginner", "Expert"] } },
        ],
        opening_statement: "Hi {{name}}! Ask me anything about pottery.",
        suggested_questions: ["What is cone 6?", "Why did my glaze crawl?"],
      },
    );
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function sendAndWait(page: Page, text: string) {
    await page.getByLabel("Message").fill(text);
    await page.getByRole("button", { name: "Send", exact: true }).click();
  }

  it("chats without a console session: streamed Markdown answer, like, reload keeps the conversation", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    const alerts: string[] = [];
    page.on("dialog", (d) => {
      alerts.push(d.message());
      void d.dismiss();
    });
    await page.goto(`/chat/${chat.code}`);
    await page.getByTestId("opening-statement").waitFor();
    expect(page.url()).toContain(`/chat/${chat.code}`);
    expect(await page.getByRole("heading", { name: "Pottery helper" }).count()).toBeGreaterThan(0);
    expect(await page.getByText("Ask about glazes, clay and firing.").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "What is cone 6?" }).isVisible()).toBe(true);
    await screenshot(page, "webapp-chat-welcome");

    // The required field is checked before anything is sent.
    await sendAndWait(page, "What is cone 6?");
    await page.getByText("Your name is required.").waitFor();
    await page.getByLabel(/Your name/).fill("Ada");
    expect(await page.getByTestId("opening-statement").textContent()).toContain("Hi Ada!");

    await scriptReply(ANSWER, 40);
    await sendAndWait(page, "What is cone 6?");
    await page.getByRole("button", { name: "Stop responding" }).waitFor();
    const answer = page.getByTestId("assistant-message").last();
    await answer.getByText("mid-range").waitFor();
    await screenshot(page, "webapp-chat-streaming");
    await page.getByRole("button", { name: "Like", exact: true }).waitFor({ timeout: 30_000 });

    // Markdown renders as elements; the model's HTML and script links stay inert text.
    expect(await answer.locator("strong", { hasText: "mid-range" }).count()).toBe(1);
    expect(await answer.locator("ol > li").count()).toBe(2);
    expect(await answer.locator("pre code").textContent()).toContain("kiln --schedule cone6");
    expect(await answer.locator("img").count()).toBe(0);
    expect(await answer.getByText("<img src=x onerror=alert(1)>").count()).toBe(1);
    expect(await answer.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await answer.locator('a[href="https://example.com/kilns"]').getAttribute("rel")).toContain("noopener");
    expect(alerts).toEqual([]);

    const liked = page.waitForResponse((r) => r.url().includes("/feedbacks") && r.status() === 200);
    await page.getByRole("button", { name: "Like", exact: true }).click();
    await liked;
    expect(await page.getByRole("button", { name: "Like", exact: true }).getAttribute("aria-pressed")).toBe("true");
    await page.getByTestId("conversation-item").filter({ hasText: "What is cone 6?" }).waitFor();
    await screenshot(page, "webapp-chat-answered");

    await page.reload();
    await page.getByTestId("conversation-item").filter({ hasText: "What is cone 6?" }).waitFor();
    await page.getByTestId("assistant-message").getByText("mid-range").waitFor();
    expect(await page.getByRole("button", { name: "Like", exact: true }).getAttribute("aria-pressed")).toBe("true");
    expect(await page.getByText("Your name: Ada").isVisible()).toBe(true);
    await screenshot(page, "webapp-chat-reloaded");

    // A new chat, then back to the first from the list.
    await page.getByTestId("conversation-item").first().waitFor();
    await page.getByRole("button", { name: "New chat" }).first().click();
    await page.getByTestId("opening-statement").waitFor();
    expect(await page.getByTestId("assistant-message").count()).toBe(0);
    await page.getByTestId("conversation-item").filter({ hasText: "What is cone 6?" }).locator("button").first().click();
    await page.getByTestId("assistant-message").getByText("mid-range").waitFor();
    await context.close();
  });

  it("sends an image with a message when the app takes files, and shows it in the thread after a reload", async () => {
    const vision = await createPublishedApp(token, provider, { name: "Glaze doctor", mode: "chat", icon: "🔍" }, { pre_prompt: "You look at glaze photos." });
    // The owner turns file upload on in the Prompt IDE: images and documents, two per message.
    const ownerContext = await newContext(browser, url);
    const ide = await ownerContext.newPage();
    screenshotOnFailure(ide, "prompt-ide-file-upload");
    await signIn(ide, admin.email, admin.password);
    await ide.goto(`/apps/${vision.id}/configuration`);
    await ide.getByRole("switch", { name: "File upload" }).click();
    const section = ide.getByTestId("file-upload-section");
    await section.getByLabel("Documents").check();
    await section.getByLabel("Files per message").fill("2");
    await expect
      .poll(async () => (await consoleApi(token, "GET", `/apps/${vision.id}/model-config`)).model_config.file_upload)
      .toMatchObject({ enabled: true, allowed_file_types: ["image", "document"], number_limits: 2 });
    await section.scrollIntoViewIfNeeded();
    await screenshot(ide, "prompt-ide-file-upload");
    await ownerContext.close();
    await consoleApi(token, "POST", `/apps/${vision.id}/publish`, { marked_name: "files" });

    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "webapp-chat-files");
    await page.goto(`/chat/${vision.code}`);
    const attach = page.getByLabel("Attach files");
    // A red 1×1 PNG, and an audio file the app does not take.
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108020000009077" + "53de0000000c4944415408d763f8cfc000000301010018dd8db40000000049454e44ae426082", "hex");
    const pending = page.getByRole("list", { name: "Files to send" });
    await attach.setInputFiles({ name: "song.mp3", mimeType: "audio/mpeg", buffer: Buffer.from("ID3") });
    await pending.getByText("This message doesn't take this kind of file.").waitFor();
    await pending.getByRole("button", { name: "Remove song.mp3" }).click();
    await attach.setInputFiles({ name: "crawl.png", mimeType: "image/png", buffer: png });
    await pending.getByText("Ready").waitFor();
    await screenshot(page, "webapp-chat-attach");

    await scriptReply("That looks like crawling: the glaze pulled away from the clay.");
    await sendAndWait(page, "What went wrong here?");
    await page.getByTestId("assistant-message").last().getByText("crawling").waitFor();
    expect(await pending.count()).toBe(0);
    const sent = page.getByTestId("message-files").last().getByRole("img", { name: "crawl.png" });
    await sent.waitFor();

    // After a reload the thread comes from the server: the image is shown from its signed link.
    await page.reload();
    const shown = page.getByTestId("message-files").last().getByRole("img", { name: "crawl.png" });
    await shown.waitFor();
    expect(await shown.getAttribute("src")).toMatch(/^\/files\/[\w-]+\/file-preview\?timestamp=/);
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await screenshot(page, "webapp-chat-files");

    // A document by its link: refused when it is not a web address, sent (not uploaded) when it is.
    const linkButton = page.getByRole("button", { name: "Attach a link" });
    const linkBox = page.getByRole("dialog", { name: "Attach a link" });
    const link = linkBox.getByLabel("Link to a file for This message");
    await linkButton.click();
    await link.fill("ftp://example.com/glaze.pdf");
    await linkBox.getByRole("button", { name: "Add link" }).click();
    await pending.getByText("Enter a link that starts with https:// or http://.").waitFor();
    await pending.getByRole("button", { name: /^Remove / }).click();
    await linkButton.click();
    await link.fill("https://example.com/docs/glaze-notes.pdf");
    await screenshot(page, "webapp-chat-link");
    await link.press("Enter");
    await pending.getByText("glaze-notes.pdf").waitFor();
    await scriptReply("The notes say to fire slower.");
    await sendAndWait(page, "And what do these notes say?");
    await page.getByTestId("assistant-message").last().getByText("fire slower").waitFor();
    await page.reload();
    // After a reload the thread comes from the server: the message kept its file's link.
    const linked = page.getByTestId("message-files").last();
    await linked.getByText("glaze-notes.pdf").waitFor();
    expect(await linked.getByRole("link", { name: /glaze-notes\.pdf/ }).getAttribute("href")).toBe("https://example.com/docs/glaze-notes.pdf");
    await context.close();
  });

  it("sends files with a completion when the app takes them", async () => {
    const describer = await createPublishedApp(
      token,
      provider,
      { name: "Photo describer", mode: "completion", icon: "🖼" },
      { pre_prompt: "Describe the photo.", user_input_form: [], file_upload: { enabled: true, allowed_file_types: ["image"], number_limits: 1 } },
    );
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "webapp-completion-files");
    await page.goto(`/completion/${describer.code}`);
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000000301010018dd8db40000000049454e44ae426082", "hex");
    await page.locator('input[type="file"][name="files"]').setInputFiles({ name: "vase.png", mimeType: "image/png", buffer: png });
    await page.getByRole("list", { name: "Files for Attachments" }).getByText(/uploaded/).waitFor();
    await scriptReply("A small red vase.");
    await page.getByRole("button", { name: "Generate", exact: true }).click();
    await page.getByText("A small red vase.").waitFor();
    await context.close();
  });

  it("keeps each browser's conversations to itself", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    await page.goto(`/chat/${chat.code}`);
    await page.getByTestId("opening-statement").waitFor();
    await page.getByText("No conversations yet.").waitFor();
    expect(await page.getByTestId("conversation-item").count()).toBe(0);
    await context.close();
  });

  it("works on a phone: drawer for conversations, rename and delete", async () => {
    const context = await browser.newContext({ baseURL: url, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`/chat/${chat.code}`);
    await page.getByTestId("opening-statement").waitFor();
    await screenshot(page, "webapp-mobile-welcome");
    // No horizontal scrolling on a 390 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByLabel(/Your name/).fill("Grace");
    await scriptReply("Crawling happens when glaze pulls away from the clay. **Clean the bisque** and apply thinner coats.", 10);
    await sendAndWait(page, "Why did my glaze crawl?");
    await page.getByRole("button", { name: "Like", exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "webapp-mobile-answer");

    await page.getByRole("button", { name: "Show conversations" }).click();
    const drawer = page.getByRole("dialog", { name: "Conversations" });
    const item = drawer.getByTestId("conversation-item").filter({ hasText: "Why did my glaze crawl?" });
    await item.waitFor();
    await screenshot(page, "webapp-mobile-drawer");
    await item.getByRole("button", { name: /Actions for/ }).click();
    await drawer.getByRole("menuitem", { name: "Rename" }).click();
    await page.getByLabel("Conversation name").fill("Crawling glaze");
    await page.getByRole("button", { name: "Save" }).click();
    const renamed = drawer.getByTestId("conversation-item").filter({ hasText: "Crawling glaze" });
    await renamed.waitFor();

    await renamed.getByRole("button", { name: /Actions for/ }).click();
    await drawer.getByRole("menuitem", { name: "Delete" }).click();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    // Deleting the open conversation closes the drawer and starts a new chat.
    await page.getByTestId("assistant-message").waitFor({ state: "detached" });
    await page.waitForURL((u) => !u.searchParams.has("c"));
    await page.getByTestId("opening-statement").waitFor();
    await page.getByRole("button", { name: "Show conversations" }).click();
    await drawer.getByText("No conversations yet.").waitFor();
    await context.close();
  });

  it("generates on the completion page and rates the result", async () => {
    const app = await createPublishedApp(
      token,
      provider,
      { name: "Blurb writer", mode: "completion", description: "A short product description.", icon: "✍️" },
      {
        pre_prompt: "Write a blurb for {{product}} in a {{tone}} tone.",
        user_input_form: [
          { "text-input": { variable: "product", label: "Product", required: true, max_length: 40 } },
          { select: { variable: "tone", label: "Tone", required: true, options: ["Playful", "Formal"] } },
          { number: { variable: "words", label: "Words", required: false } },
        ],
      },
    );
    const context = await newContext(browser, url);
    const page = await context.newPage();
    // The chat path of a completion app leads to its completion page.
    await page.goto(`/chat/${app.code}`);
    await page.waitForURL(`**/completion/${app.code}`);
    await page.getByLabel(/Product/).fill("Ember mug");
    expect(await page.getByLabel(/Product/).getAttribute("maxlength")).toBe("40");
    await page.getByLabel(/Tone/).selectOption("Playful");
    await scriptReply("Meet the **Ember Mug**: hand-thrown stoneware.\n\n- Dishwasher safe\n- 350 ml", 10);
    await page.getByRole("button", { name: "Generate" }).click();
    const result = page.getByTestId("completion-result");
    await result.getByText("Dishwasher safe").waitFor();
    await result.getByRole("button", { name: "Like", exact: true }).waitFor();
    const rated = page.waitForResponse((r) => r.url().includes("/feedbacks") && r.status() === 200);
    await result.getByRole("button", { name: "Dislike" }).click();
    await rated;
    expect(await result.getByRole("button", { name: "Dislike" }).getAttribute("aria-pressed")).toBe("true");
    expect(await result.locator("strong", { hasText: "Ember Mug" }).count()).toBe(1);
    await screenshot(page, "webapp-completion");
    await context.close();
  });

  it("explains a link to an app that does not exist", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    await page.goto("/chat/not-a-real-code");
    await page.getByRole("heading", { name: "App not found" }).waitFor();
    await screenshot(page, "webapp-not-found");
    await context.close();
  });

  it("embeds as a chat bubble that opens the chat in a panel", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    // A shop on another origin (its own server) pastes the snippet.
    const shop = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<!doctype html><html><body style="font-family:sans-serif;background:#f4f4f5;padding:2rem"><h1>My pottery shop</h1>
        <script>window.kilnChatbotConfig = { token: ${JSON.stringify(chat.code)}, baseUrl: ${JSON.stringify(url)} };</script>
        <script src="${url}/embed.js" defer></script></body></html>`);
    });
    await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
    onTestFinished(() => void shop.close());
    await page.goto(`http://127.0.0.1:${(shop.address() as AddressInfo).port}/`);
    const bubble = page.getByRole("button", { name: "Open chat" });
    await bubble.waitFor();
    await bubble.click();
    const frame = page.frameLocator("#kiln-chatbot-bubble-window iframe");
    await frame.getByTestId("opening-statement").waitFor();
    await screenshot(page, "webapp-embed-bubble");
    await page.getByRole("button", { name: "Close chat" }).click();
    expect(await page.locator("#kiln-chatbot-bubble-window").isVisible()).toBe(false);
    await context.close();
  });
});
