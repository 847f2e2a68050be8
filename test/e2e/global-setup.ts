// Browser tests run against real `wrangler dev` processes: one seeded platform (an owner exists)
// and one fresh platform (first-run setup not done), each with its own temporary state.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildDashboard, startPlatform } from "../../scripts/lib/platform.mjs";
import { startFakeOpenAI } from "../support/fake-openai.mjs";

export default async function setup(project: TestProject) {
  buildDashboard();
  const state = mkdtempSync(join(tmpdir(), "kiln-e2e-"));
  const fake = await startFakeOpenAI();
  // Tavily's API is the fake server's /tavily, so the built-in tavily tools run offline.
  const vars = {
    APP_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-0000",
    SSRF_ALLOW_HOSTS: "127.0.0.1",
    TAVILY_API_URL: `${new URL(fake.url).origin}/tavily`,
  };
  // KILN_E2E_LOGS=1 prints the seeded platform's request log (wrangler dev's), to see what a
  // failing page got from the server.
  const [seeded, fresh] = await Promise.all([
    startPlatform({ port: 8791, persistDir: join(state, "seeded"), vars, quiet: !process.env.KILN_E2E_LOGS, logLevel: process.env.KILN_E2E_LOGS ? "info" : undefined }),
    startPlatform({ port: 8792, persistDir: join(state, "fresh"), vars, seed: false, quiet: true }),
  ]);
  project.provide("kilnUrl", seeded.url);
  project.provide("kilnFreshUrl", fresh.url);
  project.provide("kilnAdmin", seeded.admin);
  project.provide("fakeOpenAIUrl", fake.url);
  return async () => {
    await Promise.all([seeded.stop(), fresh.stop(), fake.close()]);
    rmSync(state, { recursive: true, force: true });
  };
}
