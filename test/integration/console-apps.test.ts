import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { callJson, joinByInvite, newWorkspaceOwner, uniqueEmail } from "../support/console";
import { APPS, debugBlocking, newApp, publish, rowsOfApp, saveDraft } from "./console-apps-helpers";

let owner: { token: string; workspaceId: string };
beforeAll(async () => {
  owner = await newWorkspaceOwner();
});

describe("apps CRUD", () => {
  it("creates, reads, lists, updates, copies and deletes an app", async () => {
    const { token } = owner;
    const created = await callJson("POST", APPS, {
      token,
      body: { name: "Support bot", mode: "chat", description: "Answers questions", icon: "🦊", icon_background: "#E0F2FE" },
    });
    expect(created.status).toBe(201);
    const app = created.body;
    expect(app).toMatchObject({
      name: "Support bot",
      mode: "chat",
      description: "Answers questions",
      icon_type: "emoji",
      icon: "🦊",
      icon_background: "#E0F2FE",
      enable_site: true,
      enable_api: true,
      is_published: false,
      api_base_url: "http://kiln.test/v1",
      site: { title: "Support bot", default_language: "en-US", code: expect.stringMatching(/^[A-Za-z0-9]{16}$/) },
      model_config: { model: { provider: "offline", name: "kiln-echo" }, pre_prompt: "", user_input_form: [] },
    });
    expect(app.created_at).toBeGreaterThan(1_700_000_000);
    expect(app.created_at).toBeLessThan(10_000_000_000); // seconds, not ms

    const read = await callJson("GET", `${APPS}/${app.id}`, { token });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(app);

    const renamed = await callJson("PUT", `${APPS}/${app.id}`, { token, body: { name: "Helpdesk", description: "Level 1" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Helpdesk", description: "Level 1", icon: "🦊" });

    const list = await callJson("GET", `${APPS}?page=1&limit=100`, { token });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ page: 1, limit: 100, has_more: false });
    expect(list.body.data.map((a: any) => a.id)).toContain(app.id);
    expect(list.body.data.find((a: any) => a.id === app.id).name).toBe("Helpdesk");

    const copy = await callJson("POST", `${APPS}/${app.id}/copy`, { token, body: {} });
    expect(copy.status).toBe(201);
    expect(copy.body.id).not.toBe(app.id);
    expect(copy.body).toMatchObject({ name: "Helpdesk (copy)", mode: "chat", model_config: app.model_config });
    expect(copy.body.site.code).not.toBe(app.site.code);

    expect((await callJson("DELETE", `${APPS}/${app.id}`, { token })).status).toBe(204);
    expect((await callJson("GET", `${APPS}/${app.id}`, { token })).status).toBe(404);
    expect((await callJson("DELETE", `${APPS}/${app.id}`, { token })).status).toBe(404);
    expect((await callJson("GET", `${APPS}/${copy.body.id}`, { token })).status).toBe(200);
  });

  it("filters the list by mode and name and pages through it", async () => {
    const { token } = await newWorkspaceOwner();
    await newApp(token, { name: "Alpha chat", mode: "chat" });
    await newApp(token, { name: "Beta writer", mode: "completion" });
    await newApp(token, { name: "Gamma chat", mode: "chat" });
    const names = async (qs: string) => (await callJson("GET", `${APPS}?${qs}`, { token })).body.data.map((a: any) => a.name).sort();
    expect(await names("mode=chat")).toEqual(["Alpha chat", "Gamma chat"]);
    expect(await names("mode=completion")).toEqual(["Beta writer"]);
    expect(await names("mode=all")).toHaveLength(3);
    expect(await names("name=chat")).toEqual(["Alpha chat", "Gamma chat"]);
    expect(await names("name=%25")).toEqual(["Alpha chat", "Beta writer", "Gamma chat"]); // % is not a wildcard
    const first = await callJson("GET", `${APPS}?limit=2&page=1`, { token });
    expect(first.body).toMatchObject({ total: 3, has_more: true });
    expect(first.body.data).toHaveLength(2);
    const second = await callJson("GET", `${APPS}?limit=2&page=2`, { token });
    expect(second.body).toMatchObject({ total: 3, has_more: false });
    expect(second.body.data).toHaveLength(1);
    expect((await callJson("GET", `${APPS}?limit=101`, { token })).status).toBe(400);
    expect((await callJson("GET", `${APPS}?page=0`, { token })).status).toBe(400);
  });

  it("refuses bad app fields with 400 naming the field", async () => {
    const { token } = owner;
    const bad = async (body: unknown) => callJson("POST", APPS, { token, body });
    const agent = await bad({ name: "Agent", mode: "agent" });
    expect(agent.status).toBe(400);
    expect(agent.body.params).toEqual(["mode"]);
    const long = await bad({ name: "x", mode: "chat", description: "d".repeat(401) });
    expect(long.status).toBe(400);
    expect(long.body.params).toEqual(["description"]);
    expect((await bad({ name: "x", mode: "chat", description: "d".repeat(400) })).status).toBe(201);
    expect((await bad({ name: "   ", mode: "chat" })).status).toBe(400);
    expect((await bad({ mode: "chat" })).status).toBe(400);
    const app = await newApp(token);
    expect((await callJson("PUT", `${APPS}/${app.id}`, { token, body: { description: "no name" } })).status).toBe(400);
    expect((await callJson("POST", `${APPS}/${app.id}/site-enable`, { token, body: { enable_site: "yes" } })).status).toBe(400);
    expect((await callJson("POST", `${APPS}/${app.id}/site`, { token, body: { default_language: "English!" } })).status).toBe(400);
  });

  it("switches the site and the API and saves the site settings", async () => {
    const { token } = owner;
    const app = await newApp(token, { name: "Site app" });
    const off = await callJson("POST", `${APPS}/${app.id}/site-enable`, { token, body: { enable_site: false } });
    expect(off.body).toMatchObject({ enable_site: false, enable_api: true });
    const apiOff = await callJson("POST", `${APPS}/${app.id}/api-enable`, { token, body: { enable_api: false } });
    expect(apiOff.body).toMatchObject({ enable_site: false, enable_api: false });
    const site = await callJson("POST", `${APPS}/${app.id}/site`, {
      token,
      body: { title: "Ask us", description: "Public help", copyright: "ACME", privacy_policy: "https://acme.test/p", default_language: "de-DE" },
    });
    expect(site.status).toBe(200);
    expect(site.body).toMatchObject({ title: "Ask us", description: "Public help", copyright: "ACME", privacy_policy: "https://acme.test/p", default_language: "de-DE" });
    const read = await callJson("GET", `${APPS}/${app.id}`, { token });
    expect(read.body).toMatchObject({ enable_site: false, enable_api: false, name: "Site app", site: { title: "Ask us", default_language: "de-DE" } });
  });
});

describe("who may do what", () => {
  it("lets normal members and dataset operators read apps, configs and logs, but not change or run them", async () => {
    const admin = await newWorkspaceOwner();
    const app = await newApp(admin.token, { name: "Guarded" });
    await publish(admin.token, app.id);
    const editor = await joinByInvite(admin.token, admin.workspaceId, uniqueEmail("editor"), "editor");
    for (const role of ["normal", "dataset_operator"]) {
      const token = await joinByInvite(admin.token, admin.workspaceId, uniqueEmail(role), role);
      for (const path of ["", `/${app.id}`, `/${app.id}/model-config`, `/${app.id}/versions`, `/${app.id}/messages`, `/${app.id}/conversations`]) {
        expect((await callJson("GET", `${APPS}${path}`, { token })).status, `${role} GET ${path}`).toBe(200);
      }
      const writes: [string, string, unknown][] = [
        ["POST", APPS, { name: "Mine", mode: "chat" }],
        ["PUT", `${APPS}/${app.id}`, { name: "Mine" }],
        ["DELETE", `${APPS}/${app.id}`, undefined],
        ["POST", `${APPS}/${app.id}/copy`, {}],
        ["POST", `${APPS}/${app.id}/model-config`, { pre_prompt: "Mine" }],
        ["POST", `${APPS}/${app.id}/publish`, {}],
        ["POST", `${APPS}/${app.id}/site-enable`, { enable_site: false }],
        ["POST", `${APPS}/${app.id}/chat-messages`, { inputs: {}, query: "hi", response_mode: "blocking" }],
        ["GET", `${APPS}/${app.id}/api-keys`, undefined],
        ["POST", `${APPS}/${app.id}/api-keys`, undefined],
      ];
      for (const [method, path, body] of writes) {
        const r = await callJson(method, path, { token, body });
        expect(r.status, `${role} ${method} ${path}`).toBe(403);
      }
    }
    // An editor may build.
    const built = await callJson("POST", APPS, { token: editor, body: { name: "Editor's", mode: "completion" } });
    expect(built.status).toBe(201);
    expect((await callJson("POST", `${APPS}/${app.id}/model-config`, { token: editor, body: { pre_prompt: "Edited" } })).status).toBe(200);
    // Nothing the readers tried changed the app.
    const after = await callJson("GET", `${APPS}/${app.id}`, { token: admin.token });
    expect(after.body).toMatchObject({ name: "Guarded", enable_site: true, model_config: { pre_prompt: "Edited" } });
    expect((await callJson("GET", APPS, { token: admin.token })).body.total).toBe(2);
  });

  it("never shows or changes another workspace's apps", async () => {
    const mine = await newApp(owner.token, { name: "Private" });
    const other = await newWorkspaceOwner();
    const list = await callJson("GET", `${APPS}?limit=100`, { token: other.token });
    expect(list.body.data.map((a: any) => a.id)).not.toContain(mine.id);
    expect((await callJson("GET", `${APPS}/${mine.id}`, { token: other.token })).status).toBe(404);
    expect((await callJson("PUT", `${APPS}/${mine.id}`, { token: other.token, body: { name: "Stolen" } })).status).toBe(404);
    expect((await callJson("DELETE", `${APPS}/${mine.id}`, { token: other.token })).status).toBe(404);
    expect((await callJson("GET", `${APPS}/${mine.id}`, { token: owner.token })).body.name).toBe("Private");
  });
});

describe("draft config", () => {
  it("saves the draft, keeps unknown Dify keys, and answers it back", async () => {
    const { token } = owner;
    const app = await newApp(token);
    const config = {
      model: { provider: "offline", name: "kiln-echo", mode: "chat", completion_params: { temperature: 0.3, max_tokens: 64 } },
      pre_prompt: "You are {{persona}}.",
      user_input_form: [{ "text-input": { variable: "persona", label: "Persona", required: true, max_length: 40 } }],
      opening_statement: "Hi!",
      suggested_questions_after_answer: { enabled: true },
      dify_only_field: { kept: true },
    };
    const saved = await saveDraft(token, app.id, config);
    expect(saved).toEqual({ result: "success", updated_at: expect.any(Number) });
    const read = await callJson("GET", `${APPS}/${app.id}/model-config`, { token });
    expect(read.status).toBe(200);
    expect(read.body.updated_at).toBe(saved.updated_at);
    expect(read.body.model_config).toMatchObject(config);
    expect((await callJson("GET", `${APPS}/${app.id}`, { token })).body.model_config).toEqual(read.body.model_config);
  });

  it("refuses an invalid config with 400 and the offending fields, and changes nothing", async () => {
    const { token } = owner;
    const app = await newApp(token);
    await saveDraft(token, app.id, { pre_prompt: "Original" });
    const cases: [unknown, string][] = [
      [{ model: { provider: "offline", name: "kiln-echo", completion_params: { temperature: 5 } } }, "model.completion_params.temperature"],
      [{ pre_prompt: 42 }, "pre_prompt"],
      [{ user_input_form: [{ "text-input": { variable: "1bad name" } }] }, "user_input_form.0.text-input.variable"],
      [{ user_input_form: [{ slider: { variable: "x" } }] }, "user_input_form.0"],
      [{ suggested_questions_after_answer: { enabled: "yes" } }, "suggested_questions_after_answer.enabled"],
    ];
    for (const [body, param] of cases) {
      const r = await callJson("POST", `${APPS}/${app.id}/model-config`, { token, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.code).toBe("invalid_param");
      expect(r.body.params).toContain(param);
    }
    const notJson = await callJson("POST", `${APPS}/${app.id}/model-config`, { token, rawBody: "{nope" });
    expect(notJson.status).toBe(400);
    const read = await callJson("GET", `${APPS}/${app.id}/model-config`, { token });
    expect(read.body.model_config.pre_prompt).toBe("Original");
  });

  it("refuses a model the workspace cannot call, with the registry's code", async () => {
    const { token } = owner;
    const app = await newApp(token);
    const unknownModel = await callJson("POST", `${APPS}/${app.id}/model-config`, {
      token,
      body: { model: { provider: "offline", name: "gpt-5" } },
    });
    expect(unknownModel.status).toBe(400);
    expect(unknownModel.body.code).toBe("model_not_found");
    const unknownProvider = await callJson("POST", `${APPS}/${app.id}/model-config`, {
      token,
      body: { model: { provider: "openai", name: "gpt-4o-mini" } },
    });
    expect(unknownProvider.status).toBe(400);
    expect(unknownProvider.body.code).toBe("provider_not_initialize");
    // An embedding model is not a chat model.
    const embedding = await callJson("POST", `${APPS}/${app.id}/model-config`, {
      token,
      body: { model: { provider: "offline", name: "kiln-embed" } },
    });
    expect(embedding.status).toBe(400);
    expect((await callJson("GET", `${APPS}/${app.id}/model-config`, { token })).body.model_config.model.name).toBe("kiln-echo");
  });
});

describe("publishing and versions", () => {
  it("numbers versions 1, 2, 3, lists them newest first and marks the served one", async () => {
    const { token } = owner;
    const app = await newApp(token);
    await saveDraft(token, app.id, { pre_prompt: "v1" });
    const v1 = await publish(token, app.id, { marked_name: "First", marked_comment: "launch" });
    expect(v1).toEqual({ result: "success", id: expect.any(String), version: 1, created_at: expect.any(Number) });
    await saveDraft(token, app.id, { pre_prompt: "v2" });
    expect((await publish(token, app.id)).version).toBe(2);
    expect((await publish(token, app.id)).version).toBe(3);
    const versions = await callJson("GET", `${APPS}/${app.id}/versions`, { token });
    expect(versions.body.data.map((v: any) => [v.version, v.is_current, v.model_config.pre_prompt])).toEqual([
      [3, true, "v2"],
      [2, false, "v2"],
      [1, false, "v1"],
    ]);
    expect(versions.body.data[2]).toMatchObject({ id: v1.id, marked_name: "First", marked_comment: "launch" });
    expect((await callJson("GET", `${APPS}/${app.id}`, { token })).body.is_published).toBe(true);
    // Another app starts at 1 again.
    expect((await publish(token, (await newApp(token)).id)).version).toBe(1);
  });

  it("refuses marks that are too long", async () => {
    const app = await newApp(owner.token);
    const name = await callJson("POST", `${APPS}/${app.id}/publish`, { token: owner.token, body: { marked_name: "n".repeat(21) } });
    expect(name.status).toBe(400);
    expect(name.body.params).toEqual(["marked_name"]);
    const comment = await callJson("POST", `${APPS}/${app.id}/publish`, { token: owner.token, body: { marked_comment: "c".repeat(101) } });
    expect(comment.status).toBe(400);
    expect((await callJson("GET", `${APPS}/${app.id}/versions`, { token: owner.token })).body.data).toEqual([]);
  });

  it("restores a version into the draft without publishing it", async () => {
    const { token } = owner;
    const app = await newApp(token);
    await saveDraft(token, app.id, { pre_prompt: "Old prompt", opening_statement: "Hello" });
    const v1 = await publish(token, app.id);
    await saveDraft(token, app.id, { pre_prompt: "New prompt" });
    await publish(token, app.id);
    await saveDraft(token, app.id, { pre_prompt: "Work in progress" });

    const restored = await callJson("POST", `${APPS}/${app.id}/versions/${v1.id}/restore`, { token });
    expect(restored.status).toBe(200);
    expect(restored.body.model_config).toMatchObject({ pre_prompt: "Old prompt", opening_statement: "Hello" });
    const draft = await callJson("GET", `${APPS}/${app.id}/model-config`, { token });
    expect(draft.body.model_config).toMatchObject({ pre_prompt: "Old prompt", opening_statement: "Hello" });
    const versions = (await callJson("GET", `${APPS}/${app.id}/versions`, { token })).body.data;
    expect(versions.map((v: any) => [v.version, v.is_current])).toEqual([
      [2, true],
      [1, false],
    ]);

    expect((await callJson("POST", `${APPS}/${app.id}/versions/00000000-0000-7000-8000-000000000000/restore`, { token })).status).toBe(404);
    const otherApp = await newApp(token);
    expect((await callJson("POST", `${APPS}/${otherApp.id}/versions/${v1.id}/restore`, { token })).status).toBe(404);
  });

  it("keeps the Service API on the published version while the draft changes", async () => {
    const { token } = owner;
    const app = await newApp(token, { name: "Writer", mode: "completion" });
    const key = (await callJson("POST", `${APPS}/${app.id}/api-keys`, { token })).body.token;
    // No query: the filled prompt is then the user's message, which kiln-echo quotes, so the
    // answer shows which config ran.
    const serve = () =>
      callJson("POST", "/v1/completion-messages", {
        headers: { authorization: `Bearer ${key}` },
        body: { inputs: {}, response_mode: "blocking", user: "reader" },
      });

    const unpublished = await serve();
    expect(unpublished.status).toBe(400);
    expect(unpublished.body.code).toBe("app_unavailable");

    await saveDraft(token, app.id, { pre_prompt: "Rules alpha." });
    await publish(token, app.id);
    expect((await serve()).body.answer).toContain("Rules alpha.");

    await saveDraft(token, app.id, { pre_prompt: "Rules beta." });
    const stillAlpha = await serve();
    expect(stillAlpha.body.answer).toContain("Rules alpha.");
    expect(stillAlpha.body.answer).not.toContain("Rules beta.");
    // The debugger runs the draft meanwhile.
    expect((await debugBlocking(token, app.id, { query: "" }, "completion")).answer).toContain("Rules beta.");

    await publish(token, app.id);
    expect((await serve()).body.answer).toContain("Rules beta.");

    // And a restore alone does not change what is served.
    const v1 = (await callJson("GET", `${APPS}/${app.id}/versions`, { token })).body.data.find((v: any) => v.version === 1);
    await callJson("POST", `${APPS}/${app.id}/versions/${v1.id}/restore`, { token });
    expect((await serve()).body.answer).toContain("Rules beta.");

    const log = (await callJson("GET", `${APPS}/${app.id}/messages?limit=100`, { token })).body.data;
    expect(log.map((m: any) => [m.from_source, m.config_version, /Rules (\w+)/.exec(m.answer)?.[1]])).toEqual([
      ["api", 2, "beta"],
      ["api", 2, "beta"],
      ["debugger", 0, "beta"],
      ["api", 1, "alpha"],
      ["api", 1, "alpha"],
    ]);
  });
});

describe("app API keys", () => {
  it("shows a key once, stores only its hash, serves with it until it is revoked", async () => {
    const { token } = owner;
    const app = await newApp(token);
    await publish(token, app.id);
    const created = await callJson("POST", `${APPS}/${app.id}/api-keys`, { token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), type: "app", token: expect.stringMatching(/^app-[A-Za-z0-9]{24}$/), last_used_at: null });
    const secret: string = created.body.token;

    const list = await callJson("GET", `${APPS}/${app.id}/api-keys`, { token });
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0].id).toBe(created.body.id);
    expect(list.body.data[0].token).not.toBe(secret);
    expect(list.body.data[0].token.endsWith(secret.slice(-4))).toBe(true);
    const stored = await rowsOfApp(env, "api_keys", app.id);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(JSON.stringify(stored)).not.toContain(secret.slice(4, -4));

    const ask = () =>
      callJson("POST", "/v1/chat-messages", {
        headers: { authorization: `Bearer ${secret}` },
        body: { inputs: {}, query: "hello", response_mode: "blocking", user: "u1" },
      });
    expect((await ask()).status).toBe(200);

    // Another app's path cannot revoke it.
    const other = await newApp(token);
    expect((await callJson("DELETE", `${APPS}/${other.id}/api-keys/${created.body.id}`, { token })).status).toBe(404);
    expect((await callJson("DELETE", `${APPS}/${app.id}/api-keys/${created.body.id}`, { token })).status).toBe(204);
    expect((await callJson("GET", `${APPS}/${app.id}/api-keys`, { token })).body.data).toEqual([]);
    expect((await ask()).status).toBe(401);
  });

  it("allows at most 10 keys per app", async () => {
    const { token } = owner;
    const app = await newApp(token);
    for (let i = 0; i < 10; i++) expect((await callJson("POST", `${APPS}/${app.id}/api-keys`, { token })).status).toBe(201);
    const eleventh = await callJson("POST", `${APPS}/${app.id}/api-keys`, { token });
    expect(eleventh.status).toBe(400);
    // The limit is per app.
    expect((await callJson("POST", `${APPS}/${(await newApp(token)).id}/api-keys`, { token })).status).toBe(201);
  });
});

describe("deleting an app", () => {
  it("removes its versions, conversations, messages, feedback, end users and keys, and nothing else", async () => {
    const { token } = owner;
    const doomed = await newApp(token, { name: "Doomed" });
    const kept = await newApp(token, { name: "Kept" });
    for (const app of [doomed, kept]) {
      await publish(token, app.id);
      const key = (await callJson("POST", `${APPS}/${app.id}/api-keys`, { token })).body.token;
      const served = await callJson("POST", "/v1/chat-messages", {
        headers: { authorization: `Bearer ${key}` },
        body: { inputs: {}, query: "from the API", response_mode: "blocking", user: "someone" },
      });
      expect(served.status).toBe(200);
      const debugged = await debugBlocking(token, app.id, { query: "from the debugger" });
      const fb = await callJson("POST", `${APPS}/${app.id}/feedbacks`, { token, body: { message_id: debugged.message_id, rating: "like" } });
      expect(fb.status).toBe(200);
    }
    const tables = ["app_configs", "api_keys", "conversations", "messages", "message_feedbacks", "end_users"];
    for (const t of tables) expect((await rowsOfApp(env, t, doomed.id)).length, t).toBeGreaterThan(0);

    expect((await callJson("DELETE", `${APPS}/${doomed.id}`, { token })).status).toBe(204);

    expect(await rowsOfApp(env, "apps", doomed.id, "id")).toEqual([]);
    for (const t of tables) expect(await rowsOfApp(env, t, doomed.id), t).toEqual([]);
    for (const t of tables) expect((await rowsOfApp(env, t, kept.id)).length, t).toBeGreaterThan(0);
    expect((await callJson("GET", `${APPS}/${doomed.id}/messages`, { token })).status).toBe(404);
  });
});
