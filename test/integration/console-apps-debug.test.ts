import { beforeAll, describe, expect, it } from "vitest";
import { rows } from "../support/apps";
import { call, callJson, newWorkspaceOwner } from "../support/console";
import {
  addFakeProvider,
  APPS,
  debugBlocking,
  debugStream,
  newApp,
  newFakeKey,
  readSse,
  saveDraft,
  scriptFake,
} from "./console-apps-helpers";

let owner: { token: string; workspaceId: string };
let accountId: string;
beforeAll(async () => {
  owner = await newWorkspaceOwner();
  accountId = (await callJson("GET", "/console/api/account/profile", { token: owner.token })).body.id;
});

const logOf = async (appId: string) => (await callJson("GET", `${APPS}/${appId}/messages?limit=100`, { token: owner.token })).body.data;

describe("debugger streaming", () => {
  it("streams Dify's message events and a message_end with usage, and logs a debugger message", async () => {
    const app = await newApp(owner.token);
    await saveDraft(owner.token, app.id, { pre_prompt: "Be brief." });
    const { raw, frames } = await debugStream(owner.token, app.id, { query: "hello there" });

    const messages = frames.filter((f) => f.event === "message");
    expect(messages.length).toBeGreaterThan(1);
    expect(frames.at(-1).event).toBe("message_end");
    expect(frames.map((f) => f.event)).toEqual([...messages.map(() => "message"), "message_end"]);
    const first = messages[0];
    expect(Object.keys(first)).toEqual(["event", "conversation_id", "message_id", "created_at", "task_id", "id", "answer", "from_variable_selector"]);
    for (const f of frames) {
      expect(f).toMatchObject({ conversation_id: first.conversation_id, message_id: first.message_id, task_id: first.task_id, created_at: first.created_at });
    }
    expect(first.id).toBe(first.message_id);
    // Python's json.dumps spacing, as Dify writes it.
    expect(raw.startsWith('data: {"event": "message", "conversation_id": "')).toBe(true);

    const answer = messages.map((f) => f.answer).join("");
    expect(answer).toMatch(/^You said: "hello there"\. This is kiln-echo/);
    const end = frames.at(-1);
    expect(Object.keys(end)).toEqual(["event", "conversation_id", "message_id", "created_at", "task_id", "id", "metadata", "files"]);
    expect(end.metadata.usage).toMatchObject({
      prompt_tokens: expect.any(Number),
      completion_tokens: expect.any(Number),
      total_price: "0",
      currency: "USD",
      latency: expect.any(Number),
    });
    expect(end.metadata.usage.prompt_tokens).toBeGreaterThan(0);
    expect(end.metadata.usage.total_tokens).toBe(end.metadata.usage.prompt_tokens + end.metadata.usage.completion_tokens);

    const [row] = await logOf(app.id);
    expect(row).toMatchObject({
      id: first.message_id,
      conversation_id: first.conversation_id,
      from_source: "debugger",
      from_account_id: accountId,
      from_end_user_id: null,
      config_version: 0,
      query: "hello there",
      answer,
      status: "normal",
      model_provider: "offline",
      model_id: "kiln-echo",
      message_tokens: end.metadata.usage.prompt_tokens,
      answer_tokens: end.metadata.usage.completion_tokens,
      total_price: "0",
      currency: "USD",
    });
    const detail = await callJson("GET", `${APPS}/${app.id}/messages/${row.id}`, { token: owner.token });
    expect(detail.body.prompt_messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "hello there" },
    ]);
  });

  it("continues the member's own conversation with its history", async () => {
    const app = await newApp(owner.token);
    const first = await debugBlocking(owner.token, app.id, { query: "first question" });
    const second = await debugBlocking(owner.token, app.id, { query: "second question", conversation_id: first.conversation_id });
    expect(second.conversation_id).toBe(first.conversation_id);
    const detail = await callJson("GET", `${APPS}/${app.id}/messages/${second.message_id}`, { token: owner.token });
    expect(detail.body.prompt_messages.map((m: any) => m.content)).toEqual(["first question", first.answer, "second question"]);

    const unknown = await callJson("POST", `${APPS}/${app.id}/chat-messages`, {
      token: owner.token,
      body: { inputs: {}, query: "x", conversation_id: "00000000-0000-7000-8000-000000000000" },
    });
    expect(unknown.status).toBe(404);
    // An API end user's conversation is not the member's to continue.
    await callJson("POST", `${APPS}/${app.id}/publish`, { token: owner.token });
    const key = (await callJson("POST", `${APPS}/${app.id}/api-keys`, { token: owner.token })).body.token;
    const api = await callJson("POST", "/v1/chat-messages", {
      headers: { authorization: `Bearer ${key}` },
      body: { inputs: {}, query: "api", response_mode: "blocking", user: "alice" },
    });
    const theirs = await callJson("POST", `${APPS}/${app.id}/chat-messages`, {
      token: owner.token,
      body: { inputs: {}, query: "x", conversation_id: api.body.conversation_id, response_mode: "blocking" },
    });
    expect(theirs.status).toBe(404);
  });

  it("runs completion apps without conversation ids and checks the app's mode", async () => {
    const completion = await newApp(owner.token, { mode: "completion" });
    await saveDraft(owner.token, completion.id, {
      pre_prompt: "Summarize {{topic}}.",
      user_input_form: [{ "text-input": { variable: "topic", label: "Topic", required: true } }],
    });
    const { frames } = await debugStream(owner.token, completion.id, { inputs: { topic: "tides" } }, "completion");
    expect(Object.keys(frames[0])).toEqual(["event", "message_id", "created_at", "task_id", "id", "answer", "from_variable_selector"]);
    expect(frames.at(-1).event).toBe("message_end");
    expect(frames.filter((f) => f.event === "message").map((f) => f.answer).join("")).toContain("Summarize tides.");

    const missing = await callJson("POST", `${APPS}/${completion.id}/completion-messages`, { token: owner.token, body: { inputs: {} } });
    expect(missing.status).toBe(400);
    expect(missing.res.headers.get("content-type")).toMatch(/application\/json/);
    expect(missing.body).toMatchObject({ code: "invalid_param", message: "topic is required in input form" });

    const wrongRoute = await callJson("POST", `${APPS}/${completion.id}/chat-messages`, { token: owner.token, body: { inputs: {}, query: "x" } });
    expect(wrongRoute.status).toBe(400);
    expect(wrongRoute.body.code).toBe("not_chat_app");
    const chat = await newApp(owner.token);
    const wrongToo = await callJson("POST", `${APPS}/${chat.id}/completion-messages`, { token: owner.token, body: { inputs: {} } });
    expect(wrongToo.body.code).toBe("not_completion_app");
    const noQuery = await callJson("POST", `${APPS}/${chat.id}/chat-messages`, { token: owner.token, body: { inputs: {}, query: "  " } });
    expect(noQuery.status).toBe(400);
    const noInputs = await callJson("POST", `${APPS}/${chat.id}/chat-messages`, { token: owner.token, body: { query: "hi" } });
    expect(noInputs.status).toBe(400);
    expect(noInputs.body.params).toEqual(["inputs"]);
  });
});

describe("debugger model_config override", () => {
  it("runs the config sent with the request instead of the draft, and leaves the draft alone", async () => {
    const { token } = owner;
    const key = newFakeKey();
    const provider = await addFakeProvider(token, "dbg", key);
    const app = await newApp(token);
    await saveDraft(token, app.id, { pre_prompt: "Draft prompt" });

    const draft = await debugBlocking(token, app.id, { query: "compare me" });
    expect(draft.answer).toMatch(/^You said: "compare me"/);

    // The IDE's compare: the same question against other configs, one request each.
    const fake = await debugBlocking(token, app.id, {
      query: "compare me",
      model_config: { model: { provider, name: "fake-chat" }, pre_prompt: "Override prompt" },
    });
    expect(fake.answer).toBe("Echo: compare me");
    const short = await debugBlocking(token, app.id, {
      query: "compare me",
      model_config: { model: { provider: "offline", name: "kiln-echo", completion_params: { max_tokens: 3 } } },
    });
    expect(short.answer.length).toBeLessThan(draft.answer.length);
    expect(draft.answer.startsWith(short.answer)).toBe(true);
    expect(short.metadata.usage.completion_tokens).toBeLessThan(draft.metadata.usage.completion_tokens);

    const log = await logOf(app.id);
    const byId = (id: string) => log.find((m: any) => m.id === id);
    expect(byId(draft.message_id)).toMatchObject({ model_provider: "offline", model_id: "kiln-echo", answer: draft.answer });
    expect(byId(fake.message_id)).toMatchObject({ model_provider: provider, model_id: "fake-chat", answer: "Echo: compare me" });
    const detail = await callJson("GET", `${APPS}/${app.id}/messages/${fake.message_id}`, { token });
    expect(detail.body.prompt_messages[0]).toEqual({ role: "system", content: "Override prompt" });

    const still = await callJson("GET", `${APPS}/${app.id}/model-config`, { token });
    expect(still.body.model_config).toMatchObject({ pre_prompt: "Draft prompt", model: { provider: "offline", name: "kiln-echo" } });
  });

  it("refuses an override that is invalid or names a model the workspace lacks, before streaming", async () => {
    const app = await newApp(owner.token);
    const invalid = await callJson("POST", `${APPS}/${app.id}/chat-messages`, {
      token: owner.token,
      body: { inputs: {}, query: "x", model_config: { model: { provider: "offline", name: "kiln-echo", completion_params: { temperature: 9 } } } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.params).toContain("model_config.model.completion_params.temperature");
    const unknown = await callJson("POST", `${APPS}/${app.id}/chat-messages`, {
      token: owner.token,
      body: { inputs: {}, query: "x", model_config: { model: { provider: "offline", name: "nope" } } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe("model_not_found");
    expect(await logOf(app.id)).toEqual([]);
  });

  it("takes the member's uploaded files and refuses another workspace's, before streaming", async () => {
    const app = await newApp(owner.token);
    await saveDraft(owner.token, app.id, { file_upload: { enabled: true, allowed_file_types: ["image", "document"], number_limits: 2 } });
    const upload = async (token: string) => {
      const form = new FormData();
      form.append("file", new Blob(["a note"]), "note.txt");
      const res = await call("POST", "/console/api/files/upload", { token, formBody: form });
      expect(res.status).toBe(201);
      return (await res.json<{ id: string }>()).id;
    };
    const mine = await upload(owner.token);
    const theirs = await upload((await newWorkspaceOwner()).token);
    const ask = (id: string) =>
      callJson("POST", `${APPS}/${app.id}/chat-messages`, {
        token: owner.token,
        body: { inputs: {}, query: "read this", response_mode: "blocking", files: [{ type: "document", transfer_method: "local_file", upload_file_id: id }] },
      });
    const refused = await ask(theirs);
    expect(refused).toMatchObject({ status: 400, body: { code: "invalid_param", params: ["files.0.upload_file_id"] } });
    expect(await logOf(app.id)).toEqual([]);
    expect((await ask(mine)).status).toBe(200);
    const [logged] = await rows("SELECT files FROM messages WHERE app_id = ?", app.id);
    expect(JSON.parse(logged.files)).toEqual([
      { type: "document", transfer_method: "local_file", upload_file_id: mine, filename: "note.txt", mime_type: "text/plain", size: 6 },
    ]);
  });
});

describe("stopping and failures", () => {
  it("stops a streaming answer by task id and logs it as stopped", async () => {
    const { token } = owner;
    const key = newFakeKey();
    const provider = await addFakeProvider(token, "slow", key);
    await scriptFake(key, { token_delay_ms: 150, reply: Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ") });
    const app = await newApp(token);
    await saveDraft(token, app.id, { model: { provider, name: "fake-chat" } });

    const res = await call("POST", `${APPS}/${app.id}/chat-messages`, { token, body: { inputs: {}, query: "talk a lot" } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes("\n\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const first = JSON.parse(text.slice("data: ".length, text.indexOf("\n\n")));
    expect(first.event).toBe("message");

    // Someone else's stop is ignored; the member's own stop lands.
    const stranger = await newWorkspaceOwner();
    expect((await callJson("POST", `${APPS}/${app.id}/chat-messages/${first.task_id}/stop`, { token: stranger.token })).status).toBe(404);
    const stop = await callJson("POST", `${APPS}/${app.id}/chat-messages/${first.task_id}/stop`, { token });
    expect(stop).toMatchObject({ status: 200, body: { result: "success" } });

    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const { frames } = await readSse(new Response(text));
    expect(frames.at(-1).event).toBe("message_end");
    const answer = frames.filter((f) => f.event === "message").map((f) => f.answer).join("");
    expect(answer.split(" ").length).toBeLessThan(60);

    const [row] = await logOf(app.id);
    expect(row).toMatchObject({ id: first.message_id, status: "stopped", answer });
    // Unknown tasks are ignored, as in Dify.
    const unknown = await callJson("POST", `${APPS}/${app.id}/chat-messages/not-a-task/stop`, { token });
    expect(unknown.body).toEqual({ result: "success" });
  });

  it("sends a provider failure as an error event and logs the error", async () => {
    const { token } = owner;
    const key = newFakeKey();
    const provider = await addFakeProvider(token, "flaky", key);
    const app = await newApp(token);
    await saveDraft(token, app.id, { model: { provider, name: "fake-chat" } });
    await scriptFake(key, { fail_next: [{ status: 500 }] });
    const { frames } = await debugStream(token, app.id, { query: "will fail" });
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ event: "error", code: expect.any(String), status: expect.any(Number) });
    expect(Object.keys(frames[0]).slice(0, 4)).toEqual(["event", "conversation_id", "message_id", "created_at"]);
    const [row] = await logOf(app.id);
    expect(row).toMatchObject({ status: "error", query: "will fail", error: expect.any(String) });

    await scriptFake(key, { fail_next: [{ status: 500 }] });
    const blocking = await callJson("POST", `${APPS}/${app.id}/chat-messages`, {
      token,
      body: { inputs: {}, query: "will fail too", response_mode: "blocking" },
    });
    expect(blocking.status).toBeGreaterThanOrEqual(400);
    expect(blocking.body.code).toBe(frames[0].code);
  });
});

describe("suggested questions", () => {
  it("answers follow-up questions for a debugger message when the draft enables them", async () => {
    const { token } = owner;
    const key = newFakeKey();
    const provider = await addFakeProvider(token, "suggest", key);
    await scriptFake(key, { reply: '["How long?", "What does it cost?", "Who can use it?"]' });
    const app = await newApp(token);
    await saveDraft(token, app.id, { model: { provider, name: "fake-chat" } });
    const msg = await debugBlocking(token, app.id, { query: "tell me about plans" });

    const disabled = await callJson("GET", `${APPS}/${app.id}/messages/${msg.message_id}/suggested-questions`, { token });
    expect(disabled.status).toBe(400);
    expect(disabled.body.code).toBe("bad_request");

    await saveDraft(token, app.id, { model: { provider, name: "fake-chat" }, suggested_questions_after_answer: { enabled: true } });
    const ok = await callJson("GET", `${APPS}/${app.id}/messages/${msg.message_id}/suggested-questions`, { token });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ result: "success", data: ["How long?", "What does it cost?", "Who can use it?"] });

    expect((await callJson("GET", `${APPS}/${app.id}/messages/00000000-0000-7000-8000-000000000000/suggested-questions`, { token })).status).toBe(404);
  });
});
