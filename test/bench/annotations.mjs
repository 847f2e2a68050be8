// Annotation-reply benchmark: an app with 1,000 annotations (imported from CSV, offline embedder)
// and annotation reply enabled; blocking POST /v1/chat-messages whose query matches an annotation
// (answered from it, no model call) vs one that does not (the model answers, on the fake provider
// with its TTFT), and the cheapest app-key GET as the machine's floor. Sequential requests for
// latency percentiles, then a closed-loop load for req/s.
import http from "node:http";
import { provisionApp } from "./chat.mjs";
import { load, percentile } from "./load.mjs";

const ANNOTATIONS = 1_000;
const round = (n) => Math.round(n * 100) / 100;
const question = (i) => `How do I configure feature number ${i} of the billing console?`;

async function consoleCall(kiln, token, method, path, body) {
  const res = await fetch(`${kiln.url}/console/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body instanceof FormData || !body ? {} : { "content-type": "application/json" }) },
    body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

function postJson(agent, url, key, body) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(url, { agent, method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => {
        text += c;
      });
      res.on("end", () => resolve({ ms: performance.now() - started, status: res.statusCode, body: text }));
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

/** The platform's floor on this machine: the cheapest app-key route (cached key and config, no D1). */
async function floor(kiln, key, requests) {
  const times = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    const res = await fetch(`${kiln.url}/v1/parameters?user=floor`, { headers: { authorization: `Bearer ${key}` } });
    await res.text();
    times.push(performance.now() - started);
  }
  const sorted = times.sort((a, b) => a - b);
  return { requests, p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)) };
}

async function sample(kiln, key, queries, requests) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times = [];
  let fromAnnotation = 0;
  for (let i = 0; i < requests; i++) {
    const r = await postJson(agent, `${kiln.url}/v1/chat-messages`, key, {
      inputs: {},
      query: queries(i),
      response_mode: "blocking",
      user: `bench-${i % 50}`,
    });
    if (r.status !== 200) throw new Error(`chat-messages → ${r.status} ${r.body.slice(0, 300)}`);
    if (JSON.parse(r.body).metadata.annotation_reply) fromAnnotation++;
    times.push(r.ms);
  }
  agent.destroy();
  const sorted = times.sort((a, b) => a - b);
  return { requests, from_annotation: fromAnnotation, p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)) };
}

export async function benchAnnotations(kiln, providerUrl, { requests = 300, concurrency = 8, durationMs = 5000 } = {}) {
  const key = await provisionApp(kiln, providerUrl, "annotations");
  const login = await (
    await fetch(`${kiln.url}/console/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: kiln.admin.email, password: kiln.admin.password }),
    })
  ).json();
  const token = login.data.access_token;
  const apps = await consoleCall(kiln, token, "GET", "/apps?page=1&limit=100&name=Bench%20chat%20annotations");
  const appId = apps.data[0].id;

  const csv = `question,answer\n${Array.from({ length: ANNOTATIONS }, (_, i) => `${question(i)},Open Settings and switch feature ${i} on.`).join("\n")}\n`;
  const form = new FormData();
  form.append("file", new File([csv], "bench.csv", { type: "text/csv" }));
  const imported = await consoleCall(kiln, token, "POST", `/apps/${appId}/annotations/batch-import`, form);
  const enableStarted = performance.now();
  const enabled = await consoleCall(kiln, token, "POST", `/apps/${appId}/annotation-reply/enable`, { score_threshold: 0.9 });
  const enableMs = performance.now() - enableStarted;
  if (enabled.job_status !== "completed") throw new Error(`enable job: ${JSON.stringify(enabled)}`);

  // Warm the isolate (setting cache, vector matrix) the way a live app is warm.
  await sample(kiln, key, (i) => question(i), 20);
  // Cold: every request matches a different annotation (its row is not cached yet). Warm: the
  // questions users repeat most (20 of them), as real traffic does.
  const matched = await sample(kiln, key, (i) => question(20 + ((i * 7919) % (ANNOTATIONS - 20))), requests);
  const matchedWarm = await sample(kiln, key, (i) => question(i % 20), requests);
  const model = await sample(kiln, key, (i) => `Write a haiku about the sea, take ${i}`, Math.min(100, requests));
  const platformFloor = await floor(kiln, key, 100);
  const throughput = await load(`${kiln.url}/v1/chat-messages`, {
    concurrency,
    durationMs,
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    bodyFn: (i) => JSON.stringify({ inputs: {}, query: question(i % ANNOTATIONS), response_mode: "blocking", user: `load-${i % 200}` }),
  });
  return [
    {
      name: "annotation_reply_blocking",
      description: `blocking POST /v1/chat-messages matched against ${ANNOTATIONS} annotations (offline embedder), vs the model path on the fake provider`,
      annotations: imported.record_count,
      enable_ms: round(enableMs),
      matched_cold: matched,
      matched_warm: matchedWarm,
      model,
      floor_get_parameters: platformFloor,
      matched_throughput: { concurrency, duration_ms: durationMs, rps: throughput.rps, p50_ms: throughput.p50_ms, p95_ms: throughput.p95_ms, errors: throughput.errors },
      target_p50_ms: 20,
    },
  ];
}
