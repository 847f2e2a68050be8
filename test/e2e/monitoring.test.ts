// Monitoring in a real browser: a visitor chats with a published app through the WebApp and likes
// the answer while a member watches the Logs screen's live tail; then the app's Monitoring tab and
// the workspace overview show the message and the like, and an app with no traffic shows empty
// charts.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { consoleApiFor, launchBrowser, newContext, screenshot, screenshotOnFailure, signIn, text } from "./support/browser";

const url = inject("kilnUrl");
const admin = inject("kilnAdmin");
const fakeUrl = inject("fakeOpenAIUrl");
const fakeKey = `sk-e2e-monitoring-${Date.now().toString(36)}`;

const consoleApi = consoleApiFor(url);

/** The app studio scrolls inside its own frame: grow the window to capture every chart. */
async function tallScreenshot(page: Page, name: string) {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1360, height: 2300 });
  await screenshot(page, name);
  if (viewport) await page.setViewportSize(viewport);
}

describe("monitoring", () => {
  let browser: Browser;
  let token: string;
  let app: { id: string; code: string };
  let quiet: { id: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    const login = await fetch(`${url}/console/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    token = (await login.json()).data.access_token;
    const provider = await consoleApi(token, "POST", "/workspaces/current/model-providers/openai_api_compatible", {
      name: `monitor${Date.now().toString(36)}`,
      label: "Fake for monitoring",
      base_url: fakeUrl,
      api_key: fakeKey,
      models: [{ model: "fake-chat", model_type: "llm" }],
    });
    const created = await consoleApi(token, "POST", "/apps", { name: "Glaze advisor", mode: "chat", icon: "🔥" });
    const draft = (await consoleApi(token, "GET", `/apps/${created.id}/model-config`)).model_config;
    await consoleApi(token, "POST", `/apps/${created.id}/model-config`, {
      ...draft,
      model: { ...draft.model, provider: provider.provider.provider, name: "fake-chat" },
      pre_prompt: "You advise potters on glazes.",
    });
    await consoleApi(token, "POST", `/apps/${created.id}/publish`, { marked_name: "e2e" });
    app = { id: created.id, code: (await consoleApi(token, "GET", `/apps/${created.id}`)).site.code };
    quiet = await consoleApi(token, "POST", "/apps", { name: "Quiet corner", mode: "chat" });
    await fetch(`${new URL(fakeUrl).origin}/__control`, {
      method: "POST",
      body: JSON.stringify({ api_key: fakeKey, reply: "Cone 10 is about 1305 °C: a **high-fire** glaze.", token_delay_ms: 10 }),
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function chatAndLike(visitor: Page, question: string) {
    await visitor.goto(`/chat/${app.code}`);
    await visitor.getByLabel("Message").fill(question);
    await visitor.getByRole("button", { name: "Send", exact: true }).click();
    await visitor.getByRole("button", { name: "Like", exact: true }).waitFor({ timeout: 30_000 });
    const liked = visitor.waitForResponse((r) => r.url().includes("/feedbacks") && r.status() === 200);
    await visitor.getByRole("button", { name: "Like", exact: true }).click();
    await liked;
  }

  it("streams a WebApp conversation into the live tail and charts it with its like", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "monitoring-live");
    await signIn(page, admin.email, admin.password);
    await page.goto(`/apps/${app.id}/logs`);
    await page.getByText("No messages yet").waitFor();
    await page.getByTestId("live-toggle").click();
    await page.getByTestId("live-toggle").getByText("Live").waitFor();
    await page.getByTestId("live-count").waitFor();

    const visitorContext = await newContext(browser, url);
    const visitor = await visitorContext.newPage();
    await chatAndLike(visitor, "How hot is cone 10?");
    await screenshot(visitor, "monitoring-webapp-liked");

    // The row arrives on the open Logs screen without a reload.
    const row = page.getByTestId("log-row").filter({ hasText: "How hot is cone 10?" });
    await row.waitFor({ timeout: 15_000 });
    expect(await text(page.getByTestId("live-count"))).toBe("1 new");
    expect(await row.getAttribute("data-source")).toBe("webapp");
    await screenshot(page, "monitoring-live-tail");

    await page.getByRole("navigation", { name: "App pages" }).getByRole("link", { name: "Monitoring" }).click();
    await page.waitForURL(/\/apps\/[^/]+\/monitoring/);
    await page.getByRole("radio", { name: "Today" }).click();
    await page.getByTestId("monitoring").waitFor();
    expect(await text(page.getByTestId("kpi-messages-value"))).toBe("1");
    expect(await text(page.getByTestId("kpi-end-users-value"))).toBe("1");
    expect(await text(page.getByTestId("kpi-likes-value"))).toBe("1000.0");
    // Charts are drawn (bars and lines), not their empty states.
    await page.getByTestId("chart-messages").locator(".recharts-bar-rectangle").first().waitFor();
    expect(await page.getByTestId("chart-satisfaction").getByTestId("chart-empty").count()).toBe(0);
    expect(await page.getByTestId("chart-latency").locator(".recharts-line").count()).toBeGreaterThan(0);
    await tallScreenshot(page, "monitoring-app-today");

    const fourWeeks = page.waitForResponse((r) => r.url().includes("/statistics/summary") && r.status() === 200);
    await page.getByRole("radio", { name: "Last 4 weeks" }).click();
    await fourWeeks;
    await page.locator('[role="radio"][aria-checked="true"]', { hasText: "Last 4 weeks" }).waitFor();
    // 28 days on the axis now, not one.
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=chart-messages] .recharts-xAxis .recharts-cartesian-axis-tick").length > 2);
    await tallScreenshot(page, "monitoring-app-4-weeks");

    // The workspace overview, from the sidebar.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Monitoring" }).click();
    await page.waitForURL(/\/monitoring$/);
    const listed = page.getByTestId("overview-app").filter({ hasText: "Glaze advisor" });
    await listed.waitFor();
    expect(await text(listed.locator("td").nth(1))).toBe("1");
    await page.getByTestId("overview-app").filter({ hasText: "Quiet corner" }).waitFor();
    await screenshot(page, "monitoring-workspace");
    await visitorContext.close();
    await context.close();
  });

  it("shows an empty state in every chart of an app nobody has used", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "monitoring-empty");
    await signIn(page, admin.email, admin.password);
    await page.goto(`/apps/${quiet.id}/monitoring`);
    await page.getByTestId("monitoring").waitFor();
    expect(await text(page.getByTestId("kpi-messages-value"))).toBe("0");
    expect(await page.getByTestId("chart-empty").count()).toBe(11);
    expect(await page.locator(".recharts-surface").count()).toBe(0);
    await page.getByText("Nothing to chart in this period").waitFor();
    await tallScreenshot(page, "monitoring-app-empty");

    // A custom period that ends before it starts is explained, not sent.
    await page.getByRole("radio", { name: "Custom" }).click();
    await page.getByLabel("From").fill("2026-03-10");
    await page.getByLabel("To").fill("2026-03-01");
    await page.getByText("The end date is before the start date.").waitFor();
    await context.close();
  });

  it("charts a workflow app's runs and callers, leaving the editor's test runs out", async () => {
    const node = (id: string, data: Record<string, unknown>) => ({ id, type: "custom", position: { x: 0, y: 0 }, data: { title: id, desc: "", ...data } });
    const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, sourceHandle: "source", targetHandle: "target" });
    const created = await consoleApi(token, "POST", "/apps", { name: "Kiln log writer", mode: "workflow", icon: "📝" });
    const draft = await consoleApi(token, "GET", `/apps/${created.id}/workflows/draft`);
    await consoleApi(token, "POST", `/apps/${created.id}/workflows/draft`, {
      graph: {
        nodes: [
          node("start", { type: "start", variables: [{ variable: "topic", label: "Topic", type: "text-input", required: true, max_length: 40 }] }),
          node("write", { type: "template-transform", template: "Log: {{ topic }}", variables: [{ variable: "topic", value_selector: ["start", "topic"] }] }),
          node("end", { type: "end", outputs: [{ variable: "log", value_selector: ["write", "output"], value_type: "string" }] }),
        ],
        edges: [edge("start", "write"), edge("write", "end")],
      },
      features: {},
      environment_variables: [],
      conversation_variables: [],
      hash: draft.hash,
    });
    await consoleApi(token, "POST", `/apps/${created.id}/workflows/publish`, {});
    const key = (await consoleApi(token, "POST", `/apps/${created.id}/api-keys`)).token;
    for (const user of ["potter-a", "potter-a", "potter-b"]) {
      const res = await fetch(`${url}/v1/workflows/run`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ inputs: { topic: "bisque" }, response_mode: "blocking", user }),
      });
      expect(res.status).toBe(200);
    }
    // A test run from the editor: not counted (Dify counts app runs only).
    const debug = await fetch(`${url}/console/api/apps/${created.id}/workflows/draft/run`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ inputs: { topic: "test" } }),
    });
    expect(await debug.text()).toContain('"status": "succeeded"');

    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "monitoring-workflow");
    await signIn(page, admin.email, admin.password);
    await page.goto(`/apps/${created.id}/monitoring`);
    await page.getByRole("radio", { name: "Today" }).click();
    await page.getByTestId("workflow-monitoring").waitFor();
    await expect.poll(() => text(page.getByTestId("kpi-runs-value"))).toBe("3");
    expect(await text(page.getByTestId("kpi-callers-value"))).toBe("2");
    // Runs only: the message dashboard is not shown for a workflow app.
    expect(await page.getByTestId("monitoring").count()).toBe(0);
    await page.getByTestId("chart-runs").locator(".recharts-bar-rectangle").first().waitFor();
    await tallScreenshot(page, "monitoring-workflow");
    await context.close();
  });
});
