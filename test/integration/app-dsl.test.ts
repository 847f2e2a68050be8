/// <reference types="vite/client" />
// Importing and exporting apps as Dify DSL through the console API, in workerd with real D1.
import { inject } from "vitest";
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { callJson, joinByInvite, newWorkspaceOwner, uniqueEmail } from "../support/console";

const FIXTURES = import.meta.glob<string>("../fixtures/dify-dsl/*.yml", { query: "?raw", import: "default", eager: true });
const fixture = (name: string) => FIXTURES[`../fixtures/dify-dsl/${name}`];
const SQL_CREATOR = fixture("recommended_app__sql-creator-completion.yml");

const offlineApp = (version: string) => `version: "${version}"
kind: app
app: {name: Echo, mode: chat, icon: "🦊", icon_background: "#E4FBCC", description: Says it back}
model_config:
  model: {provider: offline, name: kiln-echo, mode: chat, completion_params: {temperature: 0.2}}
  pre_prompt: You repeat {{topic}}.
  user_input_form:
  - text-input: {variable: topic, label: Topic, required: true, max_length: 48}
`;

let token = "";
let workspaceId = "";

const importYaml = (yaml_content: string, extra: Record<string, unknown> = {}, as = token) =>
  callJson("POST", "/console/api/apps/imports", { token: as, body: { mode: "yaml-content", yaml_content, ...extra } });
const exportDsl = async (appId: string, as = token) => {
  const r = await callJson("GET", `/console/api/apps/${appId}/export?include_secret=false`, { token: as });
  expect(r.status).toBe(200);
  return YAML.parse(r.body.data);
};

beforeAll(async () => {
  ({ token, workspaceId } = await newWorkspaceOwner());
});

describe("importing Dify's sql-creator completion app", () => {
  it("creates the app with its form and prompt, warning about the old DSL and the missing OpenAI provider", async () => {
    const r = await importYaml(SQL_CREATOR);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: "completed-with-warnings",
      app_mode: "completion",
      current_dsl_version: "0.6.0",
      imported_dsl_version: "0.1.0",
      error: "",
    });
    expect(r.body.id).toEqual(expect.any(String));
    expect(r.body.warnings.join("\n")).toMatch(/older than 0\.6\.0/);
    expect(r.body.warnings.join("\n")).toMatch(/"openai" is not configured.*provider_not_initialize/);

    const original = YAML.parse(SQL_CREATOR);
    const app = await callJson("GET", `/console/api/apps/${r.body.app_id}`, { token });
    expect(app.status).toBe(200);
    expect(app.body).toMatchObject({ name: "SQL Creator", mode: "completion", icon_type: "emoji", icon: "🤖", enable_site: true, enable_api: true });
    expect(app.body.model_config.pre_prompt).toBe(original.model_config.pre_prompt);
    expect(app.body.model_config.user_input_form.map((i: object) => Object.keys(i)[0])).toEqual(["select", "paragraph"]);

    const dsl = await exportDsl(r.body.app_id);
    expect(dsl.app).toMatchObject({ name: "SQL Creator", mode: "completion", icon: "🤖", icon_background: "#FFEAD5" });
    expect(dsl.model_config.user_input_form).toEqual([
      original.model_config.user_input_form[0],
      // Kiln's form schema gives every item its (empty) options.
      { paragraph: { ...original.model_config.user_input_form[1].paragraph, options: [] } },
    ]);
    expect(dsl.model_config.pre_prompt).toBe(original.model_config.pre_prompt);
    expect(dsl.model_config.model).toEqual(original.model_config.model);
  });

  it("exports a DSL that imports back to the same app and config", async () => {
    const first = await importYaml(SQL_CREATOR);
    const exported = await callJson("GET", `/console/api/apps/${first.body.app_id}/export`, { token });
    const again = await importYaml(exported.body.data);
    expect(again.status).toBe(200);
    expect(again.body.imported_dsl_version).toBe("0.6.0");
    // Only the provider is left to warn about: the export is the current DSL version.
    expect(again.body.warnings).toHaveLength(1);
    expect(again.body.app_id).not.toBe(first.body.app_id);
    const stored = async (id: string) => (await callJson("GET", `/console/api/apps/${id}`, { token })).body.model_config;
    expect(await stored(again.body.app_id)).toEqual(await stored(first.body.app_id));
    const [a, b] = [await exportDsl(first.body.app_id), await exportDsl(again.body.app_id)];
    expect(b).toEqual(a);
    expect(b.model_config).toEqual(YAML.parse(exported.body.data).model_config);
  });
});

describe("importing", () => {
  it("completes without warnings for a current DSL whose model the workspace has", async () => {
    const r = await importYaml(offlineApp("0.6.0"), { name: "Renamed echo" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "completed", app_mode: "chat", imported_dsl_version: "0.6.0", warnings: [] });
    const dsl = await exportDsl(r.body.app_id);
    expect(dsl.app).toMatchObject({ name: "Renamed echo", description: "Says it back", icon: "🦊" });
    expect(dsl.model_config.model).toEqual({ provider: "offline", name: "kiln-echo", mode: "chat", completion_params: { temperature: 0.2 } });
  });

  it("warns of the agent tools this workspace lacks, keeping them in the app (the agent runs without them, as in Dify)", async () => {
    const tool = (provider: string, name: string, enabled = true) =>
      `    - {enabled: ${enabled}, provider_type: builtin, provider_id: ${provider}, provider_name: ${provider}, tool_name: ${name}, tool_parameters: {}}`;
    const agent = `version: "0.6.0"
kind: app
app: {name: Analyst, mode: agent-chat}
model_config:
  model: {provider: offline, name: kiln-echo, mode: chat, completion_params: {}}
  pre_prompt: You analyse stocks.
  agent_mode:
    enabled: true
    strategy: function_call
    tools:
${[tool("yahoo", "yahoo_finance_news"), tool("time", "current_time"), tool("langgenius/dalle/dalle", "dalle3"), tool("yahoo", "yahoo_finance_ticker", false), tool("langgenius/tavily/tavily", "tavily_search")].join("\n")}
`;
    const r = await importYaml(agent);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: "completed-with-warnings", app_mode: "agent-chat" });
    expect(r.body.warnings).toEqual([
      "Tools not available in this workspace: yahoo/yahoo_finance_news, langgenius/dalle/dalle/dalle3, langgenius/tavily/tavily/tavily_search. The agent runs without them until their provider is added (or authorized) in Tools",
    ]);
    const dsl = await exportDsl(r.body.app_id);
    expect(dsl.model_config.agent_mode.tools.map((t: any) => t.tool_name)).toEqual(["yahoo_finance_news", "current_time", "dalle3", "yahoo_finance_ticker", "tavily_search"]);
  });

  it("holds a newer DSL version until it is confirmed, then creates the app once", async () => {
    const pending = await importYaml(offlineApp("0.7.0"));
    expect(pending.status).toBe(202);
    expect(pending.body).toMatchObject({ status: "pending", app_id: null, imported_dsl_version: "0.7.0", error: "" });

    const confirmed = await callJson("POST", `/console/api/apps/imports/${pending.body.id}/confirm`, { token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id: pending.body.id, status: "completed", app_mode: "chat", imported_dsl_version: "0.7.0" });
    expect((await exportDsl(confirmed.body.app_id)).model_config.pre_prompt).toBe("You repeat {{topic}}.");

    const twice = await callJson("POST", `/console/api/apps/imports/${pending.body.id}/confirm`, { token });
    expect(twice.status).toBe(404);
  });

  it("answers 404 when confirming an unknown import", async () => {
    const r = await callJson("POST", "/console/api/apps/imports/00000000-0000-7000-8000-000000000000/confirm", { token });
    expect(r.status).toBe(404);
    expect(r.body.code).toBe("not_found");
  });

  it("fails an unquoted numeric version and YAML that is not an app", async () => {
    const float = await importYaml(offlineApp("0.6.0").replace('version: "0.6.0"', "version: 0.3"));
    expect(float.status).toBe(400);
    expect(float.body.error).toMatch(/Invalid version type/);
    const list = await importYaml("- a\n- b\n");
    expect(list.status).toBe(400);
    expect(list.body.error).toMatch(/must be a mapping/);
  });

  it("fails without content, and refuses to overwrite a chat or completion app", async () => {
    const empty = await callJson("POST", "/console/api/apps/imports", { token, body: { mode: "yaml-content" } });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ status: "failed", error: "yaml_content is required when import_mode is yaml-content" });

    const target = await importYaml(offlineApp("0.6.0"));
    const over = await importYaml(offlineApp("0.6.0"), { app_id: target.body.app_id });
    expect(over.status).toBe(400);
    expect(over.body.error).toBe("Only workflow or advanced chat apps can be overwritten");
    const missing = await importYaml(offlineApp("0.6.0"), { app_id: "00000000-0000-7000-8000-000000000000" });
    expect(missing.body).toMatchObject({ status: "failed", error: "App not found" });
  });

  it("refuses a yaml_url at a private address", async () => {
    const r = await callJson("POST", "/console/api/apps/imports", { token, body: { mode: "yaml-url", yaml_url: "http://10.1.2.3/app.yml" } });
    expect(r.status).toBe(400);
    expect(r.body.status).toBe("failed");
    expect(r.body.error).toMatch(/private, loopback and link-local addresses are not allowed \(10\.1\.2\.3\)/);
  });

  it("fetches a yaml_url and fails on an HTTP error", async () => {
    // The fake OpenAI server is the one reachable (allow-listed) host; it serves no YAML files.
    const r = await callJson("POST", "/console/api/apps/imports", {
      token,
      body: { mode: "yaml-url", yaml_url: `${inject("fakeOpenAIUrl")}/apps/echo.yml` },
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/^Error fetching YAML from URL: HTTP 4\d\d$/);
  });

  it("validates the request body", async () => {
    const r = await callJson("POST", "/console/api/apps/imports", { token, body: { mode: "yaml-file", yaml_content: "x" } });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("invalid_param");
  });
});

describe("who may import and export", () => {
  it("lets a normal member export but not import (403)", async () => {
    const app = await importYaml(offlineApp("0.6.0"));
    const normal = await joinByInvite(token, workspaceId, uniqueEmail("normal"), "normal");
    const r = await importYaml(offlineApp("0.6.0"), {}, normal);
    expect(r.status).toBe(403);
    expect((await exportDsl(app.body.app_id, normal)).app.name).toBe("Echo");
  });

  it("answers 404 to another workspace's export and confirm", async () => {
    const app = await importYaml(offlineApp("0.6.0"));
    const pending = await importYaml(offlineApp("0.7.0"));
    const stranger = await newWorkspaceOwner();
    const exp = await callJson("GET", `/console/api/apps/${app.body.app_id}/export`, { token: stranger.token });
    expect(exp.status).toBe(404);
    const conf = await callJson("POST", `/console/api/apps/imports/${pending.body.id}/confirm`, { token: stranger.token });
    expect(conf.status).toBe(404);
    // Still there for its own workspace.
    const mine = await callJson("POST", `/console/api/apps/imports/${pending.body.id}/confirm`, { token });
    expect(mine.status).toBe(200);
  });
});
