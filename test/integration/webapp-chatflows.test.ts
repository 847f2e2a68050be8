// Chatflow (advanced-chat) apps in the WebApp API through HTTP in workerd: the chat routes answer
// with the published workflow (simple frames, conversations kept per browser), and the chat stop
// route stops the run.
import { describe, expect, it } from "vitest";
import { eventually, rows, sseEvents } from "../support/apps";
import { call, callJson } from "../support/console";
import { CHATFLOW_GRAPH, edgeOf, newWorkflowApp, nodeOf, readStopping, START, slowModel, tokenFor } from "./webapp-workflow-helpers";

describe("a chatflow app in the WebApp", () => {
  it("opens on the chat page with the published start node's form", async () => {
    const app = await newWorkflowApp(CHATFLOW_GRAPH, { mode: "advanced-chat" });
    const token = await tokenFor(app.siteCode);
    expect((await callJson("GET", "/api/site", { token })).body.mode).toBe("advanced-chat");
    const params = await callJson("GET", "/api/parameters", { token });
    expect(params.body.user_input_form.map((f: Record<string, { variable: string }>) => Object.values(f)[0].variable)).toEqual(["topic", "tone"]);
  });

  it("answers through the chat routes with simple frames, and continues the conversation", async () => {
    const app = await newWorkflowApp(CHATFLOW_GRAPH, { mode: "advanced-chat" });
    const token = await tokenFor(app.siteCode);
    const endUserId = (await callJson("GET", "/api/site", { token })).body.end_user_id;
    const first = await call("POST", "/api/chat-messages", { token, body: { inputs: { topic: "clay" }, query: "why?", response_mode: "streaming" } });
    expect(first.status).toBe(200);
    const frames = sseEvents(await first.text());
    const conversationId = frames[0].conversation_id;
    const messageId = frames[0].message_id;
    expect(conversationId).toEqual(expect.any(String));
    expect(frames.every((f) => f.conversation_id === conversationId && f.message_id === messageId)).toBe(true);
    expect(
      frames
        .filter((f) => f.event === "message")
        .map((f) => f.answer)
        .join(""),
    ).toBe("On clay: you asked why?");
    for (const f of frames.filter((f) => f.event === "node_finished")) expect(f.data).toMatchObject({ inputs: null, outputs: null });
    const end = frames.at(-1);
    expect(end.event).toBe("message_end");
    expect(end.metadata).toEqual({ retriever_resources: [] });

    const [stored] = await rows("SELECT created_by_role, created_by, conversation_id FROM workflow_runs WHERE id = ?", frames[0].workflow_run_id);
    expect(stored).toEqual({ created_by_role: "end_user", created_by: endUserId, conversation_id: conversationId });

    // The conversation keeps the inputs it started with; the next answer continues it.
    const second = await callJson("POST", "/api/chat-messages", {
      token,
      body: { inputs: { topic: "ignored" }, query: "and then?", conversation_id: conversationId, response_mode: "blocking" },
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ conversation_id: conversationId, answer: "On clay: you asked and then?", metadata: { retriever_resources: [] } });
    expect(second.body.metadata.usage).toBeUndefined();

    const conversations = await callJson("GET", "/api/conversations", { token });
    expect(conversations.body.data.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    const messages = await callJson("GET", `/api/messages?conversation_id=${conversationId}`, { token });
    expect(messages.body.data.map((m: { query: string; answer: string }) => [m.query, m.answer])).toEqual([
      ["why?", "On clay: you asked why?"],
      ["and then?", "On clay: you asked and then?"],
    ]);
  });

  it("refuses a missing required input, and another browser's conversation", async () => {
    const app = await newWorkflowApp(CHATFLOW_GRAPH, { mode: "advanced-chat" });
    const token = await tokenFor(app.siteCode);
    const missing = await callJson("POST", "/api/chat-messages", { token, body: { inputs: {}, query: "hi", response_mode: "streaming" } });
    expect(missing).toMatchObject({ status: 400, body: { code: "invalid_param" } });
    const mine = await callJson("POST", "/api/chat-messages", { token, body: { inputs: { topic: "x" }, query: "hi", response_mode: "blocking" } });
    const other = await tokenFor(app.siteCode);
    const theirs = await callJson("POST", "/api/chat-messages", {
      token: other,
      body: { inputs: { topic: "x" }, query: "hi", conversation_id: mine.body.conversation_id, response_mode: "blocking" },
    });
    expect(theirs).toMatchObject({ status: 404, body: { code: "not_found" } });
    expect(await callJson("POST", "/api/workflows/run", { token, body: { inputs: { topic: "x" } } })).toMatchObject({
      status: 400,
      body: { code: "not_workflow_app" },
    });
  });
});

/** A chatflow whose model answers slowly, and the streaming answer it has started. */
async function startSlowAnswer() {
  const app = await newWorkflowApp(
    {
      nodes: [START, nodeOf("llm", await slowModel()), nodeOf("answer", { type: "answer", title: "Answer", answer: "{{#llm.text#}}" })],
      edges: [edgeOf("start", "llm"), edgeOf("llm", "answer")],
    },
    { mode: "advanced-chat" },
  );
  const token = await tokenFor(app.siteCode);
  const res = await call("POST", "/api/chat-messages", { token, body: { inputs: { topic: "clay" }, query: "go", response_mode: "streaming" } });
  return { token, res };
}

describe("stopping a chatflow answer in the WebApp", () => {
  it("stops through the chat stop route and keeps the answer as stopped", async () => {
    const { token, res } = await startSlowAnswer();
    expect(res.status).toBe(200);
    const frames = await readStopping(res, '"event": "message"', async (taskId) => {
      expect((await callJson("POST", `/api/chat-messages/${taskId}/stop`, { token, body: {} })).status).toBe(200);
    });
    expect(frames.find((f) => f.event === "workflow_finished").data.status).toBe("stopped");
    expect(frames.at(-1).event).toBe("message_end");
    const answer = frames.filter((f) => f.event === "message").map((f) => f.answer).join("");
    expect(answer.split(" ").length).toBeLessThan(60);
    const messages = await callJson("GET", `/api/messages?conversation_id=${frames[0].conversation_id}`, { token });
    expect(messages.body.data[0].status).toBe("stopped");
  });

  it("keeps the partial answer as stopped when the browser disconnects mid-answer", async () => {
    const { res } = await startSlowAnswer();
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes('"event": "message"')) text += (await reader.read()).value ?? "";
    const first = sseEvents(text.slice(0, text.lastIndexOf("\n\n") + 2)).find((f) => f.message_id);
    await reader.cancel();

    // The message is logged once, as stopped, with what was said before the browser left.
    const [logged] = await eventually(async () => {
      const found = await rows<{ status: string; answer: string }>("SELECT status, answer FROM messages WHERE id = ?", first.message_id);
      return found.length ? found : null;
    });
    expect(logged.status).toBe("stopped");
    expect(logged.answer.split(" ").length).toBeLessThan(60);
    const run = await eventually(async () => {
      const [r] = await rows<{ status: string }>("SELECT status FROM workflow_runs WHERE id = ?", first.workflow_run_id);
      return r?.status === "stopped" ? r : null;
    });
    expect(run.status).toBe("stopped");
    expect((await rows("SELECT id FROM messages WHERE conversation_id = ?", first.conversation_id)).length).toBe(1);
  });

  it("keeps the partial answer as stopped when stopped while the browser had stopped reading (and never cancelled)", async () => {
    const { token, res } = await startSlowAnswer();
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes('"event": "message"')) text += (await reader.read()).value ?? "";
    const first = sseEvents(text.slice(0, text.lastIndexOf("\n\n") + 2)).find((f) => f.message_id);
    await new Promise((r) => setTimeout(r, 300));
    expect((await callJson("POST", `/api/chat-messages/${first.task_id}/stop`, { token, body: {} })).status).toBe(200);
    const [logged] = await eventually(async () => {
      const found = await rows<{ status: string; answer: string }>("SELECT status, answer FROM messages WHERE id = ?", first.message_id);
      return found.length ? found : null;
    });
    expect(logged.status).toBe("stopped");
    expect(logged.answer.split(" ").length).toBeLessThan(60);
    const run = await eventually(async () => {
      const [r] = await rows<{ status: string }>("SELECT status FROM workflow_runs WHERE id = ?", first.workflow_run_id);
      return r?.status === "stopped" ? r : null;
    });
    expect(run.status).toBe("stopped");
    // Reading on ends the stream with message_end; the message is logged once.
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += chunk.value;
    expect(sseEvents(text).at(-1).event).toBe("message_end");
    expect((await rows("SELECT id FROM messages WHERE conversation_id = ?", first.conversation_id)).length).toBe(1);
  });
});
