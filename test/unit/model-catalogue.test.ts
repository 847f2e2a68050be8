// The catalogue of Dify's providers, and the dashboard's reading of the model rows it sends.
import { describe, expect, it } from "vitest";
import { knownProvider, knownProviderBaseUrl, knownProviders } from "../../src/models/catalogue";
import { findModel, modelGroups } from "../../web/src/features/apps/lib/model-choice";
import { modelsFromRows, newModelRow } from "../../web/src/features/model-providers/lib/endpoint-rules";

describe("the provider catalogue", () => {
  it("names providers as Dify does, never a built-in name, each once", () => {
    const names = knownProviders().map((p) => p.provider);
    expect(new Set(names).size).toBe(names.length);
    for (const builtIn of ["offline", "system", "workers_ai", "openai"]) expect(names).not.toContain(builtIn);
    for (const name of names) expect(name).not.toMatch(/^compat_|\//);
    // Every vendor endpoint is HTTPS; servers of the user's own have none.
    for (const p of knownProviders()) if (p.baseUrl) expect(p.baseUrl).toMatch(/^https:\/\/[^/]+/);
  });

  it("adds the API path to a server root, as Dify's Ollama and Xinference forms take the root", () => {
    const ollama = knownProvider("ollama")!;
    expect(knownProviderBaseUrl(ollama, "http://gpu-box:11434")).toBe("http://gpu-box:11434/v1");
    expect(knownProviderBaseUrl(ollama, "http://gpu-box:11434/")).toBe("http://gpu-box:11434/v1");
    expect(knownProviderBaseUrl(ollama, "http://gpu-box:11434/v1")).toBe("http://gpu-box:11434/v1");
    expect(knownProviderBaseUrl(ollama, undefined)).toBeNull();
    const siliconflow = knownProvider("siliconflow")!;
    expect(knownProviderBaseUrl(siliconflow, "  ")).toBe("https://api.siliconflow.cn/v1");
    expect(knownProviderBaseUrl(siliconflow, "https://api.siliconflow.com")).toBe("https://api.siliconflow.com");
  });
});

describe("model rows", () => {
  it("sends an endpoint id only where one is given, trimmed, and drops empty and repeated rows", () => {
    const rows = [
      { ...newModelRow("llm", " deepseek-V3 "), endpointName: " ep-2025 " },
      { ...newModelRow("llm", "deepseek-V3"), endpointName: "ep-other" },
      { ...newModelRow("text-embedding", "bge-m3"), endpointName: "  " },
      newModelRow("llm"),
    ];
    expect(modelsFromRows(rows)).toEqual([
      { model: "deepseek-V3", model_type: "llm", endpoint_model_name: "ep-2025" },
      { model: "bge-m3", model_type: "text-embedding" },
    ]);
  });
});

describe("the app's model picker", () => {
  const providers = [
    { provider: "offline", label: "Offline", is_offline: true, accepts_any_model: false, models: [{ model: "kiln-echo", model_type: "llm" }] },
    { provider: "siliconflow", label: "SiliconFlow", is_offline: false, accepts_any_model: true, models: [{ model: "Qwen/Qwen2.5-7B-Instruct", model_type: "llm" }] },
  ];

  it("takes an imported app's unlisted model under a provider that serves any id, offering it in that provider's group", () => {
    const current = { provider: "siliconflow", name: "deepseek-ai/DeepSeek-V3" };
    expect(findModel(providers, current.provider, current.name)).toMatchObject({ isOffline: false });
    const groups = modelGroups(providers, current);
    expect(groups.map((g) => g.label)).toEqual(["Offline · Offline", "SiliconFlow"]);
    expect(groups[1]!.options.map((o) => o.value)).toEqual(["siliconflow::Qwen/Qwen2.5-7B-Instruct", "siliconflow::deepseek-ai/DeepSeek-V3"]);
  });

  it("still flags a model of a provider the workspace lacks, or an unlisted one of a provider that serves only its list", () => {
    expect(findModel(providers, "bedrock", "anthropic.claude-3")).toBeNull();
    expect(findModel(providers, "offline", "kiln-other")).toBeNull();
    expect(modelGroups(providers, { provider: "bedrock", name: "x" })[0]!.label).toBe("Not available in this workspace");
  });
});
