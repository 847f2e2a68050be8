// Dify's model providers by their Dify names (siliconflow, ollama…): a workspace adds one with a
// key, and apps imported from Dify that name it run on it unchanged. The vendor's endpoint is the
// fake OpenAI server; real D1 in workerd.
import { generateText } from "ai";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { agentStrategy } from "../../src/apps/runners/agent";
import { getLanguageModel } from "../../src/models/registry";
import { fakeOpenAIUrl, fakeRequests, newFakeKey, newOwner, type Owner, publishedWorkflowApp, v1 } from "../support/apps";
import { callJson, joinByInvite, uniqueEmail } from "../support/console";

const API = "/console/api/workspaces/current";
const fakeOrigin = new URL(fakeOpenAIUrl).origin;

const save = (token: string, provider: string, body: Record<string, unknown>) =>
  callJson("POST", `${API}/model-providers/${provider}/credentials`, { token, body });

const catalogue = async (token: string) => {
  const r = await callJson("GET", `${API}/model-providers/catalogue`, { token });
  expect(r.status).toBe(200);
  return r.body.data as { provider: string; configured: boolean; base_url: string | null; api_key_required: boolean }[];
};

// A Dify 1.x export: its LLM names SiliconFlow by plugin id, with a model the workspace never listed.
const siliconflowWorkflow = (model: string) => `version: 0.3.0
kind: app
app: {name: Summariser, mode: workflow, icon: 🤖}
dependencies:
- current_identifier: null
  type: marketplace
  value: {marketplace_plugin_unique_identifier: langgenius/siliconflow:0.0.20@abc}
workflow:
  environment_variables: []
  conversation_variables: []
  features: {}
  graph:
    edges:
    - {id: e1, source: start, target: llm, sourceHandle: source, targetHandle: target, data: {sourceType: start, targetType: llm}}
    - {id: e2, source: llm, target: end, sourceHandle: source, targetHandle: target, data: {sourceType: llm, targetType: end}}
    nodes:
    - id: start
      data:
        type: start
        title: Start
        variables:
        - {variable: topic, label: Topic, type: text-input, required: true, max_length: 200}
    - id: llm
      data:
        type: llm
        title: LLM
        model: {provider: langgenius/siliconflow/siliconflow, name: ${model}, mode: chat, completion_params: {temperature: 0.7}}
        prompt_template:
        - {role: system, text: You summarise.}
        - {role: user, text: "{{#start.topic#}}"}
        context: {enabled: false, variable_selector: []}
        vision: {enabled: false}
    - id: end
      data:
        type: end
        title: End
        outputs:
        - {variable: summary, value_selector: [llm, text]}
`;

let owner: Owner;
beforeAll(async () => {
  owner = await newOwner();
});

describe("the catalogue of Dify's providers", () => {
  it("lists Dify's provider names with their endpoints, none configured in a new workspace", async () => {
    const list = await catalogue(owner.token);
    const names = list.map((p) => p.provider);
    for (const name of ["siliconflow", "deepseek", "tongyi", "volcengine_maas", "ollama", "google", "openai_api_compatible"]) {
      expect(names).toContain(name);
    }
    expect(names).not.toContain("openai"); // OpenAI has its own form
    expect(list.find((p) => p.provider === "siliconflow")).toMatchObject({
      base_url: "https://api.siliconflow.cn/v1",
      api_key_required: true,
      configured: false,
    });
    expect(list.find((p) => p.provider === "ollama")).toMatchObject({ base_url: null, api_key_required: false });
  });
});

describe("adding a provider by its Dify name", () => {
  it("saves SiliconFlow after a real call with the model's endpoint id, stores the key encrypted, and runs any of its models", async () => {
    const { token, wctx } = await newOwner();
    const key = newFakeKey();
    const r = await save(token, "siliconflow", {
      base_url: fakeOpenAIUrl,
      api_key: key,
      models: [{ model: "Qwen/Qwen2.5-7B-Instruct", model_type: "llm", endpoint_model_name: "fake-chat" }],
    });
    expect(r.status).toBe(200);
    expect(r.body.provider).toMatchObject({
      provider: "siliconflow",
      provider_type: "openai_api_compatible",
      label: "SiliconFlow",
      configured: true,
      base_url: fakeOpenAIUrl,
      models: [{ model: "Qwen/Qwen2.5-7B-Instruct", model_type: "llm", endpoint_model_name: "fake-chat" }],
    });
    expect(r.body.provider.api_key_hint).not.toContain(key.slice(8, -4));
    // The check called the endpoint's own id, not the name apps use.
    expect((await fakeRequests(key)).map((q) => q.body?.model)).toEqual(["fake-chat"]);

    const { results } = await env.DB.prepare("select * from provider_credentials where workspace_id = ?").bind(wctx.workspace.id).all<any>();
    expect(results).toHaveLength(1);
    expect(JSON.stringify(results)).not.toContain(key);

    expect((await catalogue(token)).find((p) => p.provider === "siliconflow")?.configured).toBe(true);

    // The listed model goes out under its endpoint id; a model it never listed goes out as named.
    const listed = await generateText({ model: await getLanguageModel(wctx, { provider: "siliconflow", model: "Qwen/Qwen2.5-7B-Instruct" }), prompt: "hi" });
    expect(listed.text).toBe("Echo: hi");
    const unlisted = await generateText({ model: await getLanguageModel(wctx, { provider: "siliconflow", model: "gpt-4o" }), prompt: "yo" });
    expect(unlisted.text).toBe("Echo: yo");
    expect((await fakeRequests(key)).slice(1).map((q) => q.body?.model)).toEqual(["fake-chat", "gpt-4o"]);
    const models = await callJson("GET", `${API}/models/model-types/llm`, { token });
    expect(models.body.data.find((p: any) => p.provider === "siliconflow")).toMatchObject({
      accepts_any_model: true,
      models: [{ model: "Qwen/Qwen2.5-7B-Instruct", model_type: "llm", endpoint_model_name: "fake-chat" }],
    });
    // Speech models are still only the listed ones.
    const speech = await callJson("GET", `${API}/models/model-types/tts`, { token });
    expect(speech.body.data.find((p: any) => p.provider === "siliconflow")).toBeUndefined();
  });

  it("runs a Dify export that names the provider by plugin id, with no edit, once the key is added", async () => {
    const { token } = await newOwner();
    const before = await callJson("POST", "/console/api/apps/imports", {
      token,
      body: { mode: "yaml-content", yaml_content: siliconflowWorkflow("deepseek-ai/DeepSeek-V3") },
    });
    expect(before.body.warnings.join("\n")).toMatch(/siliconflow/);

    const key = newFakeKey();
    const saved = await save(token, "siliconflow", { base_url: fakeOpenAIUrl, api_key: key, models: [{ model: "gpt-4o-mini", model_type: "llm" }] });
    expect(saved.status).toBe(200);
    // The export names a model the fake server has under that id; the workspace listed another.
    const { key: appKey } = await publishedWorkflowApp(token, siliconflowWorkflow("gpt-4o"));
    const run = await v1(appKey, "POST", "/workflows/run", { body: { inputs: { topic: "tides" }, response_mode: "blocking", user: "u1" } });
    expect(run.status).toBe(200);
    expect(run.body.data).toMatchObject({ status: "succeeded", outputs: { summary: "Echo: tides" } });
    expect((await fakeRequests(key)).at(-1)?.body?.model).toBe("gpt-4o");
  });

  it("takes Ollama's server root as Dify's form does, and leaves the key to the server", async () => {
    const { token } = await newOwner();
    const models = [{ model: "fake-chat", model_type: "llm" }];
    // Kiln asks no key of Ollama: the call is made, and this server (which wants one) refuses it.
    const keyless = await save(token, "ollama", { base_url: `${fakeOrigin}/`, models });
    expect(keyless.status).toBe(400);
    expect(keyless.body).toMatchObject({ code: "invalid_credentials", message: "The provider rejected the API key" });
    const r = await save(token, "ollama", { base_url: `${fakeOrigin}/`, api_key: newFakeKey(), models });
    expect(r.status).toBe(200);
    expect(r.body.provider).toMatchObject({ provider: "ollama", label: "Ollama", base_url: `${fakeOrigin}/v1` });
  });

  it("replaces a provider's settings, keeping the old ones when the new ones fail", async () => {
    const { token } = await newOwner();
    const key = newFakeKey();
    expect((await save(token, "deepseek", { base_url: fakeOpenAIUrl, api_key: key, models: [{ model: "fake-chat", model_type: "llm" }] })).status).toBe(200);
    const bad = await save(token, "deepseek", { base_url: fakeOpenAIUrl, api_key: "sk-invalid-1", models: [{ model: "fake-chat", model_type: "llm" }] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: "invalid_credentials", status: 400 });
    const list = (await callJson("GET", `${API}/model-providers`, { token })).body.data;
    expect(list.filter((p: any) => p.provider === "deepseek")).toHaveLength(1);
    const removed = await callJson("DELETE", `${API}/model-providers/deepseek`, { token });
    expect(removed.status).toBe(204);
    expect((await catalogue(token)).find((p) => p.provider === "deepseek")?.configured).toBe(false);
  });
});

describe("bad input", () => {
  it("answers 404 for a provider Kiln does not know, and 400 for a missing URL, a missing key or unknown fields", async () => {
    const models = [{ model: "fake-chat", model_type: "llm" }];
    const unknown = await save(owner.token, "no-such-vendor", { api_key: "k", base_url: fakeOpenAIUrl, models });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: "not_found", status: 404 });

    const noUrl = await save(owner.token, "ollama", { models });
    expect(noUrl.status).toBe(400);
    expect(noUrl.body.message).toMatch(/base_url/);

    const noKey = await save(owner.token, "siliconflow", { base_url: fakeOpenAIUrl, models });
    expect(noKey.status).toBe(400);
    expect(noKey.body.message).toMatch(/api_key/);

    const extra = await save(owner.token, "siliconflow", { api_key: "k", models, region: "cn" });
    expect(extra.status).toBe(400);
    const noModels = await save(owner.token, "siliconflow", { api_key: "k", models: [] });
    expect(noModels.status).toBe(400);
    // Built-in names are not in the catalogue.
    expect((await save(owner.token, "system", { api_key: "k", base_url: fakeOpenAIUrl, models })).status).toBe(404);
  });

  it("refuses a private or loopback base URL that is not allowed, calling nothing", async () => {
    const r = await save(owner.token, "openai_api_compatible", { base_url: "http://10.1.2.3:8000/v1", models: [{ model: "m", model_type: "llm" }] });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/private|loopback/);
    const meta = await save(owner.token, "ollama", { base_url: "http://169.254.169.254/", models: [{ model: "m", model_type: "llm" }] });
    expect(meta.status).toBe(400);
  });
});

describe("who may add one", () => {
  it("lets members read the catalogue but only admins save, and keeps each workspace's providers its own", async () => {
    const { token, wctx } = await newOwner();
    const memberToken = await joinByInvite(token, wctx.workspace.id, uniqueEmail("member"), "normal");
    expect((await callJson("GET", `${API}/model-providers/catalogue`, { token: memberToken })).status).toBe(200);
    const denied = await save(memberToken, "siliconflow", { api_key: newFakeKey(), base_url: fakeOpenAIUrl, models: [{ model: "fake-chat", model_type: "llm" }] });
    expect(denied.status).toBe(403);

    const key = newFakeKey();
    expect((await save(token, "siliconflow", { api_key: key, base_url: fakeOpenAIUrl, models: [{ model: "fake-chat", model_type: "llm" }] })).status).toBe(200);
    const other = await newOwner();
    expect((await catalogue(other.token)).find((p) => p.provider === "siliconflow")?.configured).toBe(false);
    await expect(getLanguageModel(other.wctx, { provider: "siliconflow", model: "fake-chat" })).rejects.toMatchObject({ code: "provider_not_initialize" });
    expect((await callJson("DELETE", `${API}/model-providers/siliconflow`, { token: other.token })).status).toBe(404);
  });
});

describe("agent strategy by provider", () => {
  it("uses function calling on a vendor's API and ReAct on a server of the user's own, as Dify's forms default", () => {
    expect(agentStrategy(null, "siliconflow")).toBe("function_call");
    expect(agentStrategy(null, "deepseek")).toBe("function_call");
    expect(agentStrategy(null, "ollama")).toBe("react");
    expect(agentStrategy(null, "openai_api_compatible")).toBe("react");
    expect(agentStrategy(null, "bedrock")).toBe("react");
  });
});
