// POST /v1/chat/completions: an app called in OpenAI's Chat Completions format, streaming and
// not, with Kiln's conversation continuity and OpenAI-shaped errors.
import { describe, expect, it } from "vitest";
import { fakeRequests, newFakeApp, rows, scriptFake, v1, v1Raw } from "../support/apps";
import { callJson } from "../support/console";

const completion = (extra: Record<string, unknown> = {}) => ({
  model: "anything-at-all",
  messages: [
    { role: "system", content: "ignored: the app has its own prompt" },
    { role: "user", content: "Hello there" },
  ],
  user: "alice",
  ...extra,
});

describe("OpenAI-compatible chat completions", () => {
  it("answers a chat.completion and continues the conversation by X-Conversation-Id", async () => {
    const app = await newFakeApp();
    const r = await v1(app.key, "POST", "/chat/completions", { body: completion() });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      id: expect.stringMatching(/^chatcmpl-/),
      object: "chat.completion",
      created: expect.any(Number),
      model: "anything-at-all",
      choices: [{ index: 0, message: { role: "assistant", content: "Echo: Hello there", refusal: null }, logprobs: null, finish_reason: "stop" }],
      usage: { prompt_tokens: expect.any(Number), completion_tokens: 3, total_tokens: expect.any(Number) },
      system_fingerprint: null,
      conversation_id: expect.any(String),
    });
    const cid = r.res.headers.get("X-Conversation-Id");
    expect(cid).toBe(r.body.conversation_id);
    // The app's model answered, whatever `model` said.
    const sent = (await fakeRequests(app.apiKey)).at(-1)!;
    expect(sent.body.model).toBe("gpt-4o-mini");

    const next = await v1(app.key, "POST", "/chat/completions", {
      body: completion({ messages: [{ role: "user", content: "And again" }] }),
      headers: { "X-Conversation-Id": cid! },
    });
    expect(next.body.conversation_id).toBe(cid);
    const history = (await fakeRequests(app.apiKey)).at(-1)!.body.messages;
    expect(history.map((m: any) => m.content)).toEqual(["Hello there", "Echo: Hello there", "And again"]);
    const [conv] = await rows("select from_source, message_count from conversations where id = ?", cid);
    expect(conv).toEqual({ from_source: "api", message_count: 2 });
  });

  it("streams chat.completion.chunk frames ending in [DONE], with usage when asked", async () => {
    const app = await newFakeApp();
    await scriptFake(app.apiKey, { reply: "Bonjour à tous" });
    const res = await v1Raw(app.key, "POST", "/chat/completions", {
      body: completion({ stream: true, stream_options: { include_usage: true } }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("X-Conversation-Id")).toBeTruthy();
    const text = await res.text();
    const frames = text.split("\n\n").filter(Boolean);
    expect(frames.at(-1)).toBe("data: [DONE]");
    // OpenAI's compact JSON, not Python's.
    expect(frames[0]).toMatch(/^data: \{"id":"chatcmpl-[^"]+","object":"chat\.completion\.chunk","created":\d+,"model":"anything-at-all",/);
    const chunks = frames.slice(0, -1).map((f) => JSON.parse(f.slice("data: ".length)));
    for (const c of chunks) {
      expect(Object.keys(c).slice(0, 4)).toEqual(["id", "object", "created", "model"]);
      expect(c.id).toBe(chunks[0].id);
    }
    expect(chunks[0].choices).toEqual([{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }]);
    const content = chunks.flatMap((c) => c.choices.map((ch: any) => ch.delta.content ?? "")).join("");
    expect(content).toBe("Bonjour à tous");
    const finish = chunks.find((c) => c.choices[0]?.finish_reason);
    expect(finish.choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: "stop" });
    const usage = chunks.at(-1);
    expect(usage.choices).toEqual([]);
    expect(usage.usage).toEqual({ prompt_tokens: expect.any(Number), completion_tokens: 3, total_tokens: expect.any(Number) });
  });

  it("sends no usage chunk unless asked", async () => {
    const app = await newFakeApp();
    const text = await (await v1Raw(app.key, "POST", "/chat/completions", { body: completion({ stream: true }) })).text();
    const chunks = text.split("\n\n").filter((f) => f.startsWith("data: {")).map((f) => JSON.parse(f.slice(6)));
    expect(chunks.every((c) => c.usage === undefined)).toBe(true);
    expect(chunks.at(-1).choices[0].finish_reason).toBe("stop");
  });

  it("answers errors in OpenAI's shape: bad key, no user message, provider failure", async () => {
    const noKey = await callJson("POST", "/v1/chat/completions", { body: completion() });
    expect(noKey.status).toBe(401);
    expect(noKey.body).toEqual({
      error: { message: expect.any(String), type: "authentication_error", param: null, code: "unauthorized" },
    });
    expect(noKey.res.headers.get("WWW-Authenticate")).toBe('Bearer realm="api"');

    const app = await newFakeApp();
    const noUser = await v1(app.key, "POST", "/chat/completions", { body: completion({ messages: [{ role: "system", content: "x" }] }) });
    expect(noUser.status).toBe(400);
    expect(noUser.body.error).toMatchObject({ type: "invalid_request_error", code: "invalid_param", param: "messages" });
    const badBody = await v1(app.key, "POST", "/chat/completions", { body: { messages: "hi" } });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.code).toBe("invalid_param");

    await scriptFake(app.apiKey, { fail_next: [{ status: 500 }] });
    const failed = await v1(app.key, "POST", "/chat/completions", { body: completion() });
    expect(failed.status).toBe(400);
    expect(failed.body.error).toMatchObject({ code: "completion_request_error", type: "invalid_request_error" });

    await scriptFake(app.apiKey, { fail_next: [{ status: 500 }] });
    const streamed = await (await v1Raw(app.key, "POST", "/chat/completions", { body: completion({ stream: true }) })).text();
    expect(streamed).not.toContain("[DONE]");
    const last = JSON.parse(streamed.split("\n\n").filter(Boolean).at(-1)!.slice(6));
    expect(last.error).toMatchObject({ code: "completion_request_error" });
  });

  it("refuses a conversation that belongs to another user", async () => {
    const app = await newFakeApp();
    const r = await v1(app.key, "POST", "/chat/completions", { body: completion() });
    const other = await v1(app.key, "POST", "/chat/completions", {
      body: completion({ user: "bob", conversation_id: r.body.conversation_id }),
    });
    expect(other.status).toBe(404);
    expect(other.body.error).toMatchObject({ code: "not_found", type: "not_found_error" });
  });
});
