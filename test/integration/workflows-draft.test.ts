// The workflow editor's draft through the console API: default graphs, hash-guarded sync,
// publish (refused with every problem of an invalid graph), versions, restore, and the workflow
// rows following their app through copy and delete.
import { beforeAll, describe, expect, it } from "vitest";
import { callJson, joinByInvite, newWorkspaceOwner, uniqueEmail } from "../support/console";
import { rows } from "../support/apps";

let token = "";
let workspaceId = "";
const createApp = async (mode: string, as = token) => {
  const r = await callJson("POST", "/console/api/apps", { token: as, body: { name: `A ${mode} app`, mode } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
};
const draftOf = async (appId: string) => (await callJson("GET", `/console/api/apps/${appId}/workflows/draft`, { token })).body;
const sync = (appId: string, body: Record<string, unknown>, as = token) =>
  callJson("POST", `/console/api/apps/${appId}/workflows/draft`, { token: as, body: { features: {}, environment_variables: [], conversation_variables: [], ...body } });
const publish = (appId: string, body: Record<string, unknown> = {}) =>
  callJson("POST", `/console/api/apps/${appId}/workflows/publish`, { token, body });

beforeAll(async () => {
  ({ token, workspaceId } = await newWorkspaceOwner());
});

describe("new workflow apps", () => {
  it("start from Dify's default graphs: start → end, and start → LLM → answer on the default model", async () => {
    const wf = await draftOf(await createApp("workflow"));
    expect(wf).toMatchObject({ version: "draft", environment_variables: [], conversation_variables: [], marked_name: "" });
    expect(wf.graph.nodes.map((n: any) => n.data.type)).toEqual(["start", "end"]);
    expect(wf.graph.edges.map((e: any) => [e.source, e.target])).toEqual([["start", "end"]]);
    const chat = await draftOf(await createApp("advanced-chat"));
    expect(chat.graph.nodes.map((n: any) => n.data.type)).toEqual(["start", "llm", "answer"]);
    const llm = chat.graph.nodes[1];
    expect(llm.data.model).toMatchObject({ provider: "offline", name: expect.any(String) });
    expect(chat.graph.nodes[2].data.answer).toBe("{{#llm.text#}}");
  });

  it("answers app_unavailable for the workflow of a chat app", async () => {
    const r = await callJson("GET", `/console/api/apps/${await createApp("chat")}/workflows/draft`, { token });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("app_unavailable");
  });
});

describe("draft sync", () => {
  it("saves with the current hash, and refuses a stale one with draft_workflow_not_sync", async () => {
    const appId = await createApp("workflow");
    const draft = await draftOf(appId);
    const graph = { ...draft.graph, nodes: draft.graph.nodes.map((n: any) => (n.id === "start" ? { ...n, data: { ...n.data, title: "Begin" } } : n)) };
    const saved = await sync(appId, { graph, hash: draft.hash });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ result: "success", hash: expect.any(String), updated_at: expect.any(Number) });
    expect(saved.body.hash).not.toBe(draft.hash);
    expect((await draftOf(appId)).graph.nodes[0].data.title).toBe("Begin");

    const stale = await sync(appId, { graph: draft.graph, hash: draft.hash });
    expect(stale.status).toBe(400);
    expect(stale.body.code).toBe("draft_workflow_not_sync");
    expect((await draftOf(appId)).graph.nodes[0].data.title).toBe("Begin");
    // Without a hash the editor overwrites, as Dify's does.
    expect((await sync(appId, { graph: draft.graph })).status).toBe(200);
  });

  it("refuses a body that is not a workflow, naming the field", async () => {
    const appId = await createApp("workflow");
    const bad = await sync(appId, { graph: { nodes: [{ data: { type: "start" } }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.params).toContain("graph.nodes.0.id");
    const dup = await sync(appId, { graph: (await draftOf(appId)).graph, environment_variables: [{ name: "A" }, { name: "A" }] });
    expect(dup.status).toBe(400);
    expect(dup.body.params).toContain("environment_variables.1.name");
  });

  it("lets a normal member read the draft but not write it", async () => {
    const appId = await createApp("workflow");
    const normal = await joinByInvite(token, workspaceId, uniqueEmail("normal"), "normal");
    expect((await callJson("GET", `/console/api/apps/${appId}/workflows/draft`, { token: normal })).status).toBe(200);
    expect((await sync(appId, { graph: (await draftOf(appId)).graph }, normal)).status).toBe(403);
  });
});

describe("publish, versions and restore", () => {
  it("refuses an invalid graph with 400 listing every problem, and publishes nothing", async () => {
    const appId = await createApp("workflow");
    const graph = {
      nodes: [
        { id: "start", type: "custom", data: { type: "start", title: "Start", variables: [] } },
        { id: "t", type: "custom", data: { type: "template-transform", title: "T", template: "{{#ghost.x#}}", variables: [] } },
        { id: "end", type: "custom", data: { type: "end", title: "End", outputs: [{ variable: "o", value_selector: ["t", "output"] }] } },
        { id: "tool", type: "custom", data: { type: "teleport", title: "Beam" } },
      ],
      edges: [{ source: "start", target: "t" }, { source: "t", target: "end" }, { source: "end", target: "t" }],
    };
    expect((await sync(appId, { graph })).status).toBe(200);
    const r = await publish(appId);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("invalid_param");
    expect(r.body.message).toContain("cycle");
    expect(r.body.message).toContain('Kiln cannot run "teleport" nodes');
    expect(r.body.message).toContain('refers to node "ghost", which does not exist');
    expect(r.body.params).toEqual(expect.arrayContaining(["t.edges", "tool.type", "t.variables"]));
    expect((await callJson("GET", `/console/api/apps/${appId}/workflows`, { token })).body.items).toEqual([]);
    expect((await callJson("GET", `/console/api/apps/${appId}`, { token })).body.is_published).toBe(false);
  });

  it("publishes versions newest first, serves the latest, and restores an older one into the draft", async () => {
    const appId = await createApp("workflow");
    const first = await draftOf(appId);
    const v1 = await publish(appId, { marked_name: "first", marked_comment: "start to end" });
    expect(v1.status, JSON.stringify(v1.body)).toBe(200);
    expect(v1.body).toEqual({ result: "success", created_at: expect.any(Number) });
    const graph = { ...first.graph, nodes: first.graph.nodes.map((n: any) => ({ ...n, data: { ...n.data, title: `${n.data.title} 2` } })) };
    await sync(appId, { graph });
    expect((await publish(appId, { marked_name: "second" })).status).toBe(200);
    expect((await publish(appId, { marked_name: "x".repeat(21) })).status).toBe(400);

    const list = await callJson("GET", `/console/api/apps/${appId}/workflows?limit=1`, { token });
    expect(list.body).toMatchObject({ page: 1, limit: 1, has_more: true });
    expect(list.body.items.map((w: any) => w.marked_name)).toEqual(["second"]);
    const all = (await callJson("GET", `/console/api/apps/${appId}/workflows`, { token })).body.items;
    expect(all.map((w: any) => w.marked_name)).toEqual(["second", "first"]);
    expect(all[0].version).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
    const served = await callJson("GET", `/console/api/apps/${appId}/workflows/publish`, { token });
    expect(served.body.id).toBe(all[0].id);
    expect((await callJson("GET", `/console/api/apps/${appId}`, { token })).body.is_published).toBe(true);

    // A version exports on its own, by workflow_id.
    const old = await callJson("GET", `/console/api/apps/${appId}/export?workflow_id=${all[1].id}`, { token });
    expect(old.body.data).toContain("title: Start\n");
    expect(old.body.data).not.toContain("Start 2");

    const restored = await callJson("POST", `/console/api/apps/${appId}/workflows/${all[1].id}/restore`, { token });
    expect(restored.status).toBe(200);
    const draft = await draftOf(appId);
    expect(draft.graph).toEqual(first.graph);
    expect(draft.hash).toBe(restored.body.hash);
    expect((await callJson("POST", `/console/api/apps/${appId}/workflows/00000000-0000-7000-8000-000000000000/restore`, { token })).status).toBe(404);
  });
});

describe("the app's workflow rows", () => {
  it("are copied with the app (the draft, secrets still usable) and deleted with it", async () => {
    const appId = await createApp("workflow");
    const draft = await draftOf(appId);
    await sync(appId, { graph: draft.graph, environment_variables: [{ name: "KEY", value: "sk-copied-secret-9876", value_type: "secret" }] });
    await publish(appId);
    const copy = await callJson("POST", `/console/api/apps/${appId}/copy`, { token, body: { name: "Copied" } });
    expect(copy.status, JSON.stringify(copy.body)).toBeLessThan(300);
    const copied = await draftOf(copy.body.id);
    expect(copied.graph).toEqual(draft.graph);
    const exported = await callJson("GET", `/console/api/apps/${copy.body.id}/export?include_secret=true`, { token });
    expect(exported.body.data).toContain("sk-copied-secret-9876");
    expect(await rows("SELECT version FROM workflows WHERE app_id = ?", copy.body.id)).toEqual([{ version: "draft" }]);

    expect((await callJson("DELETE", `/console/api/apps/${appId}`, { token })).status).toBeLessThan(300);
    expect(await rows("SELECT id FROM workflows WHERE app_id = ?", appId)).toEqual([]);
  });
});
