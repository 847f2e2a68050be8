// Provider failures through the fake OpenAI server, stopping a running answer, and a client
// that goes away: each ends the way Dify's clients expect (an HTTP error when blocking, an
// `error` event then a clean end when streaming) and leaves an honest message log.
import { describe, expect, it } from "vitest";
import { eventually, newFakeApp, rows, scriptFake, sseEvents, v1, v1Raw } from "../support/apps";

type MessageRow = { id: string; status: string; error: string | null; answer: string; query: string };

const message = async (id: string) => (await rows<MessageRow>("select * from messages where id = ?", id))[0];

const chatBody = (extra: Record<string, unknown> = {}) => ({ inputs: {}, query: "tell me a story", user: "alice", ...extra });

/** Reads SSE frames from a response as they arrive. */
function frameReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    reader,
    /** The next data event, or null at the end of the stream. */
    async next(): Promise<any | null> {
      for (;;) {
        const at = buffer.indexOf("\n\n");
        if (at >= 0) {
          const frame = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          if (frame.startsWith("data: ")) return JSON.parse(frame.slice(6));
          continue;
        }
        const { done, value } = await reader.read();
        if (done) return null;
        buffer += decoder.decode(value, { stream: true });
      }
    },
  };
}

const failures = [
  {
    name: "rejected key (401)",
    script: { fail_next: [{ status: 401, body: { error: { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" } } }] },
    code: "provider_not_initialize",
  },
  {
    name: "exhausted quota (429 insufficient_quota)",
    script: { fail_next: [{ status: 429, body: { error: { message: "You exceeded your current quota.", type: "insufficient_quota", code: "insufficient_quota" } } }] },
    code: "provider_quota_exceeded",
  },
  { name: "server error (500)", script: { fail_next: [{ status: 500 }] }, code: "completion_request_error" },
];

describe("provider failures", () => {
  for (const f of failures) {
    it(`blocking: a ${f.name} is HTTP 400 ${f.code} and the message is logged as error`, async () => {
      const app = await newFakeApp();
      await scriptFake(app.apiKey, f.script);
      const r = await v1(app.key, "POST", "/chat-messages", { body: chatBody() });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: f.code, status: 400 });
      const logged = await eventually(async () => (await rows<MessageRow>("select * from messages where app_id = ?", app.appId))[0]);
      expect(logged.status).toBe("error");
      expect(logged.error).toBeTruthy();
    });

    it(`streaming: a ${f.name} is an error event, then the stream ends`, async () => {
      const app = await newFakeApp();
      await scriptFake(app.apiKey, f.script);
      const res = await v1Raw(app.key, "POST", "/chat-messages", { body: chatBody({ response_mode: "streaming" }) });
      expect(res.status).toBe(200);
      const events = sseEvents(await res.text());
      expect(events.map((e) => e.event)).toEqual(["error"]);
      const [error] = events;
      expect(Object.keys(error)).toEqual(["event", "conversation_id", "message_id", "created_at", "code", "message", "status"]);
      expect(error).toMatchObject({ code: f.code, status: 400 });
      const logged = await message(error.message_id);
      expect(logged).toMatchObject({ status: "error", answer: "" });
    });
  }

  it("a malformed provider answer fails the run, blocking (one JSON body) and streaming (an event stream)", async () => {
    const app = await newFakeApp({ models: ["gpt-4o-mini", "fake-malformed"], model: "fake-malformed" });
    const blocking = await v1(app.key, "POST", "/chat-messages", { body: chatBody() });
    expect(blocking.status).toBe(400);
    expect(blocking.body.code).toBe("completion_request_error");
    const res = await v1Raw(app.key, "POST", "/chat-messages", { body: chatBody({ response_mode: "streaming" }) });
    const events = sseEvents(await res.text());
    expect(events.at(-1)).toMatchObject({ event: "error", code: "completion_request_error" });
    expect(events.some((e) => e.event === "message_end")).toBe(false);
    const logged = await message(events.at(-1).message_id);
    expect(logged.status).toBe("error");
  });

  it("a provider that hangs times out (PROVIDER_TIMEOUT_MS), blocking and streaming", async () => {
    const app = await newFakeApp();
    await scriptFake(app.apiKey, { ttft_ms: 8_000 });
    const started = Date.now();
    const blocking = await v1(app.key, "POST", "/chat-messages", { body: chatBody() });
    expect(blocking.status).toBe(400);
    expect(blocking.body.code).toBe("completion_request_error");
    expect(Date.now() - started).toBeLessThan(6_000);
    const res = await v1Raw(app.key, "POST", "/chat-messages", { body: chatBody({ response_mode: "streaming" }) });
    const events = sseEvents(await res.text());
    expect(events.map((e) => e.event)).toEqual(["error"]);
    expect(events[0].code).toBe("completion_request_error");
    expect((await message(events[0].message_id)).status).toBe("error");
  });
});

describe("stopping and going away", () => {
  const reply = "one two three four five six seven eight nine ten";

  it("stops a streaming answer mid-way: the stream ends with message_end and the partial answer is logged as stopped", async () => {
    const app = await newFakeApp();
    await scriptFake(app.apiKey, { reply, token_delay_ms: 100 });
    const res = await v1Raw(app.key, "POST", "/chat-messages", { body: chatBody({ response_mode: "streaming" }) });
    const frames = frameReader(res);
    const first = await frames.next();
    expect(first.event).toBe("message");
    // Someone else's stop answers success, as in Dify, but does not stop the answer.
    const foreign = await v1(app.key, "POST", `/chat-messages/${first.task_id}/stop`, { body: { user: "mallory" } });
    expect(foreign.body).toEqual({ result: "success" });
    const second = await frames.next();
    expect(second.event).toBe("message");
    const stop = await v1(app.key, "POST", `/chat-messages/${first.task_id}/stop`, { body: { user: "alice" } });
    expect(stop.status).toBe(200);
    expect(stop.body).toEqual({ result: "success" });
    const events = [first, second];
    for (let e = await frames.next(); e; e = await frames.next()) events.push(e);
    expect(events.at(-1).event).toBe("message_end");
    const streamed = events.filter((e) => e.event === "message").map((e) => e.answer).join("");
    expect(streamed.length).toBeGreaterThan(0);
    expect(streamed.length).toBeLessThan(reply.length);
    const logged = await message(first.message_id);
    expect(logged.status).toBe("stopped");
    expect(logged.answer).toBe(streamed);
  });

  it("answers success for an unknown task and refuses a stop without user", async () => {
    const app = await newFakeApp();
    expect((await v1(app.key, "POST", "/chat-messages/no-such-task/stop", { body: { user: "alice" } })).body).toEqual({ result: "success" });
    const noUser = await v1(app.key, "POST", "/chat-messages/no-such-task/stop", { body: {} });
    expect(noUser.status).toBe(400);
    expect(noUser.body.code).toBe("invalid_param");
  });

  it("logs the partial answer as stopped when stopped while the client has stopped reading (and never cancelled)", async () => {
    const app = await newFakeApp();
    await scriptFake(app.apiKey, { reply, token_delay_ms: 100 });
    const res = await v1Raw(app.key, "POST", "/chat-messages", { body: chatBody({ response_mode: "streaming" }) });
    const frames = frameReader(res);
    const first = await frames.next();
    // The client neither reads on nor cancels (a browser whose abort the runtime never passed on).
    await new Promise((r) => setTimeout(r, 400));
    expect((await v1(app.key, "POST", `/chat-messages/${first.task_id}/stop`, { body: { user: "alice" } })).status).toBe(200);
    const logged = await eventually(async () => {
      const m = await message(first.message_id);
      return m?.status ? m : null;
    });
    expect(logged.status).toBe("stopped");
    expect(logged.answer.length).toBeGreaterThan(0);
    expect(logged.answer.length).toBeLessThan(reply.length);
    // Reading on after the stop ends the stream with message_end, and the message is logged once.
    const rest = [];
    for (let e = await frames.next(); e; e = await frames.next()) rest.push(e);
    expect(rest.at(-1).event).toBe("message_end");
    expect(await rows("SELECT id FROM messages WHERE id = ?", first.message_id)).toHaveLength(1);
  });

  it("logs the partial answer as stopped when the client disconnects mid-stream", async () => {
    const app = await newFakeApp();
    await scriptFake(app.apiKey, { reply, token_delay_ms: 100 });
    const res = await v1Raw(app.key, "POST", "/chat-messages", { body: chatBody({ response_mode: "streaming" }) });
    const frames = frameReader(res);
    const first = await frames.next();
    await frames.reader.cancel();
    const logged = await eventually(async () => {
      const m = await message(first.message_id);
      return m?.status ? m : null;
    });
    expect(logged.status).toBe("stopped");
    expect(logged.answer.length).toBeGreaterThan(0);
    expect(logged.answer.length).toBeLessThan(reply.length);
  });
});
