// `npm run bench`: starts Kiln and the baseline Workers under `wrangler dev` side by side, runs
// each benchmark against both in the same run, and prints the figures as JSON.
// BENCH_ONLY=profile,chat,knowledge,annotations,stats,workflow,engine,tools limits which run
// (workflow includes engine).
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDashboard, startPlatform } from "../../scripts/lib/platform.mjs";
import { spawn } from "node:child_process";
import { benchAnnotations } from "./annotations.mjs";
import { benchThroughput, benchTtft, provisionApp, provisionChatApp } from "./chat.mjs";
import { benchKnowledge } from "./knowledge.mjs";
import { load, percentile } from "./load.mjs";
import { benchStatistics } from "./statistics.mjs";
import { benchTools } from "./tools.mjs";
import { benchWorkflow } from "./workflow.mjs";
import { benchWorkflowEngine } from "./workflow-engine.mjs";

const durationMs = Number(process.env.BENCH_DURATION_MS ?? 8000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const only = (process.env.BENCH_ONLY ?? "runtime,profile,chat,knowledge,annotations,stats,workflow,tools").split(",");
const state = mkdtempSync(join(tmpdir(), "kiln-bench-"));
// BENCH_INSPECTOR=0 runs every Worker (Kiln and the baselines alike) without the DevTools
// inspector that the `wrangler dev` CLI always attaches: it relays each subrequest's Network
// events to Node (see scripts/lib/start-worker.mjs), which taxes every D1 query and fetch.
const inspector = process.env.BENCH_INSPECTOR !== "0";
const quiet = { quiet: true, logLevel: "error", ...(inspector ? {} : { inspector: false }) };

/** The fake provider runs in its own process so it does not share the load generator's loop. */
function startProvider(ttftMs) {
  const child = spawn(process.execPath, [new URL("../support/fake-openai-cli.mjs", import.meta.url).pathname, String(ttftMs)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout.once("data", (d) => resolve({ url: JSON.parse(String(d)).url, close: async () => child.kill("SIGTERM") }));
    child.once("exit", (code) => reject(new Error(`fake provider exited with ${code}`)));
  });
}

// Under the wrangler CLI (inspector on) Kiln runs beside its dashboard Worker, which needs web/dist.
if (inspector) buildDashboard();
const slowProvider = await startProvider(50);
const fastProvider = await startProvider(0);
// The throughput benchmarks send thousands of requests a minute with one key, and the workflow
// and annotation ones from a few end users: lift both limits (a 429 is not a run).
const vars = {
  APP_SECRET: "bench-secret-bench-secret-bench-secret-00",
  SSRF_ALLOW_HOSTS: "127.0.0.1",
  RATE_LIMIT_PER_API_KEY: "100000000",
  RATE_LIMIT_PER_END_USER: "100000000",
};

const [kiln, hello, forwarderSlow, forwarderFast] = await Promise.all([
  startPlatform({ port: 8795, persistDir: join(state, "kiln"), vars, ...quiet }),
  startPlatform({ port: 8796, persistDir: join(state, "hello"), config: "test/bench/hello/wrangler.toml", seed: false, ...quiet }),
  startPlatform({
    port: 8797,
    persistDir: join(state, "fwd1"),
    config: "test/bench/forwarder/wrangler.toml",
    seed: false,
    vars: { PROVIDER_URL: slowProvider.url },
    ...quiet,
  }),
  startPlatform({
    port: 8798,
    persistDir: join(state, "fwd2"),
    config: "test/bench/forwarder/wrangler.toml",
    seed: false,
    vars: { PROVIDER_URL: fastProvider.url },
    ...quiet,
  }),
]);

/** Sequential keep-alive GETs: p50/p95 ms after a warm-up. */
async function sequential(url, requests = 200) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const one = () =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      http
        .get(url, { agent }, (res) => {
          res.resume();
          res.on("end", () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${url}: ${res.statusCode}`))));
        })
        .on("error", reject);
    });
  for (let i = 0; i < 20; i++) await one();
  const times = [];
  for (let i = 0; i < requests; i++) times.push(await one());
  agent.destroy();
  times.sort((a, b) => a - b);
  const r = (n) => Math.round(n * 100) / 100;
  return { requests, p50_ms: r(percentile(times, 50)), p95_ms: r(percentile(times, 95)) };
}

const results = [];
// Progress on stderr (the figures go to stdout as one JSON document at the end): which figure is
// done, and when, so a run that stalls shows where.
const benchStarted = performance.now();
results.push = (...items) => {
  for (const item of items) console.error(`bench: ${item.name} done at ${Math.round((performance.now() - benchStarted) / 1000)} s`);
  return Array.prototype.push.apply(results, items);
};
try {
  if (only.includes("runtime")) {
    // The runtime's own costs, to read Kiln's figures against: a request, and D1 round trips.
    results.push({
      name: "runtime_floor",
      description: "the bare hello Worker, sequential: a fixed JSON answer, and one, two (in sequence) D1 reads and one D1 write batch per request",
      hello: await sequential(`${hello.url}/hello`),
      d1_one_read: await sequential(`${hello.url}/d1/read`),
      d1_two_reads: await sequential(`${hello.url}/d1/read2`),
      d1_one_write_batch: await sequential(`${hello.url}/d1/write`),
    });
  }
  if (only.includes("profile")) {
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
  }
  if (only.includes("chat")) {
    const slowKey = await provisionApp(kiln, slowProvider.url, "slow");
    results.push(await benchTtft({ kilnUrl: kiln.url, appKey: slowKey, forwarderUrl: forwarderSlow.url }));
    // A second app on the zero-latency provider for throughput.
    const fast = await provisionChatApp(kiln, fastProvider.url, "fast");
    results.push(
      await benchThroughput({ kilnUrl: kiln.url, appKey: fast.key, forwarderUrl: forwarderFast.url, concurrency, durationMs, tail: fast }),
    );
  }
  if (only.includes("knowledge")) results.push(...(await benchKnowledge(kiln)));
  if (only.includes("workflow")) results.push(await benchWorkflow(kiln, hello.url, { concurrency: 16, durationMs }));
  if (only.includes("workflow") || only.includes("engine")) results.push(...(await benchWorkflowEngine(kiln)));
  if (only.includes("tools")) results.push(...(await benchTools(kiln, fastProvider.url, { forwarderUrl: forwarderFast.url, helloUrl: hello.url })));
  if (only.includes("annotations")) results.push(...(await benchAnnotations(kiln, slowProvider.url, { concurrency, durationMs })));
  // Its own Kiln (port 8799): seeding a million messages needs the database to itself.
  if (only.includes("stats")) results.push(...(await benchStatistics({ state, vars, quiet })));
} finally {
  await Promise.all([kiln.stop(), hello.stop(), forwarderSlow.stop(), forwarderFast.stop(), slowProvider.close(), fastProvider.close()]);
  rmSync(state, { recursive: true, force: true });
}

const runtime = inspector ? "wrangler dev (workerd), inspector on" : "wrangler dev server (workerd), inspector off";
console.log(JSON.stringify({ runtime, node: process.version, results }, null, 2));
