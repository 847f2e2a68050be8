// The generated security suite: every console route in the OpenAPI document × every role × a
// member of another workspace. A new route is covered the moment it is declared.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { addFakeProvider, rows, sseEvents } from "../support/apps";
import { call, callJson, ensureOwner, joinByInvite, uniqueEmail } from "../support/console";

type Op = { method: string; path: string; access: string; params: string[] };
const ROLES = ["owner", "admin", "editor", "normal", "dataset_operator"] as const;
const ALLOWED: Record<string, readonly string[]> = {
  account: ROLES,
  member: ROLES,
  app_edit: ["owner", "admin", "editor"],
  dataset_edit: ["owner", "admin", "editor", "dataset_operator"],
  admin: ["owner", "admin"],
  owner: ["owner"],
};

/** A well-formed body per route, so the tenancy walk reaches the lookup instead of stopping at 400. */
const VALID_BODIES: Record<string, unknown> = {
  "PUT /console/api/workspaces/current/members/{member_id}/update-role": { role: "normal" },
  "PUT /console/api/apps/{app_id}": { name: "Renamed by a stranger" },
  "POST /console/api/apps/{app_id}/site-enable": { enable_site: false },
  "POST /console/api/apps/{app_id}/api-enable": { enable_api: false },
  "POST /console/api/apps/{app_id}/site": { title: "Taken over" },
  "POST /console/api/apps/{app_id}/model-config": { pre_prompt: "Taken over" },
  "POST /console/api/apps/{app_id}/chat-messages": { inputs: {}, query: "hello", response_mode: "blocking" },
  "POST /console/api/apps/{app_id}/completion-messages": { inputs: {}, query: "hello", response_mode: "blocking" },
  "POST /console/api/apps/{app_id}/feedbacks": { message_id: "", rating: "dislike" },
};

const ops: Op[] = [];
const tokens: Record<string, string> = {};
let strangerToken = "";
const ids: Record<string, string> = {};

beforeAll(async () => {
  const doc = (await callJson("GET", "/openapi.json")).body;
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    if (!path.startsWith("/console/api/")) continue;
    for (const [method, op] of Object.entries<any>(item)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        access: op["x-kiln-access"],
        params: (op.parameters ?? []).filter((p: any) => p.in === "path").map((p: any) => p.name),
      });
    }
  }
  const owner = await ensureOwner();
  const ws = await callJson("POST", "/console/api/workspaces", { token: owner.token, body: { name: "Walked" } });
  await callJson("POST", "/console/api/workspaces/switch", { token: owner.token, body: { tenant_id: ws.body.id } });
  tokens.owner = owner.token;
  for (const role of ROLES.filter((r) => r !== "owner")) {
    tokens[role] = await joinByInvite(owner.token, ws.body.id, uniqueEmail(role), role);
  }
  // A stranger: admin of a workspace of their own, never a member of "Walked".
  const strangerEmail = uniqueEmail("stranger");
  const other = await callJson("POST", "/console/api/workspaces", { token: owner.token, body: { name: "Elsewhere" } });
  strangerToken = await joinByInvite(owner.token, other.body.id, strangerEmail, "admin");
  await callJson("POST", "/console/api/workspaces/switch", { token: owner.token, body: { tenant_id: ws.body.id } });

  // Real ids from "Walked" for every path parameter a console route can take.
  const members = await callJson("GET", "/console/api/workspaces/current/members", { token: owner.token });
  ids.member_id = members.body.accounts.find((m: any) => m.role === "normal").id;
  const inv = await callJson("POST", "/console/api/workspaces/current/members/invite-email", {
    token: owner.token,
    body: { emails: [uniqueEmail("pending")], role: "normal" },
  });
  expect(inv.status).toBe(201);
  ids.invitation_id = (await callJson("GET", "/console/api/workspaces/current/invitations", { token: owner.token })).body.data[0].id;
  ids.session_id = (await callJson("GET", "/console/api/account/sessions", { token: owner.token })).body.data[0].id;
  ids.api_key_id = (await callJson("POST", "/console/api/datasets/api-keys", { token: owner.token })).body.id;
  ids.provider = "openai";
  ids.template_id = "summarize-text";
  ids.model_type = "llm";
  const dsl = (version: string) =>
    `version: "${version}"\napp: {name: Walked app, mode: chat}\nmodel_config: {model: {provider: offline, name: kiln-echo}}\n`;
  const imported = (version: string) =>
    callJson("POST", "/console/api/apps/imports", { token: owner.token, body: { mode: "yaml-content", yaml_content: dsl(version) } });
  ids.app_id = (await imported("0.6.0")).body.app_id;
  ids.import_id = (await imported("0.7.0")).body.id; // pending: newer DSL than Kiln's
  // The walked app (imported above, or created here) gets a published version, an API key and
  // one debugger conversation.
  if (!ids.app_id) {
    const app = await callJson("POST", "/console/api/apps", { token: owner.token, body: { name: "Walked app", mode: "chat" } });
    expect(app.status).toBe(201);
    ids.app_id = app.body.id;
  }
  expect((await callJson("POST", `/console/api/apps/${ids.app_id}/publish`, { token: owner.token })).status).toBe(200);
  ids.version_id = (await callJson("GET", `/console/api/apps/${ids.app_id}/versions`, { token: owner.token })).body.data[0].id;
  ids.key_id = (await callJson("POST", `/console/api/apps/${ids.app_id}/api-keys`, { token: owner.token })).body.id;
  const run = await callJson("POST", `/console/api/apps/${ids.app_id}/chat-messages`, {
    token: owner.token,
    body: { inputs: {}, query: "hello", response_mode: "blocking" },
  });
  expect(run.status).toBe(200);
  ids.conversation_id = run.body.conversation_id;
  ids.message_id = run.body.message_id;
  ids.task_id = run.body.task_id;
  VALID_BODIES["POST /console/api/apps/{app_id}/feedbacks"] = { message_id: ids.message_id, rating: "dislike" };

  // An annotation of that message, and annotation reply switched on (its job and setting ids).
  const annotated = await callJson("POST", `/console/api/apps/${ids.app_id}/annotations`, {
    token: owner.token,
    body: { message_id: ids.message_id, answer: "The walked answer" },
  });
  expect(annotated.status, JSON.stringify(annotated.body)).toBeLessThan(300);
  ids.annotation_id = annotated.body.id;
  const reply = await callJson("POST", `/console/api/apps/${ids.app_id}/annotation-reply/enable`, {
    token: owner.token,
    body: { score_threshold: 0.9 },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  ids.job_id = reply.body.job_id;
  ids.annotation_setting_id = (await callJson("GET", `/console/api/apps/${ids.app_id}/annotation-setting`, { token: owner.token })).body.id;
  expect(ids.annotation_setting_id).toBeTruthy();
  Object.assign(VALID_BODIES, {
    "POST /console/api/apps/{app_id}/annotations": { question: "Planted?", answer: "planted" },
    "POST /console/api/apps/{app_id}/annotations/{annotation_id}": { answer: "Taken over" },
    "POST /console/api/apps/{app_id}/annotation-reply/{action}": { score_threshold: 0.5 },
    "POST /console/api/apps/{app_id}/annotation-settings/{annotation_setting_id}": { score_threshold: 0.1 },
  });

  // A workflow app with a published version and one debugger run (its run and node ids).
  const flow = await callJson("POST", "/console/api/apps", { token: owner.token, body: { name: "Walked flow", mode: "workflow" } });
  expect(flow.status).toBe(201);
  const flowPublished = await callJson("POST", `/console/api/apps/${flow.body.id}/workflows/publish`, { token: owner.token, body: {} });
  expect(flowPublished.status, JSON.stringify(flowPublished.body)).toBe(200);
  ids.workflow_id = (await callJson("GET", `/console/api/apps/${flow.body.id}/workflows`, { token: owner.token })).body.items[0].id;
  const flowRun = await call("POST", `/console/api/apps/${flow.body.id}/workflows/draft/run`, { token: owner.token, body: { inputs: {} } });
  expect(flowRun.status).toBe(200);
  ids.run_id = sseEvents(await flowRun.text())[0].workflow_run_id;
  ids.node_id = "start";
  // A Human Input form of the walked app (as a paused run leaves one), for the form routes.
  ids.form_id = crypto.randomUUID();
  const flowWorkspace = (await rows<{ workspace_id: string }>("SELECT workspace_id FROM apps WHERE id = ?", ids.app_id))[0].workspace_id;
  await env.DB.prepare(
    "INSERT INTO workflow_human_input_forms (id, workspace_id, app_id, workflow_run_id, node_id, definition, status, expires_at, created_at) VALUES (?, ?, ?, ?, 'ask', ?, 'waiting', ?, ?)",
  )
    .bind(ids.form_id, flowWorkspace, ids.app_id, ids.run_id, JSON.stringify({ form_id: ids.form_id, node_id: "ask", node_title: "Ask", form_content: "Planted", inputs: [], actions: [{ id: "go", title: "Go" }], display_in_ui: false, resolved_default_values: {}, expiration_time: 0 }), Date.now() + 3_600_000, Date.now())
    .run();
  const flowDraft = (await callJson("GET", `/console/api/apps/${flow.body.id}/workflows/draft`, { token: owner.token })).body;
  Object.assign(VALID_BODIES, {
    "POST /console/api/apps/{app_id}/workflows/draft": { graph: flowDraft.graph, features: {}, environment_variables: [], conversation_variables: [] },
    "POST /console/api/apps/{app_id}/workflows/draft/run": { inputs: {} },
    "POST /console/api/apps/{app_id}/workflows/draft/nodes/{node_id}/run": { inputs: {} },
    "POST /console/api/apps/{app_id}/workflows/triggers/enable": { node_id: "start", enabled: false },
    "POST /console/api/apps/{app_id}/human-input-forms/{form_id}": { inputs: {}, action: "go" },
  });

  // Fine-tuning: a second app's ten debugger messages make a training set, one exported version
  // and a job on a fine-tuning provider (the fake server).
  const trainer = await callJson("POST", "/console/api/apps", { token: owner.token, body: { name: "Walked trainer", mode: "chat" } });
  expect(trainer.status).toBe(201);
  for (let i = 0; i < 10; i++) {
    const r = await callJson("POST", `/console/api/apps/${trainer.body.id}/chat-messages`, {
      token: owner.token,
      body: { inputs: {}, query: `Walked question ${i}`, response_mode: "blocking" },
    });
    expect(r.status).toBe(200);
  }
  const set = await callJson("POST", "/console/api/finetune/sets", {
    token: owner.token,
    body: { name: "Walked set", filters: { app_id: trainer.body.id }, validation_percent: 0 },
  });
  expect(set.status, JSON.stringify(set.body)).toBe(201);
  ids.set_id = set.body.id;
  const built = await callJson("POST", `/console/api/finetune/sets/${ids.set_id}/build`, { token: owner.token });
  expect(built.status, JSON.stringify(built.body)).toBe(200);
  ids.example_id = (await callJson("GET", `/console/api/finetune/sets/${ids.set_id}/examples`, { token: owner.token })).body.data[0].id;
  const exported = await callJson("POST", `/console/api/finetune/sets/${ids.set_id}/exports`, { token: owner.token });
  expect(exported.status, JSON.stringify(exported.body)).toBeLessThan(300);
  ids.version = String(exported.body.version);
  ids.split = "train";
  const { provider } = await addFakeProvider(owner, { name: "walkft" });
  const job = await callJson("POST", "/console/api/finetune/jobs", {
    token: owner.token,
    body: { set_id: ids.set_id, version: Number(ids.version), provider, base_model: "gpt-4o-mini" },
  });
  expect(job.status, JSON.stringify(job.body)).toBeLessThan(300);
  ids.finetune_job_id = job.body.id;
  Object.assign(VALID_BODIES, {
    "PATCH /console/api/finetune/sets/{set_id}": { name: "Taken over" },
    "PATCH /console/api/finetune/sets/{set_id}/examples/{example_id}": { answer: "Taken over" },
  });

  // A knowledge base with one parent-child document (so segments and child chunks exist), a
  // custom metadata field and a webhook source.
  const kb = await callJson("POST", "/console/api/datasets", {
    token: owner.token,
    body: { name: "Walked KB", indexing_technique: "high_quality", permission: "all_team_members" },
  });
  expect(kb.status).toBe(201);
  ids.dataset_id = kb.body.id;
  const added = await callJson("POST", `/console/api/datasets/${ids.dataset_id}/documents/text`, {
    token: owner.token,
    body: { name: "walked.md", text: "# Walked\n\nA document the walk must leave as it is.", process_rule: { mode: "hierarchical" } },
  });
  expect(added.status).toBe(201);
  ids.document_id = added.body.document.id;
  ids.batch = added.body.batch;
  ids.action = "enable";
  for (let i = 0; i < 100; i++) {
    const s = await callJson("GET", `/console/api/datasets/${ids.dataset_id}/documents/${ids.document_id}/indexing-status`, {
      token: owner.token,
    });
    if (s.body.indexing_status === "completed") break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seg = (await callJson("GET", `/console/api/datasets/${ids.dataset_id}/documents/${ids.document_id}/segments`, { token: owner.token }))
    .body.data[0];
  ids.segment_id = seg.id;
  ids.child_chunk_id = seg.child_chunks[0].id;
  const field = await callJson("POST", `/console/api/datasets/${ids.dataset_id}/metadata`, {
    token: owner.token,
    body: { type: "string", name: "walked_field" },
  });
  ids.metadata_id = field.body.id;
  await callJson("POST", `/console/api/datasets/${ids.dataset_id}/source`, { token: owner.token });
  const tag = await callJson("POST", "/console/api/tags", { token: owner.token, body: { name: "walked_tag", type: "knowledge" } });
  expect(tag.status).toBe(200);
  ids.tag_id = tag.body.id;
  Object.assign(VALID_BODIES, {
    "POST /console/api/datasets/{dataset_id}/documents/text": { name: "planted", text: "planted" },
    "POST /console/api/datasets/{dataset_id}/retry": { document_ids: [ids.document_id] },
    "POST /console/api/datasets/{dataset_id}/documents/download-zip": { document_ids: [ids.document_id] },
    "POST /console/api/datasets/{dataset_id}/documents/{document_id}/segment": { content: "planted" },
    "POST /console/api/datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}/child_chunks": { content: "planted" },
    "PATCH /console/api/datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}/child_chunks/{child_chunk_id}": {
      content: "planted",
    },
    "POST /console/api/datasets/{dataset_id}/hit-testing": { query: "walked" },
    "POST /console/api/datasets/{dataset_id}/metadata": { type: "string", name: "planted_field" },
    "PATCH /console/api/datasets/{dataset_id}/metadata/{metadata_id}": { name: "renamed_field" },
    "POST /console/api/datasets/{dataset_id}/documents/metadata": { operation_data: [] },
    "PATCH /console/api/datasets/{dataset_id}/documents/{document_id}/metadata": { metadata: {} },
    "PATCH /console/api/tags/{tag_id}": { name: "renamed_tag" },
  });

  // Tools: an MCP server (the local test server) as a provider, so both its refresh route and
  // "test a tool" walk a real provider of this workspace; and the walked app as an MCP server.
  const mcp = await callJson("POST", "/console/api/workspaces/current/tool-provider/mcp", {
    token: owner.token,
    body: { name: "walked-mcp", server_url: `${inject("mcpTestUrl")}/mcp`, headers: { Authorization: "Bearer test-mcp-token" } },
  });
  expect(mcp.status, JSON.stringify(mcp.body)).toBe(200);
  expect(mcp.body.is_team_authorization).toBe(true);
  ids.provider_type = "mcp";
  ids.provider_id = mcp.body.id;
  ids.tool_name = "add";
  const server = await callJson("POST", `/console/api/apps/${ids.app_id}/server`, { token: owner.token, body: { description: "Walked" } });
  expect(server.status, JSON.stringify(server.body)).toBe(201);
  Object.assign(VALID_BODIES, {
    "POST /console/api/workspaces/current/tool-providers/{provider_type}/{provider_id}/tools/{tool_name}/test": { parameters: { a: 1, b: 2 } },
    "PUT /console/api/apps/{app_id}/server": { status: "inactive" },
  });
});

const fill = (op: Op, value: (name: string) => string) =>
  op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(value(name)));

describe("console access walk", () => {
  it("finds the console routes and every one declares who may call it", () => {
    expect(ops.length).toBeGreaterThan(15);
    for (const op of ops) {
      expect(`${op.method} ${op.path}: ${op.access}`).toMatch(/: (public|account|member|app_edit|dataset_edit|admin|owner)$/);
    }
  });

  it("has a real id of the walked workspace for every path parameter", () => {
    for (const op of ops) for (const p of op.params) expect(ids, `${op.method} ${op.path}`).toHaveProperty(p);
  });

  it("refuses every non-public route without a session (401)", async () => {
    for (const op of ops.filter((o) => o.access !== "public")) {
      const res = await call(op.method, fill(op, (n) => ids[n]), { body: {} });
      expect(res.status, `${op.method} ${op.path}`).toBe(401);
    }
  });

  it("answers 403 to every role below the route's permission, and never 401/403 to those above", async () => {
    for (const op of ops.filter((o) => o.access !== "public")) {
      for (const role of ROLES) {
        // A random id: allowed roles reach the lookup (404) or validation (400) and change nothing.
        const res = await call(op.method, fill(op, () => "00000000-0000-7000-8000-000000000000"), {
          token: tokens[role],
          body: {},
        });
        const label = `${op.method} ${op.path} as ${role}`;
        if (ALLOWED[op.access].includes(role)) expect([401, 403], label).not.toContain(res.status);
        else expect(res.status, label).toBe(403);
      }
    }
  });

  it("answers 404 to a member of another workspace for every resource of this one", async () => {
    for (const op of ops.filter((o) => o.access !== "public" && o.params.length > 0)) {
      if (op.params.every((p) => p === "provider" || p === "model_type" || p === "template_id")) continue; // names, not tenant resources
      const body = VALID_BODIES[`${op.method} ${op.path}`] ?? {};
      const res = await call(op.method, fill(op, (n) => ids[n]), { token: strangerToken, body });
      expect(res.status, `${op.method} ${op.path}`).toBe(404);
    }
    const sw = await callJson("POST", "/console/api/workspaces/switch", {
      token: strangerToken,
      body: { tenant_id: (await callJson("GET", "/console/api/workspaces/current", { token: tokens.owner })).body.id },
    });
    expect(sw.status).toBe(404);
  });

  it("leaves the walked app as it was after every role and the stranger have been through", async () => {
    const owner = { token: tokens.owner };
    const app = await callJson("GET", `/console/api/apps/${ids.app_id}`, owner);
    expect(app.status).toBe(200);
    expect(app.body).toMatchObject({ name: "Walked app", enable_site: true, enable_api: true, is_published: true });
    expect(app.body.site.title).not.toBe("Taken over");
    expect(app.body.model_config.pre_prompt).not.toBe("Taken over");
    expect((await callJson("GET", `/console/api/apps/${ids.app_id}/api-keys`, owner)).body.data.map((k: any) => k.id)).toEqual([ids.key_id]);
    expect((await callJson("GET", `/console/api/apps/${ids.app_id}/versions`, owner)).body.data).toHaveLength(1);
    const log = await callJson("GET", `/console/api/apps/${ids.app_id}/messages`, owner);
    expect(log.body.data).toEqual([expect.objectContaining({ id: ids.message_id, feedback: null, admin_feedback: null })]);
    const notes = await callJson("GET", `/console/api/apps/${ids.app_id}/annotations`, owner);
    expect(notes.body.data).toEqual([expect.objectContaining({ id: ids.annotation_id, answer: "The walked answer" })]);
    const setting = await callJson("GET", `/console/api/apps/${ids.app_id}/annotation-setting`, owner);
    expect(setting.body).toMatchObject({ enabled: true, score_threshold: 0.9 });
    const set = await callJson("GET", `/console/api/finetune/sets/${ids.set_id}`, owner);
    expect(set.body.name).toBe("Walked set");
    const example = (await callJson("GET", `/console/api/finetune/sets/${ids.set_id}/examples`, owner)).body.data;
    expect(example.map((e: any) => e.answer)).not.toContain("Taken over");
    const server = await callJson("GET", `/console/api/apps/${ids.app_id}/server`, owner);
    expect(server.body).toMatchObject({ status: "active", description: "Walked" });
  });

  it("never shows one workspace's members to another", async () => {
    const mine = await callJson("GET", "/console/api/workspaces/current/members", { token: tokens.owner });
    const theirs = await callJson("GET", "/console/api/workspaces/current/members", { token: strangerToken });
    const mineIds = new Set(mine.body.accounts.map((m: any) => m.id));
    const leaked = theirs.body.accounts.filter((m: any) => mineIds.has(m.id) && m.role !== "owner");
    expect(leaked).toEqual([]);
    // The walked workspace is still intact after the walk.
    expect(mine.body.accounts).toHaveLength(5);
  });
});
