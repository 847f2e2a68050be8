// Debian's Chromium driven by playwright-core, plus the steps most tests share.
import { mkdir } from "node:fs/promises";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { onTestFailed } from "vitest";

export const SCREENS_DIR = "test-results/screens";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // A fake microphone (a beeping tone) that needs no permission prompt, for the WebApp's voice input.
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
    ],
  });
}

export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1360, height: 860 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  // Generous: wrangler dev shares the machine with other test runs, and first loads compile.
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(45_000);
  return context;
}

/** The tallest screenshot: a longer page (the API reference is 20,000 px) is cut there. */
const SCREENSHOT_MAX_HEIGHT = 4_000;

/**
 * Saves the whole page, up to SCREENSHOT_MAX_HEIGHT. The viewport grows to the page's height first,
 * so the sticky sidebar and top bar are drawn as a user sees them rather than stranded at the top of
 * a long image. (Drawing the whole 20,000 px page took Chromium seven seconds on a 2-core runner.)
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENS_DIR, { recursive: true });
  const viewport = page.viewportSize();
  const height = Math.min(SCREENSHOT_MAX_HEIGHT, await page.evaluate(() => document.documentElement.scrollHeight));
  if (viewport && height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path: `${SCREENS_DIR}/${name}.png`, animations: "disabled" });
  if (viewport && height > viewport.height) await page.setViewportSize(viewport);
}

/**
 * Inside a test: if it fails, keep what the page looked like at that moment, and print why (vitest
 * reports only the last attempt's error, so a failure its retry fixed would leave no trace).
 */
export function screenshotOnFailure(page: Page, name: string): void {
  onTestFailed(async ({ task }) => {
    const attempt = (task.result?.retryCount ?? 0) + 1;
    const errors = (task.result?.errors ?? []).map((e) => e.message).join("\n");
    console.error(`[e2e] "${task.name}" failed on attempt ${attempt}: ${errors}`);
    if (!page.isClosed()) await screenshot(page, `FAILED-${name}`);
  });
}

/** Waits until the element stops moving (a layout or viewport animation has finished). */
export async function steady(locator: Locator): Promise<void> {
  let last = "";
  for (let i = 0; i < 50; i++) {
    const box = JSON.stringify(await locator.boundingBox());
    if (box === last) return;
    last = box;
    await new Promise((r) => setTimeout(r, 120));
  }
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

/** A unique, valid address for someone invited during this run. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@kiln.test`;
}

/** An element's text, trimmed. */
export async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? "").trim();
}

/** A console bearer token for `email`, signed in through the API (for checks beside the page). */
export async function consoleToken(baseURL: string, email: string, password: string): Promise<string> {
  const login = await fetch(`${baseURL}/console/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  return ((await login.json()) as { data: { access_token: string } }).data.access_token;
}

/**
 * A JSON API caller at `baseURL` for checks and set-up beside the page: (token, method, path,
 * JSON body) → the parsed answer, throwing on an error status.
 */
export function apiFor(baseURL: string) {
  return async <T = any>(token: string, method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseURL}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const raw = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${raw}`);
    return (raw ? JSON.parse(raw) : null) as T;
  };
}

/** The same for paths under /console/api. */
export function consoleApiFor(baseURL: string) {
  return apiFor(`${baseURL}/console/api`);
}
