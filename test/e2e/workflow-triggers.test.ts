// Trigger start nodes in the workflow editor, in a real browser against `wrangler dev`: a member
// swaps a new workflow's Start node for a Webhook Trigger, gives it a body field, sees its URLs
// and a curl call once the draft is saved, calls the debug URL (the draft) and, once published,
// the webhook URL, and finds both runs in the history; disabled in its panel, the webhook URL
// answers 404 while the debug URL still runs. A Schedule Trigger shows its cron expression and
// next runs, the server's refusal of a schedule that can't run, goes live when published, and can
// then be disabled and enabled again.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newContext, screenshot, screenshotOnFailure, signIn, text, consoleToken as signInToken } from "./support/browser";
import { createApp, edge, node, nodeId, waitSaved } from "./support/workflow-canvas";

const url = inject("kilnUrl");
const admin = inject("kilnAdmin");

const unique = (name: string) => `${name} ${Date.now().toString(36)}`;

const consoleToken = () => signInToken(url, admin.email, admin.password);

async function consoleApi<T = any>(token: string, path: string): Promise<T> {
  const res = await fetch(`${url}/console/api${path}`, { headers: { authorization: `Bearer ${token}` } });
  const raw = await res.text();
  if (res.status >= 300) throw new Error(`GET ${path} → ${res.status} ${raw}`);
  return JSON.parse(raw) as T;
}

/** Removes the new workflow's Start node and adds `label` from the palette before End, connected to it. */
async function startFromTrigger(page: Page, label: string, type: string): Promise<{ triggerId: string; endId: string }> {
  await node(page, "end").waitFor();
  const endId = await nodeId(page, "end");
  await waitSaved(page);
  await node(page, "start").click();
  await page.keyboard.press("Delete");
  await expect.poll(() => node(page, "start").count()).toBe(0);
  await node(page, "end").click();
  await page.getByRole("button", { name: "Add node" }).click();
  await page.getByTestId("node-palette").getByRole("button", { name: `Add ${label}` }).click();
  await node(page, type).waitFor();
  const triggerId = await nodeId(page, type);
  await edge(page, triggerId, endId).waitFor({ state: "attached" });
  return { triggerId, endId };
}

async function publish(page: Page) {
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Publish workflow" });
  await dialog.getByRole("button", { name: "Publish", exact: true }).click();
  await dialog.waitFor({ state: "hidden" });
  await page.getByText("Workflow published").waitFor();
}

const postJson = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("workflow trigger nodes", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("starts a workflow from a webhook: its URLs appear once saved, the debug URL runs the draft and the published URL the published workflow", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "workflow-triggers-webhook");
    await signIn(page, admin.email, admin.password);
    const appId = await createApp(page, /Workflow/, unique("Hooked"));

    // Without Start the graph begins nowhere, which the problems say.
    await node(page, "start").waitFor();
    const { triggerId: hookId, endId } = await startFromTrigger(page, "Webhook Trigger", "trigger-webhook");
    const hook = node(page, "trigger-webhook");
    expect(await text(hook.getByTestId("node-summary"))).toBe("POST · application/json");
    // Nothing leads into a trigger: it has no target handle, and no Start is offered beside it.
    expect(await hook.locator(".react-flow__handle.target").count()).toBe(0);
    await page.getByRole("button", { name: "Add node" }).click();
    await page.getByTestId("node-palette").getByRole("button", { name: "Add Schedule Trigger" }).waitFor();
    expect(await page.getByTestId("node-palette").getByRole("button", { name: "Add Start", exact: true }).count()).toBe(0);
    await page.getByRole("button", { name: "Add node" }).click();

    // One required body field; End returns it. No End output is needed, but this one shows the run.
    const panel = page.getByTestId("node-panel");
    await hook.click();
    await panel.getByRole("button", { name: "Add body field" }).click();
    await panel.getByLabel("Body field name").fill("name");
    await panel.getByTestId("webhook-body").getByLabel("Required").check();
    expect(await text(panel.getByTestId("webhook-outputs"))).toContain("name string");
    await node(page, "end").click();
    await panel.getByRole("button", { name: "Add output" }).click();
    await panel.getByLabel("Value of result").selectOption(`${hookId}.name`);
    await expect.poll(() => text(page.getByTestId("problems-button"))).toBe("No problems");
    await waitSaved(page);

    // The panel shows the webhook's URLs (made for the saved draft) and a curl call that fits.
    await hook.click();
    await panel.getByTestId("webhook-url").waitFor();
    const webhookUrl = await text(panel.getByTestId("webhook-url"));
    const debugUrl = await text(panel.getByTestId("webhook-debug-url"));
    expect(webhookUrl).toMatch(/^https?:\/\/[^/]+\/triggers\/webhook\/[\w-]{24}$/);
    expect(debugUrl).toBe(webhookUrl.replace("/triggers/webhook/", "/triggers/webhook-debug/"));
    const curl = await text(panel.getByTestId("webhook-curl"));
    expect(curl).toContain(`curl -X POST '${webhookUrl}'`);
    expect(curl).toContain(`-d '{"name":"text"}'`);
    await page.screenshot({ path: "/tmp/trig-webhook.png" });
    await screenshot(page, "workflow-triggers-webhook");
    await panel.getByTestId("webhook-body").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "/tmp/trig-webhook-form.png" });

    // The server holds the field as drawn, and Dify's variables list beside it.
    const token = await consoleToken();
    const draft = await consoleApi(token, `/apps/${appId}/workflows/draft`);
    const saved = draft.graph.nodes.find((n: any) => n.id === hookId).data;
    expect(saved).toMatchObject({ type: "trigger-webhook", method: "post", content_type: "application/json", body: [{ name: "name", type: "string", required: true }] });
    expect(saved.variables.map((v: any) => v.variable)).toEqual(["name", "_webhook_raw"]);
    expect(draft.graph.edges.map((e: any) => `${e.source}>${e.target}`)).toEqual([`${hookId}>${endId}`]);

    // The debug URL runs the draft now; the webhook URL answers 404 until the workflow is published.
    expect((await fetch(debugUrl, postJson({ name: "Draft" }))).status).toBe(200);
    expect((await fetch(webhookUrl, postJson({ name: "Early" }))).status).toBe(404);
    await publish(page);
    const answer = await fetch(webhookUrl, postJson({ name: "Ada" }));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ status: "success", message: "Webhook processed successfully" });

    // Both runs finish through the queue, from the webhook node, and are in the app's runs.
    const runs = () => consoleApi<{ data: { id: string; status: string; triggered_from: string }[] }>(token, `/apps/${appId}/workflow-runs`);
    await expect
      .poll(async () => (await runs()).data.map((r) => `${r.triggered_from}:${r.status}`).sort(), { timeout: 60_000, interval: 500 })
      .toEqual(["debugging:succeeded", "webhook:succeeded"]);
    const published = (await runs()).data.find((r) => r.triggered_from === "webhook")!;
    expect((await consoleApi(token, `/apps/${appId}/workflow-runs/${published.id}`)).outputs).toEqual({ result: "Ada" });

    // The test run panel points to the debug URL, and its history lists both runs by source.
    await page.getByRole("button", { name: "Test run" }).click();
    const run = page.getByTestId("run-panel");
    expect(await text(run.getByTestId("run-from-trigger"))).toContain("Debug URL");
    expect(await run.getByRole("button", { name: "Run", exact: true }).count()).toBe(0);
    await run.getByRole("button", { name: "History" }).click();
    await expect.poll(() => run.getByTestId("run-history").locator("li").count()).toBe(2);
    expect(await text(run.getByTestId("run-history"))).toMatch(/Webhook[\s\S]*Debug|Debug[\s\S]*Webhook/);
    await page.screenshot({ path: "/tmp/trig-history.png" });

    // Disabled in the panel, the published URL answers 404 and the debug URL still runs the draft.
    await run.getByRole("button", { name: "Close test run" }).click();
    await hook.click();
    const hookSwitch = panel.getByRole("switch", { name: "Webhook trigger" });
    expect(await hookSwitch.getAttribute("aria-checked")).toBe("true");
    expect(await text(panel.getByTestId("trigger-state"))).toBe("Enabled");
    await hookSwitch.click();
    await panel.getByTestId("webhook-disabled").waitFor();
    expect(await hookSwitch.getAttribute("aria-checked")).toBe("false");
    expect(await text(panel.getByTestId("trigger-state"))).toBe("Disabled");
    expect((await consoleApi(token, `/apps/${appId}/workflows/triggers/webhook?node_id=${hookId}`)).enabled).toBe(false);
    const refused = await fetch(webhookUrl, postJson({ name: "Off" }));
    expect(refused.status).toBe(404);
    expect((await refused.json()).message).toContain("disabled");
    expect((await fetch(debugUrl, postJson({ name: "Still debugging" }))).status).toBe(200);
    await page.screenshot({ path: "/tmp/trig-toggle.png" });
    await screenshot(page, "workflow-triggers-webhook-disabled");

    // Enabled again, the published URL runs the published workflow.
    await hookSwitch.click();
    await panel.getByTestId("webhook-disabled").waitFor({ state: "detached" });
    expect(await hookSwitch.getAttribute("aria-checked")).toBe("true");
    expect(await text(panel.getByTestId("trigger-state"))).toBe("Enabled");
    expect((await fetch(webhookUrl, postJson({ name: "Grace" }))).status).toBe(200);
    await expect
      .poll(async () => (await runs()).data.map((r) => `${r.triggered_from}:${r.status}`).sort(), { timeout: 60_000, interval: 500 })
      .toEqual(["debugging:succeeded", "debugging:succeeded", "webhook:succeeded", "webhook:succeeded"]);
    await context.close();
  });

  it("starts a workflow on a schedule: next runs from the saved draft, the server's refusal of a bad one, live once published", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "workflow-triggers-schedule");
    await signIn(page, admin.email, admin.password);
    await createApp(page, /Workflow/, unique("Nightly"));
    await startFromTrigger(page, "Schedule Trigger", "trigger-schedule");
    const schedule = node(page, "trigger-schedule");
    expect(await text(schedule.getByTestId("node-summary"))).toBe("Daily at 12:00 AM (UTC)");

    const panel = page.getByTestId("node-panel");
    await schedule.click();
    await expect.poll(() => text(panel.getByTestId("schedule-cron"))).toBe("0 0 * * *");
    expect(await panel.getByTestId("schedule-next-runs").locator("li").count()).toBe(5);
    expect(await text(panel.getByTestId("schedule-live"))).toContain("Not live");
    // Nothing to switch until the schedule is published.
    expect(await panel.getByRole("switch", { name: "Schedule trigger" }).count()).toBe(0);

    // Weekly on Sunday and Monday at 9:30 in Tokyo.
    await panel.getByLabel("Frequency").selectOption("weekly");
    await panel.getByRole("group", { name: "Weekdays" }).getByRole("button", { name: "Mon" }).click();
    await panel.getByLabel("Time", { exact: true }).fill("09:30");
    await panel.getByLabel("Time zone").selectOption("Asia/Tokyo");
    expect(await text(schedule.getByTestId("node-summary"))).toBe("Weekly on Sun, Mon at 09:30 AM (Asia/Tokyo)");
    await expect.poll(() => text(panel.getByTestId("schedule-cron")), { timeout: 20_000 }).toBe("30 9 * * 0,1");
    await page.screenshot({ path: "/tmp/trig-schedule-weekly.png" });

    // A cron expression the editor can't fault but the server can't schedule: its reason is shown.
    await panel.getByRole("group", { name: "Schedule mode" }).getByRole("button", { name: "Cron" }).click();
    await panel.getByLabel("Cron expression").fill("61 * * * *");
    await panel.getByTestId("schedule-error").waitFor({ timeout: 20_000 });
    expect(await text(panel.getByTestId("schedule-error"))).toContain("61 * * * *");
    await panel.getByLabel("Cron expression").fill("15 8 * * *");
    await expect.poll(() => text(panel.getByTestId("schedule-cron")), { timeout: 20_000 }).toBe("15 8 * * *");
    expect(await text(schedule.getByTestId("node-summary"))).toBe("15 8 * * * (Asia/Tokyo)");
    await expect.poll(() => text(page.getByTestId("problems-button"))).toBe("No problems");
    await waitSaved(page);

    // Published, the schedule is live; a test run runs it as if its time had come.
    await publish(page);
    await expect.poll(() => text(panel.getByTestId("schedule-live"))).toContain("Live");
    expect(await text(panel.getByTestId("schedule-live"))).toContain("The published schedule runs next");
    await page.screenshot({ path: "/tmp/trig-schedule.png" });
    await screenshot(page, "workflow-triggers-schedule");

    // Disabled, the published schedule does not run; enabled again, it is live once more.
    const scheduleSwitch = panel.getByRole("switch", { name: "Schedule trigger" });
    expect(await scheduleSwitch.getAttribute("aria-checked")).toBe("true");
    await scheduleSwitch.click();
    await expect.poll(() => text(panel.getByTestId("schedule-live"))).toContain("Disabled");
    expect(await scheduleSwitch.getAttribute("aria-checked")).toBe("false");
    await page.screenshot({ path: "/tmp/trig-schedule-disabled.png" });
    await scheduleSwitch.click();
    await expect.poll(() => text(panel.getByTestId("schedule-live"))).toContain("The published schedule runs next");
    expect(await scheduleSwitch.getAttribute("aria-checked")).toBe("true");
    await page.getByRole("button", { name: "Test run" }).click();
    const run = page.getByTestId("run-panel");
    expect(await text(run.getByTestId("run-from-trigger"))).toContain("as if its time had come");
    await run.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => run.getByTestId("run-result").getByTestId("status-badge").first().textContent(), { timeout: 20_000 }).toBe("succeeded");
    await expect.poll(() => schedule.getAttribute("data-status")).toBe("succeeded");
    await context.close();
  });
});
