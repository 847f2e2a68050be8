// Trigger start nodes (Dify 1.10+): a workflow started by a call to its webhook URL or by its
// schedule, through the real queue. The webhook is checked against the node's settings as Dify's
// WebhookService checks it (its messages are Dify's), answered with the node's configured response,
// and run from the trigger node; schedules are claimed once per due time by the cron handler.
import { createExecutionContext, createMessageBatch, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { createCtx } from "../../src/context";
import { isoInZone, scheduleOf, scheduleSchema } from "../../src/workflow/nodes/trigger-schedule";
import { ABANDONED_RUN_ERROR, sweepAbandonedRuns } from "../../src/workflow/runs";
import { runDueSchedules } from "../../src/workflow/triggers";
import worker from "../../workers/index";
import { addFakeProvider, eventually, fakeRequests, rows, scriptFake, sseEvents, v1 } from "../support/apps";
import { BASE, call, callJson, newWorkspaceOwner } from "../support/console";

let token = "";

const node = (id: string, data: Record<string, unknown>) => ({ id, type: "custom", position: { x: 0, y: 0 }, data: { title: id, ...data } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, sourceHandle: "source", targetHandle: "target" });

const HOOK = {
  type: "trigger-webhook",
  method: "post",
  content_type: "application/json",
  headers: [{ name: "X-Token", type: "string", required: true }],
  params: [{ name: "page", type: "number", required: false }],
  body: [
    { name: "name", type: "string", required: true },
    { name: "tags", type: "array[string]", required: false },
  ],
  status_code: 200,
  response_body: "",
};

/** webhook → template → end: the run's output shows what the node handed on. */
function webhookDsl(hook: Record<string, unknown> = HOOK, extra: { nodes?: unknown[]; edges?: unknown[] } = {}) {
  return YAML.stringify({
    version: "0.6.0",
    kind: "app",
    app: { name: "Hooked", mode: "workflow" },
    workflow: {
      graph: {
        nodes: [
          node("hook", hook),
          node("show", {
            type: "template-transform",
            template: "{{ name }} / {{ token }} / {{ page }} / {{ tags | join(',') }} / {{ raw.method }}",
            variables: [
              { variable: "name", value_selector: ["hook", "name"] },
              { variable: "token", value_selector: ["hook", "X_Token"] },
              { variable: "page", value_selector: ["hook", "page"] },
              { variable: "tags", value_selector: ["hook", "tags"] },
              { variable: "raw", value_selector: ["hook", "_webhook_raw"] },
            ],
          }),
          node("end", { type: "end", outputs: [{ variable: "shown", value_selector: ["show", "output"] }] }),
          ...(extra.nodes ?? []),
        ],
        edges: [edge("hook", "show"), edge("show", "end"), ...(extra.edges ?? [])],
      },
      features: {},
    },
  });
}

async function importApp(yaml: string, auth = token): Promise<string> {
  const r = await callJson("POST", "/console/api/apps/imports", { token: auth, body: { mode: "yaml-content", yaml_content: yaml } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.app_id;
}

async function publish(appId: string) {
  const r = await callJson("POST", `/console/api/apps/${appId}/workflows/publish`, { token, body: {} });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

async function webhookUrls(appId: string, nodeId = "hook") {
  const r = await callJson("GET", `/console/api/apps/${appId}/workflows/triggers/webhook?node_id=${nodeId}`, { token });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { webhook_id: string; webhook_url: string; webhook_debug_url: string; enabled: boolean };
}

/** Calls a trigger URL on the Worker (path and query of `url`). */
async function hit(url: string, init: RequestInit = {}) {
  const u = new URL(url);
  const res = await exports.default.fetch(new Request(`${BASE}${u.pathname}${u.search}`, init));
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", "x-token": "tok-1", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

const runsOf = (appId: string) => rows<{ id: string; status: string; triggered_from: string; created_from: string; outputs: string; error: string | null }>(
  "SELECT id, status, triggered_from, created_from, outputs, error FROM workflow_runs WHERE app_id = ? ORDER BY created_at",
  appId,
);

beforeAll(async () => {
  ({ token } = await newWorkspaceOwner());
});

describe("webhook triggers", () => {
  it("runs the published workflow from the webhook node, with the call's headers, query and body", async () => {
    const appId = await importApp(webhookDsl());
    const urls = await webhookUrls(appId);
    expect(urls.webhook_id).toMatch(/^[\w-]{24}$/);
    expect(urls.webhook_url).toBe(`${BASE}/triggers/webhook/${urls.webhook_id}`);
    expect(urls.webhook_debug_url).toBe(`${BASE}/triggers/webhook-debug/${urls.webhook_id}`);
    // The same node keeps its webhook.
    expect((await webhookUrls(appId)).webhook_id).toBe(urls.webhook_id);

    // Not published yet: nothing to run.
    expect((await hit(urls.webhook_url, post({ name: "Ada" }))).status).toBe(404);

    await publish(appId);
    expect((await webhookUrls(appId)).webhook_id).toBe(urls.webhook_id);
    const answer = await hit(`${urls.webhook_url}?page=3&extra=x`, post({ name: "Ada", tags: ["a", "b"] }));
    expect(answer).toEqual({ status: 200, body: { status: "success", message: "Webhook processed successfully" } });
    const [run] = await eventually(async () => {
      const list = await runsOf(appId);
      return list.length && list[0].status !== "running" ? list : null;
    }, 10_000);
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.triggered_from).toBe("webhook");
    expect(run.created_from).toBe("webhook");
    expect(JSON.parse(run.outputs)).toEqual({ shown: "Ada / tok-1 / 3 / a,b / POST" });
    const nodes = await rows<{ node_id: string; outputs: string }>("SELECT node_id, outputs FROM workflow_node_executions WHERE workflow_run_id = ? AND node_id = 'hook'", run.id);
    const hookOutputs = JSON.parse(nodes[0].outputs);
    expect(hookOutputs).toMatchObject({ X_Token: "tok-1", page: 3, name: "Ada", tags: ["a", "b"] });
    expect(hookOutputs._webhook_raw).toMatchObject({ method: "POST", query_params: { page: 3, extra: "x" }, body: { name: "Ada", tags: ["a", "b"] } });
    expect(hookOutputs._webhook_raw.headers).toMatchObject({ "Content-Type": "application/json", "X-Token": "tok-1" });

    // The run is one of the app's logs (not the debugger's).
    const key = (await callJson("POST", `/console/api/apps/${appId}/api-keys`, { token })).body.token;
    const logs = await v1(key, "GET", "/workflows/logs");
    expect(logs.body.data.map((l: { workflow_run: { id: string } }) => l.workflow_run.id)).toContain(run.id);
  });

  it("refuses a call that does not match the node, with Dify's messages, and runs nothing", async () => {
    const appId = await importApp(webhookDsl());
    await publish(appId);
    const { webhook_url } = await webhookUrls(appId);
    const cases: [RequestInit, string, string?][] = [
      [{ method: "GET", headers: { "x-token": "t" } }, "HTTP method mismatch. Expected POST, got GET"],
      [{ method: "POST", headers: { "content-type": "text/plain", "x-token": "t" }, body: "hi" }, "Content-type mismatch. Expected application/json, got text/plain"],
      [{ method: "POST", headers: { "content-type": "application/json" }, body: '{"name":"a"}' }, "Required header missing: X-Token"],
      [post({ tags: [] }), "Required body parameter missing: name"],
      [post({ name: 7 }), "Parameter 'name' validation failed: Expected string, got int"],
      [post({ name: "a", tags: ["x", 1] }), "Parameter 'tags' validation failed: Expected array of strings, got list"],
      [post("{not json"), "Invalid JSON body:"],
      [post({ name: "a" }), "Parameter 'page' validation failed: Cannot convert 'many' to number", "?page=many"],
    ];
    for (const [init, message, query] of cases) {
      const r = await hit(`${webhook_url}${query ?? ""}`, init);
      expect(r.status, message).toBe(400);
      expect(r.body.message).toContain(message);
      expect(r.body).toMatchObject({ code: "bad_request", status: 400, error: "Bad Request" });
    }
    expect((await hit(`${BASE}/triggers/webhook/nosuchwebhookid000000000`, post({ name: "a" }))).status).toBe(404);
    // One URL takes at most 300 calls a minute.
    const flood = `${BASE}/triggers/webhook/floodedwebhookid00000000`;
    const statuses = await Promise.all(Array.from({ length: 301 }, () => hit(flood, { method: "GET" }).then((r) => r.status)));
    expect(statuses.filter((st) => st === 404)).toHaveLength(300);
    expect(statuses.filter((st) => st === 429)).toHaveLength(1);
    const big = await hit(webhook_url, { ...post({ name: "a" }), headers: { "content-type": "application/json", "x-token": "t", "content-length": String(11 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    // A refused call queues nothing: after one accepted call (queued behind any stray), there is exactly one run.
    expect((await hit(webhook_url, post({ name: "ok", tags: [] }))).status).toBe(200);
    await eventually(async () => (await runsOf(appId)).some((r) => r.status !== "running"), 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect((await runsOf(appId)).map((r) => JSON.parse(r.outputs ?? "{}").shown)).toEqual(["ok / tok-1 / None /  / POST"]);
  });

  it("answers with the node's configured status and body, and converts form fields to their types", async () => {
    const hook = {
      ...HOOK,
      content_type: "application/x-www-form-urlencoded",
      headers: [],
      body: [
        { name: "name", type: "string", required: true },
        { name: "count", type: "number" },
        { name: "ok", type: "boolean" },
      ],
      status_code: 202,
      response_body: '{"accepted": true}',
    };
    const yaml = webhookDsl(hook).replace("{{ tags | join(',') }}", "{{ count + 1 }} {{ ok }}");
    const dsl = YAML.parse(yaml);
    dsl.workflow.graph.nodes[1].data.variables.push({ variable: "count", value_selector: ["hook", "count"] }, { variable: "ok", value_selector: ["hook", "ok"] });
    const appId = await importApp(YAML.stringify(dsl));
    await publish(appId);
    const { webhook_url } = await webhookUrls(appId);
    const r = await hit(webhook_url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "name=Bo&count=41&ok=yes" });
    expect(r).toEqual({ status: 202, body: { accepted: true } });
    const [run] = await eventually(async () => {
      const list = await runsOf(appId);
      return list.length && list[0].status !== "running" ? list : null;
    }, 10_000);
    expect(JSON.parse(run.outputs).shown, run.error ?? "").toBe("Bo / None / None / 42 True / POST");
    const bad = await hit(webhook_url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "name=Bo&ok=maybe" });
    expect(bad.body.message).toBe("Parameter 'ok' validation failed: Cannot convert 'maybe' to boolean");
  });

  it("stores a multipart call's files as the app's uploads, only once the call is accepted", async () => {
    const hook = {
      ...HOOK,
      content_type: "multipart/form-data",
      headers: [],
      body: [
        { name: "name", type: "string", required: true },
        { name: "doc", type: "file", required: false },
      ],
    };
    const dsl = YAML.parse(webhookDsl(hook));
    dsl.workflow.graph.nodes[1].data = {
      type: "template-transform",
      template: "{{ name }}: {{ doc.filename }} {{ doc.size }} {{ doc.extension }}",
      variables: [
        { variable: "name", value_selector: ["hook", "name"] },
        { variable: "doc", value_selector: ["hook", "doc"] },
      ],
    };
    const appId = await importApp(YAML.stringify(dsl));
    await publish(appId);
    const { webhook_url } = await webhookUrls(appId);
    const form = (fields: Record<string, string | File>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) f.append(k, v);
      return { method: "POST", body: f };
    };
    const notes = () => new File(["hello from a webhook"], "notes.txt", { type: "text/plain" });
    const refused = await hit(webhook_url, form({ doc: notes() }));
    expect(refused.body.message).toBe("Required body parameter missing: name");
    const program = await hit(webhook_url, form({ name: "x", doc: new File(["MZ"], "setup.exe") }));
    expect(program.status).toBe(400);
    expect(await rows("SELECT id FROM upload_files WHERE app_id = ?", appId)).toEqual([]);

    expect((await hit(webhook_url, form({ name: "Ann", doc: notes() }))).status).toBe(200);
    const [run] = await eventually(async () => {
      const list = await runsOf(appId);
      return list.length && list[0].status !== "running" ? list : null;
    }, 10_000);
    expect(JSON.parse(run.outputs).shown, run.error ?? "").toBe("Ann: notes.txt 20 .txt");
    expect(await rows("SELECT name FROM upload_files WHERE app_id = ?", appId)).toEqual([{ name: "notes.txt" }]);
  });

  it("turns a webhook off and on: off, its published URL answers 404 while its debug URL still runs the draft", async () => {
    const appId = await importApp(webhookDsl());
    await publish(appId);
    const { webhook_url, webhook_debug_url } = await webhookUrls(appId);
    const setEnabled = (enabled: boolean, nodeId = "hook") =>
      callJson("POST", `/console/api/apps/${appId}/workflows/triggers/enable`, { token, body: { node_id: nodeId, enabled } });
    expect((await setEnabled(false)).body).toEqual({ node_id: "hook", enabled: false });
    expect((await webhookUrls(appId)).enabled).toBe(false);
    const off = await hit(webhook_url, post({ name: "x", tags: [] }));
    expect(off.status).toBe(404);
    expect(off.body.message).toContain("disabled");
    expect((await hit(webhook_debug_url, post({ name: "x", tags: [] }))).status).toBe(200);
    expect((await setEnabled(true)).status).toBe(200);
    expect((await hit(webhook_url, post({ name: "x", tags: [] }))).status).toBe(200);
    expect((await setEnabled(true, "nope")).status).toBe(404);
    const other = await newWorkspaceOwner();
    const foreign = await callJson("POST", `/console/api/apps/${appId}/workflows/triggers/enable`, { token: other.token, body: { node_id: "hook", enabled: false } });
    expect(foreign.status).toBe(404);
    await eventually(async () => (await runsOf(appId)).filter((r) => r.status !== "running").length === 2, 10_000);
  });

  it("runs the draft from the debug URL as a debugging run, and forgets a webhook whose node is published away", async () => {
    const appId = await importApp(webhookDsl());
    const { webhook_url, webhook_debug_url } = await webhookUrls(appId);
    expect((await hit(webhook_debug_url, post({ name: "Dee", tags: [] }))).status).toBe(200);
    const [run] = await eventually(async () => {
      const list = await runsOf(appId);
      return list.length && list[0].status !== "running" ? list : null;
    }, 10_000);
    expect(run.triggered_from).toBe("debugging");
    expect(JSON.parse(run.outputs).shown).toContain("Dee / tok-1");

    // A new draft without the webhook node, published: its URL is gone.
    await publish(appId);
    const draft = (await callJson("GET", `/console/api/apps/${appId}/workflows/draft`, { token })).body;
    const graph = {
      nodes: [node("start", { type: "start", variables: [] }), node("end", { type: "end", outputs: [] })],
      edges: [edge("start", "end")],
    };
    const saved = await callJson("POST", `/console/api/apps/${appId}/workflows/draft`, { token, body: { graph, features: {}, environment_variables: [], conversation_variables: [], hash: draft.hash } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await hit(webhook_url, post({ name: "x" }))).status).toBe(200);
    await publish(appId);
    expect((await hit(webhook_url, post({ name: "x" }))).status).toBe(404);
    expect(await rows("SELECT id FROM workflow_webhook_triggers WHERE app_id = ?", appId)).toEqual([]);
  });

  it("passes a body too large for a queue message through R2, and removes it after the run", async () => {
    const appId = await importApp(webhookDsl());
    await publish(appId);
    const { webhook_url } = await webhookUrls(appId);
    const name = "n".repeat(200 * 1024);
    expect((await hit(webhook_url, post({ name, tags: ["t"] }))).status).toBe(200);
    const [run] = await eventually(async () => {
      const list = await runsOf(appId);
      return list.length && list[0].status !== "running" ? list : null;
    }, 15_000);
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(JSON.parse(run.outputs).shown.startsWith(`${name} / tok-1`)).toBe(true);
    const ws = (await callJson("GET", "/console/api/workspaces/current", { token })).body.id;
    await eventually(async () => (await env.FILES.list({ prefix: `ws/${ws}/trigger-inputs/` })).objects.length === 0);
  });

  it("records a run that could never start as failed, and runs a redelivered message only once", async () => {
    const appId = await importApp(webhookDsl());
    await publish(appId);
    const workspaceId = (await callJson("GET", "/console/api/workspaces/current", { token })).body.id;
    const body = { type: "workflow.trigger", workspaceId, appId, nodeId: "hook", source: "webhook", runId: crypto.randomUUID(), inputs: { webhook_data: {} }, at: Date.now() };
    const dead = createMessageBatch("kiln-workflows-dlq", [{ id: "wf-dlq-1", timestamp: new Date(), attempts: 4, body }]);
    let execCtx = createExecutionContext();
    await worker.queue(dead, env as never, execCtx);
    await waitOnExecutionContext(execCtx);
    const [failed] = await runsOf(appId);
    expect(failed).toMatchObject({ id: body.runId, status: "failed", triggered_from: "webhook" });
    expect(failed.error).toContain("could not be started");
    // The same message delivered again finds its run and starts nothing.
    const again = createMessageBatch("kiln-workflows", [{ id: "wf-1", timestamp: new Date(), attempts: 2, body }]);
    execCtx = createExecutionContext();
    await worker.queue(again, env as never, execCtx);
    await waitOnExecutionContext(execCtx);
    expect(await runsOf(appId)).toHaveLength(1);
  });

  it("records a queued run as running before its first node, and housekeeping fails runs abandoned mid-way", async () => {
    // webhook → LLM (slow to answer) → end: the run is under way while the provider thinks.
    const { provider, apiKey } = await addFakeProvider({ token }, { name: "slowhook" });
    await scriptFake(apiKey, { ttft_ms: 600 });
    const hook = { type: "trigger-webhook", method: "post", content_type: "application/json", headers: [], params: [], body: [], status_code: 200, response_body: "" };
    const llm = {
      type: "llm",
      model: { provider, name: "gpt-4o-mini", mode: "chat", completion_params: {} },
      prompt_template: [{ role: "user", text: "hello" }],
      context: { enabled: false, variable_selector: [] },
      vision: { enabled: false },
    };
    const yaml = YAML.stringify({
      version: "0.6.0",
      kind: "app",
      app: { name: "Slow hook", mode: "workflow" },
      workflow: {
        graph: {
          nodes: [node("hook", hook), node("think", llm), node("end", { type: "end", outputs: [{ variable: "said", value_selector: ["think", "text"] }] })],
          edges: [edge("hook", "think"), edge("think", "end")],
        },
        features: {},
      },
    });
    const appId = await importApp(yaml);
    await publish(appId);
    const workspaceId = (await callJson("GET", "/console/api/workspaces/current", { token })).body.id;
    const body = { type: "workflow.trigger", workspaceId, appId, nodeId: "hook", source: "webhook", runId: crypto.randomUUID(), inputs: { webhook_data: {} }, at: Date.now() };
    const execCtx = createExecutionContext();
    const consumed = worker.queue(createMessageBatch("kiln-workflows", [{ id: "wf-slow-1", timestamp: new Date(), attempts: 1, body }]), env as never, execCtx);
    // When the LLM node calls out, the run's row is already there: a consumer that died now
    // would find it on redelivery and not start the run (and its calls) a second time.
    await eventually(async () => (await fakeRequests(apiKey)).some((r) => r.path.endsWith("/chat/completions")));
    expect(await runsOf(appId)).toEqual([expect.objectContaining({ id: body.runId, status: "running" })]);
    await consumed;
    await waitOnExecutionContext(execCtx);
    expect(await runsOf(appId)).toEqual([expect.objectContaining({ id: body.runId, status: "succeeded" })]);

    // A run whose Worker died keeps its "running" row; once no run could still be going (the
    // engine's 10-minute limit, and a margin), housekeeping marks it failed. Recent ones stay.
    const [finished] = await rows<Record<string, unknown>>("SELECT * FROM workflow_runs WHERE id = ?", body.runId);
    const copy = async (id: string, minutesAgo: number) =>
      env.DB.prepare(
        "INSERT INTO workflow_runs (id, workspace_id, app_id, workflow_id, version, type, triggered_from, created_from, status, inputs, created_by_role, created_by, created_at) VALUES (?, ?, ?, ?, ?, 'workflow', 'webhook', 'webhook', 'running', '{}', 'end_user', ?, ?)",
      )
        .bind(id, workspaceId, appId, finished.workflow_id, finished.version, finished.created_by, Date.now() - minutesAgo * 60_000)
        .run();
    const abandoned = crypto.randomUUID();
    const recent = crypto.randomUUID();
    await copy(abandoned, 20);
    await copy(recent, 3);
    expect(await sweepAbandonedRuns(createCtx(env as never))).toBeGreaterThanOrEqual(1);
    const after = new Map((await runsOf(appId)).map((r) => [r.id, r]));
    expect(after.get(abandoned)).toMatchObject({ status: "failed", error: ABANDONED_RUN_ERROR });
    expect(after.get(recent)).toMatchObject({ status: "running", error: null });
    expect(after.get(body.runId)).toMatchObject({ status: "succeeded" });
    const [swept] = await rows<{ elapsed_time: number; finished_at: number }>("SELECT elapsed_time, finished_at FROM workflow_runs WHERE id = ?", abandoned);
    expect(swept.elapsed_time).toBeGreaterThan(19 * 60);
    expect(swept.finished_at).toBeGreaterThan(Date.now() - 60_000);
  });

  it("keeps webhooks to their workspace: another workspace cannot read an app's webhook", async () => {
    const appId = await importApp(webhookDsl());
    const other = await newWorkspaceOwner();
    const r = await callJson("GET", `/console/api/apps/${appId}/workflows/triggers/webhook?node_id=hook`, { token: other.token });
    expect(r.status).toBe(404);
    const missing = await callJson("GET", `/console/api/apps/${appId}/workflows/triggers/webhook?node_id=nope`, { token });
    expect(missing.status).toBe(404);
    const unnamed = await callJson("GET", `/console/api/apps/${appId}/workflows/triggers/webhook`, { token });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body).toMatchObject({ code: "invalid_param", message: "node_id is required" });
  });

  it("refuses to run a trigger-only workflow through the run API", async () => {
    const appId = await importApp(webhookDsl());
    await publish(appId);
    const key = (await callJson("POST", `/console/api/apps/${appId}/api-keys`, { token })).body.token;
    const r = await v1(key, "POST", "/workflows/run", { body: { inputs: {}, user: "u" } });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain("starts from its triggers");
  });
});

describe("schedule triggers", () => {
  const schedule = (data: Record<string, unknown>) => scheduleOf(scheduleSchema.parse({ type: "trigger-schedule", ...data }));

  it("turns Dify's visual settings into cron expressions as Dify's ScheduleService does", () => {
    const v = (frequency: string, visual_config: Record<string, unknown>) => schedule({ mode: "visual", frequency, visual_config, timezone: "Asia/Tokyo" }).cron;
    expect(v("hourly", { on_minute: 15 })).toBe("15 * * * *");
    expect(v("daily", { time: "12:00 AM" })).toBe("0 0 * * *");
    expect(v("daily", { time: "12:30 PM" })).toBe("30 12 * * *");
    expect(v("daily", { time: "9:05 PM" })).toBe("5 21 * * *");
    expect(v("weekly", { time: "08:00 AM", weekdays: ["fri", "mon", "sun"] })).toBe("0 8 * * 0,1,5");
    expect(v("monthly", { time: "11:59 PM", monthly_days: ["last", 15, 1, 15] })).toBe("59 23 1,15,L * *");
    expect(schedule({ mode: "cron", cron_expression: " */10  * * * 1-5 ", timezone: "UTC" })).toEqual({ cron: "*/10 * * * 1-5", timezone: "UTC" });
    for (const bad of [
      { mode: "cron", cron_expression: "" },
      { mode: "cron", cron_expression: "* * * *" },
      { mode: "cron", cron_expression: "61 * * * *" },
      { mode: "cron", cron_expression: "0 * * * *", timezone: "Mars/Base" },
      { mode: "cron", cron_expression: "0 0 30 2 *" },
      { mode: "visual", frequency: "daily", visual_config: { time: "25:00 AM" } },
      { mode: "visual", frequency: "weekly", visual_config: { time: "08:00 AM", weekdays: [] } },
      { mode: "visual", frequency: "hourly", visual_config: {} },
    ]) {
      expect(scheduleSchema.safeParse({ type: "trigger-schedule", ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("prints current_time as Python's isoformat in the schedule's zone", () => {
    const at = Date.UTC(2026, 10, 28, 15, 4, 5, 120);
    expect(isoInZone(at, "Asia/Tokyo")).toBe("2026-11-29T00:04:05.120000+09:00");
    expect(isoInZone(at - 120, "America/New_York")).toBe("2026-11-28T10:04:05-05:00");
    expect(isoInZone(at - 120, "UTC")).toBe("2026-11-28T15:04:05+00:00");
  });

  it("publishes a schedule, runs it once when due with current_time, and refuses a bad one at publish", async () => {
    const yaml = YAML.stringify({
      version: "0.6.0",
      kind: "app",
      app: { name: "Nightly", mode: "workflow" },
      workflow: {
        graph: {
          nodes: [
            node("tick", { type: "trigger-schedule", mode: "visual", frequency: "daily", timezone: "Asia/Tokyo", visual_config: { time: "03:00 AM", weekdays: ["sun"], on_minute: 0, monthly_days: [1] } }),
            node("show", { type: "template-transform", template: "at {{ t }}", variables: [{ variable: "t", value_selector: ["tick", "current_time"] }] }),
          ],
          edges: [edge("tick", "show")],
        },
        features: {},
      },
    });
    // No End node: Dify no longer asks for one; the run's outputs are empty.
    const appId = await importApp(yaml);
    const view = await callJson("GET", `/console/api/apps/${appId}/workflows/triggers/schedule?node_id=tick`, { token });
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body).toMatchObject({ node_id: "tick", cron_expression: "0 3 * * *", timezone: "Asia/Tokyo", published_next_run_at: null });
    expect(view.body.next_runs).toHaveLength(5);
    expect(view.body.next_runs.every((t: string) => t.endsWith("T18:00:00.000Z"))).toBe(true);

    // The editor's test run starts a schedule-only workflow as if its time had come.
    const tried = await call("POST", `/console/api/apps/${appId}/workflows/draft/run`, { token, body: { inputs: {} } });
    const events = sseEvents(await tried.text());
    expect(events.at(-1)).toMatchObject({ event: "workflow_finished", data: { status: "succeeded" } });
    const tick = events.find((e) => e.event === "node_finished" && e.data.node_id === "tick");
    expect(tick.data.outputs.current_time).toMatch(/\+09:00$/);
    expect((await runsOf(appId)).map((r) => r.triggered_from)).toEqual(["debugging"]);
    await env.DB.prepare("DELETE FROM workflow_runs WHERE app_id = ?").bind(appId).run();

    await publish(appId);
    const [plan] = await rows<{ id: string; cron_expression: string; next_run_at: number }>("SELECT * FROM workflow_schedule_plans WHERE app_id = ?", appId);
    expect(plan.cron_expression).toBe("0 3 * * *");
    expect(new Date(plan.next_run_at).toISOString()).toMatch(/T18:00:00\.000Z$/);
    expect(plan.next_run_at).toBeGreaterThan(Date.now());

    // Not due: nothing starts.
    const ctx = createCtx(env);
    expect(await runDueSchedules(ctx)).toBe(0);
    // Turned off, a due schedule does not run; turned on again, it runs next from now.
    const setEnabled = (enabled: boolean) => callJson("POST", `/console/api/apps/${appId}/workflows/triggers/enable`, { token, body: { node_id: "tick", enabled } });
    expect((await setEnabled(false)).status).toBe(200);
    await env.DB.prepare("UPDATE workflow_schedule_plans SET next_run_at = ? WHERE id = ?").bind(Date.now() - 1000, plan.id).run();
    expect(await runDueSchedules(ctx)).toBe(0);
    expect((await callJson("GET", `/console/api/apps/${appId}/workflows/triggers/schedule?node_id=tick`, { token })).body).toMatchObject({ enabled: false, published_next_run_at: null });
    expect((await setEnabled(true)).status).toBe(200);
    const [again] = await rows<{ next_run_at: number }>("SELECT next_run_at FROM workflow_schedule_plans WHERE id = ?", plan.id);
    expect(again.next_run_at).toBeGreaterThan(Date.now());
    // Due now (as if the clock had reached it): one run, and the plan moves to its next time.
    await env.DB.prepare("UPDATE workflow_schedule_plans SET next_run_at = ? WHERE id = ?").bind(Date.now() - 1000, plan.id).run();
    // The first tick claims it; the second finds it already moved on.
    expect(await runDueSchedules(ctx)).toBe(1);
    expect(await runDueSchedules(ctx)).toBe(0);
    const [run] = await eventually(async () => {
      const list = await runsOf(appId);
      return list.length && list[0].status !== "running" ? list : null;
    }, 10_000);
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.triggered_from).toBe("schedule");
    expect(JSON.parse(run.outputs)).toEqual({});
    const shown = await rows<{ outputs: string }>("SELECT outputs FROM workflow_node_executions WHERE workflow_run_id = ? AND node_id = 'show'", run.id);
    expect(JSON.parse(shown[0].outputs).output).toMatch(/^at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+09:00$/);
    const [moved] = await rows<{ next_run_at: number }>("SELECT next_run_at FROM workflow_schedule_plans WHERE id = ?", plan.id);
    expect(moved.next_run_at).toBeGreaterThan(Date.now());
    expect(await runsOf(appId)).toHaveLength(1);

    // A schedule that makes no cron expression cannot be published.
    const draft = (await callJson("GET", `/console/api/apps/${appId}/workflows/draft`, { token })).body;
    draft.graph.nodes[0].data = { ...draft.graph.nodes[0].data, mode: "cron", cron_expression: "not a cron" };
    const saved = await callJson("POST", `/console/api/apps/${appId}/workflows/draft`, {
      token,
      body: { graph: draft.graph, features: draft.features, environment_variables: [], conversation_variables: [], hash: draft.hash },
    });
    expect(saved.status).toBe(200);
    const refused = await callJson("POST", `/console/api/apps/${appId}/workflows/publish`, { token, body: {} });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('Invalid cron expression "not a cron"');
    const bad = await callJson("GET", `/console/api/apps/${appId}/workflows/triggers/schedule?node_id=tick`, { token });
    expect(bad.status).toBe(400);

    // Deleting the app takes its schedule with it.
    expect((await callJson("DELETE", `/console/api/apps/${appId}`, { token })).status).toBe(204);
    expect(await rows("SELECT id FROM workflow_schedule_plans WHERE app_id = ?", appId)).toEqual([]);
  });
});
