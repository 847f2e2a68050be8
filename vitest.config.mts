// Two projects: `workers` runs unit and integration tests inside workerd with real local D1, R2
// and Queues; `e2e` drives Debian Chromium against `wrangler dev` from Node.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("migrations");
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  APP_SECRET: "test-secret-test-secret-test-secret-0123",
                  // The fake OpenAI server listens on 127.0.0.1; every other private host stays refused.
                  SSRF_ALLOW_HOSTS: "127.0.0.1",
                  ENVIRONMENT: "test",
                  // Provider hang tests wait for this; keep it short but above a streamed test reply.
                  PROVIDER_TIMEOUT_MS: "1500",
                },
                // Stands in for the dashboard's assets-only Worker behind the DASHBOARD binding.
                workers: [
                  {
                    name: "kiln-dashboard",
                    modules: true,
                    compatibilityDate: "2026-04-01",
                    script: `export default { fetch: (req) => new Response("<!doctype html><title>Kiln dashboard " + new URL(req.url).pathname + "</title>", { headers: { "content-type": "text/html" } }) };`,
                  },
                ],
              },
            }),
          ],
          // Binary fixtures Vite does not know as assets, imported with `?inline` as data URLs.
          assetsInclude: ["**/*.xlsx", "**/*.xls"],
          test: {
            name: "workers",
            include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
            setupFiles: ["./test/support/apply-migrations.ts"],
            globalSetup: ["./test/support/fake-openai-global.ts", "./test/support/mcp-global.ts"],
            testTimeout: 20_000,
            // One runtime for all files: the Worker's module graph (~1,000 modules) is loaded once
            // instead of once per file. The setup file gives every file an empty database.
            isolate: false,
            // mathjs arrives as ~1,000 small modules: bundled once, its first import (the maths
            // tool) takes 2 s instead of 12.
            deps: { optimizer: { ssr: { enabled: true, include: ["mathjs"] } } },
          },
        },
        {
          test: {
            name: "e2e",
            include: ["test/e2e/**/*.test.ts"],
            environment: "node",
            globalSetup: ["./test/e2e/global-setup.ts"],
            testTimeout: 90_000,
            hookTimeout: 180_000,
            // A page waits on its server round trips: under load one takes seconds, not the 1 s
            // expect.poll gives by default (locator waits already allow 30 s).
            expect: { poll: { timeout: 15_000, interval: 100 } },
            fileParallelism: false,
            // One retry: on a 2-core runner two `wrangler dev` instances, Chromium and the fake
            // provider share the CPU, and a different page wait times out now and then (a
            // test that fails twice is a real failure).
            retry: 1,
          },
        },
      ],
    },
  };
});
