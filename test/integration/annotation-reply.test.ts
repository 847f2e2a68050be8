// Annotation reply: once enabled, a chat query matching an annotation is answered with it (blocking
// and streaming) without any request reaching the provider, logged as an annotation reply with
// Dify's `annotation_reply` metadata and counted as a hit; the index follows every edit; disabling
// hands the query back to the model. And the Service API's enable/disable jobs.
import { describe, expect, it } from "vitest";
import { eventually, fakeRequests, newFakeApp, rows, sseEvents, v1, v1Raw } from "../support/apps";
import { callJson } from "../support/console";
import { postForm } from "./knowledge-console-helpers";

const API = "/console/api";
const HOURS = { question: "What are your opening hours?", answer: "We are open 9 to 5, Monday to Friday." };

async function annotatedApp() {
  const app = await newFakeApp();
  const token = app.owner.token;
  const call = (method: string, path: string, body?: unknown) => callJson(method, `${API}/apps/${app.appId}${path}`, { token, body });
  const chats = async () => (await fakeRequests(app.apiKey)).filter((r) => r.path.endsWith("/chat/completions")).length;
  // Saving the provider made one call to check its key.
  const before = await chats();
  const modelCalls = async () => (await chats()) - before;
  const ask = (query: string, mode: "blocking" | "streaming" = "blocking") =>
    v1Raw(app.key, "POST", "/chat-messages", { body: { query, inputs: {}, user: "visitor", response_mode: mode } });
  const askJson = async (query: string) => {
    const r = await ask(query);
    return { status: r.status, body: (await r.json()) as any };
  };
  return { app, call, modelCalls, ask, askJson };
}

describe("annotation reply", () => {
  it("answers a matching query from the annotation, with no model call, in both modes", async () => {
    const { app, call, modelCalls, ask, askJson } = await annotatedApp();
    const a = (await call("POST", "/annotations", HOURS)).body;
    const enabled = await call("POST", "/annotation-reply/enable", { score_threshold: 0.9 });
    expect(enabled.status).toBe(200);
    expect(enabled.body.job_status).toBe("completed");
    const status = await call("GET", `/annotation-reply/enable/status/${enabled.body.job_id}`);
    expect(status.body).toEqual({ job_id: enabled.body.job_id, job_status: "completed", error_msg: "" });
    const setting = (await call("GET", "/annotation-setting")).body;
    expect(setting).toMatchObject({
      enabled: true,
      score_threshold: 0.9,
      embedding_model: { embedding_provider_name: "offline", embedding_model_name: "kiln-embed" },
    });

    const blocking = await askJson("what are your opening hours");
    expect(blocking.status).toBe(200);
    expect(blocking.body.answer).toBe(HOURS.answer);
    expect(blocking.body.metadata.annotation_reply).toEqual({ id: a.id, account: { id: a.account.id, name: a.account.name } });
    expect(blocking.body.metadata.usage.total_tokens).toBe(0);

    const stream = await ask("What are your opening hours?", "streaming");
    const events = sseEvents(await stream.text());
    const pieces = events.filter((e) => e.event === "message");
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((e) => e.answer).join("")).toBe(HOURS.answer);
    expect(events.find((e) => e.event === "message_end").metadata.annotation_reply.id).toBe(a.id);
    expect(await modelCalls()).toBe(0);

    const logged = await eventually(async () => {
      const r = await rows("SELECT reply_source, answer FROM messages WHERE id = ?", blocking.body.message_id);
      return r[0];
    });
    expect(logged).toEqual({ reply_source: "annotation", answer: HOURS.answer });
    const hits = await eventually(async () => {
      const h = (await call("GET", `/annotations/${a.id}/hit-histories`)).body;
      return h.total === 2 && h;
    });
    expect(hits.data[0]).toMatchObject({ source: "api", match: HOURS.question, response: HOURS.answer });
    expect(hits.data.map((h: any) => h.question).sort()).toEqual(["What are your opening hours?", "what are your opening hours"]);
    expect(hits.data[0].score).toBeGreaterThanOrEqual(0.9);
    expect((await call("GET", "/annotations")).body.data[0].hit_count).toBe(2);

    // A question the annotation does not cover goes to the model, and says so in its metadata.
    const other = await askJson("Tell me a joke about penguins");
    expect(other.body.metadata.annotation_reply).toBeNull();
    expect(await modelCalls()).toBe(1);

    // The debugger counts as the console.
    const debug = await call("POST", "/chat-messages", { inputs: {}, query: HOURS.question, response_mode: "blocking" });
    expect(debug.body.answer).toBe(HOURS.answer);
    await eventually(async () => (await call("GET", `/annotations/${a.id}/hit-histories`)).body.data.some((h: any) => h.source === "console"));

    const disabled = await call("POST", "/annotation-reply/disable", { score_threshold: 0.9 });
    expect(disabled.body.job_status).toBe("completed");
    expect((await call("GET", "/annotation-setting")).body).toEqual({ enabled: false });
    const after = await askJson(HOURS.question);
    expect(after.body.metadata.annotation_reply).toBeNull();
    expect(await modelCalls()).toBe(2);
    expect((await rows("SELECT count(*) AS n FROM local_vectors WHERE namespace = ?", `annotations:${app.appId}`))[0].n).toBe(0);
  });

  it("keeps the index in step with creates, edits, imports, deletes and the threshold", async () => {
    const { call, modelCalls, askJson, app } = await annotatedApp();
    const enabled = await call("POST", "/annotation-reply/enable", { score_threshold: 0.95 });
    expect(enabled.body.job_status).toBe("completed");
    const a = (await call("POST", "/annotations", HOURS)).body;
    expect((await askJson(HOURS.question)).body.answer).toBe(HOURS.answer);

    await call("POST", `/annotations/${a.id}`, { question: "Do you deliver on Sundays?" });
    expect((await askJson("Do you deliver on Sundays?")).body.answer).toBe(HOURS.answer);
    expect((await askJson(HOURS.question)).body.metadata.annotation_reply).toBeNull();

    const imported = await postForm(app.owner.token, `/apps/${app.appId}/annotations/batch-import`, [
      { name: "faq.csv", data: "question,answer\nIs parking free?,Yes for customers.\n", type: "text/csv" },
    ]);
    expect(imported.status).toBe(200);
    expect((await askJson("is parking free")).body.answer).toBe("Yes for customers.");

    // A looser threshold lets a paraphrase through.
    const paraphrase = "Do you deliver on a Sunday?";
    expect((await askJson(paraphrase)).body.metadata.annotation_reply).toBeNull();
    const setting = (await call("GET", "/annotation-setting")).body;
    const updated = await call("POST", `/annotation-settings/${setting.id}`, { score_threshold: 0.5 });
    expect(updated.body).toMatchObject({ id: setting.id, enabled: true, score_threshold: 0.5 });
    expect((await askJson(paraphrase)).body.metadata.annotation_reply?.id).toBe(a.id);
    expect((await call("POST", `/annotation-settings/${crypto.randomUUID()}`, { score_threshold: 0.5 })).status).toBe(404);

    await call("DELETE", `/annotations/${a.id}`);
    const calls = await modelCalls();
    expect((await askJson("Do you deliver on Sundays?")).body.metadata.annotation_reply).toBeNull();
    expect(await modelCalls()).toBe(calls + 1);
  });

  it("answers from the vector's metadata, follows an answer edit at once, and reads a long answer from D1", async () => {
    const { call, askJson, app } = await annotatedApp();
    expect((await call("POST", "/annotation-reply/enable", { score_threshold: 0.9 })).body.job_status).toBe("completed");
    const a = (await call("POST", "/annotations", HOURS)).body;
    const vector = async () =>
      (await rows(`SELECT "values" AS v, metadata FROM local_vectors WHERE id = ? AND namespace = ?`, a.id, `annotations:${app.appId}`))[0];
    const stored = await vector();
    expect(JSON.parse(stored.metadata)).toEqual({
      app_id: app.appId,
      annotation_id: a.id,
      question: HOURS.question,
      answer: HOURS.answer,
      account_id: a.account.id,
    });

    // A new answer under the same question rewrites the metadata and keeps the vector.
    const edited = "Open 8 to 6 every day.";
    expect((await call("POST", `/annotations/${a.id}`, { answer: edited })).status).toBe(200);
    const after = await vector();
    expect(after.v).toBe(stored.v);
    expect(JSON.parse(after.metadata).answer).toBe(edited);
    const reply = (await askJson(HOURS.question)).body;
    expect(reply.answer).toBe(edited);
    expect(reply.metadata.annotation_reply).toEqual({ id: a.id, account: { id: a.account.id, name: a.account.name } });

    // An answer too long for Vectorize's metadata: the vector carries ids only, the row answers.
    const long = `${"Our opening hours depend on the season and the branch. ".repeat(160)}Ask us.`;
    expect((await call("POST", `/annotations/${a.id}`, { answer: long })).status).toBe(200);
    expect(JSON.parse((await vector()).metadata)).toEqual({ app_id: app.appId, annotation_id: a.id });
    const full = (await askJson(HOURS.question)).body;
    expect(full.answer).toBe(long);
    expect(full.metadata.annotation_reply.id).toBe(a.id);
  });

  it("refuses unknown actions, jobs and embedding models", async () => {
    const { call } = await annotatedApp();
    expect((await call("POST", "/annotation-reply/toggle", { score_threshold: 0.9 })).body).toMatchObject({
      status: 400,
      message: "Unsupported annotation reply action",
    });
    const bad = await call("POST", "/annotation-reply/enable", {
      score_threshold: 0.9,
      embedding_provider_name: "openai",
      embedding_model_name: "text-embedding-3-small",
    });
    expect(bad.status).toBe(400);
    expect((await call("GET", "/annotation-setting")).body).toEqual({ enabled: false });
    expect((await call("POST", "/annotation-reply/enable", { score_threshold: 2 })).status).toBe(400);
    expect((await call("GET", `/annotation-reply/enable/status/${crypto.randomUUID()}`)).body.message).toBe("The job does not exist.");
    expect((await call("GET", "/annotation-reply/enable/status/not-a-job")).status).toBe(404);
  });
});

describe("annotation reply through the Service API", () => {
  it("enables and disables as jobs with Dify's fields and codes", async () => {
    const { app, modelCalls, askJson } = await annotatedApp();
    await v1(app.key, "POST", "/apps/annotations", { body: HOURS });
    const fields = { score_threshold: 0.9, embedding_provider_name: "offline", embedding_model_name: "kiln-embed" };
    expect((await v1(app.key, "POST", "/apps/annotation-reply/enable", { body: { score_threshold: 0.9 } })).status).toBe(400);
    const enabled = await v1(app.key, "POST", "/apps/annotation-reply/enable", { body: fields });
    expect(enabled.status).toBe(200);
    expect(Object.keys(enabled.body).sort()).toEqual(["job_id", "job_status"]);
    const status = await v1(app.key, "GET", `/apps/annotation-reply/enable/status/${enabled.body.job_id}`);
    expect(status.body).toEqual({ job_id: enabled.body.job_id, job_status: "completed", error_msg: "" });
    // A job is asked for under its own action.
    expect((await v1(app.key, "GET", `/apps/annotation-reply/disable/status/${enabled.body.job_id}`)).status).toBe(400);
    expect((await v1(app.key, "GET", "/apps/annotation-reply/enable/status/123")).status).toBe(404);

    const answered = await askJson(HOURS.question);
    expect(answered.body.answer).toBe(HOURS.answer);
    // Annotations made through the API have no author account.
    expect(answered.body.metadata.annotation_reply.account).toEqual({ id: null, name: "Kiln user" });

    const disabled = await v1(app.key, "POST", "/apps/annotation-reply/disable", { body: fields });
    expect(disabled.body.job_status).toBe("completed");
    expect((await askJson(HOURS.question)).body.metadata.annotation_reply).toBeNull();
    expect(await modelCalls()).toBe(1);
    expect((await v1(app.key, "POST", "/apps/annotation-reply/pause", { body: fields })).status).toBe(400);
  });
});
