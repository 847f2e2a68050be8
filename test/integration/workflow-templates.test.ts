// The template gallery: every template imports through the DSL importer as a workflow or
// chatflow app, validates (publishes) unless it needs a choice from the user, and the ones that
// run offline produce the outputs their graphs imply.
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { callJson, newWorkspaceOwner } from "../support/console";
import { v1 } from "../support/apps";

let token = "";

beforeAll(async () => {
  ({ token } = await newWorkspaceOwner());
});

const get = (path: string) => callJson("GET", path, { token });

async function fromTemplate(id: string) {
  const t = await get(`/console/api/app-templates/${id}`);
  expect(t.status, JSON.stringify(t.body)).toBe(200);
  const imported = await callJson("POST", "/console/api/apps/imports", { token, body: { mode: "yaml-content", yaml_content: t.body.export_data } });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  expect(imported.body.status).toBe("completed");
  return { template: t.body, appId: imported.body.app_id as string };
}

async function publishedKey(appId: string) {
  const p = await callJson("POST", `/console/api/apps/${appId}/workflows/publish`, { token, body: {} });
  expect(p.status, JSON.stringify(p.body)).toBe(200);
  return (await callJson("POST", `/console/api/apps/${appId}/api-keys`, { token })).body.token as string;
}

describe("app templates", () => {
  it("lists at least six workflow and chatflow templates", async () => {
    const list = await get("/console/api/app-templates");
    expect(list.status).toBe(200);
    expect(list.body.data.length).toBeGreaterThanOrEqual(6);
    expect(new Set(list.body.data.map((t: any) => t.mode))).toEqual(new Set(["workflow", "advanced-chat"]));
    for (const t of list.body.data) expect(t).toMatchObject({ id: expect.any(String), name: expect.any(String), description: expect.any(String) });
  });

  it("fills the workspace's default model into every LLM-backed node", async () => {
    const t = await get("/console/api/app-templates/support-router");
    const doc = YAML.parse(t.body.export_data);
    const models = doc.workflow.graph.nodes.filter((n: any) => n.data.model).map((n: any) => n.data.model);
    expect(models.length).toBe(4);
    for (const m of models) expect(m).toMatchObject({ provider: "offline", name: "kiln-echo" });
  });

  it("imports every template as its own kind of app, and each publishes as it is", async () => {
    const list = (await get("/console/api/app-templates")).body.data as { id: string; mode: string; name: string }[];
    for (const entry of list) {
      const { appId } = await fromTemplate(entry.id);
      const app = await get(`/console/api/apps/${appId}`);
      expect(app.body).toMatchObject({ mode: entry.mode, name: entry.name });
      const p = await callJson("POST", `/console/api/apps/${appId}/workflows/publish`, { token, body: {} });
      expect(p.status, `${entry.id}: ${JSON.stringify(p.body)}`).toBe(200);
    }
  });

  it("answers a chatflow template's first turn on the offline model", async () => {
    const { appId } = await fromTemplate("support-router");
    const key = await publishedKey(appId);
    const r = await v1(key, "POST", "/chat-messages", { body: { inputs: {}, query: "My invoice is wrong", user: "t", response_mode: "blocking" } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.answer).toEqual(expect.any(String));
    expect(r.body.answer.length).toBeGreaterThan(0);
  });

  it("runs the model-free list formatter through the Service API", async () => {
    const { appId } = await fromTemplate("list-formatter");
    const key = await publishedKey(appId);
    const r = await v1(key, "POST", "/workflows/run", { body: { inputs: { items: "apples\n\n  pears \nplums" }, user: "t", response_mode: "blocking" } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data).toMatchObject({ status: "succeeded", outputs: { formatted: "1. Apples\n2. Pears\n3. Plums\n", count: 3 } });
  });

  it("runs the review triage down the branch its extracted sentiment picks, on the offline model", async () => {
    const { appId } = await fromTemplate("review-triage");
    const key = await publishedKey(appId);
    const r = await v1(key, "POST", "/workflows/run", { body: { inputs: { review: "Great soup" }, user: "t", response_mode: "blocking" } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data.status).toBe("succeeded");
    const { reply, sentiment } = r.body.data.outputs;
    expect(["positive", "neutral", "negative"]).toContain(sentiment);
    if (sentiment === "negative") expect(reply).toMatch(/^ESCALATE/);
    else expect(reply).toMatch(/^Thank you for your review/);
  });

  it("answers 404 for a template that does not exist", async () => {
    const r = await get("/console/api/app-templates/no-such-template");
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: "not_found", status: 404 });
  });
});
