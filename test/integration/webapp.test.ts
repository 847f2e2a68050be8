// The WebApp API (/api/*) through HTTP in workerd: passports, the site, chat and completion runs
// with Dify's simple SSE frames, and the isolation of one browser's conversations from another's.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createApp, publishApp, updateApp } from "../../src/apps/apps";
import { modelConfigSchema } from "../../src/apps/model-config";
import { PASSPORT_TTL_SECONDS, signPassport } from "../../src/apps/passport";
import { createCtx, type WorkspaceCtx, withWorkspace } from "../../src/context";
import { TINY_PNG } from "../support/apps";
import { call, callJson, newWorkspaceOwner } from "../support/console";

const fakeUrl = inject("fakeOpenAIUrl");
const fakeOrigin = new URL(fakeUrl).origin;

let ws: WorkspaceCtx;
let consoleToken: string;

beforeAll(async () => {
  const owner = await newWorkspaceOwner();
  consoleToken = owner.token;
  const profile = await callJson("GET", "/console/api/account/profile", { token: owner.token });
  ws = withWorkspace(
    createCtx(env),
    { accountId: profile.body.id, email: owner.email, name: profile.body.name ?? "Owner" },
    { id: owner.workspaceId, role: "owner" },
  );
});

const FORM = [
  { "text-input": { variable: "name", label: "Your name", required: false, max_length: 20 } },
  { select: { variable: "tone", label: "Tone", required: true, options: ["friendly", "formal"] } },
];

async function newApp(
  mode: "chat" | "completion",
  config: Record<string, unknown> = {},
  options: { publish?: boolean } = {},
) {
  const app = await createApp(
    ws,
    { name: `WebApp ${mode} ${crypto.randomUUID().slice(0, 6)}`, mode, description: "A public test app" },
    modelConfigSchema.parse({
      pre_prompt: "You are helpful.",
      opening_statement: "Hello! Ask me anything.",
      suggested_questions: ["What can you do?"],
      user_input_form: FORM,
      ...config,
    }),
  );
  if (options.publish !== false) await publishApp(ws, app.id, {});
  return app;
}

async function passport(code: string, previous?: string) {
  const headers: Record<string, string> = { "x-app-code": code };
  if (previous) headers.authorization = `Bearer ${previous}`;
  return callJson<{ access_token: string }>("GET", "/api/passport", { headers });
}

async function tokenFor(code: string): Promise<string> {
  const r = await passport(code);
  expect(r.status).toBe(200);
  return r.body.access_token;
}

const INPUTS = { tone: "friendly" };

async function chat(token: string, query: string, extra: Record<string, unknown> = {}) {
  return callJson("POST", "/api/chat-messages", { token, body: { inputs: INPUTS, query, ...extra } });
}

/** Reads a Dify SSE body into its raw blocks and the parsed data frames. */
async function readSse(res: Response) {
  const text = await res.text();
  const blocks = text.split("\n\n").filter(Boolean);
  const frames = blocks.filter((b) => b.startsWith("data: ")).map((b) => JSON.parse(b.slice(6)));
  return { text, blocks, frames };
}

describe("passport", () => {
  it("issues a signed passport for a published app's site code", async () => {
    const app = await newApp("chat");
    const r = await passport(app.siteCode);
    expect(r.status).toBe(200);
    expect(r.body.access_token.split(".")).toHaveLength(3);
    const site = await callJson("GET", "/api/site", { token: r.body.access_token });
    expect(site.status).toBe(200);
    expect(site.body).toMatchObject({
      app_id: app.id,
      end_user_id: expect.any(String),
      enable_site: true,
      mode: "chat",
      site: { title: app.name, description: "A public test app", icon: "🤖", default_language: "en-US", copyright: null },
    });
  });

  it("refuses a missing code (401), an unknown code (404), a disabled site (403) and an unpublished app (400)", async () => {
    const missing = await callJson("GET", "/api/passport");
    expect(missing).toMatchObject({ status: 401, body: { code: "unauthorized" } });
    const unknown = await passport("no-such-code");
    expect(unknown).toMatchObject({ status: 404, body: { code: "not_found" } });

    const disabled = await newApp("chat");
    const before = await tokenFor(disabled.siteCode);
    await updateApp(ws, disabled.id, { enable_site: false });
    expect(await passport(disabled.siteCode)).toMatchObject({ status: 403, body: { code: "forbidden", message: "Site is disabled." } });
    // A passport issued before the site was turned off stops working too.
    expect((await callJson("GET", "/api/parameters", { token: before })).status).toBe(403);

    const draft = await newApp("chat", {}, { publish: false });
    expect(await passport(draft.siteCode)).toMatchObject({ status: 400, body: { code: "app_unavailable" } });
  });

  it("keeps the browser's session when it presents its earlier passport, and starts a new one otherwise", async () => {
    const app = await newApp("chat");
    const first = await tokenFor(app.siteCode);
    const renewed = (await passport(app.siteCode, first)).body.access_token;
    const fresh = await tokenFor(app.siteCode);
    const userOf = async (t: string) => (await callJson("GET", "/api/site", { token: t })).body.end_user_id;
    expect(await userOf(renewed)).toBe(await userOf(first));
    expect(await userOf(fresh)).not.toBe(await userOf(first));

    // A passport of another app does not carry its session over.
    const other = await newApp("chat");
    const crossed = (await passport(other.siteCode, first)).body.access_token;
    expect(await userOf(crossed)).not.toBe(await userOf(first));
  });

  it("rejects forged, tampered and expired passports with 401", async () => {
    const app = await newApp("chat");
    const good = await tokenFor(app.siteCode);
    const [h, p, s] = good.split(".");
    const claims = JSON.parse(atob(p.replace(/-/g, "+").replace(/_/g, "/")));
    const reencode = (o: unknown) => btoa(JSON.stringify(o)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

    const tampered = `${h}.${reencode({ ...claims, session_id: "someone-else" })}.${s}`;
    const otherSecret = await signPassport("another-secret-another-secret-another-secret", claims);
    const now = Math.floor(Date.now() / 1000);
    const expired = await signPassport(env.APP_SECRET!, { ...claims, iat: now - PASSPORT_TTL_SECONDS - 10, exp: now - 10 });
    for (const token of [tampered, otherSecret, expired, "not-a-token", `${h}.${p}`]) {
      const r = await callJson("GET", "/api/site", { token });
      expect(r.status, token).toBe(401);
      expect(r.body.code).toBe("unauthorized");
      expect(r.res.headers.get("www-authenticate")).toContain("Bearer");
    }
    expect((await callJson("GET", "/api/site")).status).toBe(401);
    // Still valid a second before expiry.
    const nearlyExpired = await signPassport(env.APP_SECRET!, { ...claims, exp: now + 60 });
    expect((await callJson("GET", "/api/site", { token: nearlyExpired })).status).toBe(200);
  });
});

describe("site and parameters", () => {
  it("serves the published parameters in the Service API's shape, without the moderation keywords", async () => {
    const app = await newApp("chat", {
      suggested_questions_after_answer: { enabled: true },
      sensitive_word_avoidance: {
        enabled: true,
        type: "keywords",
        configs: { keywords: "secretword", inputs_config: { enabled: true, preset_response: "No." } },
      },
    });
    const token = await tokenFor(app.siteCode);
    const r = await callJson("GET", "/api/parameters", { token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      opening_statement: "Hello! Ask me anything.",
      suggested_questions: ["What can you do?"],
      suggested_questions_after_answer: { enabled: true },
      more_like_this: { enabled: false },
      user_input_form: [
        { "text-input": { variable: "name", label: "Your name", required: false, max_length: 20, type: "text-input" } },
        { select: { variable: "tone", options: ["friendly", "formal"], required: true, type: "select" } },
      ],
      sensitive_word_avoidance: { enabled: true, type: "keywords", configs: [] },
      file_upload: expect.any(Object),
      system_parameters: expect.objectContaining({ file_size_limit: expect.any(Number) }),
    });
    expect(JSON.stringify(r.body)).not.toContain("secretword");
    expect((await callJson("GET", "/api/meta", { token })).body).toEqual({ tool_icons: {} });
  });

  it("answers CORS preflights for custom front ends on other origins", async () => {
    const res = await call("OPTIONS", "/api/chat-messages", {
      headers: { origin: "https://example.org", "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
  });
});

describe("chat", () => {
  it("streams Dify's simple frames: python-style JSON data lines, message_end without usage", async () => {
    const app = await newApp("chat");
    const token = await tokenFor(app.siteCode);
    const res = await call("POST", "/api/chat-messages", {
      token,
      body: { inputs: INPUTS, query: "Hello there", response_mode: "streaming" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const { blocks, frames } = await readSse(res);
    for (const b of blocks) expect(b === "event: ping" || b.startsWith("data: {")).toBe(true);
    const dataBlocks = blocks.filter((b) => b.startsWith("data: "));
    expect(dataBlocks[0]).toMatch(/^data: \{"event": "message", "conversation_id": "[^"]+", "message_id": "[^"]+", "created_at": \d+, "task_id": "[^"]+", "id": "[^"]+", "answer": /);
    expect(dataBlocks[0]).toContain('"from_variable_selector": null}');

    const messages = frames.filter((f) => f.event === "message");
    const end = frames.at(-1);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.map((m) => m.answer).join("")).toContain('You said: "Hello there"');
    expect(end).toEqual({
      event: "message_end",
      conversation_id: messages[0].conversation_id,
      message_id: messages[0].message_id,
      created_at: messages[0].created_at,
      task_id: messages[0].task_id,
      id: messages[0].message_id,
      metadata: { retriever_resources: [] },
      files: null,
    });
    expect(dataBlocks.at(-1)).not.toContain("usage");
    expect(dataBlocks.at(-1)).not.toContain("annotation_reply");
  });

  it("answers in blocking mode with the simple metadata and continues a conversation", async () => {
    const app = await newApp("chat");
    const token = await tokenFor(app.siteCode);
    const first = await chat(token, "First question", { response_mode: "blocking" });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      event: "message",
      mode: "chat",
      answer: expect.stringContaining("First question"),
      metadata: { retriever_resources: [] },
      conversation_id: expect.any(String),
    });
    expect(first.body.metadata).not.toHaveProperty("usage");

    const second = await chat(token, "Second question", { conversation_id: first.body.conversation_id });
    expect(second.status).toBe(200);
    expect(second.body.conversation_id).toBe(first.body.conversation_id);

    const list = await callJson("GET", "/api/conversations", { token });
    expect(list.body).toMatchObject({ limit: 20, has_more: false });
    expect(list.body.data.map((c: any) => c.id)).toEqual([first.body.conversation_id]);
    expect(list.body.data[0]).toMatchObject({ name: "First question", inputs: { tone: "friendly" } });

    const history = await callJson("GET", `/api/messages?conversation_id=${first.body.conversation_id}`, { token });
    expect(history.status).toBe(200);
    expect(history.body.data.map((m: any) => m.query)).toEqual(["First question", "Second question"]);
    expect(history.body.data[1]).toMatchObject({ answer: second.body.answer, feedback: null, status: "normal" });
  });

  it("validates the variable form and refuses the wrong app mode", async () => {
    const app = await newApp("chat");
    const token = await tokenFor(app.siteCode);
    const missing = await chat(token, "hi", { inputs: {} });
    expect(missing).toMatchObject({ status: 400, body: { code: "invalid_param", message: "tone is required in input form" } });
    const tooLong = await chat(token, "hi", { inputs: { tone: "formal", name: "x".repeat(21) } });
    expect(tooLong).toMatchObject({ status: 400, body: { code: "invalid_param" } });
    const notOption = await chat(token, "hi", { inputs: { tone: "rude" } });
    expect(notOption).toMatchObject({ status: 400, body: { code: "invalid_param" } });
    const completion = await callJson("POST", "/api/completion-messages", { token, body: { inputs: INPUTS } });
    expect(completion).toMatchObject({ status: 400, body: { code: "not_completion_app" } });
    const malformed = await chat(token, "hi", { files: [{ type: "image", url: "https://example.com/a.png" }] });
    expect(malformed).toMatchObject({ status: 400, body: { code: "invalid_param", params: ["files.0.transfer_method"] } });
    // An app without file upload ignores the files it is sent, as in Dify.
    expect((await chat(token, "hi", { files: [{ type: "image", transfer_method: "remote_url", url: "https://example.com/a.png" }] })).status).toBe(200);
    expect((await chat(token, "hi", { files: [] })).status).toBe(200);
    const unknownConversation = await chat(token, "hi", { conversation_id: crypto.randomUUID() });
    expect(unknownConversation).toMatchObject({ status: 404, body: { message: "Conversation Not Exists." } });
  });

  it("sends the visitor's uploaded image with a message when the app takes files, and lists it with the message", async () => {
    const app = await newApp("chat", { file_upload: { enabled: true, allowed_file_types: ["image"], number_limits: 2 } });
    const token = await tokenFor(app.siteCode);
    const form = new FormData();
    form.append("file", new Blob([TINY_PNG], { type: "image/png" }), "dot.png");
    const uploaded = await call("POST", "/api/files/upload", { token, formBody: form });
    expect(uploaded.status).toBe(201);
    const file = await uploaded.json<{ id: string }>();
    const sent = await chat(token, "What is this?", { files: [{ type: "image", transfer_method: "local_file", upload_file_id: file.id }] });
    expect(sent.status).toBe(200);
    const history = await callJson("GET", `/api/messages?conversation_id=${sent.body.conversation_id}`, { token });
    const [mf] = history.body.data[0].message_files;
    expect(mf).toMatchObject({ id: file.id, filename: "dot.png", type: "image", mime_type: "image/png", transfer_method: "local_file", belongs_to: "user" });
    const image = await call("GET", mf.url);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(TINY_PNG);
    // Over the app's limit: refused, nothing logged.
    const three = Array.from({ length: 3 }, () => ({ type: "image", transfer_method: "local_file", upload_file_id: file.id }));
    expect(await chat(token, "Too many", { files: three })).toMatchObject({ status: 400, body: { code: "invalid_param", params: ["files"] } });
  });

  it("records likes and dislikes, visible in /api/messages, and withdraws them with null", async () => {
    const app = await newApp("chat");
    const token = await tokenFor(app.siteCode);
    const sent = await chat(token, "Rate me");
    const id = sent.body.message_id;
    const history = () => callJson("GET", `/api/messages?conversation_id=${sent.body.conversation_id}`, { token });

    expect((await callJson("POST", `/api/messages/${id}/feedbacks`, { token, body: { rating: "like" } })).body).toEqual({ result: "success" });
    expect((await history()).body.data[0].feedback).toEqual({ rating: "like" });
    await callJson("POST", `/api/messages/${id}/feedbacks`, { token, body: { rating: "dislike", content: "too short" } });
    expect((await history()).body.data[0].feedback).toEqual({ rating: "dislike" });
    await callJson("POST", `/api/messages/${id}/feedbacks`, { token, body: { rating: null } });
    expect((await history()).body.data[0].feedback).toBeNull();
    const bad = await callJson("POST", `/api/messages/${id}/feedbacks`, { token, body: { rating: "love" } });
    expect(bad).toMatchObject({ status: 400, body: { code: "invalid_param" } });
  });

  it("renames, auto-names and deletes the browser's conversations", async () => {
    const app = await newApp("chat");
    const token = await tokenFor(app.siteCode);
    const sent = await chat(token, "How do kilns reach 1300 degrees?");
    const cid = sent.body.conversation_id;
    const renamed = await callJson("POST", `/api/conversations/${cid}/name`, { token, body: { name: "Kilns" } });
    expect(renamed).toMatchObject({ status: 200, body: { id: cid, name: "Kilns" } });
    const auto = await callJson("POST", `/api/conversations/${cid}/name`, { token, body: { auto_generate: true } });
    expect(auto.body.name).toBe("How do kilns reach 1300 degrees?");
    const empty = await callJson("POST", `/api/conversations/${cid}/name`, { token, body: {} });
    expect(empty).toMatchObject({ status: 400, body: { code: "invalid_param" } });

    const deleted = await call("DELETE", `/api/conversations/${cid}`, { token });
    expect(deleted.status).toBe(204);
    expect((await callJson("GET", "/api/conversations", { token })).body.data).toEqual([]);
    expect((await callJson("GET", `/api/messages?conversation_id=${cid}`, { token })).status).toBe(404);
    // Dify's WebApp asks for pinned conversations separately; Kiln has none.
    expect((await callJson("GET", "/api/conversations?pinned=true", { token })).body.data).toEqual([]);
  });

  it("logs WebApp messages with from_source 'webapp' and a browser end user", async () => {
    const app = await newApp("chat");
    const token = await tokenFor(app.siteCode);
    const sent = await chat(token, "Log me");
    const endUserId = (await callJson("GET", "/api/site", { token })).body.end_user_id;
    const msg = await env.DB.prepare("SELECT from_source, end_user_id, account_id, status, app_id FROM messages WHERE id = ?")
      .bind(sent.body.message_id)
      .first();
    expect(msg).toEqual({ from_source: "webapp", end_user_id: endUserId, account_id: null, status: "normal", app_id: app.id });
    const conv = await env.DB.prepare("SELECT from_source, end_user_id FROM conversations WHERE id = ?").bind(sent.body.conversation_id).first();
    expect(conv).toEqual({ from_source: "webapp", end_user_id: endUserId });
    const user = await env.DB.prepare("SELECT type, is_anonymous, app_id FROM end_users WHERE id = ?").bind(endUserId).first();
    expect(user).toEqual({ type: "browser", is_anonymous: 1, app_id: app.id });
  });
});

describe("isolation between browsers", () => {
  it("never lets one passport list, read, continue, rename, delete or rate another's conversation", async () => {
    const app = await newApp("chat");
    const alice = await tokenFor(app.siteCode);
    const bob = await tokenFor(app.siteCode);
    const sent = await chat(alice, "Alice's secret question");
    const cid = sent.body.conversation_id;
    const mid = sent.body.message_id;

    expect((await callJson("GET", "/api/conversations", { token: bob })).body.data).toEqual([]);
    const reads = [
      await callJson("GET", `/api/messages?conversation_id=${cid}`, { token: bob }),
      await callJson("POST", `/api/conversations/${cid}/name`, { token: bob, body: { name: "Mine now" } }),
      await callJson("DELETE", `/api/conversations/${cid}`, { token: bob }),
      await callJson("POST", `/api/messages/${mid}/feedbacks`, { token: bob, body: { rating: "dislike" } }),
      await chat(bob, "Continue Alice's", { conversation_id: cid }),
      await callJson("GET", `/api/conversations?last_id=${cid}`, { token: bob }),
    ];
    for (const r of reads) expect(r.status).toBe(404);

    // Alice's conversation is untouched.
    const mine = await callJson("GET", "/api/conversations", { token: alice });
    expect(mine.body.data).toHaveLength(1);
    expect(mine.body.data[0].name).toBe("Alice's secret question");
    const history = await callJson("GET", `/api/messages?conversation_id=${cid}`, { token: alice });
    expect(history.body.data).toHaveLength(1);
    expect(history.body.data[0].feedback).toBeNull();
  });

  it("keeps apps apart: a passport of one app cannot reach another app's conversations", async () => {
    const a = await newApp("chat");
    const b = await newApp("chat");
    const sent = await chat(await tokenFor(a.siteCode), "App A only");
    const other = await tokenFor(b.siteCode);
    expect((await callJson("GET", `/api/messages?conversation_id=${sent.body.conversation_id}`, { token: other })).status).toBe(404);
  });
});

describe("completion", () => {
  it("generates from the form, streaming without conversation ids, and refuses chat routes", async () => {
    const app = await newApp("completion", { pre_prompt: "Write a greeting for {{name}} in a {{tone}} tone." });
    const token = await tokenFor(app.siteCode);
    const blocking = await callJson("POST", "/api/completion-messages", {
      token,
      body: { inputs: { name: "Ada", tone: "formal" }, response_mode: "blocking" },
    });
    expect(blocking.status).toBe(200);
    expect(blocking.body).toMatchObject({ event: "message", mode: "completion", answer: expect.stringContaining("Ada") });
    expect(blocking.body).not.toHaveProperty("conversation_id");

    const res = await call("POST", "/api/completion-messages", {
      token,
      body: { inputs: { name: "Grace", tone: "friendly" }, query: "", response_mode: "streaming" },
    });
    const { frames, blocks } = await readSse(res);
    expect(frames[0]).toMatchObject({ event: "message", message_id: expect.any(String), task_id: expect.any(String) });
    expect(frames[0]).not.toHaveProperty("conversation_id");
    expect(blocks.find((b) => b.startsWith("data: ") && b.includes("message_end"))).toMatch(/^data: \{"event": "message_end", "message_id": /);

    const liked = await callJson("POST", `/api/messages/${blocking.body.message_id}/feedbacks`, { token, body: { rating: "like" } });
    expect(liked.status).toBe(200);
    expect((await chat(token, "hi")).body.code).toBe("not_chat_app");
    expect((await callJson("GET", "/api/conversations", { token })).body.code).toBe("not_chat_app");
  });
});

describe("with a real (fake) provider", () => {
  const key = `sk-webapp-${crypto.randomUUID().replaceAll("-", "")}`;
  const script = (body: Record<string, unknown>) =>
    fetch(`${fakeOrigin}/__control`, { method: "POST", body: JSON.stringify({ api_key: key, ...body }) });
  let provider: string;

  beforeAll(async () => {
    const r = await callJson("POST", "/console/api/workspaces/current/model-providers/openai_api_compatible", {
      token: consoleToken,
      body: { name: "webapp", label: "Fake", base_url: fakeUrl, api_key: key, models: [{ model: "fake-chat", model_type: "llm" }] },
    });
    expect(r.status).toBe(201);
    provider = r.body.provider.provider;
  });

  it("suggests follow-up questions with the app's model when enabled, and refuses when disabled", async () => {
    const model = { provider, name: "fake-chat" };
    const on = await newApp("chat", { model, suggested_questions_after_answer: { enabled: true } });
    const token = await tokenFor(on.siteCode);
    await script({ reply: "Kilns are hot." });
    const sent = await chat(token, "Tell me about kilns");
    await script({ reply: '```json\n["How hot?", "What fuel?", "How long?"]\n```' });
    const r = await callJson("GET", `/api/messages/${sent.body.message_id}/suggested-questions`, { token });
    expect(r).toMatchObject({ status: 200, body: { data: ["How hot?", "What fuel?", "How long?"] } });

    const off = await newApp("chat", { model });
    const offToken = await tokenFor(off.siteCode);
    const offSent = await chat(offToken, "Hi");
    const refused = await callJson("GET", `/api/messages/${offSent.body.message_id}/suggested-questions`, { token: offToken });
    expect(refused).toMatchObject({ status: 400, body: { code: "bad_request" } });
    // Someone else's message is not found, enabled or not.
    const stranger = await tokenFor(on.siteCode);
    expect((await callJson("GET", `/api/messages/${sent.body.message_id}/suggested-questions`, { token: stranger })).status).toBe(404);
  });

  it("stops a streaming answer: the partial answer ends with message_end and is logged as stopped", async () => {
    const app = await newApp("chat", { model: { provider, name: "fake-chat" } });
    const token = await tokenFor(app.siteCode);
    await script({ reply: Array.from({ length: 40 }, (_, i) => `word${i}`).join(" "), token_delay_ms: 100 });
    const res = await call("POST", "/api/chat-messages", { token, body: { inputs: INPUTS, query: "Talk slowly", response_mode: "streaming" } });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes('"event": "message"')) text += (await reader.read()).value ?? "";
    const first = JSON.parse(text.split("\n\n").find((b) => b.startsWith("data: "))!.slice(6));
    const stop = await callJson("POST", `/api/chat-messages/${first.task_id}/stop`, { token, body: {} });
    expect(stop.body).toEqual({ result: "success" });
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
    }
    const frames = text.split("\n\n").filter((b) => b.startsWith("data: ")).map((b) => JSON.parse(b.slice(6)));
    expect(frames.at(-1).event).toBe("message_end");
    const answer = frames.filter((f) => f.event === "message").map((f) => f.answer).join("");
    expect(answer).not.toContain("word39");
    await script({ token_delay_ms: 0, reply: null });
    const row = await env.DB.prepare("SELECT status, answer FROM messages WHERE id = ?").bind(first.message_id).first();
    expect(row).toEqual({ status: "stopped", answer });
  });
});

describe("rate limit", () => {
  it("allows 60 messages a minute per browser, then answers 429 with Retry-After", async () => {
    const app = await newApp("chat");
    const token = await tokenFor(app.siteCode);
    // Invalid bodies are counted too (the limit runs before validation), and cost no model call.
    for (let i = 0; i < 60; i++) {
      expect((await callJson("POST", "/api/chat-messages", { token, body: {} })).status).toBe(400);
    }
    const limited = await callJson("POST", "/api/chat-messages", { token, body: {} });
    expect(limited).toMatchObject({ status: 429, body: { code: "too_many_requests" } });
    expect(Number(limited.res.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another browser is not affected.
    expect((await callJson("POST", "/api/chat-messages", { token: await tokenFor(app.siteCode), body: {} })).status).toBe(400);
  });
});
