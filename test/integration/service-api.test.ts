// The Service API's core contract: auth and app gates, the wire formats of chat and completion
// runs (blocking and streaming, byte for byte where Dify clients care), conversation
// continuity and end-user isolation, and input validation.
import { beforeAll, describe, expect, it } from "vitest";
import { updateApp } from "../../src/apps/apps";
import { createApiKey, deleteApiKey } from "../../src/auth/api-keys";
import {
  fakeRequests,
  newFakeApp,
  newOwner,
  newServiceApp,
  type Owner,
  rows,
  type ServiceApp,
  scriptFake,
  sseEvents,
  v1,
  v1Raw,
} from "../support/apps";
import { callJson } from "../support/console";

let owner: Owner;
let chat: ServiceApp;

beforeAll(async () => {
  owner = await newOwner();
  chat = await newServiceApp(owner);
});

const ask = (key: string, body: Record<string, unknown>) =>
  v1(key, "POST", "/chat-messages", { body: { inputs: {}, user: "alice", ...body } });

describe("authentication and app gates", () => {
  it("welcomes without a key", async () => {
    const r = await callJson("GET", "/v1/");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ welcome: "Kiln OpenAPI", api_version: "v1", server_version: expect.any(String) });
  });

  it("refuses a missing, malformed or unknown key with 401 and WWW-Authenticate", async () => {
    const missing = await callJson("GET", "/v1/parameters");
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({
      code: "unauthorized",
      message: "Authorization header must be provided and start with 'Bearer'",
      status: 401,
    });
    expect(missing.res.headers.get("WWW-Authenticate")).toBe('Bearer realm="api"');
    const unknown = await v1("app-AAAAAAAAAAAAAAAAAAAAAAAA", "GET", "/parameters");
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe("Access token is invalid");
    expect(unknown.res.headers.get("WWW-Authenticate")).toBe('Bearer realm="api"');
    const datasetKey = await createApiKey(owner.wctx, "dataset");
    expect((await v1(datasetKey.token, "GET", "/parameters")).status).toBe(401);
  });

  it("refuses a revoked key at once", async () => {
    const app = await newServiceApp(owner);
    expect((await v1(app.key, "GET", "/info")).status).toBe(200);
    const keys = await rows<{ id: string }>("select id from api_keys where app_id = ?", app.appId);
    await deleteApiKey(owner.wctx, "app", keys[0].id, app.appId);
    const r = await v1(app.key, "GET", "/info");
    expect(r.status).toBe(401);
    expect(r.body.code).toBe("unauthorized");
  });

  it("answers 403 when the app's API is disabled", async () => {
    const app = await newServiceApp(owner);
    await updateApp(owner.wctx, app.appId, { enable_api: false });
    const r = await ask(app.key, { query: "hi" });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ code: "forbidden", message: "The app's API service has been disabled." });
  });

  it("answers app_unavailable for an app that was never published", async () => {
    const app = await newServiceApp(owner, { publish: false });
    const r = await ask(app.key, { query: "hi" });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("app_unavailable");
  });

  it("keeps unknown paths 404 rather than asking for a key", async () => {
    expect((await callJson("GET", "/v1/no-such-thing")).status).toBe(404);
  });

  it("documents the Service API in /openapi.json under the service tag", async () => {
    const doc = await callJson("GET", "/openapi.json");
    for (const path of ["/v1/chat-messages", "/v1/completion-messages", "/v1/messages", "/v1/conversations", "/v1/files/upload", "/v1/chat/completions"]) {
      const ops = doc.body.paths[path];
      expect(ops, path).toBeDefined();
      for (const op of Object.values(ops) as { tags: string[] }[]) expect(op.tags).toContain("service");
    }
  });
});

describe("chat-messages wire format", () => {
  it("streams Dify's exact SSE frames: python-style JSON, ASCII escapes, ids in Dify's order, then message_end", async () => {
    const app = await newFakeApp();
    await scriptFake(app.apiKey, { reply: "Héllo 世界 done" });
    const res = await v1Raw(app.key, "POST", "/chat-messages", {
      body: { inputs: {}, query: "greet me", user: "alice", response_mode: "streaming" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("Cache-Control")).toBe("no-cache");
    expect(res.headers.get("X-Accel-Buffering")).toBe("no");
    const text = await res.text();
    expect(text).toMatch(/^data: \{"event": "message", /);
    expect([...text].every((ch) => ch.charCodeAt(0) < 0x80)).toBe(true);
    const frames = text.split("\n\n").filter(Boolean);
    for (const f of frames) expect(f.startsWith("data: ") || f === "event: ping").toBe(true);
    const events = sseEvents(text);
    const first = events[0];
    expect(frames[0]).toBe(
      `data: {"event": "message", "conversation_id": "${first.conversation_id}", "message_id": "${first.message_id}", ` +
        `"created_at": ${first.created_at}, "task_id": "${first.task_id}", "id": "${first.message_id}", ` +
        `"answer": "H\\u00e9llo ", "from_variable_selector": null}`,
    );
    const messages = events.filter((e) => e.event === "message");
    expect(messages.map((e) => e.answer).join("")).toBe("Héllo 世界 done");
    for (const e of messages) {
      expect(Object.keys(e)).toEqual(["event", "conversation_id", "message_id", "created_at", "task_id", "id", "answer", "from_variable_selector"]);
      expect([e.conversation_id, e.message_id, e.task_id, e.created_at]).toEqual([first.conversation_id, first.message_id, first.task_id, first.created_at]);
    }
    const end = events.at(-1);
    expect(end.event).toBe("message_end");
    expect(Object.keys(end)).toEqual(["event", "conversation_id", "message_id", "created_at", "task_id", "id", "metadata", "files"]);
    expect(Object.keys(end.metadata)).toEqual(["annotation_reply", "retriever_resources", "usage"]);
    expect(end.metadata.annotation_reply).toBeNull();
    expect(end.files).toBeNull();
    const usage = end.metadata.usage;
    expect(usage).toMatchObject({
      prompt_unit_price: "0.15",
      prompt_price_unit: "0.000001",
      completion_unit_price: "0.6",
      completion_price_unit: "0.000001",
      currency: "USD",
      completion_tokens: 3,
    });
    for (const k of ["prompt_price", "completion_price", "total_price"]) expect(typeof usage[k]).toBe("string");
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(typeof usage.latency).toBe("number");
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    // The message_end frame itself is python-formatted too.
    expect(frames.at(-1)).toContain(`"metadata": {"annotation_reply": null, "retriever_resources": [], "usage": {"prompt_tokens": `);
  });

  it("answers blocking (the default) with Dify's message object in Dify's key order", async () => {
    const res = await v1Raw(chat.key, "POST", "/chat-messages", { body: { inputs: {}, query: "hello there", user: "alice" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    const text = await res.text();
    expect(text).toMatch(/^\{"event": "message", "task_id": "/);
    const body = JSON.parse(text);
    expect(Object.keys(body)).toEqual(["event", "task_id", "id", "message_id", "conversation_id", "mode", "answer", "metadata", "created_at"]);
    expect(body).toMatchObject({ event: "message", mode: "chat", id: body.message_id });
    expect(body.answer).toContain("hello there");
    expect(body.metadata).toMatchObject({ annotation_reply: null, retriever_resources: [] });
    expect(body.metadata.usage.total_price).toBe("0");
    expect(Number.isInteger(body.created_at) && body.created_at < 10_000_000_000).toBe(true);
  });

  it("asks the model for the whole answer in blocking mode and for a stream in streaming mode", async () => {
    const app = await newFakeApp();
    const blocking = await ask(app.key, { inputs: {}, query: "one answer please", user: "alice", response_mode: "blocking" });
    expect(blocking.status).toBe(200);
    expect(blocking.body.answer).toContain("one answer please");
    expect(blocking.body.metadata.usage.prompt_tokens).toBeGreaterThan(0);
    expect(blocking.body.metadata.usage.completion_tokens).toBeGreaterThan(0);
    const res = await v1Raw(app.key, "POST", "/chat-messages", { body: { inputs: {}, query: "a stream please", user: "alice", response_mode: "streaming" } });
    expect(sseEvents(await res.text()).at(-1).event).toBe("message_end");
    const sent = (await fakeRequests(app.apiKey)).filter((r) => r.path === "/v1/chat/completions" && r.body.max_tokens !== 1);
    expect(sent.map((r) => r.body.stream === true)).toEqual([false, true]);
  });

  it("ignores unknown body fields, as Dify's lenient payloads do", async () => {
    const r = await ask(chat.key, { query: "hi", something_else: { nested: true }, auto_generate_name: false });
    expect(r.status).toBe(200);
  });
});

describe("completion-messages", () => {
  let completion: ServiceApp;
  beforeAll(async () => {
    completion = await newServiceApp(owner, { mode: "completion", config: { pre_prompt: "Translate: {{text}}", user_input_form: [{ "text-input": { variable: "text", label: "Text", required: true } }] } });
  });

  it("answers blocking without a conversation_id and mode completion", async () => {
    const r = await v1(completion.key, "POST", "/completion-messages", { body: { inputs: { text: "bonjour" }, user: "bob" } });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(["event", "task_id", "id", "message_id", "mode", "answer", "metadata", "created_at"]);
    expect(r.body.mode).toBe("completion");
  });

  it("streams frames without conversation_id", async () => {
    const res = await v1Raw(completion.key, "POST", "/completion-messages", {
      body: { inputs: { text: "bonjour" }, user: "bob", response_mode: "streaming" },
    });
    const events = sseEvents(await res.text());
    expect(Object.keys(events[0])).toEqual(["event", "message_id", "created_at", "task_id", "id", "answer", "from_variable_selector"]);
    expect(Object.keys(events.at(-1))).toEqual(["event", "message_id", "created_at", "task_id", "id", "metadata", "files"]);
  });

  it("refuses the wrong route for each mode", async () => {
    const a = await v1(completion.key, "POST", "/chat-messages", { body: { inputs: {}, query: "x", user: "bob" } });
    expect(a.status).toBe(400);
    expect(a.body.code).toBe("not_chat_app");
    const b = await v1(chat.key, "POST", "/completion-messages", { body: { inputs: {}, user: "bob" } });
    expect(b.status).toBe(400);
    expect(b.body.code).toBe("app_unavailable");
    expect((await v1(completion.key, "GET", "/conversations?user=bob")).body.code).toBe("not_chat_app");
  });
});

describe("conversations and end users", () => {
  it("continues a conversation: the second turn sends the first to the model", async () => {
    const app = await newFakeApp();
    const first = await ask(app.key, { query: "My name is Ada." });
    expect(first.status).toBe(200);
    const second = await ask(app.key, { query: "What is my name?", conversation_id: first.body.conversation_id });
    expect(second.status).toBe(200);
    expect(second.body.conversation_id).toBe(first.body.conversation_id);
    const sent = (await fakeRequests(app.apiKey)).filter((r) => r.path === "/v1/chat/completions").at(-1)!;
    expect(sent.body.messages).toEqual([
      { role: "user", content: "My name is Ada." },
      { role: "assistant", content: "Echo: My name is Ada." },
      { role: "user", content: "What is my name?" },
    ]);
    const history = await v1(app.key, "GET", `/messages?conversation_id=${first.body.conversation_id}&user=alice`);
    expect(history.body.data.map((m: any) => m.query)).toEqual(["My name is Ada.", "What is my name?"]);
  });

  it("treats a blank conversation_id as a new conversation and a malformed one as invalid", async () => {
    const blank = await ask(chat.key, { query: "hi", conversation_id: "  " });
    expect(blank.status).toBe(200);
    const bad = await ask(chat.key, { query: "hi", conversation_id: "not-a-uuid" });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("invalid_param");
    expect(bad.body.params).toEqual(["conversation_id"]);
  });

  it("hides one user's conversation from another user and from another app's key", async () => {
    const first = await ask(chat.key, { query: "secret", user: "alice" });
    const cid = first.body.conversation_id;
    const asBob = await ask(chat.key, { query: "peek", user: "bob", conversation_id: cid });
    expect(asBob.status).toBe(404);
    expect(asBob.body).toEqual({ code: "not_found", message: "Conversation Not Exists.", status: 404 });
    expect((await v1(chat.key, "GET", `/messages?conversation_id=${cid}&user=bob`)).status).toBe(404);
    expect((await v1(chat.key, "DELETE", `/conversations/${cid}`, { body: { user: "bob" } })).status).toBe(404);
    expect((await v1(chat.key, "POST", `/conversations/${cid}/name`, { body: { name: "x", user: "bob" } })).status).toBe(404);

    const other = await newServiceApp(owner);
    expect((await ask(other.key, { query: "peek", user: "alice", conversation_id: cid })).status).toBe(404);
    expect((await v1(other.key, "GET", `/messages?conversation_id=${cid}&user=alice`)).status).toBe(404);
    const feedback = await v1(other.key, "POST", `/messages/${first.body.message_id}/feedbacks`, { body: { rating: "like", user: "alice" } });
    expect(feedback.status).toBe(404);
    expect(feedback.body.message).toBe("Message Not Exists.");
    // Alice still sees it with the right key.
    expect((await v1(chat.key, "GET", `/messages?conversation_id=${cid}&user=alice`)).status).toBe(200);
  });

  it("stores every turn of a parallel burst on one conversation, each with its own time", async () => {
    const first = await ask(chat.key, { query: "turn 0", user: "carol" });
    const cid = first.body.conversation_id;
    // Enough turns that several arrive within the same millisecond.
    const turns = Array.from({ length: 12 }, (_, i) => `turn ${i + 1}`);
    const results = await Promise.all(turns.map((query) => ask(chat.key, { query, user: "carol", conversation_id: cid })));
    for (const r of results) expect(r.status).toBe(200);
    const stored = await rows<{ query: string; created_at: number }>(
      "select query, created_at from messages where conversation_id = ? order by created_at",
      cid,
    );
    expect(stored.map((m) => m.query).sort()).toEqual(["turn 0", ...turns].sort());
    expect(new Set(stored.map((m) => m.created_at)).size).toBe(13);
    const history = await v1(chat.key, "GET", `/messages?conversation_id=${cid}&user=carol&limit=20`);
    expect(history.body.data.map((m: any) => m.query)).toEqual(stored.map((m) => m.query));
    const [conv] = await rows<{ message_count: number }>("select message_count from conversations where id = ?", cid);
    expect(conv.message_count).toBe(13);
  });

  it("keeps the order turns arrived in, not the order their answers finished", async () => {
    const app = await newFakeApp();
    await scriptFake(app.apiKey, { token_delay_ms: 25 });
    const first = await ask(app.key, { query: "start" });
    const cid = first.body.conversation_id;
    // The fake model echoes the query word by word: earlier turns are longer, so they finish last.
    const turns = [5, 4, 3, 2, 1].map((n) => `turn ${"word ".repeat(n * 4).trim()} ${n}`);
    const pending: Promise<unknown>[] = [];
    for (const query of turns) {
      pending.push(ask(app.key, { query, conversation_id: cid }));
      await new Promise((r) => setTimeout(r, 30));
    }
    await Promise.all(pending);
    const history = await v1(app.key, "GET", `/messages?conversation_id=${cid}&user=alice`);
    expect(history.body.data.map((m: any) => m.query)).toEqual(["start", ...turns]);
  });
});

describe("input validation", () => {
  let form: ServiceApp;
  beforeAll(async () => {
    form = await newServiceApp(owner, {
      config: {
        pre_prompt: "Talk to {{name}} about {{color}}.",
        user_input_form: [
          { "text-input": { variable: "name", label: "Name", required: true, max_length: 5 } },
          { select: { variable: "color", label: "Color", required: false, options: ["red", "blue"] } },
        ],
      },
    });
  });

  const expectInvalid = (r: { status: number; body: any }, param: string, message?: RegExp) => {
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("invalid_param");
    expect(r.body.params).toContain(param);
    if (message) expect(r.body.message).toMatch(message);
  };

  it("requires query, inputs and user", async () => {
    expectInvalid(await v1(form.key, "POST", "/chat-messages", { body: { inputs: { name: "Ann" }, user: "u" } }), "query");
    expectInvalid(await v1(form.key, "POST", "/chat-messages", { body: { query: "hi", user: "u" } }), "inputs");
    expectInvalid(await v1(form.key, "POST", "/chat-messages", { body: { query: "hi", inputs: { name: "Ann" } } }), "user", /Arg user must be provided/);
    expectInvalid(await v1(form.key, "POST", "/chat-messages", { body: { query: "   ", inputs: { name: "Ann" }, user: "u" } }), "query");
    expectInvalid(await v1(form.key, "POST", "/chat-messages", { body: { query: "hi", inputs: { name: "Ann" }, user: "u", response_mode: "fast" } }), "response_mode");
  });

  it("checks inputs against the form: required, max length, select options", async () => {
    expectInvalid(await ask(form.key, { query: "hi", inputs: {} }), "inputs.name", /name is required in input form/);
    expectInvalid(await ask(form.key, { query: "hi", inputs: { name: "Bartholomew" } }), "inputs.name", /less than 5 characters/);
    expectInvalid(await ask(form.key, { query: "hi", inputs: { name: "Ann", color: "green" } }), "inputs.color", /one of the following/);
    const ok = await ask(form.key, { query: "hi", inputs: { name: "Ann", color: "red", extra: "dropped" } });
    expect(ok.status).toBe(200);
    const [m] = await rows<{ inputs: string }>("select inputs from messages where id = ?", ok.body.message_id);
    expect(JSON.parse(m.inputs)).toEqual({ name: "Ann", color: "red" });
  });

  it("refuses a huge query with invalid_param and a body over 1 MB with 413", async () => {
    expectInvalid(await ask(chat.key, { query: "x".repeat(70_000) }), "query", /too long/);
    const big = await ask(chat.key, { query: "hi", inputs: { blob: "y".repeat(1_100_000) } });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe("payload_too_large");
  });

  it("refuses a body that is not JSON", async () => {
    const r = await v1(chat.key, "POST", "/chat-messages", { rawBody: "{not json" });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("invalid_param");
  });
});
