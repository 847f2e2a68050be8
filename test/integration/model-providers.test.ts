import { embedMany, generateText, streamText } from "ai";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createCtx, withWorkspace } from "../../src/context";
import { getDefaultModel, setDefaultModels } from "../../src/models/defaults";
import { getEmbeddingModel, getLanguageModel, listProviders, parseModelName } from "../../src/models/registry";
import { callJson, joinByInvite, newWorkspaceOwner, uniqueEmail } from "../support/console";

const API = "/console/api/workspaces/current";
const fakeUrl = inject("fakeOpenAIUrl");
const fakeOrigin = new URL(fakeUrl).origin;

const newKey = () => `sk-test-${crypto.randomUUID().replaceAll("-", "")}`;

/** The requests the fake OpenAI server saw with this key. */
async function seenBy(key: string): Promise<{ method: string; path: string; body: any }[]> {
  const res = await fetch(`${fakeOrigin}/__control/requests?api_key=${encodeURIComponent(key)}`);
  return ((await res.json()) as { data: { method: string; path: string; body: any }[] }).data;
}

async function storedRows(workspaceId: string) {
  const { results } = await env.DB.prepare("select * from provider_credentials where workspace_id = ?")
    .bind(workspaceId)
    .all<Record<string, unknown>>();
  return results;
}

async function providers(token: string): Promise<any[]> {
  const r = await callJson("GET", `${API}/model-providers`, { token });
  expect(r.status).toBe(200);
  return r.body.data;
}

const compatBody = (name: string, key: string, extra: Record<string, unknown> = {}) => ({
  name,
  label: "Local fake",
  base_url: fakeUrl,
  api_key: key,
  models: [
    { model: "fake-chat", model_type: "llm" },
    { model: "text-embedding-3-small", model_type: "text-embedding" },
  ],
  ...extra,
});

let admin: { token: string; workspaceId: string };
beforeAll(async () => {
  admin = await newWorkspaceOwner();
});

describe("listing model providers", () => {
  it("lists the offline provider with no setup, flagged offline, and OpenAI awaiting a key", async () => {
    const { token } = await newWorkspaceOwner();
    const list = await providers(token);
    const offline = list.find((p) => p.provider === "offline");
    expect(offline).toEqual({
      provider: "offline",
      provider_type: "offline",
      label: expect.any(String),
      description: expect.any(String),
      is_offline: true,
      is_system: false,
      configured: true,
      base_url: null,
      api_key_hint: null,
      models: [
        { model: "kiln-echo", model_type: "llm" },
        { model: "kiln-embed", model_type: "text-embedding" },
      ],
    });
    expect(list.find((p) => p.provider === "openai")).toMatchObject({ configured: false, is_offline: false, api_key_hint: null });
    // No OPENAI_API_KEY in the test environment, no AI binding.
    expect(list.map((p) => p.provider)).not.toContain("system");
    expect(list.map((p) => p.provider)).not.toContain("workers_ai");
  });

  it("offers the offline models per model type and as defaults when nothing is set", async () => {
    const { token } = await newWorkspaceOwner();
    const llms = await callJson("GET", `${API}/models/model-types/llm`, { token });
    expect(llms.body.data).toEqual([
      { provider: "offline", label: expect.any(String), is_offline: true, accepts_any_model: false, models: [{ model: "kiln-echo", model_type: "llm" }] },
    ]);
    const llm = await callJson("GET", `${API}/default-model?model_type=llm`, { token });
    expect(llm.body).toEqual({ data: { model_type: "llm", provider: "offline", model: "kiln-echo", is_offline: true } });
    const emb = await callJson("GET", `${API}/default-model?model_type=text-embedding`, { token });
    expect(emb.body.data).toMatchObject({ provider: "offline", model: "kiln-embed", is_offline: true });
    const bad = await callJson("GET", `${API}/models/model-types/image`, { token });
    expect(bad.status).toBe(400);
  });
});

describe("OpenAI credentials", () => {
  it("saves a working key after a real call, and shows only a masked hint", async () => {
    const { token, workspaceId } = await newWorkspaceOwner();
    const key = newKey();
    const r = await callJson("POST", `${API}/model-providers/openai/credentials`, {
      token,
      body: { api_key: key, base_url: `${fakeUrl}/` },
    });
    expect(r.status).toBe(200);
    expect(r.body.result).toBe("success");
    expect(r.body.provider).toMatchObject({
      provider: "openai",
      provider_type: "openai",
      configured: true,
      is_offline: false,
      base_url: fakeUrl,
      models: expect.arrayContaining([{ model: "gpt-4o-mini", model_type: "llm" }]),
    });
    const hint: string = r.body.provider.api_key_hint;
    expect(hint).toMatch(/\*{4,}/);
    expect(hint.endsWith(key.slice(-4))).toBe(true);
    expect(JSON.stringify(r.body)).not.toContain(key);

    // With no declared models the key is proven by listing the provider's models.
    expect(await seenBy(key)).toEqual([{ method: "GET", path: "/v1/models", body: {} }]);

    const list = await callJson("GET", `${API}/model-providers`, { token });
    expect(list.body.data.find((p: any) => p.provider === "openai")).toMatchObject({ configured: true, api_key_hint: hint });
    expect(JSON.stringify(list.body)).not.toContain(key);

    const rows = await storedRows(workspaceId);
    expect(rows).toHaveLength(1);
    expect(String(rows[0].encrypted_api_key)).toMatch(/^v1\./);
    const { results: everything } = await env.DB.prepare("select * from provider_credentials").all();
    expect(JSON.stringify(everything)).not.toContain(key);
    expect(JSON.stringify(everything)).not.toContain(key.slice(8, -4));
  });

  it("checks every declared model with the smallest real call", async () => {
    const { token } = await newWorkspaceOwner();
    const key = newKey();
    const r = await callJson("POST", `${API}/model-providers/openai/credentials`, {
      token,
      body: {
        api_key: key,
        base_url: fakeUrl,
        models: [
          { model: "gpt-4o", model_type: "llm" },
          { model: "text-embedding-3-large", model_type: "text-embedding" },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.provider.models).toEqual([
      { model: "gpt-4o", model_type: "llm" },
      { model: "text-embedding-3-large", model_type: "text-embedding" },
    ]);
    const seen = await seenBy(key);
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(["POST /v1/chat/completions", "POST /v1/embeddings"]);
    expect(seen[0].body).toMatchObject({ model: "gpt-4o", max_completion_tokens: 1 });
    expect(seen[1].body).toEqual({ model: "text-embedding-3-large", input: "ping" });
  });

  it("refuses a key the provider rejects with 400 invalid_credentials and saves nothing", async () => {
    const { token, workspaceId } = await newWorkspaceOwner();
    const r = await callJson("POST", `${API}/model-providers/openai/credentials`, {
      token,
      body: { api_key: "sk-invalid-0123456789abcdef", base_url: fakeUrl },
    });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ code: "invalid_credentials", message: "The provider rejected the API key", status: 400 });
    expect(await storedRows(workspaceId)).toHaveLength(0);
    expect((await providers(token)).find((p) => p.provider === "openai").configured).toBe(false);
  });

  it("keeps the working key when a replacement fails validation", async () => {
    const { token } = await newWorkspaceOwner();
    const good = await callJson("POST", `${API}/model-providers/openai/credentials`, {
      token,
      body: { api_key: newKey(), base_url: fakeUrl },
    });
    expect(good.status).toBe(200);
    const bad = await callJson("POST", `${API}/model-providers/openai/credentials`, {
      token,
      body: { api_key: "sk-quota-0123456789abcdef", base_url: fakeUrl },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("invalid_credentials");
    expect(bad.body.message).toContain("quota");
    const openai = (await providers(token)).find((p) => p.provider === "openai");
    expect(openai.api_key_hint).toBe(good.body.provider.api_key_hint);
  });

  it("answers provider_unreachable when nothing listens at the base URL", async () => {
    const { token, workspaceId } = await newWorkspaceOwner();
    const r = await callJson("POST", `${API}/model-providers/openai/credentials`, {
      token,
      body: { api_key: newKey(), base_url: "http://127.0.0.1:1/v1" },
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("provider_unreachable");
    expect(r.body.message).toContain("127.0.0.1:1");
    expect(await storedRows(workspaceId)).toHaveLength(0);
  });

  it("answers model_not_found naming a declared model the provider does not have", async () => {
    const { token, workspaceId } = await newWorkspaceOwner();
    const r = await callJson("POST", `${API}/model-providers/openai/credentials`, {
      token,
      body: { api_key: newKey(), base_url: fakeUrl, models: [{ model: "gpt-nonexistent", model_type: "llm" }] },
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("model_not_found");
    expect(r.body.message).toContain("gpt-nonexistent");
    expect(await storedRows(workspaceId)).toHaveLength(0);
  });

  it("passes on the provider's own message for other failures", async () => {
    const { token } = await newWorkspaceOwner();
    const r = await callJson("POST", `${API}/model-providers/openai/credentials`, {
      token,
      body: { api_key: newKey(), base_url: fakeUrl, models: [{ model: "fake-error-500", model_type: "llm" }] },
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: "invalid_credentials", message: expect.stringContaining("forced 500") });
  });

  it("treats a 403 from the provider like a rejected key", async () => {
    const { token } = await newWorkspaceOwner();
    const r = await callJson("POST", `${API}/model-providers/openai/credentials`, {
      token,
      body: { api_key: newKey(), base_url: fakeUrl, models: [{ model: "fake-error-403", model_type: "llm" }] },
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: "invalid_credentials", message: "The provider rejected the API key" });
  });

  it.each([
    "http://10.0.0.5/v1",
    "http://localhost:11434/v1",
    "http://169.254.169.254/latest",
    "http://[::1]:8080/v1",
    "file:///etc/passwd",
  ])("refuses the private or non-http base URL %s before calling it", async (base_url) => {
    const { token, workspaceId } = await newWorkspaceOwner();
    const r = await callJson("POST", `${API}/model-providers/openai/credentials`, {
      token,
      body: { api_key: newKey(), base_url },
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: "invalid_param", params: ["base_url"] });
    const compat = await callJson("POST", `${API}/model-providers/openai_api_compatible`, {
      token,
      body: compatBody("ollama", newKey(), { base_url }),
    });
    expect(compat.status).toBe(400);
    expect(compat.body).toMatchObject({ code: "invalid_param", params: ["base_url"] });
    expect(await storedRows(workspaceId)).toHaveLength(0);
  });

  it("rejects unknown fields and a missing key", async () => {
    const r1 = await callJson("POST", `${API}/model-providers/openai/credentials`, {
      token: admin.token,
      body: { api_key: newKey(), base_url: fakeUrl, organization: "x" },
    });
    expect(r1.status).toBe(400);
    const r2 = await callJson("POST", `${API}/model-providers/openai/credentials`, { token: admin.token, body: { base_url: fakeUrl } });
    expect(r2).toMatchObject({ status: 400, body: { code: "invalid_param", params: ["api_key"] } });
  });
});

describe("OpenAI-compatible endpoints", () => {
  it("round-trips an endpoint with an llm and an embedding model, replaces it by name and removes it", async () => {
    const { token, workspaceId } = await newWorkspaceOwner();
    const key = newKey();
    const created = await callJson("POST", `${API}/model-providers/openai_api_compatible`, {
      token,
      body: compatBody("local", key),
    });
    expect(created.status).toBe(201);
    expect(created.body.provider).toMatchObject({
      provider: "compat_local",
      provider_type: "openai_api_compatible",
      label: "Local fake",
      configured: true,
      base_url: fakeUrl,
      models: [
        { model: "fake-chat", model_type: "llm" },
        { model: "text-embedding-3-small", model_type: "text-embedding" },
      ],
    });
    expect(JSON.stringify(created.body)).not.toContain(key);
    const seen = await seenBy(key);
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(["POST /v1/chat/completions", "POST /v1/embeddings"]);
    expect(seen[0].body).toMatchObject({ model: "fake-chat", max_tokens: 1 });

    const llms = await callJson("GET", `${API}/models/model-types/llm`, { token });
    expect(llms.body.data.map((p: any) => p.provider)).toEqual(["offline", "compat_local"]);
    expect(llms.body.data[1].models).toEqual([{ model: "fake-chat", model_type: "llm" }]);
    const embeddings = await callJson("GET", `${API}/models/model-types/text-embedding`, { token });
    expect(embeddings.body.data[1]).toMatchObject({
      provider: "compat_local",
      models: [{ model: "text-embedding-3-small", model_type: "text-embedding" }],
    });

    const replaced = await callJson("POST", `${API}/model-providers/openai_api_compatible`, {
      token,
      body: compatBody("local", newKey(), { label: "Renamed", models: [{ model: "gpt-4o", model_type: "llm" }] }),
    });
    expect(replaced.status).toBe(201);
    const compat = (await providers(token)).filter((p) => p.provider.startsWith("compat_"));
    expect(compat).toHaveLength(1);
    expect(compat[0]).toMatchObject({ label: "Renamed", models: [{ model: "gpt-4o", model_type: "llm" }] });
    expect(await storedRows(workspaceId)).toHaveLength(1);

    const del = await callJson("DELETE", `${API}/model-providers/compat_local`, { token });
    expect(del.status).toBe(204);
    expect((await providers(token)).map((p) => p.provider)).not.toContain("compat_local");
    expect((await callJson("DELETE", `${API}/model-providers/compat_local`, { token })).status).toBe(404);
    expect(await storedRows(workspaceId)).toHaveLength(0);
  });

  it("does not replace an endpoint when the new settings fail validation", async () => {
    const { token } = await newWorkspaceOwner();
    expect((await callJson("POST", `${API}/model-providers/openai_api_compatible`, { token, body: compatBody("vllm", newKey()) })).status).toBe(201);
    const bad = await callJson("POST", `${API}/model-providers/openai_api_compatible`, {
      token,
      body: compatBody("vllm", newKey(), { label: "Broken", models: [{ model: "no-such-model", model_type: "text-embedding" }] }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("model_not_found");
    expect((await providers(token)).find((p) => p.provider === "compat_vllm").label).toBe("Local fake");
  });

  it("validates the name, the models and the body's fields", async () => {
    const post = (body: unknown) => callJson("POST", `${API}/model-providers/openai_api_compatible`, { token: admin.token, body });
    expect((await post(compatBody("Bad Name", newKey()))).body.params).toEqual(["name"]);
    expect((await post(compatBody("x".repeat(33), newKey()))).status).toBe(400);
    expect((await post(compatBody("ok", newKey(), { models: [] }))).body.params).toEqual(["models"]);
    expect((await post(compatBody("ok", newKey(), { models: [{ model: "m", model_type: "rerank" }] }))).status).toBe(400);
    expect((await post(compatBody("ok", newKey(), { extra: true }))).status).toBe(400);
  });

  it("refuses to remove built-in providers and answers 404 to unknown ones", async () => {
    for (const provider of ["offline", "system", "workers_ai"]) {
      const r = await callJson("DELETE", `${API}/model-providers/${provider}`, { token: admin.token });
      expect(r.status, provider).toBe(400);
    }
    const r = await callJson("DELETE", `${API}/model-providers/compat_nothing`, { token: admin.token });
    expect(r).toMatchObject({ status: 404, body: { code: "not_found" } });
  });
});

describe("default models", () => {
  it("sets and reads back defaults, and falls back to offline when the provider is removed", async () => {
    const { token } = await newWorkspaceOwner();
    await callJson("POST", `${API}/model-providers/openai_api_compatible`, { token, body: compatBody("dflt", newKey()) });
    const set = await callJson("POST", `${API}/default-model`, {
      token,
      body: {
        model_settings: [
          { model_type: "llm", provider: "compat_dflt", model: "fake-chat" },
          { model_type: "text-embedding", provider: "offline", model: "kiln-embed" },
        ],
      },
    });
    expect(set).toMatchObject({ status: 200, body: { result: "success" } });
    const llm = await callJson("GET", `${API}/default-model?model_type=llm`, { token });
    expect(llm.body.data).toEqual({ model_type: "llm", provider: "compat_dflt", model: "fake-chat", is_offline: false });
    const emb = await callJson("GET", `${API}/default-model?model_type=text-embedding`, { token });
    expect(emb.body.data).toEqual({ model_type: "text-embedding", provider: "offline", model: "kiln-embed", is_offline: true });

    await callJson("DELETE", `${API}/model-providers/compat_dflt`, { token });
    const after = await callJson("GET", `${API}/default-model?model_type=llm`, { token });
    expect(after.body.data).toMatchObject({ provider: "offline", model: "kiln-echo", is_offline: true });
  });

  it.each([
    ["an unknown model", { model_type: "llm", provider: "offline", model: "kiln-nope" }],
    ["an unconfigured provider", { model_type: "llm", provider: "openai", model: "gpt-4o-mini" }],
    ["a model of another type", { model_type: "llm", provider: "offline", model: "kiln-embed" }],
  ])("refuses %s as a default with 400 invalid_param", async (_, setting) => {
    const { token } = await newWorkspaceOwner();
    const r = await callJson("POST", `${API}/default-model`, { token, body: { model_settings: [setting] } });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("invalid_param");
    const still = await callJson("GET", `${API}/default-model?model_type=llm`, { token });
    expect(still.body.data.model).toBe("kiln-echo");
  });

  it("requires a model_type to read a default", async () => {
    const r = await callJson("GET", `${API}/default-model`, { token: admin.token });
    expect(r).toMatchObject({ status: 400, body: { code: "invalid_param" } });
  });
});

describe("who may see and change providers", () => {
  it("lets normal and editor members read but answers 403 to their writes", async () => {
    const owner = await newWorkspaceOwner();
    for (const role of ["normal", "editor", "dataset_operator"]) {
      const token = await joinByInvite(owner.token, owner.workspaceId, uniqueEmail(role), role);
      expect((await callJson("GET", `${API}/model-providers`, { token })).status, role).toBe(200);
      expect((await callJson("GET", `${API}/default-model?model_type=llm`, { token })).status, role).toBe(200);
      const writes = [
        callJson("POST", `${API}/model-providers/openai/credentials`, { token, body: { api_key: newKey(), base_url: fakeUrl } }),
        callJson("POST", `${API}/model-providers/openai_api_compatible`, { token, body: compatBody("mine", newKey()) }),
        callJson("DELETE", `${API}/model-providers/openai`, { token }),
        callJson("POST", `${API}/default-model`, {
          token,
          body: { model_settings: [{ model_type: "llm", provider: "offline", model: "kiln-echo" }] },
        }),
      ];
      for (const r of await Promise.all(writes)) expect(r.status, role).toBe(403);
    }
    expect(await storedRows(owner.workspaceId)).toHaveLength(0);
  });

  it("never shows or lets another workspace use this workspace's providers", async () => {
    const mine = await newWorkspaceOwner();
    const key = newKey();
    await callJson("POST", `${API}/model-providers/openai/credentials`, { token: mine.token, body: { api_key: key, base_url: fakeUrl } });
    await callJson("POST", `${API}/model-providers/openai_api_compatible`, { token: mine.token, body: compatBody("secret", newKey()) });

    const stranger = await newWorkspaceOwner();
    const theirs = await providers(stranger.token);
    expect(theirs.map((p) => p.provider)).not.toContain("compat_secret");
    expect(theirs.find((p) => p.provider === "openai")).toMatchObject({ configured: false, api_key_hint: null });
    const types = await callJson("GET", `${API}/models/model-types/llm`, { token: stranger.token });
    expect(types.body.data.map((p: any) => p.provider)).toEqual(["offline"]);
    const useIt = await callJson("POST", `${API}/default-model`, {
      token: stranger.token,
      body: { model_settings: [{ model_type: "llm", provider: "compat_secret", model: "fake-chat" }] },
    });
    expect(useIt.status).toBe(400);
    expect((await callJson("DELETE", `${API}/model-providers/compat_secret`, { token: stranger.token })).status).toBe(404);
    expect((await callJson("DELETE", `${API}/model-providers/openai`, { token: stranger.token })).status).toBe(404);
    expect((await providers(mine.token)).filter((p) => p.configured).map((p) => p.provider)).toEqual([
      "offline",
      "openai",
      "compat_secret",
    ]);
  });
});

describe("models from a saved provider", () => {
  function workspaceCtx(workspaceId: string, bindings: Cloudflare.Env = env) {
    const actor = { accountId: "test", email: "test@example.com", name: "Test" };
    return withWorkspace(createCtx(bindings), actor, { id: workspaceId, role: "owner" });
  }

  it("calls the saved endpoint with the decrypted key for text, streams and embeddings", async () => {
    const { token, workspaceId } = await newWorkspaceOwner();
    const key = newKey();
    const saved = await callJson("POST", `${API}/model-providers/openai_api_compatible`, { token, body: compatBody("live", key) });
    expect(saved.status).toBe(201);
    const ctx = workspaceCtx(workspaceId);

    const model = await getLanguageModel(ctx, parseModelName("compat_live:fake-chat"));
    const r = await generateText({ model, prompt: "hello kiln" });
    expect(r.text).toBe("Echo: hello kiln");

    const s = streamText({ model, prompt: "stream this please" });
    const chunks: string[] = [];
    for await (const chunk of s.textStream) chunks.push(chunk);
    expect(chunks.join("")).toBe("Echo: stream this please");
    expect(chunks.length).toBeGreaterThan(1);

    const embedder = await getEmbeddingModel(ctx, { provider: "compat_live", model: "text-embedding-3-small" });
    const { embeddings } = await embedMany({ model: embedder, values: ["a", "b"] });
    expect(embeddings).toHaveLength(2);
    expect(embeddings[0]).toHaveLength(16);

    const paths = (await seenBy(key)).map((q) => `${q.method} ${q.path}`);
    // Two validation calls, then the three calls above.
    expect(paths.slice(2)).toEqual(["POST /v1/chat/completions", "POST /v1/chat/completions", "POST /v1/embeddings"]);
  });

  it("resolves the offline models and refuses models the workspace does not have", async () => {
    const ctx = workspaceCtx(admin.workspaceId);
    const offline = await getLanguageModel(ctx, { provider: "offline", model: "kiln-echo" });
    expect((await generateText({ model: offline, prompt: "hi" })).text).toContain('"hi"');
    await expect(getLanguageModel(ctx, { provider: "offline", model: "kiln-embed" })).rejects.toMatchObject({
      code: "model_not_found",
      status: 400,
    });
    await expect(getLanguageModel(ctx, { provider: "compat_elsewhere", model: "fake-chat" })).rejects.toMatchObject({
      code: "provider_not_initialize",
    });
    await expect(getEmbeddingModel(ctx, { provider: "openai", model: "text-embedding-3-small" })).rejects.toMatchObject({
      code: "provider_not_initialize",
    });
  });

  it("reads provider:model names, keeping colons that belong to the model id", () => {
    expect(parseModelName("compat_ollama:llama3:8b")).toEqual({ provider: "compat_ollama", model: "llama3:8b" });
    expect(() => parseModelName("kiln-echo")).toThrow(/provider:model/);
    expect(() => parseModelName(":kiln-echo")).toThrow(/provider:model/);
  });

  it("offers the operator's OpenAI from env as a read-only system provider, and forgets defaults it withdraws", async () => {
    const { workspaceId } = await newWorkspaceOwner();
    const key = newKey();
    const withSystem = { ...env, OPENAI_API_KEY: key, OPENAI_BASE_URL: fakeUrl, OPENAI_MODELS: "fake-chat, gpt-4o", OPENAI_EMBEDDING_MODELS: "" };
    const ctx = workspaceCtx(workspaceId, withSystem);
    const system = (await listProviders(ctx)).find((p) => p.provider === "system");
    expect(system).toMatchObject({
      provider_type: "system",
      is_system: true,
      is_offline: false,
      configured: true,
      base_url: null,
      api_key_hint: null,
      models: [
        { model: "fake-chat", model_type: "llm" },
        { model: "gpt-4o", model_type: "llm" },
        { model: "text-embedding-3-small", model_type: "text-embedding" },
      ],
    });
    const r = await generateText({ model: await getLanguageModel(ctx, parseModelName("system:fake-chat")), prompt: "from env" });
    expect(r.text).toBe("Echo: from env");
    expect((await seenBy(key)).map((q) => q.path)).toEqual(["/v1/chat/completions"]);

    await setDefaultModels(ctx, [{ model_type: "llm", provider: "system", model: "gpt-4o" }]);
    expect(await getDefaultModel(ctx, "llm")).toEqual({ model_type: "llm", provider: "system", model: "gpt-4o", is_offline: false });
    // The operator removes the key: the workspace keeps working on the offline model.
    expect(await getDefaultModel(workspaceCtx(workspaceId), "llm")).toMatchObject({ provider: "offline", model: "kiln-echo" });
  });

  it("serves OpenAI and OpenAI-compatible models from the operator's key until the workspace adds its own, as Dify's hosted OpenAI does", async () => {
    const { token, workspaceId } = await newWorkspaceOwner();
    const key = newKey();
    const open = workspaceCtx(workspaceId, { ...env, OPENAI_API_KEY: key, OPENAI_BASE_URL: fakeUrl });
    // An app imported from Dify names `langgenius/openai/openai` and a model the operator did not
    // list (the default list is gpt-4o-mini and gpt-4o): the endpoint judges it.
    const chat = await generateText({ model: await getLanguageModel(open, parseModelName("openai:fake-chat")), prompt: "imported" });
    expect(chat.text).toBe("Echo: imported");
    const compat = await generateText({ model: await getLanguageModel(open, parseModelName("openai_api_compatible:fake-chat")), prompt: "compat" });
    expect(compat.text).toBe("Echo: compat");
    const { embeddings } = await embedMany({ model: await getEmbeddingModel(open, parseModelName("openai:text-embedding-3-large")), values: ["a"] });
    expect(embeddings).toHaveLength(1);
    expect((await seenBy(key)).map((q) => [q.path, q.body.model])).toEqual([
      ["/v1/chat/completions", "fake-chat"],
      ["/v1/chat/completions", "fake-chat"],
      ["/v1/embeddings", "text-embedding-3-large"],
    ]);
    // Other providers are not stood in for, and models the operator listed are the only ones then.
    await expect(getLanguageModel(open, parseModelName("anthropic:claude-3"))).rejects.toMatchObject({ code: "provider_not_initialize" });
    const listed = workspaceCtx(workspaceId, { ...env, OPENAI_API_KEY: key, OPENAI_BASE_URL: fakeUrl, OPENAI_MODELS: "gpt-4o" });
    await expect(getLanguageModel(listed, parseModelName("openai:fake-chat"))).rejects.toMatchObject({ code: "model_not_found" });
    expect((await generateText({ model: await getLanguageModel(listed, parseModelName("openai:gpt-4o")), prompt: "x" })).text).toBe("Echo: x");
    // Without the operator's key, nothing stands in.
    await expect(getLanguageModel(workspaceCtx(workspaceId), parseModelName("openai:gpt-4o"))).rejects.toMatchObject({
      code: "provider_not_initialize",
    });

    // The workspace's own OpenAI key, once saved, wins, and keeps its own model list.
    const own = newKey();
    const saved = await callJson("POST", `${API}/model-providers/openai/credentials`, { token, body: { api_key: own, base_url: fakeUrl } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await generateText({ model: await getLanguageModel(open, parseModelName("openai:gpt-4o-mini")), prompt: "own" });
    expect((await seenBy(own)).at(-1)).toMatchObject({ path: "/v1/chat/completions", body: { model: "gpt-4o-mini" } });
    expect(await seenBy(key)).toHaveLength(4);
    await expect(getLanguageModel(open, parseModelName("openai:fake-chat"))).rejects.toMatchObject({ code: "model_not_found" });
  });
});
