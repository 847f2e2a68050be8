// Fine-tuning from real use: training sets built from liked messages, exact JSONL exports in R2,
// refusals before dispatch, and jobs run through FINETUNE_QUEUE against the fake provider —
// success with the model registered, rejection to the dead-letter queue, a crashed consumer,
// cancel, and who may do what.
import { createExecutionContext, createMessageBatch, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { finetuneFaults } from "../../src/finetune/dispatch";
import worker from "../../workers/index";
import { eventually, fakeRequests, newFakeApp, newOwner, newServiceApp, type Owner, scriptFake, v1 } from "../support/apps";
import { call, callJson, joinByInvite, uniqueEmail } from "../support/console";

const SYSTEM = "You are Kiln's support assistant.";
const FT = "/console/api/finetune";

type FakeApp = Awaited<ReturnType<typeof newFakeApp>>;

/** Asks `count` questions through the Service API and likes the answers of the first `liked`. */
async function chatAndLike(app: FakeApp, count: number, liked = count): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = await v1(app.key, "POST", "/chat-messages", {
      body: { inputs: {}, query: `Question ${i}`, user: "alice", response_mode: "blocking" },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    ids.push(r.body.message_id);
  }
  for (const id of ids.slice(0, liked)) {
    await eventually(async () => {
      const f = await v1(app.key, "POST", `/messages/${id}/feedbacks`, { body: { rating: "like", user: "alice" } });
      return f.status === 200;
    });
  }
  return ids;
}

const console_ = (owner: Owner, method: string, path: string, body?: unknown) => callJson(method, path, { token: owner.token, body });

async function likedSet(app: FakeApp, count: number, validationPercent = 0) {
  await chatAndLike(app, count);
  const set = await console_(app.owner, "POST", `${FT}/sets`, {
    name: "Support answers",
    filters: { app_id: app.appId, feedback: "like" },
    validation_percent: validationPercent,
  });
  expect(set.status, JSON.stringify(set.body)).toBe(201);
  const built = await console_(app.owner, "POST", `${FT}/sets/${set.body.id}/build`);
  expect(built.status).toBe(200);
  return { setId: set.body.id as string, built: built.body };
}

const expectedLine = (i: number, answer = `Echo: Question ${i}`) =>
  JSON.stringify({
    messages: [
      { role: "system", content: SYSTEM },
      { role: "user", content: `Question ${i}` },
      { role: "assistant", content: answer },
    ],
  });

const fakeApp = (models?: string[]) => newFakeApp({ config: { pre_prompt: SYSTEM }, models });

async function startJob(app: FakeApp, setId: string, extra: Record<string, unknown> = {}) {
  return console_(app.owner, "POST", `${FT}/jobs`, { set_id: setId, provider: app.provider, base_model: "gpt-4o-mini", ...extra });
}

const jobOf = async (app: FakeApp, jobId: string) => (await console_(app.owner, "GET", `${FT}/jobs/${jobId}`)).body;
const providerJobCreations = async (apiKey: string) =>
  (await fakeRequests(apiKey)).filter((r) => r.method === "POST" && r.path === "/v1/fine_tuning/jobs").length;

afterEach(() => {
  finetuneFaults.afterProviderJob = undefined;
});

describe("training sets from real use", () => {
  it("builds a set from liked messages, curates it and exports exact JSONL versions to R2", async () => {
    const app = await fakeApp();
    await chatAndLike(app, 12, 11);
    const created = await console_(app.owner, "POST", `${FT}/sets`, {
      name: "Support answers",
      filters: { app_id: app.appId, feedback: "like" },
      validation_percent: 0,
    });
    const setId = created.body.id;
    const built = await console_(app.owner, "POST", `${FT}/sets/${setId}/build`);
    expect(built.body).toMatchObject({ total: 11, added: 11, kept: 0 });

    const page = await console_(app.owner, "GET", `${FT}/sets/${setId}/examples?limit=100`);
    expect(page.body.total).toBe(11);
    const examples = page.body.data;
    expect(examples.map((e: any) => e.query)).toEqual(Array.from({ length: 11 }, (_, i) => `Question ${i}`));
    expect(examples[0]).toMatchObject({
      source: "message",
      answer: "Echo: Question 0",
      split: "train",
      messages: [
        { role: "system", content: SYSTEM },
        { role: "user", content: "Question 0" },
      ],
    });
    expect(examples[0].total_tokens).toBeGreaterThan(0);

    // Drop row 2, rewrite row 3: both survive a rebuild.
    expect((await console_(app.owner, "PATCH", `${FT}/sets/${setId}/examples/${examples[2].id}`, { is_dropped: true })).status).toBe(200);
    const edited = await console_(app.owner, "PATCH", `${FT}/sets/${setId}/examples/${examples[3].id}`, { answer: "A better answer." });
    expect(edited.body).toMatchObject({ answer: "A better answer.", original_answer: "Echo: Question 3", is_edited: true });
    expect((await console_(app.owner, "POST", `${FT}/sets/${setId}/build`)).body).toMatchObject({ total: 11, kept: 2 });

    const summary = await console_(app.owner, "GET", `${FT}/sets/${setId}/summary?base_model=gpt-4o-mini`);
    expect(summary.body).toMatchObject({ train_count: 10, validation_count: 0, problem: null });
    expect(summary.body.estimated_cost).toBeCloseTo((summary.body.train_tokens * 3 * 3) / 1e6, 9);

    const v1_ = await console_(app.owner, "POST", `${FT}/sets/${setId}/exports`);
    expect(v1_.status).toBe(201);
    expect(v1_.body).toMatchObject({ version: 1, train_count: 10, validation_count: 0, validation_file: null });
    const ws = app.owner.workspaceId;
    const trainKey = `ws/${ws}/finetune/${setId}/1.jsonl`;
    expect(v1_.body.train_file).toBe(trainKey);
    const stored = await (await env.FILES.get(trainKey))!.text();
    const want = [0, 1, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => expectedLine(i, i === 3 ? "A better answer." : undefined));
    expect(stored).toBe(`${want.join("\n")}\n`);

    // A validation share: the next version splits the same ten rows, deterministically, by a
    // hash of each row's message id (random ids: with 50 % all ten stay in train 1 time in 1,024,
    // so the split expected is the one the examples list shows, not a count fixed here).
    await console_(app.owner, "PATCH", `${FT}/sets/${setId}`, { validation_percent: 50 });
    const again = (await console_(app.owner, "GET", `${FT}/sets/${setId}/examples?limit=100&dropped=false`)).body.data;
    const validationRows = again.filter((e: any) => e.split === "validation").length;
    const v2 = (await console_(app.owner, "POST", `${FT}/sets/${setId}/exports`)).body;
    expect(v2.version).toBe(2);
    expect(v2).toMatchObject({ train_count: 10 - validationRows, validation_count: validationRows });
    expect(v2.validation_file).toBe(validationRows ? `ws/${ws}/finetune/${setId}/2.validation.jsonl` : null);
    const train2 = (await (await env.FILES.get(v2.train_file))!.text()).trim().split("\n");
    const validation2 = validationRows ? (await (await env.FILES.get(v2.validation_file))!.text()).trim().split("\n") : [];
    expect(validation2).toHaveLength(validationRows);
    expect([...train2, ...validation2].sort()).toEqual([...want].sort());
    // The same rows land in validation on every export.
    const v3 = (await console_(app.owner, "POST", `${FT}/sets/${setId}/exports`)).body;
    expect(v3).toMatchObject({ version: 3, validation_count: validationRows });

    const versions = await console_(app.owner, "GET", `${FT}/sets/${setId}/exports`);
    expect(versions.body.data.map((v: any) => v.version)).toEqual([3, 2, 1]);
    const raw = await call("GET", `${FT}/sets/${setId}/exports/1/train`, { token: app.owner.token });
    expect(raw.headers.get("content-type")).toContain("application/jsonl");
    expect(new TextDecoder().decode(await raw.arrayBuffer())).toBe(stored);
  });

  it("learns an annotation's improved answer, and adds the app's annotations when asked", async () => {
    const app = await fakeApp();
    const [first] = await chatAndLike(app, 3, 0);
    const improved = await console_(app.owner, "POST", `/console/api/apps/${app.appId}/annotations`, {
      message_id: first,
      answer: "Open Settings, then Security.",
    });
    expect(improved.status, JSON.stringify(improved.body)).toBe(200);
    const standalone = await v1(app.key, "POST", "/apps/annotations", { body: { question: "Do you ship to Canada?", answer: "Yes, in 5 days." } });
    expect(standalone.status).toBe(201);

    const annotated = await console_(app.owner, "POST", `${FT}/sets`, { name: "Annotated", filters: { app_id: app.appId, annotated: true } });
    expect((await console_(app.owner, "POST", `${FT}/sets/${annotated.body.id}/build`)).body).toMatchObject({ total: 1, notes: [] });
    const [row] = (await console_(app.owner, "GET", `${FT}/sets/${annotated.body.id}/examples`)).body.data;
    expect(row).toMatchObject({ source: "message", source_id: first, answer: "Open Settings, then Security.", original_answer: "Echo: Question 0" });

    const all = await console_(app.owner, "POST", `${FT}/sets`, { name: "With annotations", filters: { app_id: app.appId, include_annotations: true } });
    expect((await console_(app.owner, "POST", `${FT}/sets/${all.body.id}/build`)).body.total).toBe(4);
    const rows = (await console_(app.owner, "GET", `${FT}/sets/${all.body.id}/examples`)).body.data;
    expect(rows.find((r: any) => r.source === "annotation")).toMatchObject({
      source_id: standalone.body.id,
      messages: [
        { role: "system", content: SYSTEM },
        { role: "user", content: "Do you ship to Canada?" },
      ],
      answer: "Yes, in 5 days.",
    });
  });

  it("refuses to start a fine-tune of 9 examples, naming the reason, and dispatches nothing", async () => {
    const app = await fakeApp();
    const { setId } = await likedSet(app, 9);
    const r = await startJob(app, setId);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("invalid_param");
    expect(r.body.message).toContain("9 examples");
    expect(r.body.message).toContain("at least 10");
    expect((await console_(app.owner, "GET", `${FT}/jobs`)).body.data).toHaveLength(0);
    expect((await fakeRequests(app.apiKey)).filter((q) => q.path.includes("/files") || q.path.includes("/fine_tuning"))).toHaveLength(0);
  });

  it("refuses an empty assistant answer and an example longer than the model's context, naming the row", async () => {
    const app = await fakeApp(["gpt-4o-mini", "fake-chat"]);
    const { setId } = await likedSet(app, 11);
    const rows = (await console_(app.owner, "GET", `${FT}/sets/${setId}/examples?limit=100`)).body.data;
    await console_(app.owner, "PATCH", `${FT}/sets/${setId}/examples/${rows[4].id}`, { answer: "" });
    const empty = await startJob(app, setId);
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe(`Row 5 (message ${rows[4].source_id}): the assistant answer is empty.`);

    await console_(app.owner, "PATCH", `${FT}/sets/${setId}/examples/${rows[4].id}`, { answer: "word ".repeat(18_000) });
    const long = await startJob(app, setId, { base_model: "fake-chat" });
    expect(long.status).toBe(400);
    expect(long.body.message).toMatch(new RegExp(`^Row 5 \\(message ${rows[4].source_id}\\): about \\d+ tokens, more than the 16385 fake-chat accepts`));
    expect((await console_(app.owner, "GET", `${FT}/sets/${setId}/exports`)).body.data).toHaveLength(0);
    expect(await providerJobCreations(app.apiKey)).toBe(0);
  });
});

describe("fine-tune jobs through the queue", () => {
  it("trains on the fake provider, registers the model and serves it in an app", async () => {
    const app = await fakeApp();
    await scriptFake(app.apiKey, { fine_tune_step_ms: 100, fine_tune_steps: 3 });
    const { setId } = await likedSet(app, 20, 15);
    const started = await startJob(app, setId, { suffix: "support", n_epochs: 2 });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body).toMatchObject({ status: "pending", export_version: 1, base_model: "gpt-4o-mini" });
    const job = await eventually(async () => {
      const j = await jobOf(app, started.body.id);
      return j.status === "succeeded" && j.is_model_registered ? j : null;
    }, 15_000);
    expect(job.fine_tuned_model).toMatch(/^ft:gpt-4o-mini:kiln:support:/);
    expect(job.model_name).toBe(`${app.provider}:${job.fine_tuned_model}`);
    expect(job.trained_tokens).toBeGreaterThan(0);
    expect(job).toMatchObject({ step: 3, total_steps: 3, attempts: 1, error: null });
    const losses = job.events.filter((e: any) => e.type === "metrics").map((e: any) => e.data.train_loss);
    expect(losses).toHaveLength(3);
    expect(losses[2]).toBeLessThan(losses[0]);
    expect(job.events.at(-1).message).toContain("successfully completed");

    // The split is a hash of message ids: usually a few of the 20 rows are held out, rarely none.
    const exported = (await console_(app.owner, "GET", `${FT}/sets/${setId}/exports`)).body.data[0];
    const files = exported.validation_count > 0 ? 2 : 1;
    const sent = await fakeRequests(app.apiKey);
    expect(sent.filter((r) => r.method === "POST" && r.path === "/v1/files").map((r) => r.body.purpose)).toEqual(Array(files).fill("fine-tune"));
    const create = sent.find((r) => r.method === "POST" && r.path === "/v1/fine_tuning/jobs");
    expect(create?.body).toMatchObject({ model: "gpt-4o-mini", suffix: "support", metadata: { kiln_job_id: job.id } });
    if (files === 2) expect(create?.body.validation_file).toMatch(/^file-/);

    const picker = await console_(app.owner, "GET", "/console/api/workspaces/current/models/model-types/llm");
    const models = picker.body.data.find((p: any) => p.provider === app.provider).models.map((m: any) => m.model);
    expect(models).toContain(job.fine_tuned_model);
    const tuned = await newServiceApp(app.owner, {
      config: { pre_prompt: SYSTEM, model: { provider: app.provider, name: job.fine_tuned_model, mode: "chat", completion_params: {} } },
    });
    const answer = await v1(tuned.key, "POST", "/chat-messages", { body: { inputs: {}, query: "hello", user: "bob", response_mode: "blocking" } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.answer).toBe("Echo: hello");
  });

  it("retries a provider rejection and, from the dead-letter queue, fails with the provider's message", async () => {
    const app = await fakeApp();
    await scriptFake(app.apiKey, { fine_tune_reject: "The training file contains disallowed content." });
    const { setId } = await likedSet(app, 10);
    const started = (await startJob(app, setId)).body;
    // A dispatch counts its attempt before it calls the provider: wait for the second call too.
    const retried = await eventually(async () => {
      const j = await jobOf(app, started.id);
      return j.attempts >= 2 && (await providerJobCreations(app.apiKey)) >= 2 ? j : null;
    }, 15_000);
    expect(retried).toMatchObject({ status: "pending", error: "The training file contains disallowed content." });

    const body = { type: "finetune.dispatch", workspaceId: app.owner.workspaceId, jobId: started.id };
    const batch = createMessageBatch("kiln-finetune-dlq", [{ id: "ft-dlq-1", timestamp: new Date(), attempts: 1, body }]);
    const execCtx = createExecutionContext();
    await worker.queue(batch, env as never, execCtx);
    await waitOnExecutionContext(execCtx);
    const failed = await jobOf(app, started.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/^Could not start the fine-tune after \d+ attempts: The training file contains disallowed content\.$/);
    expect(failed.finished_at).not.toBeNull();
    expect(await providerJobCreations(app.apiKey)).toBeGreaterThanOrEqual(2);
    expect((await fakeRequests(app.apiKey)).some((r) => r.method === "POST" && r.path.endsWith("/cancel"))).toBe(false);
  });

  it("retries a consumer that crashed after the provider created the job, without creating a second one", async () => {
    const app = await fakeApp();
    await scriptFake(app.apiKey, { fine_tune_step_ms: 100 });
    const { setId } = await likedSet(app, 10);
    let crashes = 0;
    finetuneFaults.afterProviderJob = () => {
      if (crashes++ === 0) throw new Error("injected crash after the provider job was created");
    };
    const started = (await startJob(app, setId)).body;
    const job = await eventually(async () => {
      const j = await jobOf(app, started.id);
      return j.status === "succeeded" ? j : null;
    }, 15_000);
    expect(crashes).toBe(2);
    expect(job.attempts).toBe(2);
    expect(await providerJobCreations(app.apiKey)).toBe(1);
    expect((await fakeRequests(app.apiKey)).filter((r) => r.method === "POST" && r.path === "/v1/files")).toHaveLength(1);
  });

  it("cancels a running job at the provider", async () => {
    const app = await fakeApp();
    await scriptFake(app.apiKey, { fine_tune_step_ms: 3_000 });
    const { setId } = await likedSet(app, 10);
    const started = (await startJob(app, setId)).body;
    const dispatched = await eventually(async () => {
      const j = await jobOf(app, started.id);
      return j.provider_job_id ? j : null;
    }, 10_000);
    const cancelled = await console_(app.owner, "POST", `${FT}/jobs/${started.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    expect((await fakeRequests(app.apiKey)).some((r) => r.method === "POST" && r.path === `/v1/fine_tuning/jobs/${dispatched.provider_job_id}/cancel`)).toBe(true);
    const after = await jobOf(app, started.id);
    expect(after.events.at(-1).message).toContain("cancelled");
    expect((await console_(app.owner, "POST", `${FT}/jobs/${started.id}/cancel`)).status).toBe(409);
  });
});

describe("who may fine-tune", () => {
  it("lets a normal member read but not start or cancel (403)", async () => {
    const app = await fakeApp();
    const { setId } = await likedSet(app, 10);
    const member = await joinByInvite(app.owner.token, app.owner.workspaceId, uniqueEmail("normal"), "normal");
    const as = (method: string, path: string, body?: unknown) => callJson(method, path, { token: member, body });
    expect((await as("GET", `${FT}/sets/${setId}`)).status).toBe(200);
    expect((await as("POST", `${FT}/jobs`, { set_id: setId, provider: app.provider, base_model: "gpt-4o-mini" })).status).toBe(403);
    expect((await as("POST", `${FT}/sets/${setId}/build`)).status).toBe(403);
    const job = (await startJob(app, setId)).body;
    expect((await as("GET", `${FT}/jobs/${job.id}`)).status).toBe(200);
    expect((await as("POST", `${FT}/jobs/${job.id}/cancel`)).status).toBe(403);
    await console_(app.owner, "POST", `${FT}/jobs/${job.id}/cancel`);
  });

  it("answers 404 for another workspace's sets, examples, exports and jobs", async () => {
    const app = await fakeApp();
    const { setId } = await likedSet(app, 10);
    const example = (await console_(app.owner, "GET", `${FT}/sets/${setId}/examples`)).body.data[0];
    await console_(app.owner, "POST", `${FT}/sets/${setId}/exports`);
    const job = (await startJob(app, setId, { version: 1 })).body;
    await console_(app.owner, "POST", `${FT}/jobs/${job.id}/cancel`);
    const stranger = await newOwner();
    const as = (method: string, path: string, body?: unknown) => callJson(method, path, { token: stranger.token, body });
    expect((await as("GET", `${FT}/sets/${setId}`)).status).toBe(404);
    expect((await as("POST", `${FT}/sets/${setId}/build`)).status).toBe(404);
    expect((await as("PATCH", `${FT}/sets/${setId}/examples/${example.id}`, { answer: "mine now" })).status).toBe(404);
    expect((await as("GET", `${FT}/sets/${setId}/exports/1/train`)).status).toBe(404);
    expect((await as("POST", `${FT}/jobs`, { set_id: setId, provider: app.provider, base_model: "gpt-4o-mini" })).status).toBe(404);
    expect((await as("GET", `${FT}/jobs/${job.id}`)).status).toBe(404);
    expect((await as("POST", `${FT}/jobs/${job.id}/cancel`)).status).toBe(404);
    expect((await as("POST", `${FT}/sets`, { name: "theirs", filters: { app_id: app.appId } })).status).toBe(404);
    expect((await as("GET", `${FT}/jobs`)).body.data).toHaveLength(0);
  });
});
