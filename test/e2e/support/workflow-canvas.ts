// The workflow editor's canvas as the browser tests drive it: its nodes and edges by the test ids
// the canvas renders, an app created from the Apps page, and the autosave indicator.
import type { Page } from "playwright-core";

export const node = (page: Page, type: string) => page.locator(`[data-testid="workflow-node"][data-node-type="${type}"]`);
export const nodeId = async (page: Page, type: string) => (await node(page, type).first().getAttribute("data-node-id"))!;
export const edge = (page: Page, source: string, target: string) =>
  page.locator(`[data-testid="workflow-edge"][data-source="${source}"][data-target="${target}"]`);

/** Creates an app of the mode whose radio label matches `mode`, opens its canvas, and returns its id. */
export async function createApp(page: Page, mode: RegExp, name: string): Promise<string> {
  await page.goto("/apps");
  await page.getByRole("heading", { name: "Apps", exact: true }).waitFor();
  await page.getByRole("button", { name: "Create app" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create app" });
  await dialog.getByRole("radio", { name: mode }).click();
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await page.waitForURL(/\/apps\/[^/]+\/workflow$/);
  await page.getByTestId("workflow-editor").waitFor();
  return page.url().split("/apps/")[1]!.split("/")[0]!;
}

/** Waits for the draft's autosave to land. */
export async function waitSaved(page: Page) {
  await page.getByTestId("save-indicator").getByText(/Saved ·/).waitFor();
}
