// `npm run bench`: starts Kiln and the baseline Worker under `wrangler dev` side by side, runs
// each benchmark against both in the same run, and prints the figures as JSON.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPlatform } from "../../scripts/lib/platform.mjs";
import { load } from "./load.mjs";

const durationMs = Number(process.env.BENCH_DURATION_MS ?? 8000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const state = mkdtempSync(join(tmpdir(), "kiln-bench-"));
const vars = { APP_SECRET: "bench-secret-bench-secret-bench-secret-00" };

const [kiln, hello] = await Promise.all([
  startPlatform({ port: 8795, persistDir: join(state, "kiln"), vars, quiet: true, logLevel: "error" }),
  startPlatform({
    port: 8796,
    persistDir: join(state, "hello"),
    config: "test/bench/hello/wrangler.toml",
    seed: false,
    quiet: true,
    logLevel: "error",
  }),
]);

const results = [];
try {
  const loginRes = await fetch(`${kiln.url}/console/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: kiln.admin.email, password: kiln.admin.password }),
  });
  const token = (await loginRes.json()).data.access_token;

  const baseline = await load(`${hello.url}/hello`, { concurrency, durationMs });
  const profile = await load(`${kiln.url}/console/api/account/profile`, {
    concurrency,
    durationMs,
    headers: { authorization: `Bearer ${token}` },
  });
  results.push({
    name: "console_profile_read",
    description: "authenticated GET /console/api/account/profile vs a bare Hono hello Worker, same runtime, same run",
    concurrency,
    duration_ms: durationMs,
    kiln: profile,
    baseline,
    ratio_rps: Math.round((profile.rps / baseline.rps) * 100) / 100,
    target_ratio: 0.5,
  });
} finally {
  await Promise.all([kiln.stop(), hello.stop()]);
  rmSync(state, { recursive: true, force: true });
}

console.log(JSON.stringify({ runtime: "wrangler dev (workerd)", node: process.version, results }, null, 2));
