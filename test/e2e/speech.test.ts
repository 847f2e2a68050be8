// Speech in a real browser against `wrangler dev`: an owner adds an OpenAI-compatible endpoint
// with whisper-1 and tts-1 and sees them become the speech defaults, turns the speech features on
// in the Prompt IDE and publishes; a visitor records a question with Chromium's fake microphone,
// gets it back as text in the message box, sends it and has the answer read aloud. An app with
// the features off shows neither control.
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { consoleApiFor, launchBrowser, newContext, screenshot, screenshotOnFailure, signIn, text } from "./support/browser";

const url = inject("kilnUrl");
const admin = inject("kilnAdmin");
const fakeUrl = inject("fakeOpenAIUrl");
const fakeKey = `sk-e2e-speech-${Date.now().toString(36)}`;

// Long enough that the fake tts-1 speaks for about 4 s, so the playing state can be seen.
const REPLY =
  "Cone 6 is a mid-range firing of about 1222 degrees Celsius. Bisque to cone 04 first, then glaze fire to cone 6 and let the kiln cool slowly overnight.";

const consoleApi = consoleApiFor(url);

async function visitor(browser: Browser): Promise<BrowserContext> {
  const context = await newContext(browser, url);
  await context.grantPermissions(["microphone"], { origin: url });
  return context;
}

describe("speech", () => {
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const login = await fetch(`${url}/console/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    token = (await login.json()).data.access_token;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(
    "sets up speech models, turns the speech features on and answers a recorded question aloud",
    async () => {
      const context = await newContext(browser, url);
      const page = await context.newPage();
      screenshotOnFailure(page, "speech-owner");
      await signIn(page, admin.email, admin.password);

      // Before any provider offers one, the speech slots say there is no speech model.
      await page.goto("/settings/model-providers");
      await page.getByRole("combobox", { name: "Chat model" }).waitFor();
      const before = await consoleApi(token, "GET", "/workspaces/current/default-model?model_type=speech2text");
      if (before.data === null) {
        expect(await text(page.getByTestId("no-speech2text-model"))).toContain("No speech model");
        expect(await text(page.getByTestId("no-tts-model"))).toContain("No speech model");
        await screenshot(page, "speech-no-model");
      }

      // An endpoint offering a chat model, whisper-1 and tts-1, each checked with a real call.
      const slug = `speech-${Date.now().toString(36)}`;
      const provider = `compat_${slug}`;
      await page.getByRole("button", { name: "Add OpenAI-compatible endpoint" }).first().click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Display name").fill(`Speech fake ${slug.slice(7)}`);
      await dialog.getByLabel("Name", { exact: true }).fill(slug);
      await dialog.getByLabel("Base URL").fill(fakeUrl);
      await dialog.getByLabel("API key").fill(fakeKey);
      await dialog.getByLabel("Model 1 name").fill("gpt-4o-mini");
      await dialog.getByRole("button", { name: "Add model" }).click();
      await dialog.getByLabel("Model 2 name").fill("whisper-1");
      await dialog.getByLabel("Model 2 type").selectOption("speech2text");
      await dialog.getByRole("button", { name: "Add model" }).click();
      await dialog.getByLabel("Model 3 name").fill("tts-1");
      await dialog.getByLabel("Model 3 type").selectOption("tts");
      expect(await dialog.getByLabel("Model 2 type").locator("option:checked").textContent()).toBe("Speech to text");
      await screenshot(page, "speech-endpoint-dialog");
      await dialog.getByRole("button", { name: "Add endpoint" }).click();
      const card = page.getByTestId(`provider-${provider}`);
      await card.waitFor({ timeout: 45_000 });
      expect(await text(card)).toContain("whisper-1");
      expect(await text(card)).toContain("tts-1");

      // The speech slots now offer them (with no default chosen yet, the first one offered shows);
      // make this endpoint's the saved defaults.
      const stt = page.getByRole("combobox", { name: "Speech to text" });
      const tts = page.getByRole("combobox", { name: "Text to speech" });
      await stt.locator(`option[value="${provider}::whisper-1"]`).waitFor({ state: "attached" });
      if (before.data === null) {
        expect(await stt.inputValue()).toBe(`${provider}::whisper-1`);
        expect(await tts.inputValue()).toBe(`${provider}::tts-1`);
        await screenshot(page, "speech-default-models");
      }
      await stt.selectOption(`${provider}::whisper-1`);
      await tts.selectOption(`${provider}::tts-1`);
      const saveDefaults = page.getByRole("button", { name: "Save defaults" });
      if (await saveDefaults.isEnabled()) {
        await saveDefaults.click();
        await page.getByText("Default models saved").waitFor();
      }
      expect(await stt.inputValue()).toBe(`${provider}::whisper-1`);
      expect(await tts.inputValue()).toBe(`${provider}::tts-1`);
      const saved = await consoleApi(token, "GET", "/workspaces/current/default-model?model_type=tts");
      expect(saved.data).toMatchObject({ provider, model: "tts-1" });

      // A chat app on the endpoint's chat model, with both speech features on.
      await page.goto("/apps");
      await page.getByRole("button", { name: "Create app" }).first().click();
      const create = page.getByRole("dialog", { name: "Create app" });
      await create.getByRole("radio", { name: /Chatbot/ }).click();
      await create.getByLabel("Name", { exact: true }).fill(`Voice helper ${slug.slice(7)}`);
      await create.getByRole("button", { name: "Create", exact: true }).click();
      await page.waitForURL(/\/apps\/[^/]+\/configuration$/);
      const appId = page.url().split("/apps/")[1]!.split("/")[0]!;
      await page.getByTestId("model-section").getByRole("combobox", { name: "Model", exact: true }).selectOption(`${provider}::gpt-4o-mini`);
      await page.getByRole("switch", { name: "Speech to text" }).click();
      await page.getByRole("switch", { name: "Text to speech" }).click();
      await page.getByRole("combobox", { name: "Voice" }).selectOption("nova");
      expect(await page.getByRole("switch", { name: "Speech to text" }).getAttribute("aria-checked")).toBe("true");
      // The workspace has speech models now: no hint that it lacks them.
      expect(await page.getByTestId("no-speech2text-model-hint").count()).toBe(0);
      await expect
        .poll(async () => (await consoleApi(token, "GET", `/apps/${appId}/model-config`)).model_config.text_to_speech)
        .toMatchObject({ enabled: true, voice: "nova" });
      const draft = (await consoleApi(token, "GET", `/apps/${appId}/model-config`)).model_config;
      expect(draft.speech_to_text).toMatchObject({ enabled: true });
      await page.getByTestId("text-to-speech-section").scrollIntoViewIfNeeded();
      await screenshot(page, "speech-prompt-ide");

      await page.getByRole("button", { name: "Publish", exact: true }).click();
      const publish = page.getByRole("dialog", { name: /Publish version 1/ });
      await publish.getByRole("button", { name: "Publish", exact: true }).click();
      await publish.waitFor({ state: "hidden" });
      await page.getByTestId("published-version").getByText(/Live: version 1/).waitFor();
      await page.getByRole("navigation", { name: "App pages" }).getByRole("link", { name: "Overview" }).click();
      const webappPath = new URL(await text(page.getByTestId("webapp-url"))).pathname;
      await context.close();

      // The visitor records a question with the fake microphone (a tone), about a second long.
      await fetch(`${new URL(fakeUrl).origin}/__control`, { method: "POST", body: JSON.stringify({ api_key: fakeKey, reply: REPLY, token_delay_ms: 5 }) });
      const guest = await visitor(browser);
      const webapp = await guest.newPage();
      screenshotOnFailure(webapp, "speech-webapp");
      await webapp.goto(webappPath);
      await webapp.getByRole("button", { name: "Record a question" }).click();
      const stop = webapp.getByRole("button", { name: "Stop recording" });
      await stop.waitFor();
      await webapp.waitForTimeout(1200);
      await screenshot(webapp, "speech-webapp-recording");
      const transcribed = webapp.waitForResponse((r) => r.url().endsWith("/api/audio-to-text"));
      await stop.click();
      expect((await transcribed).status()).toBe(200);
      const box = webapp.getByLabel("Message");
      await expect.poll(() => box.inputValue()).toMatch(/^Heard \d+ bytes of audio\/webm/);
      expect(Number((await box.inputValue()).match(/^Heard (\d+)/)![1])).toBeGreaterThan(1000);
      await screenshot(webapp, "speech-webapp-transcribed");

      // Sent as typed text; then the answer is read aloud.
      await webapp.getByRole("button", { name: "Send", exact: true }).click();
      await webapp.getByTestId("user-message").getByText(/^Heard \d+ bytes of audio\/webm/).waitFor();
      await webapp.getByRole("button", { name: "Like", exact: true }).waitFor({ timeout: 30_000 });
      const spoken = webapp.waitForResponse((r) => r.url().endsWith("/api/text-to-audio"));
      await webapp.getByRole("button", { name: "Read aloud" }).click();
      const audio = await spoken;
      expect(audio.status()).toBe(200);
      expect(audio.headers()["content-type"]).toBe("audio/mpeg");
      expect(audio.request().postDataJSON()).toMatchObject({ message_id: expect.any(String) });
      const reading = webapp.getByRole("button", { name: "Stop reading" });
      await webapp.locator('button[data-state="playing"]').waitFor();
      expect(await text(reading)).toContain("Reading aloud");
      await screenshot(webapp, "speech-webapp-reading");
      await reading.click();
      await webapp.getByRole("button", { name: "Read aloud" }).waitFor();
      await guest.close();

      // On a phone the microphone fits beside the box without sideways scrolling.
      const phone = await browser.newContext({ baseURL: url, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      await phone.grantPermissions(["microphone"], { origin: url });
      const mobile = await phone.newPage();
      await mobile.goto(webappPath);
      await mobile.getByRole("button", { name: "Record a question" }).waitFor();
      expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(mobile, "speech-webapp-mobile");
      await phone.close();
    },
    240_000,
  );

  it("shows neither the microphone nor Read aloud when the app's speech features are off", async () => {
    const created = await consoleApi(token, "POST", "/apps", { name: `No speech ${Date.now().toString(36)}`, mode: "chat" });
    const draft = (await consoleApi(token, "GET", `/apps/${created.id}/model-config`)).model_config;
    await consoleApi(token, "POST", `/apps/${created.id}/model-config`, {
      ...draft,
      model: { ...draft.model, provider: "offline", name: "kiln-echo" },
      speech_to_text: { enabled: false },
      text_to_speech: { enabled: false },
    });
    await consoleApi(token, "POST", `/apps/${created.id}/publish`, { marked_name: "e2e" });
    const code = (await consoleApi(token, "GET", `/apps/${created.id}`)).site.code as string;

    const guest = await visitor(browser);
    const page = await guest.newPage();
    screenshotOnFailure(page, "speech-off");
    await page.goto(`/chat/${code}`);
    await page.getByLabel("Message").fill("Hello without a microphone");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.getByRole("button", { name: "Like", exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole("button", { name: "Record a question" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Read aloud" }).count()).toBe(0);
    await guest.close();
  });
});
