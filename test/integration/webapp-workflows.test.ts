// Workflow apps in the WebApp API (/api/*) through HTTP in workerd: a passport, the published
// start node's form, runs streamed with Dify's simple workflow frames and recorded as the
// browser's end user, stopping a run, and the refusals a visitor can meet.
import { describe, expect, it } from "vitest";
import { createApp, publishApp } from "../../src/apps/apps";
import { modelConfigSchema } from "../../src/apps/model-config";
import { eventually, rows, sseEvents } from "../support/apps";
import { call, callJson } from "../support/console";
import { edgeOf, newWorkflowApp, nodeOf, readStopping, START, slowModel, TEMPLATE_GRAPH, theOwner, tokenFor } from "./webapp-workflow-helpers";

const run = (token: string, body: Record<string, unknown>) => call("POST", "/api/workflows/run", { token, body });

describe("a workflow app in the WebApp", () => {
  it("tells the page it is a workflow app and gives the published start node's form", async () => {
    const app = await newWorkflowApp();
    const token = await tokenFor(app.siteCode);
    const site = await callJson("GET", "/api/site", { token });
    expect(site).toMatchObject({ status: 200, body: { mode: "workflow", site: { title: app.name, description: "Notes" } } });
    const params = await callJson("GET", "/api/parameters", { token });
    expect(params.status).toBe(200);
    expect(params.body.user_input_form).toEqual([
      { "text-input": expect.objectContaining({ variable: "topic", label: "Topic", required: true, max_length: 30 }) },
      { select: expect.objectContaining({ variable: "tone", options: ["plain", "loud"], required: false }) },
    ]);
  });

  it("streams a run with the simple frames and records it as the browser's end user", async () => {
    const app = await newWorkflowApp();
    const token = await tokenFor(app.siteCode);
    const endUserId = (await callJson("GET", "/api/site", { token })).body.end_user_id;
    const res = await run(token, { inputs: { topic: "glazes", tone: "loud" }, response_mode: "streaming", files: [] });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const frames = sseEvents(await res.text());
    // The End node streams its text outputs as text_chunk frames between the node frames.
    const chunks = frames.filter((f) => f.event === "text_chunk");
    expect(chunks.map((f) => f.data.text).join("")).toContain("Notes on glazes (loud)");
    expect(frames.filter((f) => f.event !== "text_chunk").map((f) => f.event)).toEqual([
      "workflow_started",
      "node_started",
      "node_finished",
      "node_started",
      "node_finished",
      "node_started",
      "node_finished",
      "workflow_finished",
    ]);
    const runId = frames[0].workflow_run_id;
    expect(frames.every((f) => f.workflow_run_id === runId && typeof f.task_id === "string")).toBe(true);

    // Node frames say which node ran and how it ended, but not what it read or wrote.
    const finished = frames.filter((f) => f.event === "node_finished");
    expect(finished.map((f) => [f.data.title, f.data.status])).toEqual([
      ["Start", "succeeded"],
      ["Write", "succeeded"],
      ["End", "succeeded"],
    ]);
    for (const f of frames.filter((f) => f.event.startsWith("node_"))) {
      expect(f.data.inputs).toBeNull();
      if (f.event === "node_finished") {
        expect(f.data).toMatchObject({ outputs: null, process_data: null, error: null });
        expect(f.data.execution_metadata).toBeNull();
      }
    }
    const done = frames.at(-1);
    expect(done.data).toMatchObject({
      id: runId,
      status: "succeeded",
      outputs: { text: "Notes on glazes (loud)", topic: "glazes" },
      error: null,
      created_by: { id: endUserId },
    });

    const [stored] = await rows("SELECT * FROM workflow_runs WHERE id = ?", runId);
    expect(stored).toMatchObject({
      app_id: app.id,
      status: "succeeded",
      triggered_from: "app-run",
      created_from: "web-app",
      created_by_role: "end_user",
      created_by: endUserId,
    });
    // The full node data is kept for the owner's logs, whatever the page was shown.
    const nodes = await rows("SELECT node_id, outputs FROM workflow_node_executions WHERE workflow_run_id = ? ORDER BY \"index\"", runId);
    expect(nodes.map((n) => n.node_id)).toEqual(["start", "write", "end"]);
    expect(JSON.parse(nodes[1].outputs)).toEqual({ output: "Notes on glazes (loud)" });
  });

  it("answers a blocking run with the finished run", async () => {
    const app = await newWorkflowApp();
    const token = await tokenFor(app.siteCode);
    const r = await callJson("POST", "/api/workflows/run", { token, body: { inputs: { topic: "kilns" }, response_mode: "blocking" } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ task_id: expect.any(String), workflow_run_id: expect.any(String), data: { status: "succeeded", outputs: { text: "Notes on kilns (plain)" } } });
  });

  it("refuses a missing required input or a malformed files list before the stream starts", async () => {
    const app = await newWorkflowApp();
    const token = await tokenFor(app.siteCode);
    const missing = await callJson("POST", "/api/workflows/run", { token, body: { inputs: {}, response_mode: "streaming" } });
    expect(missing).toMatchObject({ status: 400, body: { code: "invalid_param", message: "topic is required in input form" } });
    const withFiles = await callJson("POST", "/api/workflows/run", {
      token,
      body: { inputs: { topic: "x" }, response_mode: "streaming", files: [{ type: "picture", transfer_method: "remote_url", url: "https://example.com/a.png" }] },
    });
    expect(withFiles.status).toBe(400);
    expect(withFiles.body.code).toBe("invalid_param");
    expect(await rows("SELECT id FROM workflow_runs WHERE app_id = ?", app.id)).toEqual([]);
  });

  it("reports an invalid input as a failed run the page can show", async () => {
    const app = await newWorkflowApp();
    const token = await tokenFor(app.siteCode);
    const frames = sseEvents(await (await run(token, { inputs: { topic: "x", tone: "whisper" }, response_mode: "streaming" })).text());
    const done = frames.at(-1);
    expect(done.event).toBe("workflow_finished");
    expect(done.data.status).toBe("failed");
    expect(done.data.error).toContain("tone in input form must be one of the following: plain, loud");
  });

  it("refuses a chat app's passport, a missing passport, and workflow routes of another mode", async () => {
    const owner = await theOwner();
    const chat = await createApp(owner.wctx, { name: "Chat", mode: "chat" }, modelConfigSchema.parse({ pre_prompt: "Hi" }));
    await publishApp(owner.wctx, chat.id, {});
    const chatToken = await tokenFor(chat.siteCode);
    expect(await callJson("POST", "/api/workflows/run", { token: chatToken, body: { inputs: {} } })).toMatchObject({
      status: 400,
      body: { code: "not_workflow_app" },
    });
    expect(await callJson("POST", "/api/workflows/tasks/abc/stop", { token: chatToken })).toMatchObject({ status: 400, body: { code: "not_workflow_app" } });
    expect((await callJson("POST", "/api/workflows/run", { body: { inputs: {} } })).status).toBe(401);

    const app = await newWorkflowApp();
    const token = await tokenFor(app.siteCode);
    expect(await callJson("POST", "/api/chat-messages", { token, body: { inputs: {}, query: "hi" } })).toMatchObject({
      status: 400,
      body: { code: "not_chat_app" },
    });
  });

  it("does not open an unpublished workflow app", async () => {
    const app = await newWorkflowApp(TEMPLATE_GRAPH, { publish: false });
    const r = await callJson("GET", "/api/passport", { headers: { "x-app-code": app.siteCode } });
    expect(r).toMatchObject({ status: 400, body: { code: "app_unavailable" } });
  });

  it("stops a running workflow by its task id; unknown tasks are ignored", async () => {
    // The model answers word by word, slowly enough for the stop to land mid-answer.
    const app = await newWorkflowApp({
      nodes: [
        START,
        nodeOf("llm", await slowModel()),
        nodeOf("end", { type: "end", title: "End", outputs: [{ variable: "text", value_selector: ["llm", "text"] }] }),
      ],
      edges: [edgeOf("start", "llm"), edgeOf("llm", "end")],
    });
    const token = await tokenFor(app.siteCode);
    const unknown = await callJson("POST", "/api/workflows/tasks/no-such-task/stop", { token, body: {} });
    expect(unknown).toMatchObject({ status: 200, body: { result: "success" } });

    const res = await run(token, { inputs: { topic: "clay" }, response_mode: "streaming" });
    expect(res.status).toBe(200);
    const frames = await readStopping(res, '"node_id": "llm"', async (taskId) => {
      const stop = await callJson("POST", `/api/workflows/tasks/${taskId}/stop`, { token, body: {} });
      expect(stop).toMatchObject({ status: 200, body: { result: "success" } });
    });
    const done = frames.at(-1);
    expect(done.event).toBe("workflow_finished");
    expect(done.data.status).toBe("stopped");
    const [stored] = await rows("SELECT status FROM workflow_runs WHERE id = ?", done.workflow_run_id);
    expect(stored.status).toBe("stopped");
    // The node that was running when the stop came ends `stopped`, before workflow_finished, in the
    // stream (where the WebApp hides node errors) and in the trace.
    const llmDone = frames.findIndex((f) => f.event === "node_finished" && f.data.node_id === "llm");
    expect(frames[llmDone].data.status).toBe("stopped");
    expect(llmDone).toBe(frames.length - 2);
    const [trace] = await rows("SELECT status, error FROM workflow_node_executions WHERE workflow_run_id = ? AND node_id = 'llm'", done.workflow_run_id);
    expect(trace).toMatchObject({ status: "stopped", error: "Workflow run stopped by user." });
  });

  it("records a run stopped while its browser had stopped reading (and never cancelled) as stopped", async () => {
    const app = await newWorkflowApp({
      nodes: [
        START,
        nodeOf("llm", await slowModel()),
        nodeOf("end", { type: "end", title: "End", outputs: [{ variable: "text", value_selector: ["llm", "text"] }] }),
      ],
      edges: [edgeOf("start", "llm"), edgeOf("llm", "end")],
    });
    const token = await tokenFor(app.siteCode);
    const res = await run(token, { inputs: { topic: "clay" }, response_mode: "streaming" });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes('"event": "workflow_started"') || !text.includes("\n\n")) text += (await reader.read()).value ?? "";
    const started = sseEvents(text.slice(0, text.indexOf("\n\n") + 2))[0];
    // The browser neither reads on nor cancels; the visitor presses stop.
    await new Promise((r) => setTimeout(r, 300));
    expect(await callJson("POST", `/api/workflows/tasks/${started.task_id}/stop`, { token, body: {} })).toMatchObject({ status: 200 });
    const stored = await eventually(async () => {
      const [row] = await rows("SELECT status, error FROM workflow_runs WHERE id = ?", started.workflow_run_id);
      return row?.status && row.status !== "running" ? row : null;
    });
    expect(stored).toMatchObject({ status: "stopped", error: "Workflow run stopped by user." });
    await reader.cancel();
  });

  it("takes the visitor's files for file inputs: uploaded through /api/files/upload, read by the run", async () => {
    const app = await newWorkflowApp({
      nodes: [
        nodeOf("start", {
          type: "start",
          title: "Start",
          variables: [
            { variable: "doc", label: "Document", type: "file", required: true, allowed_file_types: ["document", "custom"], allowed_file_upload_methods: ["local_file"] },
            { variable: "more", label: "More", type: "file-list", required: false, max_length: 3, allowed_file_types: ["document"], allowed_file_upload_methods: ["local_file"] },
          ],
        }),
        nodeOf("read", { type: "document-extractor", title: "Read", variable_selector: ["start", "doc"], is_array_file: false }),
        nodeOf("readAll", { type: "document-extractor", title: "Read all", variable_selector: ["start", "more"], is_array_file: true }),
        nodeOf("end", {
          type: "end",
          title: "End",
          outputs: [
            { variable: "text", value_selector: ["read", "text"] },
            { variable: "texts", value_selector: ["readAll", "text"] },
          ],
        }),
      ],
      edges: [edgeOf("start", "read"), edgeOf("read", "readAll"), edgeOf("readAll", "end")],
    });
    const token = await tokenFor(app.siteCode);
    const upload = async (name: string, content: string, auth = `Bearer ${token}`) => {
      const form = new FormData();
      form.append("file", new Blob([content]), name);
      const res = await call("POST", "/api/files/upload", { headers: { authorization: auth }, formBody: form });
      return { status: res.status, body: await res.json<Record<string, any>>() };
    };
    const script = await upload("job.py", "print('glaze')\n");
    expect(script).toMatchObject({ status: 201, body: { name: "job.py", extension: "py" } });
    const note = await upload("note.md", "# Cone 6\n\nFire slowly.");
    expect(note.status).toBe(201);
    expect((await upload("a.md", "x", "Bearer not-a-passport")).status).toBe(401);
    expect((await upload("setup.exe", "MZ")).status).toBe(415);

    const file = (id: string) => ({ type: "document", transfer_method: "local_file", upload_file_id: id });
    const res = await run(token, { inputs: { doc: file(script.body.id), more: [file(note.body.id)] }, response_mode: "streaming" });
    const done = sseEvents(await res.text()).at(-1);
    expect(done.data).toMatchObject({ status: "succeeded", outputs: { text: "print('glaze')\n", texts: ["# Cone 6\n\nFire slowly."] } });
    // The uploads belong to the browser's end user.
    const endUserId = (await callJson("GET", "/api/site", { token })).body.end_user_id;
    const stored = await rows("SELECT created_by, created_by_role FROM upload_files WHERE id IN (?, ?)", script.body.id, note.body.id);
    expect(stored).toEqual([
      { created_by: endUserId, created_by_role: "end_user" },
      { created_by: endUserId, created_by_role: "end_user" },
    ]);
  });
});
