/// <reference types="vite/client" />
// Running workflow apps through HTTP: import → publish → run (blocking and streaming) on the
// Service API, failed runs, run detail, logs, parameters; the console debugger and run records.
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { call, callJson, newWorkspaceOwner } from "../support/console";
import { endUserFor } from "../../src/apps/end-users";
import { runPublished } from "../../src/workflow/run-app";
import { addFakeProvider, eventually, newOwner, newServiceApp, rows, scriptFake, sseEvents, v1, v1Raw } from "../support/apps";
import { newWorkflowApp, theOwner } from "./webapp-workflow-helpers";

const FIXTURES = import.meta.glob<string>("../fixtures/dify-dsl/*.yml", { query: "?raw", import: "default", eager: true });
const fixture = (name: string) => FIXTURES[`../fixtures/dify-dsl/${name}`];

let token = "";

const importApp = async (yaml: string) => {
  const r = await callJson("POST", "/console/api/apps/imports", { token, body: { mode: "yaml-content", yaml_content: yaml } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.app_id as string;
};
const publish = async (appId: string) => {
  const r = await callJson("POST", `/console/api/apps/${appId}/workflows/publish`, { token, body: {} });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
};
const keyFor = async (appId: string) => (await callJson("POST", `/console/api/apps/${appId}/api-keys`, { token })).body.token as string;

/** A published workflow app from a DSL text, with an app key. */
async function serviceWorkflow(yaml: string) {
  const appId = await importApp(yaml);
  await publish(appId);
  return { appId, key: await keyFor(appId) };
}

/** A workflow DSL whose nodes run one after another, in the order given. */
function chainDsl(name: string, nodes: { id: string; data: Record<string, unknown> }[], features: Record<string, unknown> = {}) {
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i + 1}`, source: nodes[i].id, target: n.id }));
  return YAML.stringify({ app: { mode: "workflow", name }, kind: "app", version: "0.3.0", workflow: { graph: { nodes, edges }, features } });
}

/** start(query) → template (`Hello, {{ q }}!`, or a broken template) → end(greeting). */
function greeter(template = "Hello, {{ q }}!") {
  return YAML.stringify({
    version: "0.6.0",
    kind: "app",
    app: { name: "Greeter", mode: "workflow" },
    workflow: {
      graph: {
        nodes: [
          { id: "start", type: "custom", data: { type: "start", title: "Start", variables: [{ variable: "query", label: "Query", type: "text-input", required: true }] } },
          {
            id: "greet",
            type: "custom",
            data: { type: "template-transform", title: "Greet", template, variables: [{ variable: "q", value_selector: ["start", "query"] }] },
          },
          { id: "end", type: "custom", data: { type: "end", title: "End", outputs: [{ variable: "greeting", value_selector: ["greet", "output"] }] } },
        ],
        edges: [
          { id: "e1", source: "start", target: "greet", sourceHandle: "source" },
          { id: "e2", source: "greet", target: "end", sourceHandle: "source" },
        ],
      },
      features: {},
      environment_variables: [],
      conversation_variables: [],
    },
  });
}

beforeAll(async () => {
  ({ token } = await newWorkspaceOwner());
});

describe("POST /v1/workflows/run", () => {
  it("runs the published passthrough in blocking mode, in Dify's shape", async () => {
    const { key } = await serviceWorkflow(fixture("simple_passthrough_workflow.yml"));
    const r = await v1(key, "POST", "/workflows/run", { body: { inputs: { query: "hello there" }, user: "abc-123" } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(Object.keys(r.body)).toEqual(["task_id", "workflow_run_id", "data"]);
    expect(Object.keys(r.body.data)).toEqual(["id", "workflow_id", "status", "outputs", "error", "elapsed_time", "total_tokens", "total_steps", "created_at", "finished_at"]);
    expect(r.body.data).toMatchObject({ id: r.body.workflow_run_id, status: "succeeded", outputs: { query: "hello there" }, error: null, total_steps: 2 });
  });

  it("runs one published version by id (POST /workflows/:workflow_id/run); the draft is 400, an unknown id 404", async () => {
    const { appId, key } = await serviceWorkflow(greeter("Hello, {{ q }}!"));
    const versions = async () => (await callJson("GET", `/console/api/apps/${appId}/workflows?page=1&limit=10`, { token })).body.items as any[];
    const [v1Row] = await versions();
    // A second version with another greeting becomes the latest.
    const draft = (await callJson("GET", `/console/api/apps/${appId}/workflows/draft`, { token })).body;
    const graph = structuredClone(draft.graph);
    graph.nodes.find((n: any) => n.id === "greet").data.template = "Bye, {{ q }}!";
    const saved = await callJson("POST", `/console/api/apps/${appId}/workflows/draft`, {
      token,
      body: { graph, features: {}, environment_variables: [], conversation_variables: [], hash: draft.hash },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await publish(appId);
    const body = { inputs: { query: "Ada" }, user: "by-id" };
    expect((await v1(key, "POST", "/workflows/run", { body })).body.data.outputs).toEqual({ greeting: "Bye, Ada!" });
    const pinned = await v1(key, "POST", `/workflows/${v1Row.id}/run`, { body });
    expect(pinned.status, JSON.stringify(pinned.body)).toBe(200);
    expect(pinned.body.data).toMatchObject({ workflow_id: v1Row.id, status: "succeeded", outputs: { greeting: "Hello, Ada!" } });
    const streamed = sseEvents(await (await v1Raw(key, "POST", `/workflows/${v1Row.id}/run`, { body: { ...body, response_mode: "streaming" } })).text());
    expect(streamed.at(-1).data).toMatchObject({ workflow_id: v1Row.id, outputs: { greeting: "Hello, Ada!" } });

    const onDraft = await v1(key, "POST", `/workflows/${draft.id}/run`, { body });
    expect(onDraft.status).toBe(400);
    expect(onDraft.body.code).toBe("bad_request");
    const unknown = await v1(key, "POST", "/workflows/00000000-0000-7000-8000-000000000000/run", { body });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("not_found");
    expect((await v1(key, "POST", "/workflows/not-a-uuid/run", { body })).body).toMatchObject({ status: 400, code: "bad_request" });
    // Another app's version is unknown here.
    const other = await serviceWorkflow(greeter());
    expect((await v1(other.key, "POST", `/workflows/${v1Row.id}/run`, { body })).status).toBe(404);
  });

  it("streams Dify's workflow frames in order, each with task_id and workflow_run_id", async () => {
    const { key } = await serviceWorkflow(greeter());
    const res = await v1Raw(key, "POST", "/workflows/run", { body: { inputs: { query: "Ada" }, user: "abc-123", response_mode: "streaming" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = sseEvents(await res.text());
    const runId = events[0].workflow_run_id;
    for (const e of events) {
      expect(Object.keys(e).slice(0, 3)).toEqual(["event", "workflow_run_id", "task_id"]);
      expect(e.workflow_run_id).toBe(runId);
      expect(e.task_id).toBe(events[0].task_id);
    }
    const names = events.map((e) => (e.event === "node_started" || e.event === "node_finished" ? `${e.event}:${e.data.node_id}` : e.event));
    expect(names.filter((n) => n !== "text_chunk")).toEqual([
      "workflow_started",
      "node_started:start",
      "node_finished:start",
      "node_started:greet",
      "node_finished:greet",
      "node_started:end",
      "node_finished:end",
      "workflow_finished",
    ]);
    expect(events[0].data).toMatchObject({ id: runId, inputs: { query: "Ada", "sys.user_id": "abc-123" }, reason: "initial" });
    const finished = events.at(-1);
    expect(finished.data).toMatchObject({ status: "succeeded", outputs: { greeting: "Hello, Ada!" }, total_steps: 3, created_by: { user: "abc-123" } });
    const text = events.filter((e) => e.event === "text_chunk").map((e) => e.data.text).join("");
    expect(text).toBe("Hello, Ada!");
  });

  it("runs an Answer node a workflow app carries, as Dify does: its text streams as text chunks and joins the outputs", async () => {
    // Dify's editor offers no Answer node in a workflow app, but its server runs one (a response
    // node in either mode), and real exports carry them.
    const yaml = chainDsl("Answer in a workflow", [
      { id: "start", data: { type: "start", title: "Start", variables: [{ variable: "name", label: "Name", type: "text-input", required: true }] } },
      { id: "say", data: { type: "answer", title: "Say", answer: "Hi {{#start.name#}}." } },
      { id: "end", data: { type: "end", title: "End", outputs: [{ variable: "said", value_selector: ["say", "answer"] }] } },
    ]);
    const { key } = await serviceWorkflow(yaml);
    const body = { inputs: { name: "Ada" }, user: "answer-in-workflow" };
    const blocking = await v1(key, "POST", "/workflows/run", { body });
    expect(blocking.status, JSON.stringify(blocking.body)).toBe(200);
    expect(blocking.body.data).toMatchObject({ status: "succeeded", total_steps: 3 });
    expect(blocking.body.data.outputs).toEqual({ answer: "Hi Ada.", files: [], said: "Hi Ada." });

    const events = sseEvents(await (await v1Raw(key, "POST", "/workflows/run", { body: { ...body, response_mode: "streaming" } })).text());
    const chunks = events.filter((e) => e.event === "text_chunk");
    // the Answer's text, then the End output's value, in graph order
    expect(chunks.map((e) => e.data.text).join("")).toBe("Hi Ada.Hi Ada.");
    expect(chunks[0].data.from_variable_selector).toEqual(["say", "answer"]);
    expect(events.at(-1)).toMatchObject({ event: "workflow_finished", data: { status: "succeeded", outputs: { answer: "Hi Ada.", said: "Hi Ada." } } });
    // A workflow app without an Answer node keeps its End outputs alone.
    const greeterApp = await serviceWorkflow(greeter());
    const plain = await v1(greeterApp.key, "POST", "/workflows/run", { body: { inputs: { query: "Bo" }, user: "u" } });
    expect(plain.body.data.outputs).toEqual({ greeting: "Hello, Bo!" });
  });

  it("answers a failed run with HTTP 200 and status failed, blocking and streaming", async () => {
    const { key } = await serviceWorkflow(greeter("Hello, {{ q "));
    const blocking = await v1(key, "POST", "/workflows/run", { body: { inputs: { query: "Ada" }, user: "u1" } });
    expect(blocking.status).toBe(200);
    expect(blocking.body.data.status).toBe("failed");
    expect(blocking.body.data.error).toMatch(/template/i);
    const res = await v1Raw(key, "POST", "/workflows/run", { body: { inputs: { query: "Ada" }, user: "u1", response_mode: "streaming" } });
    const events = sseEvents(await res.text());
    const failedNode = events.find((e) => e.event === "node_finished" && e.data.node_id === "greet");
    expect(failedNode.data.status).toBe("failed");
    expect(events.at(-1)).toMatchObject({ event: "workflow_finished", data: { status: "failed" } });
  });

  it("ends with an error and writes nothing when the run's own row cannot be recorded (its app deleted by another isolate)", async () => {
    const { appId, key } = await serviceWorkflow(greeter());
    // A first run warms this isolate's cache of the key, the app and its published workflow.
    const first = await v1(key, "POST", "/workflows/run", { body: { inputs: { query: "Ada" }, user: "u1" } });
    expect(first.body.data.status).toBe("succeeded");
    // Deleted behind the cache's back, as another isolate would: the run starts, its row cannot land.
    await rows("DELETE FROM apps WHERE id = ?", appId);
    const res = await v1Raw(key, "POST", "/workflows/run", { body: { inputs: { query: "Ada" }, user: "u2", response_mode: "streaming" } });
    const events = sseEvents(await res.text());
    expect(events[0].event).toBe("workflow_started");
    expect(events.at(-1)).toMatchObject({ event: "error", status: 500 });
    expect(events.some((e) => e.event === "workflow_finished")).toBe(false);
    const blocking = await v1(key, "POST", "/workflows/run", { body: { inputs: { query: "Ada" }, user: "u3" } });
    expect(blocking.status).toBe(500);
    expect(blocking.body).toMatchObject({ status: 500 });
    for (const table of ["workflow_runs", "workflow_node_executions", "end_users"]) {
      expect(await rows(`SELECT id FROM ${table} WHERE app_id = ?`, appId), table).toEqual([]);
    }
  });

  it("refuses a missing required input before running (400 invalid_param), and a chatflow (not_workflow_app)", async () => {
    const { key } = await serviceWorkflow(greeter());
    const missing = await v1(key, "POST", "/workflows/run", { body: { inputs: {}, user: "u1" } });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: "invalid_param", message: "query is required in input form" });
    const noInputs = await v1(key, "POST", "/workflows/run", { body: { user: "u1" } });
    expect(noInputs.status).toBe(400);

    const chat = await serviceWorkflow(fixture("answer_end_with_text.yml"));
    const wrong = await v1(chat.key, "POST", "/workflows/run", { body: { inputs: {}, user: "u1" } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe("not_workflow_app");
  });
});

describe("the run's files as userinput.files (newer Dify)", () => {
  /** start → end(files = userinput.files), as newer Dify writes a workflow that reads the run's files. */
  const filesOut = () => {
    const dsl = YAML.parse(greeter());
    dsl.workflow.graph.nodes[0].data.variables = [];
    dsl.workflow.graph.nodes[2].data.outputs = [{ variable: "files", value_selector: ["userinput", "files"] }];
    return YAML.stringify(dsl);
  };
  const file = { type: "document", transfer_method: "remote_url", url: "https://example.com/a.pdf" };

  it("takes them from `files`, or else from inputs['userinput.files'], as Dify does", async () => {
    const { key } = await serviceWorkflow(filesOut());
    const top = await v1(key, "POST", "/workflows/run", { body: { inputs: {}, files: [file], response_mode: "blocking", user: "u1" } });
    expect(top.body.data, JSON.stringify(top.body)).toMatchObject({ status: "succeeded", outputs: { files: [file] } });
    const inInputs = await v1(key, "POST", "/workflows/run", { body: { inputs: { "userinput.files": [file] }, response_mode: "blocking", user: "u1" } });
    expect(inInputs.body.data).toMatchObject({ status: "succeeded", outputs: { files: [file] } });
    const none = await v1(key, "POST", "/workflows/run", { body: { inputs: {}, response_mode: "blocking", user: "u1" } });
    expect(none.body.data).toMatchObject({ status: "succeeded", outputs: { files: [] } });
  });

  it("refuses inputs['userinput.files'] that is not a list of file objects (400), and runs nothing", async () => {
    const { key } = await serviceWorkflow(filesOut());
    for (const bad of ["a.pdf", [1], [file, [file]], Array.from({ length: 51 }, () => file)]) {
      const r = await v1(key, "POST", "/workflows/run", { body: { inputs: { "userinput.files": bad }, response_mode: "blocking", user: "u1" } });
      expect(r.status, JSON.stringify(bad).slice(0, 40)).toBe(400);
      expect(r.body).toMatchObject({ code: "invalid_param", status: 400 });
      expect(r.body.message).toMatch(/^inputs\.userinput\.files /);
    }
    const logs = await v1(key, "GET", "/workflows/logs");
    expect(logs.body.total).toBe(0);
  });
});

describe("run records on the Service API", () => {
  it("reads a run back with inputs and outputs as JSON text; an unknown run is all nulls", async () => {
    const { key } = await serviceWorkflow(greeter());
    const run = await v1(key, "POST", "/workflows/run", { body: { inputs: { query: "Bo" }, user: "u1" } });
    const detail = await v1(key, "GET", `/workflows/run/${run.body.workflow_run_id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: run.body.workflow_run_id, status: "succeeded", total_steps: 3 });
    expect(JSON.parse(detail.body.inputs)).toEqual({ query: "Bo" });
    expect(JSON.parse(detail.body.outputs)).toEqual({ greeting: "Hello, Bo!" });
    const unknown = await v1(key, "GET", "/workflows/run/00000000-0000-7000-8000-000000000000");
    expect(unknown.status).toBe(200);
    expect(Object.values(unknown.body).every((v) => v === null)).toBe(true);
    // Another app's run is unknown to this key.
    const other = await serviceWorkflow(greeter());
    expect((await v1(other.key, "GET", `/workflows/run/${run.body.workflow_run_id}`)).body.id).toBeNull();
  });

  it("lists runs as logs with Dify's filters and shape", async () => {
    const ok = await serviceWorkflow(greeter());
    await v1(ok.key, "POST", "/workflows/run", { body: { inputs: { query: "one" }, user: "alice" } });
    await v1(ok.key, "POST", "/workflows/run", { body: { inputs: { query: "two" }, user: "bob" } });
    const all = await v1(ok.key, "GET", "/workflows/logs");
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ page: 1, limit: 20, total: 2, has_more: false });
    const [latest] = all.body.data;
    expect(latest).toMatchObject({
      workflow_run: { status: "succeeded", triggered_from: "app-run", total_steps: 3 },
      created_from: "service-api",
      created_by_role: "end_user",
      created_by_account: null,
      created_by_end_user: { type: "service_api", session_id: "bob", is_anonymous: false },
    });
    const bob = await v1(ok.key, "GET", "/workflows/logs?created_by_end_user_session_id=alice");
    expect(bob.body.data.map((l: any) => l.created_by_end_user.session_id)).toEqual(["alice"]);
    expect((await v1(ok.key, "GET", "/workflows/logs?status=failed")).body.total).toBe(0);
    expect((await v1(ok.key, "GET", "/workflows/logs?keyword=two")).body.total).toBe(1);
    const paged = await v1(ok.key, "GET", "/workflows/logs?limit=1&page=1");
    expect(paged.body).toMatchObject({ total: 2, has_more: true });
    expect((await v1(ok.key, "GET", "/workflows/logs?created_at__before=2000-01-01T00:00:00Z")).body.total).toBe(0);
    expect((await v1(ok.key, "GET", "/workflows/logs?created_at__before=yesterday")).status).toBe(400);
  });

  it("gives /parameters from the published start node and features", async () => {
    const { key } = await serviceWorkflow(greeter());
    const p = await v1(key, "GET", "/parameters");
    expect(p.status).toBe(200);
    expect(p.body.user_input_form).toEqual([{ "text-input": expect.objectContaining({ variable: "query", type: "text-input", required: true }) }]);
    expect(p.body).toMatchObject({ opening_statement: null, speech_to_text: { enabled: false }, annotation_reply: { enabled: false } });
  });

  it("serves /parameters of a new publish at once, though the published workflow is cached", async () => {
    const { appId, key } = await serviceWorkflow(greeter());
    expect((await v1(key, "GET", "/parameters")).body.user_input_form).toHaveLength(1);
    const draft = (await callJson("GET", `/console/api/apps/${appId}/workflows/draft`, { token })).body;
    const graph = structuredClone(draft.graph);
    const start = graph.nodes.find((n: any) => n.data.type === "start");
    start.data.variables.push({ variable: "tone", label: "Tone", type: "select", options: ["warm", "dry"], required: false });
    const saved = await callJson("POST", `/console/api/apps/${appId}/workflows/draft`, {
      token,
      body: { graph, hash: draft.hash, features: {}, environment_variables: [], conversation_variables: [] },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    // The draft alone changes nothing the API serves.
    expect((await v1(key, "GET", "/parameters")).body.user_input_form).toHaveLength(1);
    await publish(appId);
    const form = (await v1(key, "GET", "/parameters")).body.user_input_form;
    expect(form.map((f: Record<string, { variable: string }>) => Object.values(f)[0].variable)).toEqual(["query", "tone"]);
  });

  it("refuses the API of an app never published (app_unavailable)", async () => {
    const appId = await importApp(greeter());
    const key = await keyFor(appId);
    const p = await v1(key, "GET", "/parameters");
    expect(p.status).toBe(400);
    expect(p.body.code).toBe("app_unavailable");
  });
});

describe("console debugger and run records", () => {
  it("gives a draft run the member's uploaded files (console /files/upload), within the workspace only", async () => {
    const yaml = chainDsl("Reader", [
      { id: "start", data: { type: "start", title: "Start", variables: [{ variable: "doc", label: "Doc", type: "file", required: true }] } },
      { id: "read", data: { type: "document-extractor", title: "Read", variable_selector: ["start", "doc"], is_array_file: false } },
      { id: "end", data: { type: "end", title: "End", outputs: [{ variable: "text", value_selector: ["read", "text"] }] } },
    ]);
    const appId = await importApp(yaml);
    const upload = async (as: string, name: string, content: string) => {
      const form = new FormData();
      form.append("file", new Blob([content]), name);
      const res = await call("POST", "/console/api/files/upload", { token: as, formBody: form });
      return { status: res.status, body: await res.json<Record<string, any>>() };
    };
    const stored = await upload(token, "query.sql", "SELECT 1;");
    expect(stored).toMatchObject({ status: 201, body: { name: "query.sql", extension: "sql" } });
    const [row] = await rows("SELECT app_id, created_by_role FROM upload_files WHERE id = ?", stored.body.id);
    expect(row).toEqual({ app_id: null, created_by_role: "account" });
    const doc = { type: "custom", transfer_method: "local_file", upload_file_id: stored.body.id };
    const res = await call("POST", `/console/api/apps/${appId}/workflows/draft/run`, { token, body: { inputs: { doc } } });
    expect(sseEvents(await res.text()).at(-1)).toMatchObject({ data: { status: "succeeded", outputs: { text: "SELECT 1;" } } });

    // Another workspace cannot read it, even with its id; its own uploads stay its own.
    const other = await newWorkspaceOwner();
    const otherApp = (await callJson("POST", "/console/api/apps/imports", { token: other.token, body: { mode: "yaml-content", yaml_content: yaml } })).body.app_id;
    const stolen = await call("POST", `/console/api/apps/${otherApp}/workflows/draft/run`, { token: other.token, body: { inputs: { doc } } });
    const last = sseEvents(await stolen.text()).at(-1);
    expect(last.data.status).toBe("failed");
    expect(last.data.error).toMatch(/File .* not found|not found/i);
    expect((await upload("not-a-token", "a.txt", "x")).status).toBe(401);
  });

  it("completes file inputs as Dify's file factory does: name, extension, type and size from the upload, never from the caller", async () => {
    const yaml = chainDsl("File facts", [
      {
        id: "start",
        data: {
          type: "start",
          title: "Start",
          variables: [
            { variable: "doc", label: "Doc", type: "file", required: true, allowed_file_types: ["custom"], allowed_file_extensions: [".sql", ".csv"] },
          ],
        },
      },
      {
        id: "facts",
        data: {
          type: "template-transform",
          title: "Facts",
          variables: [{ variable: "doc", value_selector: ["start", "doc"] }],
          template: "{{ doc.filename }}|{{ doc.extension }}|{{ doc.mime_type }}|{{ doc.size }}|{% if doc.related_id == doc.upload_file_id %}same id{% endif %}",
        },
      },
      {
        id: "pick",
        data: {
          type: "list-operator",
          title: "Pick",
          variable: ["sys", "files"],
          filter_by: { enabled: true, conditions: [{ key: "extension", comparison_operator: "is", value: ".csv" }] },
          order_by: { enabled: false, key: "", value: "asc" },
          limit: { enabled: false, size: 10 },
        },
      },
      {
        id: "end",
        data: {
          type: "end",
          title: "End",
          outputs: [
            { variable: "facts", value_selector: ["facts", "output"] },
            { variable: "picked", value_selector: ["pick", "result"] },
          ],
        },
      },
    ]);
    const appId = await importApp(yaml);
    const upload = async (name: string, content: string) => {
      const form = new FormData();
      form.append("file", new Blob([content]), name);
      return (await call("POST", "/console/api/files/upload", { token, formBody: form })).json<Record<string, any>>();
    };
    const sql = await upload("query.sql", "SELECT 1;");
    const csv = await upload("rows.csv", "a,b\n1,2\n");
    const exe = await upload("notes.txt", "plain");
    const ref = (id: string) => ({ type: "custom", transfer_method: "local_file", upload_file_id: id });
    const run = async (inputs: Record<string, unknown>, files: unknown[] = []) =>
      sseEvents(await (await call("POST", `/console/api/apps/${appId}/workflows/draft/run`, { token, body: { inputs, files } })).text()).at(-1);

    const remote = { type: "document", transfer_method: "remote_url", url: "https://example.com/exports/report.CSV" };
    const done = await run({ doc: ref(sql.id) }, [ref(sql.id), ref(csv.id), remote]);
    expect(done.data.status, JSON.stringify(done.data)).toBe("succeeded");
    expect(done.data.outputs.facts).toBe(`query.sql|.sql|${sql.mime_type}|9|same id`);
    // The list filter on sys.files sees each upload's extension.
    expect(done.data.outputs.picked.map((f: Record<string, unknown>) => f.filename)).toEqual(["rows.csv", "report.CSV"]);
    expect(done.data.outputs.picked[0]).toMatchObject({ dify_model_identity: "__dify__file__", extension: ".csv", size: 8, related_id: csv.id });
    // A remote file is named by its URL; nothing is fetched to learn its size.
    expect(done.data.outputs.picked[1]).toMatchObject({ extension: ".csv", mime_type: "text/csv", size: -1, remote_url: remote.url, url: remote.url });

    // The extension checked is the upload's, whatever the mapping claims.
    const refused = await run({ doc: { ...ref(exe.id), filename: "fake.sql", extension: ".sql" } });
    expect(refused.data.status).toBe("failed");
    expect(refused.data.error).toMatch(/\.txt file is not allowed/);
  });

  it("checks sys.files against the workflow's file upload feature when it is on, as Dify does", async () => {
    const nodes = [
      { id: "start", data: { type: "start", title: "Start", variables: [] } },
      { id: "end", data: { type: "end", title: "End", outputs: [{ variable: "files", value_selector: ["sys", "files"] }] } },
    ];
    const fileUpload = { enabled: true, allowed_file_types: ["document", "custom"], allowed_file_extensions: [".SQL"], allowed_file_upload_methods: ["local_file"], number_limits: 3 };
    const appId = await importApp(chainDsl("File rules", nodes, { file_upload: fileUpload }));
    const upload = async (name: string) => {
      const form = new FormData();
      form.append("file", new Blob(["x"]), name);
      return (await call("POST", "/console/api/files/upload", { token, formBody: form })).json<Record<string, any>>();
    };
    const [sql, png, pdf] = [await upload("q.sql"), await upload("dot.png"), await upload("a.pdf")];
    const run = (files: unknown[]) => call("POST", `/console/api/apps/${appId}/workflows/draft/run`, { token, body: { inputs: {}, files } });
    const local = (type: string, id: string) => ({ type, transfer_method: "local_file", upload_file_id: id });

    // A document, and a custom file whose extension is listed (case aside), run.
    const ok = await run([local("document", pdf.id), local("custom", sql.id)]);
    expect(ok.status).toBe(200);
    expect(sseEvents(await ok.text()).at(-1).data.outputs.files.map((f: Record<string, unknown>) => f.filename)).toEqual(["a.pdf", "q.sql"]);
    // A type the feature does not take, a custom extension it does not list, a transfer method it
    // does not allow: 400 before the run starts.
    for (const files of [[local("image", png.id)], [local("custom", png.id)], [{ type: "document", transfer_method: "remote_url", url: "https://example.com/a.pdf" }]]) {
      const refused = await run(files);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ code: "invalid_param", message: expect.stringMatching(/^File validation failed for file: (dot\.png|a\.pdf)$/) });
    }
    expect(await rows("SELECT id FROM workflow_runs WHERE app_id = ?", appId)).toHaveLength(1);

    // With the feature off, files are not checked (Dify builds them without a config).
    const openId = await importApp(chainDsl("No file rules", nodes, { file_upload: { ...fileUpload, enabled: false } }));
    const open = await call("POST", `/console/api/apps/${openId}/workflows/draft/run`, { token, body: { inputs: {}, files: [local("image", png.id)] } });
    expect(open.status).toBe(200);
    await open.text();
    // A remote file is always a web address, feature on or off.
    const script = await call("POST", `/console/api/apps/${openId}/workflows/draft/run`, {
      token,
      body: { inputs: {}, files: [{ type: "document", transfer_method: "remote_url", url: "javascript:alert(1)" }] },
    });
    expect(script.status).toBe(400);
    expect(await script.json()).toMatchObject({ code: "invalid_param", params: ["files.0.url"] });
  });

  it("streams a draft run and records the run with every node execution", async () => {
    const appId = await importApp(greeter());
    const res = await call("POST", `/console/api/apps/${appId}/workflows/draft/run`, { token, body: { inputs: { query: "Cy" } } });
    expect(res.status).toBe(200);
    const events = sseEvents(await res.text());
    expect(events.at(-1)).toMatchObject({ event: "workflow_finished", data: { status: "succeeded", outputs: { greeting: "Hello, Cy!" } } });
    expect(events.at(-1).data.created_by).toMatchObject({ email: expect.stringContaining("@") });
    const runId = events[0].workflow_run_id;

    const list = await callJson("GET", `/console/api/apps/${appId}/workflow-runs`, { token });
    expect(list.body.data.map((r: any) => r.id)).toEqual([runId]);
    expect(list.body.data[0]).toMatchObject({ triggered_from: "debugging", version: "draft", status: "succeeded" });
    const detail = await callJson("GET", `/console/api/apps/${appId}/workflow-runs/${runId}`, { token });
    expect(detail.body).toMatchObject({ id: runId, inputs: { query: "Cy" }, outputs: { greeting: "Hello, Cy!" }, created_by_role: "account" });
    expect(detail.body.graph.nodes).toHaveLength(3);
    const nodes = await callJson("GET", `/console/api/apps/${appId}/workflow-runs/${runId}/node-executions`, { token });
    expect(nodes.body.data.map((n: any) => [n.index, n.node_id, n.status])).toEqual([
      [1, "start", "succeeded"],
      [2, "greet", "succeeded"],
      [3, "end", "succeeded"],
    ]);
    expect(nodes.body.data[1].outputs).toEqual({ output: "Hello, Cy!" });
    // One write for the run's start, one batch for its end: never a row per event.
    const stored = await rows("SELECT status, total_steps FROM workflow_runs WHERE id = ?", runId);
    expect(stored).toEqual([{ status: "succeeded", total_steps: 3 }]);
  });

  it("runs one node of the draft with the variables given", async () => {
    const appId = await importApp(greeter());
    const r = await callJson("POST", `/console/api/apps/${appId}/workflows/draft/nodes/greet/run`, { token, body: { inputs: { "start.query": "Di" } } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ node_id: "greet", status: "succeeded", outputs: { output: "Hello, Di!" } });
    const missing = await callJson("POST", `/console/api/apps/${appId}/workflows/draft/nodes/nowhere/run`, { token, body: { inputs: {} } });
    expect(missing.status).toBe(404);
  });

  it("hides one workspace's runs from another (404)", async () => {
    const appId = await importApp(greeter());
    const res = await call("POST", `/console/api/apps/${appId}/workflows/draft/run`, { token, body: { inputs: { query: "Ed" } } });
    const runId = sseEvents(await res.text())[0].workflow_run_id;
    const stranger = (await newWorkspaceOwner()).token;
    for (const path of [`workflow-runs/${runId}`, `workflow-runs/${runId}/node-executions`, "workflow-runs", "workflows/draft"]) {
      const r = await callJson("GET", `/console/api/apps/${appId}/${path}`, { token: stranger });
      expect(r.status, path).toBe(404);
    }
    const run = await call("POST", `/console/api/apps/${appId}/workflows/draft/run`, { token: stranger, body: { inputs: {} } });
    expect(run.status).toBe(404);
  });
});

describe("stopping a run", () => {
  /** start(query) → LLM on the fake provider → end(text). */
  const slowLlm = (provider: string) =>
    YAML.stringify({
      version: "0.6.0",
      kind: "app",
      app: { name: "Slow", mode: "workflow" },
      workflow: {
        graph: {
          nodes: [
            { id: "start", type: "custom", data: { type: "start", title: "Start", variables: [{ variable: "query", type: "text-input", required: true }] } },
            {
              id: "llm",
              type: "custom",
              data: {
                type: "llm",
                title: "LLM",
                model: { provider, name: "gpt-4o-mini", mode: "chat", completion_params: {} },
                prompt_template: [{ role: "user", text: "{{#start.query#}}" }],
                context: { enabled: false, variable_selector: [] },
                vision: { enabled: false },
              },
            },
            { id: "end", type: "custom", data: { type: "end", title: "End", outputs: [{ variable: "text", value_selector: ["llm", "text"] }] } },
          ],
          edges: [
            { source: "start", target: "llm", sourceHandle: "source" },
            { source: "llm", target: "end", sourceHandle: "source" },
          ],
        },
      },
    });

  async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, done: (events: any[]) => boolean) {
    const decoder = new TextDecoder();
    let text = "";
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) return sseEvents(text);
      text += decoder.decode(chunk.value, { stream: true });
      const events = sseEvents(text.slice(0, text.lastIndexOf("\n\n") + 2));
      if (done(events)) return events;
    }
  }

  it("picks an ended run's stream up again (GET /workflow/:run_id/events): its workflow_finished, for its own end user only", async () => {
    const { key } = await serviceWorkflow(greeter());
    const done = await v1(key, "POST", "/workflows/run", { body: { inputs: { query: "Ada" }, user: "resumer" } });
    const runId = done.body.workflow_run_id;
    const res = await v1Raw(key, "GET", `/workflow/${runId}/events?user=resumer`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = sseEvents(await res.text());
    expect(events).toHaveLength(1);
    expect(Object.keys(events[0])).toEqual(["event", "task_id", "workflow_run_id", "data"]);
    expect(events[0]).toMatchObject({ event: "workflow_finished", task_id: runId, workflow_run_id: runId });
    expect(events[0].data).toMatchObject({
      id: runId,
      status: "succeeded",
      outputs: { greeting: "Hello, Ada!" },
      error: null,
      total_steps: 3,
      created_by: { user: "resumer" },
      exceptions_count: 0,
      files: [],
    });
    expect(events[0].data.finished_at).toBeGreaterThanOrEqual(events[0].data.created_at);
    // Another end user, an unknown run, no user, or a chat app's key: refused as Dify refuses them.
    const other = await v1(key, "GET", `/workflow/${runId}/events?user=someone-else`);
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ code: "not_found", message: "Workflow run not found", status: 404 });
    expect((await v1(key, "GET", "/workflow/00000000-0000-7000-8000-000000000000/events?user=resumer")).status).toBe(404);
    expect((await v1(key, "GET", `/workflow/${runId}/events`)).status).toBe(400);
    const chat = await newServiceApp(await newOwner(), { name: "Not a workflow" });
    const wrongMode = await v1(chat.key, "GET", `/workflow/${runId}/events?user=resumer`);
    expect(wrongMode.status).toBe(400);
    expect(wrongMode.body.code).toBe("not_workflow_app");
  });

  it("follows a run still going until it ends, replaying its recorded nodes with include_state_snapshot", async () => {
    const { provider, apiKey } = await addFakeProvider({ token }, { name: "followed" });
    await scriptFake(apiKey, { ttft_ms: 900 });
    const { appId, key } = await serviceWorkflow(slowLlm(provider));
    const started = await v1Raw(key, "POST", "/workflows/run", { body: { inputs: { query: "hi" }, user: "follower", response_mode: "streaming" } });
    // The caller's own stream is read to its end meanwhile.
    const original = started.text().then(sseEvents);
    // A run still going after half a second has its "running" row: that is what can be followed.
    const [row] = await eventually(async () => {
      const found = await rows<{ id: string; status: string }>("SELECT id, status FROM workflow_runs WHERE app_id = ?", appId);
      return found.length ? found : null;
    });
    expect(row.status).toBe("running");
    const followed = sseEvents(await (await v1Raw(key, "GET", `/workflow/${row.id}/events?user=follower&include_state_snapshot=true`)).text());
    const names = followed.map((e) => (e.event.startsWith("node_") ? `${e.event}:${e.data.node_id}` : e.event));
    expect(names).toEqual([
      "workflow_started",
      "node_started:start",
      "node_finished:start",
      "node_started:llm",
      "node_finished:llm",
      "node_started:end",
      "node_finished:end",
      "workflow_finished",
    ]);
    expect(followed[0].data).toMatchObject({ id: row.id, inputs: { query: "hi" } });
    expect(followed.find((e) => e.event === "node_finished" && e.data.node_id === "llm").data).toMatchObject({ status: "succeeded", outputs: { text: expect.any(String) } });
    const finished = followed.at(-1);
    const mine = (await original).at(-1);
    expect(mine.event).toBe("workflow_finished");
    expect(finished.data).toMatchObject({ status: "succeeded", outputs: mine.data.outputs, total_steps: mine.data.total_steps });
  });

  it("finds a run asked for right after its first event, before it has a row of its own", async () => {
    const { provider, apiKey } = await addFakeProvider({ token }, { name: "young" });
    await scriptFake(apiKey, { ttft_ms: 300 });
    const { key } = await serviceWorkflow(slowLlm(provider));
    const res = await v1Raw(key, "POST", "/workflows/run", { body: { inputs: { query: "hi" }, user: "quick-reader", response_mode: "streaming" } });
    const reader = res.body!.getReader();
    const [first] = await readUntil(reader, (events) => events.some((e) => e.event === "workflow_started"));
    const runId = first.workflow_run_id;
    // The client lost its stream at the first event and asks at once: the run is a few
    // milliseconds old, still waiting on its model, and written only when it turns 0.5 s old.
    const [followed, detail] = await Promise.all([
      v1Raw(key, "GET", `/workflow/${runId}/events?user=quick-reader`).then(async (r) => ({ status: r.status, events: sseEvents(await r.text()) })),
      v1(key, "GET", `/workflows/run/${runId}`),
    ]);
    expect(followed.status).toBe(200);
    expect(followed.events.at(-1)).toMatchObject({ event: "workflow_finished", workflow_run_id: runId, data: { status: "succeeded" } });
    expect(detail.body).toMatchObject({ id: runId, inputs: JSON.stringify({ query: "hi" }) });
    await readUntil(reader, (events) => events.some((e) => e.event === "workflow_finished"));
  });

  it("stops a streaming run by task id: workflow_finished says stopped, and so does the record", async () => {
    const { provider, apiKey } = await addFakeProvider({ token });
    await scriptFake(apiKey, { reply: Array.from({ length: 40 }, (_, i) => `word${i}`).join(" "), token_delay_ms: 150 });
    const { key } = await serviceWorkflow(slowLlm(provider));
    const res = await v1Raw(key, "POST", "/workflows/run", { body: { inputs: { query: "go" }, user: "u1", response_mode: "streaming" } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const early = await readUntil(reader, (events) => events.some((e) => e.event === "text_chunk"));
    const { task_id, workflow_run_id } = early[0];
    // A run that lasts is visible while it runs (quick ones are written once, when they end).
    const running = await eventually(async () => {
      const r = await v1(key, "GET", `/workflows/run/${workflow_run_id}`);
      return r.body.status === "running" ? r.body : null;
    });
    expect(running).toMatchObject({ id: workflow_run_id, status: "running", finished_at: null });
    const stop = await v1(key, "POST", `/workflows/tasks/${task_id}/stop`, { body: { user: "u1" } });
    expect(stop.body).toEqual({ result: "success" });
    const rest = await readUntil(reader, (events) => events.some((e) => e.event === "workflow_finished"));
    expect(rest.find((e) => e.event === "workflow_finished").data.status).toBe("stopped");
    const detail = await v1(key, "GET", `/workflows/run/${workflow_run_id}`);
    expect(detail.body.status).toBe("stopped");
  });

  it("records a run as stopped when its caller leaves before reading a single event", async () => {
    const app = await newWorkflowApp();
    const { wctx } = await theOwner();
    const run = await runPublished(wctx, app, await endUserFor(app.id, "service_api", "early-leaver"), "service-api", { inputs: { topic: "x" } });
    run.abort();
    const row = await eventually(async () => (await rows("SELECT status FROM workflow_runs WHERE id = ?", run.runId))[0]);
    expect(row.status).toBe("stopped");
    expect(await rows("SELECT id FROM workflow_node_executions WHERE workflow_run_id = ?", run.runId)).toEqual([]);
    expect(await rows("SELECT id FROM end_users WHERE app_id = ? AND session_id = 'early-leaver'", app.id)).toHaveLength(1);
  });

  it("records a run whose client went away as stopped", async () => {
    const { provider, apiKey } = await addFakeProvider({ token }, { name: "gone" });
    await scriptFake(apiKey, { reply: Array.from({ length: 40 }, (_, i) => `w${i}`).join(" "), token_delay_ms: 150 });
    const { key } = await serviceWorkflow(slowLlm(provider));
    const res = await v1Raw(key, "POST", "/workflows/run", { body: { inputs: { query: "go" }, user: "u1", response_mode: "streaming" } });
    const reader = res.body!.getReader();
    const early = await readUntil(reader, (events) => events.some((e) => e.event === "text_chunk"));
    await reader.cancel();
    const runId = early[0].workflow_run_id;
    const row = await eventually(async () => {
      const [r] = await rows("SELECT status FROM workflow_runs WHERE id = ?", runId);
      return r?.status !== "running" ? r : null;
    });
    expect(row.status).toBe("stopped");
  });
});

describe("runs with containers", () => {
  it("runs Dify's loop example to its break condition and records each round's node with its loop id", async () => {
    const { appId, key } = await serviceWorkflow(fixture("increment_loop_with_break_condition_workflow.yml"));
    const r = await v1(key, "POST", "/workflows/run", { body: { inputs: {}, user: "u1" } });
    expect(r.body.data, JSON.stringify(r.body)).toMatchObject({ status: "succeeded", outputs: { num: 5 } });
    const nodes = await callJson("GET", `/console/api/apps/${appId}/workflow-runs/${r.body.workflow_run_id}/node-executions`, { token });
    const rounds = nodes.body.data.filter((n: any) => n.node_type === "assigner");
    expect(rounds).toHaveLength(4);
    for (const n of rounds) expect(n.loop_id).toBe("1754827949615");
    expect(nodes.body.data.map((n: any) => n.index)).toEqual([...nodes.body.data.map((n: any) => n.index)].sort((a, b) => a - b));
  });
});
