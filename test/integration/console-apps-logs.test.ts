import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { callJson, joinByInvite, newWorkspaceOwner, uniqueEmail } from "../support/console";
import { addFakeProvider, APPS, debugBlocking, newApp, newFakeKey, publish, scriptFake } from "./console-apps-helpers";

// One app with a known history:
//   a1  debugger  "alpha question"         normal   admin like
//   a2  debugger  "alpha follow-up"        normal   (same conversation as a1)
//   b   api       "beta question" (alice)  normal   user dislike    (a later second than a2)
//   e   debugger  "broken question"        error
let owner: { token: string; workspaceId: string };
let appId: string;
const ids: Record<string, string> = {};
const times: Record<string, number> = {};
let conversationA = "";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  owner = await newWorkspaceOwner();
  const { token } = owner;
  const fakeKey = newFakeKey();
  const provider = await addFakeProvider(token, "logs", fakeKey);
  const app = await newApp(token, { name: "Logged" });
  appId = app.id;
  await publish(token, appId);
  const key = (await callJson("POST", `${APPS}/${appId}/api-keys`, { token })).body.token;

  const a1 = await debugBlocking(token, appId, { query: "alpha question" });
  conversationA = a1.conversation_id;
  const a2 = await debugBlocking(token, appId, { query: "alpha follow-up", conversation_id: conversationA });
  ids.a1 = a1.message_id;
  ids.a2 = a2.message_id;
  times.a = a1.created_at;
  times.a2 = a2.created_at;
  // The next messages land in a later second, so time ranges can tell them apart.
  while (Math.floor(Date.now() / 1000) <= times.a2) await sleep(100);

  const b = await callJson("POST", "/v1/chat-messages", {
    headers: { authorization: `Bearer ${key}` },
    body: { inputs: {}, query: "beta question", response_mode: "blocking", user: "alice" },
  });
  expect(b.status).toBe(200);
  ids.b = b.body.message_id;
  times.b = b.body.created_at;
  const fb = await callJson("POST", `/v1/messages/${ids.b}/feedbacks`, {
    headers: { authorization: `Bearer ${key}` },
    body: { rating: "dislike", user: "alice", content: "wrong" },
  });
  expect(fb.status).toBe(200);

  await scriptFake(fakeKey, { fail_next: [{ status: 500 }] });
  const e = await callJson("POST", `${APPS}/${appId}/chat-messages`, {
    token,
    body: { inputs: {}, query: "broken question", response_mode: "blocking", model_config: { model: { provider, name: "fake-chat" } } },
  });
  expect(e.status).toBeGreaterThanOrEqual(400);

  const like = await callJson("POST", `${APPS}/${appId}/feedbacks`, { token, body: { message_id: ids.a1, rating: "like", content: "good" } });
  expect(like.status).toBe(200);
  const log = (await callJson("GET", `${APPS}/${appId}/messages?limit=100`, { token })).body.data;
  ids.e = log.find((m: any) => m.query === "broken question").id;
  times.e = log.find((m: any) => m.query === "broken question").created_at;
});

const ask = async (qs: string) => {
  const r = await callJson("GET", `${APPS}/${appId}/messages?${qs}`, { token: owner.token });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const queries = async (qs: string) => (await ask(qs)).data.map((m: any) => m.query);

describe("message log", () => {
  it("lists every message newest first with who asked, cost, timing and feedback", async () => {
    const page = await ask("");
    expect(page).toMatchObject({ page: 1, limit: 20, total: 4, has_more: false });
    expect(page.data.map((m: any) => m.query)).toEqual(["broken question", "beta question", "alpha follow-up", "alpha question"]);
    const b = page.data.find((m: any) => m.id === ids.b);
    expect(b).toMatchObject({
      from_source: "api",
      from_end_user_session_id: "alice",
      from_account_id: null,
      inputs: {},
      answer: expect.stringContaining("beta question"),
      model_provider: "offline",
      model_id: "kiln-echo",
      status: "normal",
      error: null,
      config_version: 1,
      total_price: "0",
      currency: "USD",
      feedback: { rating: "dislike", content: "wrong" },
      admin_feedback: null,
      created_at: times.b,
    });
    expect(b.message_tokens).toBeGreaterThan(0);
    expect(b.answer_tokens).toBeGreaterThan(0);
    expect(b.latency).toEqual(expect.any(Number));
    // Asked in blocking mode, the model answered whole: there was no first token to time (the whole
    // call counts as the provider's latency).
    expect(b.time_to_first_token).toBeNull();
    expect(b.provider_response_latency).toEqual(expect.any(Number));
    const a1 = page.data.find((m: any) => m.id === ids.a1);
    expect(a1).toMatchObject({ from_source: "debugger", from_account_name: expect.any(String), admin_feedback: { rating: "like", content: "good" }, feedback: null });
    expect(page.data.find((m: any) => m.id === ids.e)).toMatchObject({ status: "error", error: expect.any(String) });
  });

  it("filters by status, feedback, source, keyword and time range", async () => {
    expect(await queries("status=error")).toEqual(["broken question"]);
    expect(await queries("status=normal")).toEqual(["beta question", "alpha follow-up", "alpha question"]);
    expect(await queries("status=stopped")).toEqual([]);
    expect(await queries("feedback=like")).toEqual(["alpha question"]);
    expect(await queries("feedback=dislike")).toEqual(["beta question"]);
    expect(await queries("source=api")).toEqual(["beta question"]);
    expect(await queries("source=webapp")).toEqual([]);
    expect(await queries("source=debugger&status=normal")).toEqual(["alpha follow-up", "alpha question"]);
    expect(await queries("keyword=ALPHA")).toEqual(["alpha follow-up", "alpha question"]);
    expect(await queries("keyword=follow")).toEqual(["alpha follow-up"]);
    expect(await queries("keyword=alice")).toEqual(["beta question"]); // the end user's session id
    expect(await queries("keyword=%25")).toEqual([]); // a literal %, not a wildcard
    expect(await queries("keyword=_")).toEqual([]);
    // Unix seconds; `end` includes its whole second.
    expect(await queries(`start=${times.b}`)).toEqual(["broken question", "beta question"]);
    expect(await queries(`end=${times.a2}`)).toEqual(["alpha follow-up", "alpha question"]);
    expect(await queries(`start=${times.a}&end=${times.a2}`)).toEqual(["alpha follow-up", "alpha question"]);
    expect(await queries(`end=${times.a - 1}`)).toEqual([]);
    expect(await queries(`start=${times.b + 3600}`)).toEqual([]);
    // Dify's minute format (UTC).
    const minute = (s: number) => new Date(s * 1000).toISOString().slice(0, 16).replace("T", " ");
    expect(await queries(`start=${encodeURIComponent(minute(times.a))}&end=${encodeURIComponent(minute(times.e))}`)).toHaveLength(4);
    expect(await queries(`end=${encodeURIComponent(minute(times.a - 120))}`)).toEqual([]);
  });

  it("pages with total and has_more", async () => {
    const first = await ask("limit=3&page=1");
    expect(first).toMatchObject({ page: 1, limit: 3, total: 4, has_more: true });
    expect(first.data).toHaveLength(3);
    const second = await ask("limit=3&page=2");
    expect(second).toMatchObject({ total: 4, has_more: false });
    expect(second.data.map((m: any) => m.query)).toEqual(["alpha question"]);
    const filtered = await ask("limit=1&status=normal");
    expect(filtered).toMatchObject({ total: 3, has_more: true });
  });

  it("refuses bad filters with 400", async () => {
    for (const qs of ["status=ok", "feedback=meh", "source=sdk", "start=yesterday", "end=2025-13-40%2010:00", "limit=0", "limit=101", "page=0"]) {
      const r = await callJson("GET", `${APPS}/${appId}/messages?${qs}`, { token: owner.token });
      expect(r.status, qs).toBe(400);
      expect(r.body.code).toBe("invalid_param");
    }
  });

  it("shows one message with the prompt sent to the model", async () => {
    const r = await callJson("GET", `${APPS}/${appId}/messages/${ids.a2}`, { token: owner.token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: ids.a2, query: "alpha follow-up", conversation_id: conversationA });
    expect(r.body.prompt_messages.at(-1)).toEqual({ role: "user", content: "alpha follow-up" });
    expect((await callJson("GET", `${APPS}/${appId}/messages/00000000-0000-7000-8000-000000000000`, { token: owner.token })).status).toBe(404);
  });
});

describe("conversation log", () => {
  it("lists conversations with message counts and feedback totals", async () => {
    const r = await callJson("GET", `${APPS}/${appId}/conversations`, { token: owner.token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ total: 3, has_more: false });
    const a = r.body.data.find((c: any) => c.id === conversationA);
    expect(a).toMatchObject({
      from_source: "debugger",
      message_count: 2,
      name: "alpha question",
      admin_feedback_stats: { like: 1, dislike: 0 },
      user_feedback_stats: { like: 0, dislike: 0 },
    });
    const b = r.body.data.find((c: any) => c.from_source === "api");
    expect(b).toMatchObject({ message_count: 1, from_end_user_session_id: "alice", user_feedback_stats: { like: 0, dislike: 1 } });

    const names = async (qs: string) =>
      (await callJson("GET", `${APPS}/${appId}/conversations?${qs}`, { token: owner.token })).body.data.map((c: any) => c.name);
    expect(await names("keyword=follow-up")).toEqual(["alpha question"]); // matches a later message of it
    expect(await names("keyword=alice")).toEqual(["beta question"]);
    expect(await names("source=api")).toEqual(["beta question"]);
    expect(await names("sort_by=created_at")).toEqual(["alpha question", "beta question", "broken question"]);
    expect(await names(`sort_by=created_at&start=${times.b}`)).toEqual(["beta question", "broken question"]);
    expect((await callJson("GET", `${APPS}/${appId}/conversations?sort_by=name`, { token: owner.token })).status).toBe(400);
  });

  it("shows a whole conversation with its messages, oldest first", async () => {
    const r = await callJson("GET", `${APPS}/${appId}/conversations/${conversationA}`, { token: owner.token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: conversationA, message_count: 2, has_more_messages: false, is_deleted: false });
    expect(r.body.messages.map((m: any) => [m.id, m.query])).toEqual([
      [ids.a1, "alpha question"],
      [ids.a2, "alpha follow-up"],
    ]);
    expect(r.body.messages[0].admin_feedback).toEqual({ rating: "like", content: "good" });
    // Another app's conversation is not found through this app.
    const other = await newApp(owner.token);
    expect((await callJson("GET", `${APPS}/${other.id}/conversations/${conversationA}`, { token: owner.token })).status).toBe(404);
    expect((await callJson("GET", `${APPS}/${appId}/conversations/nope`, { token: owner.token })).status).toBe(404);
  });
});

describe("admin feedback", () => {
  it("rates, re-rates and withdraws as a member, stored as from_source admin", async () => {
    const { token } = owner;
    const app = await newApp(token);
    const msg = await debugBlocking(token, app.id, { query: "rate me" });
    const rate = (body: unknown) => callJson("POST", `${APPS}/${app.id}/feedbacks`, { token, body });
    expect((await rate({ message_id: msg.message_id, rating: "dislike", content: "too long" })).body).toEqual({ result: "success" });
    const { results } = await env.DB.prepare("SELECT * FROM message_feedbacks WHERE message_id = ?").bind(msg.message_id).all<any>();
    expect(results).toEqual([expect.objectContaining({ rating: "dislike", content: "too long", from_source: "admin", app_id: app.id })]);

    await rate({ message_id: msg.message_id, rating: "like" });
    const log = async () => (await callJson("GET", `${APPS}/${app.id}/messages`, { token })).body.data[0];
    expect((await log()).admin_feedback).toEqual({ rating: "like", content: null });
    await rate({ message_id: msg.message_id, rating: null });
    expect((await log()).admin_feedback).toBeNull();

    expect((await rate({ message_id: msg.message_id, rating: "great" })).status).toBe(400);
    expect((await rate({ rating: "like" })).status).toBe(400);
    // A message of another app is not found through this one.
    expect((await callJson("POST", `${APPS}/${appId}/feedbacks`, { token, body: { message_id: msg.message_id, rating: "like" } })).status).toBe(404);
  });

  it("lets readers see logs but not rate", async () => {
    const reader = await joinByInvite(owner.token, owner.workspaceId, uniqueEmail("reader"), "normal");
    expect((await callJson("GET", `${APPS}/${appId}/messages`, { token: reader })).status).toBe(200);
    expect((await callJson("GET", `${APPS}/${appId}/conversations/${conversationA}`, { token: reader })).status).toBe(200);
    const r = await callJson("POST", `${APPS}/${appId}/feedbacks`, { token: reader, body: { message_id: ids.b, rating: "like" } });
    expect(r.status).toBe(403);
  });
});
