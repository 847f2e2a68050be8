// The catalogue of Dify's providers, and the dashboard's reading of the model rows it sends.
import { describe, expect, it } from "vitest";
import { knownProvider, knownProviderBaseUrl, knownProviders } from "../../src/models/catalogue";
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
