// Annotations through the console and the Service API: CRUD and search, "improve this answer" from
// a logged message, tenancy, CSV import (all or nothing: every bad file is refused with its row and
// leaves the table as it was) and export. Annotation reply is in annotation-reply.test.ts.
import { describe, expect, it } from "vitest";
import { newFakeApp, newOwner, newServiceApp, rows, v1 } from "../support/apps";
import { call as raw, callJson, joinByInvite, uniqueEmail } from "../support/console";
import { postForm } from "./knowledge-console-helpers";

const API = "/console/api";
const count = async (appId: string) =>
  (await rows<{ n: number }>("SELECT count(*) AS n FROM message_annotations WHERE app_id = ?", appId))[0].n;

async function consoleApp() {
  const owner = await newOwner();
  const app = await newServiceApp(owner);
  const token = owner.token;
  const call = (method: string, path: string, body?: unknown) => callJson(method, `${API}/apps/${app.appId}${path}`, { token, body });
  return { owner, app, token, call };
}

describe("annotations in the console", () => {
  it("creates, lists, searches, edits and deletes annotations, newest first", async () => {
    const { call } = await consoleApp();
    const a = await call("POST", "/annotations", { question: "What are your opening hours?", answer: "9 to 5, Monday to Friday." });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ question: "What are your opening hours?", answer: "9 to 5, Monday to Friday.", hit_count: 0 });
    expect(a.body.account.name).toBeTruthy();
    await call("POST", "/annotations", { question: "Do you ship abroad?", answer: "Yes, to 40 countries (100% tracked)." });

    const list = await call("GET", "/annotations?page=1&limit=20");
    expect(list.body).toMatchObject({ total: 2, page: 1, limit: 20, has_more: false });
    expect(list.body.data.map((x: any) => x.question)).toEqual(["Do you ship abroad?", "What are your opening hours?"]);
    const found = await call("GET", "/annotations?keyword=monday");
    expect(found.body.data.map((x: any) => x.id)).toEqual([a.body.id]);
    // The user's % is a character, not a wildcard.
    expect((await call("GET", "/annotations?keyword=100%25")).body.total).toBe(1);
    expect((await call("GET", "/annotations?keyword=%25%25")).body.total).toBe(0);
    // Dify's has_more means "the page is full".
    expect((await call("GET", "/annotations?limit=1")).body).toMatchObject({ has_more: true, total: 2, limit: 1 });

    const edited = await call("POST", `/annotations/${a.body.id}`, { question: "When are you open?", answer: "9 to 6." });
    expect(edited.body).toMatchObject({ id: a.body.id, question: "When are you open?", answer: "9 to 6." });
    expect((await call("POST", `/annotations/${a.body.id}`, {})).status).toBe(400);
    expect((await call("GET", `/annotations/${a.body.id}/hit-histories`)).body).toMatchObject({ data: [], total: 0 });

    expect((await call("DELETE", `/annotations/${a.body.id}`)).status).toBe(204);
    expect((await call("DELETE", `/annotations/${a.body.id}`)).status).toBe(404);
    expect((await call("GET", "/annotations")).body.total).toBe(1);
    expect((await call("POST", "/annotations", { answer: "no question" })).status).toBe(400);
  });

  it("improves a logged answer: the question defaults to the user's query, a second edit replaces the first", async () => {
    const app = await newFakeApp();
    const run = await v1(app.key, "POST", "/chat-messages", { body: { query: "Where is my parcel?", inputs: {}, user: "u1" } });
    expect(run.status).toBe(200);
    const token = app.owner.token;
    const path = `${API}/apps/${app.appId}/annotations`;
    const first = await callJson("POST", path, { token, body: { message_id: run.body.message_id, answer: "Track it at /orders." } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ question: "Where is my parcel?", answer: "Track it at /orders." });
    const again = await callJson("POST", path, { token, body: { message_id: run.body.message_id, content: "Track it under Orders." } });
    expect(again.body).toMatchObject({ id: first.body.id, answer: "Track it under Orders." });
    expect(await count(app.appId)).toBe(1);
    const [row] = await rows("SELECT message_id, conversation_id FROM message_annotations WHERE id = ?", first.body.id);
    expect(row).toEqual({ message_id: run.body.message_id, conversation_id: run.body.conversation_id });
    const missing = await callJson("POST", path, { token, body: { message_id: crypto.randomUUID(), answer: "x" } });
    expect(missing.status).toBe(404);
  });

  it("answers 404 to another workspace, and lets a plain member read but not write", async () => {
    const { call, app, token } = await consoleApp();
    const a = await call("POST", "/annotations", { question: "Q?", answer: "A." });
    const stranger = await newOwner();
    const as = (t: string, method: string, path: string, body?: unknown) => callJson(method, `${API}/apps/${app.appId}${path}`, { token: t, body });
    expect((await as(stranger.token, "GET", "/annotations")).status).toBe(404);
    expect((await as(stranger.token, "POST", `/annotations/${a.body.id}`, { answer: "taken" })).status).toBe(404);
    expect((await as(stranger.token, "DELETE", `/annotations/${a.body.id}`)).status).toBe(404);
    // Another app's key cannot reach it either.
    const other = await newServiceApp(stranger);
    expect((await v1(other.key, "PUT", `/apps/annotations/${a.body.id}`, { body: { question: "Q?", answer: "taken" } })).status).toBe(404);
    expect((await v1(other.key, "DELETE", `/apps/annotations/${a.body.id}`)).status).toBe(404);

    const ws = await callJson("GET", `${API}/workspaces/current`, { token });
    const member = await joinByInvite(token, ws.body.id, uniqueEmail("normal"), "normal");
    expect((await as(member, "GET", "/annotations")).status).toBe(200);
    expect((await as(member, "POST", "/annotations", { question: "Q2?", answer: "A2." })).status).toBe(403);
    expect(await count(app.appId)).toBe(1);
  });
});

describe("CSV import and export", () => {
  const csv = (text: string, name = "annotations.csv") => [{ name, data: text, type: "text/csv" }];

  it("imports a Dify template file with quoted commas, quotes and line breaks", async () => {
    const { app, token, call } = await consoleApp();
    const file = '\uFEFFquestion,answer\r\n"Hours, please?","9 to 5"\r\nRefunds?,"Within 30 days.\nKeep the ""receipt""."\r\n\r\nShipping?,Free over 50\r\n';
    const r = await postForm(token, `/apps/${app.appId}/annotations/batch-import`, csv(file));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ job_status: "completed", record_count: 3 });
    const status = await call("GET", `/annotations/batch-import-status/${r.body.job_id}`);
    expect(status.body).toEqual({ job_id: r.body.job_id, job_status: "completed", error_msg: "" });
    const all = (await call("GET", "/annotations?limit=10")).body.data;
    expect(all.find((x: any) => x.question === "Refunds?").answer).toBe('Within 30 days.\nKeep the "receipt".');
    expect(all.map((x: any) => x.question).sort()).toEqual(["Hours, please?", "Refunds?", "Shipping?"]);
    // Column order follows the header; extra columns are ignored.
    const swapped = await postForm(token, `/apps/${app.appId}/annotations/batch-import`, csv("Answer,Note,Question\nA1,n,Q1\n"));
    expect(swapped.body.record_count).toBe(1);
    expect((await call("GET", "/annotations?keyword=Q1")).body.data[0]).toMatchObject({ question: "Q1", answer: "A1" });
  });

  it("refuses every bad file with a 400 that names the row, and imports nothing", async () => {
    const { app, token, call } = await consoleApp();
    await call("POST", "/annotations", { question: "Existing?", answer: "Yes." });
    const many = `question,answer\n${Array.from({ length: 1001 }, (_, i) => `Q${i},A${i}`).join("\n")}\n`;
    const big = `question,answer\n${"Q,".concat("x".repeat(1000), "\n").repeat(2200)}`;
    const cases: [string, string | null, RegExp][] = [
      ['question,answer\nQ1,A1\n"Q2,A2\nQ3,A3\n', null, /row 3: a quoted field is never closed/],
      ['question,answer\nQ1,A1\nQ"2,A2\n', null, /row 3: a quote inside an unquoted field/],
      ["question,reply\nQ1,A1\n", null, /row 1: missing column answer/],
      ["question,answer\nQ1,A1\nQ2\nQ3,A3\n", null, /row 3: expected 2 columns/],
      ["question,answer\nQ1,A1\nQ2,  \n ,A3\n", null, /row 3: the answer is empty; row 4: the question is empty/],
      ["question,answer\n", null, /no annotations/],
      ["", null, /empty/],
      [many, null, /row 1002: too many annotations/],
      [big, null, /larger than 2 MB|at most 2 MB/],
      ["question,answer\nQ1,A1\n", "annotations.txt", /Only CSV files/],
    ];
    for (const [text, name, message] of cases) {
      const r = await postForm(token, `/apps/${app.appId}/annotations/batch-import`, csv(text, name ?? "annotations.csv"));
      expect(r.status, `${message}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.message).toMatch(message);
      expect(await count(app.appId)).toBe(1);
    }
    const none = await postForm(token, `/apps/${app.appId}/annotations/batch-import`, []);
    expect(none.body.code).toBe("no_file_uploaded");
    expect(await count(app.appId)).toBe(1);
  });

  it("exports CSV and JSONL that import back to the same annotations", async () => {
    const { app, token, call } = await consoleApp();
    const pairs = [
      { question: "Hours, please?", answer: 'Say "hi" at 9.\nClosed Sundays.' },
      { question: "Refunds?", answer: "30 days, 100% back." },
    ];
    for (const p of pairs) await call("POST", "/annotations", p);
    const exported = await call("GET", "/annotations/export");
    expect(exported.body.data).toHaveLength(2);
    expect(Object.keys(exported.body.data[0]).sort()).toEqual(["account", "answer", "created_at", "hit_count", "id", "question"]);
    const download = (format: string, t = token) => raw("GET", `${API}/apps/${app.appId}/annotations/export?format=${format}`, { token: t });
    expect((await download("csv", (await newOwner()).token)).status).toBe(404);

    const csvRes = await download("csv");
    expect(csvRes.headers.get("content-type")).toContain("text/csv");
    expect(csvRes.headers.get("content-disposition")).toMatch(/^attachment; filename="annotations-.*\.csv"$/);
    const bytes = new Uint8Array(await csvRes.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so spreadsheets read UTF-8
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith("question,answer\r\n")).toBe(true);

    const target = await consoleApp();
    const imported = await postForm(target.token, `/apps/${target.app.appId}/annotations/batch-import`, csv(text));
    expect(imported.body.record_count).toBe(2);
    const back = (await target.call("GET", "/annotations")).body.data.map((x: any) => ({ question: x.question, answer: x.answer }));
    expect(back.sort((a: any, b: any) => a.question.localeCompare(b.question))).toEqual(pairs);

    const lines = (await (await download("jsonl")).text()).split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0].messages.map((m: any) => m.role)).toEqual(["system", "user", "assistant"]);
    expect(lines.map((l) => l.messages[1].content).sort()).toEqual(["Hours, please?", "Refunds?"]);
  });
});

describe("annotations through the Service API", () => {
  it("lists, creates (201), edits and deletes (204) with Dify's shapes", async () => {
    const { app } = await consoleApp();
    const created = await v1(app.key, "POST", "/apps/annotations", { body: { question: "Q1?", answer: "A1." } });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(["answer", "created_at", "hit_count", "id", "question"]);
    const list = await v1(app.key, "GET", "/apps/annotations?page=1&limit=20&keyword=Q1");
    expect(list.body).toEqual({ data: [created.body], has_more: false, limit: 20, total: 1, page: 1 });
    const put = await v1(app.key, "PUT", `/apps/annotations/${created.body.id}`, { body: { question: "Q1?", answer: "A2." } });
    expect(put.body).toMatchObject({ id: created.body.id, answer: "A2." });
    expect((await v1(app.key, "PUT", `/apps/annotations/${created.body.id}`, { body: { answer: "A3." } })).status).toBe(400);
    const del = await v1(app.key, "DELETE", `/apps/annotations/${created.body.id}`);
    expect(del.status).toBe(204);
    expect((await v1(app.key, "DELETE", `/apps/annotations/${created.body.id}`)).body).toMatchObject({ code: "not_found", message: "Annotation not found" });
    expect((await v1("app-not-a-key", "GET", "/apps/annotations")).status).toBe(401);
  });
});
