// Workflow benchmarks, Dify's own shape: an LLM-free workflow (start → code → template → end)
// imported from a DSL file, published and run through POST /v1/workflows/run (streaming) at
// concurrency 16, side by side with the bare hello Worker answering a fixed JSON, and with the
// same Worker answering a recorded event stream (the floor the run's shape sets on this runtime);
// and the time to the first SSE event with one request at a time. Every run's outcome is checked
// afterwards.
import http from "node:http";
import { load, percentile } from "./load.mjs";

const round = (n) => Math.round(n * 100) / 100;

const edge = (source, target, i) =>
  `      - { id: e${i}, source: ${source}, target: ${target}, sourceHandle: source, targetHandle: target, data: { sourceType: x, targetType: y } }`;

/**
 * A workflow app's DSL: start(name) → the `middle` nodes in a chain (each `{ id, yaml }`) → end,
 * whose one output `result` is `resultSelector`.
 */
export function workflowDsl(name, middle, resultSelector) {
  const ids = ["start", ...middle.map((n) => n.id), "end"];
  const edges = ids.slice(1).map((id, i) => edge(ids[i], id, i));
  return `version: "0.3.0"
kind: app
app:
  name: ${name}
  mode: workflow
  icon: "⚡"
  icon_background: "#FFEAD5"
  description: benchmark workflow, no model
workflow:
  environment_variables: []
  conversation_variables: []
  features: {}
  graph:
    edges:
${edges.join("\n")}
    nodes:
      - id: start
        type: custom
        position: { x: 0, y: 0 }
        data:
          type: start
          title: Start
          variables:
            - { variable: name, label: Name, type: text-input, required: true, max_length: 64 }
${middle.map((n) => n.yaml).join("\n")}
      - id: end
        type: custom
        position: { x: 0, y: 0 }
        data:
          type: end
          title: End
          outputs:
            - { variable: result, value_selector: [${resultSelector.join(", ")}] }
`;
}

/** Dify's benchmark shape: start → code → template → end. */
const DSL = workflowDsl(
  "Bench workflow",
  [
    {
      id: "code",
      yaml: `      - id: code
        type: custom
        position: { x: 300, y: 0 }
        data:
          type: code
          title: Shout
          code_language: javascript
          code: |
            function main({ name }) {
              return { shouted: name.toUpperCase(), letters: name.length };
            }
          variables:
            - { variable: name, value_selector: [start, name] }
          outputs:
            shouted: { type: string, children: null }
            letters: { type: number, children: null }`,
    },
    {
      id: "tpl",
      yaml: `      - id: tpl
        type: custom
        position: { x: 600, y: 0 }
        data:
          type: template-transform
          title: Greet
          template: "Hello {{ shouted }} ({{ letters }} letters)"
          variables:
            - { variable: shouted, value_selector: [code, shouted] }
            - { variable: letters, value_selector: [code, letters] }`,
    },
  ],
  ["tpl", "output"],
);

/** A signed-in console caller: (method, path, body) → parsed JSON, throwing on an error status. */
export async function consoleSession(kiln) {
  const login = await (
    await fetch(`${kiln.url}/console/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: kiln.admin.email, password: kiln.admin.password }),
    })
  ).json();
  const auth = { authorization: `Bearer ${login.data.access_token}`, "content-type": "application/json" };
  return async (method, path, body) => {
    const res = await fetch(`${kiln.url}${path}`, { method, headers: auth, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

/** Imports a workflow DSL, publishes it and returns an app key. */
export async function publishWorkflow(call, yaml) {
  const imported = await call("POST", "/console/api/apps/imports", { mode: "yaml-content", yaml_content: yaml });
  if (!imported.app_id) throw new Error(`import did not create the app: ${JSON.stringify(imported)}`);
  await call("POST", `/console/api/apps/${imported.app_id}/workflows/publish`, {});
  return (await call("POST", `/console/api/apps/${imported.app_id}/api-keys`)).token;
}

/** The benchmark workflow, published, and an app key for it. */
export async function provisionWorkflow(kiln) {
  return publishWorkflow(await consoleSession(kiln), DSL);
}

/** One streaming run: ms to the first `data:` event, and the parsed events. */
function streamRun(url, appKey, body) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      url,
      { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${appKey}` } },
      (res) => {
        let buffer = "";
        let first = null;
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          buffer += chunk;
          if (first === null && buffer.includes("data: ")) first = performance.now() - started;
        });
        res.on("end", () => {
          if (res.statusCode !== 200) return reject(new Error(`run answered ${res.statusCode}: ${buffer.slice(0, 300)}`));
          const events = buffer
            .split("\n\n")
            .filter((f) => f.startsWith("data: "))
            .map((f) => JSON.parse(f.slice(6)));
          resolve({ first, events });
        });
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

/** ms to the first byte of a GET (or a POST of `body`), on a new connection (as streamRun). */
function firstByte(url, body) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const options = body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" } };
    const req = http.request(url, options, (res) => {
      let first = null;
      res.on("data", () => {
        first ??= performance.now() - started;
      });
      res.on("end", () => resolve(first));
    });
    req.on("error", reject);
    req.end(body);
  });
}

export async function benchWorkflow(kiln, helloUrl, { concurrency = 16, durationMs = 8000, requests = 100 } = {}) {
  const appKey = await provisionWorkflow(kiln);
  const runUrl = `${kiln.url}/v1/workflows/run`;
  const body = (i) => ({ inputs: { name: `kiln${i % 50}` }, response_mode: "streaming", user: `bench-${i % 20}` });

  // The run must really work before it is timed.
  const probe = await streamRun(runUrl, appKey, body(7));
  const finished = probe.events.find((e) => e.event === "workflow_finished");
  if (finished?.data?.status !== "succeeded" || finished.data.outputs?.result !== "Hello KILN7 (5 letters)") {
    throw new Error(`the benchmark workflow did not produce its output: ${JSON.stringify(finished ?? probe.events.slice(-2))}`);
  }

  const firsts = [];
  for (let i = 0; i < requests; i++) firsts.push((await streamRun(runUrl, appKey, body(i))).first);
  firsts.sort((a, b) => a - b);
  // The runtime's own floor, measured the same way (a new connection, time to the first byte):
  // the hello Worker answering a fixed JSON, one request at a time.
  const floors = [];
  for (let i = 0; i < requests; i++) floors.push(await firstByte(`${helloUrl}/hello`));
  floors.sort((a, b) => a - b);
  // And the first event of the bare recorded stream (see the floor below).
  const streamFloors = [];
  for (let i = 0; i < requests; i++) streamFloors.push(await firstByte(`${helloUrl}/stream/recorded`, "{}"));
  streamFloors.sort((a, b) => a - b);

  const baseline = await load(`${helloUrl}/hello`, { concurrency, durationMs });
  // What the run's shape alone costs on this runtime: the bare Worker answering a POST with an
  // event stream and one D1 write batch before its last event.
  const floor = await load(`${helloUrl}/stream/recorded`, { concurrency, durationMs, method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  const runs = await load(runUrl, {
    concurrency,
    durationMs,
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${appKey}` },
    bodyFn: (i) => JSON.stringify(body(i)),
  });
  // HTTP 200 is not success for a workflow: count the runs that did not succeed.
  const failed = await (
    await fetch(`${kiln.url}/v1/workflows/logs?status=failed&limit=1`, { headers: { authorization: `Bearer ${appKey}` } })
  ).json();

  return {
    name: "workflow_run_streaming",
    description:
      "LLM-free workflow (start → code → template → end) via POST /v1/workflows/run streaming vs a bare hello Worker, same runtime, same run",
    concurrency,
    duration_ms: durationMs,
    kiln: runs,
    failed_runs: failed.total ?? null,
    baseline,
    ratio_rps: round(runs.rps / baseline.rps),
    target_ratio: 0.5,
    recorded_stream_floor: {
      description: "the bare Worker: POST JSON → event stream of two events with one D1 write batch between them",
      ...floor,
      ratio_to_baseline: round(floor.rps / baseline.rps),
      kiln_ratio_to_floor: round(runs.rps / floor.rps),
    },
    time_to_first_event_unloaded: {
      requests,
      p50_ms: round(percentile(firsts, 50)),
      p95_ms: round(percentile(firsts, 95)),
      target_p50_ms: 5,
      hello_worker_first_byte: { p50_ms: round(percentile(floors, 50)), p95_ms: round(percentile(floors, 95)) },
      recorded_stream_floor_first_event: { p50_ms: round(percentile(streamFloors, 50)), p95_ms: round(percentile(streamFloors, 95)) },
    },
  };
}
