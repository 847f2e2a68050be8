// Dify's model providers that speak OpenAI's Chat Completions API, under the names Dify gives them
// (the last part of `langgenius/siliconflow/siliconflow`). A workspace that adds one with its key
// stores it under that very name, so apps imported from Dify that name it run unchanged.
//
// Base URLs are the vendors' documented OpenAI-compatible endpoints. Where the server is the
// user's own (Ollama, Xinference…), there is no default and Dify's form takes the server's root:
// `/v1` is added when the URL has no path.

export interface KnownProvider {
  provider: string;
  label: string;
  /** The vendor's OpenAI-compatible base URL; null where the user runs the server. */
  baseUrl: string | null;
  /** Appended to a URL given without a path (Dify's Ollama form takes `http://host:11434`). */
  rootPath?: string;
  apiKeyRequired: boolean;
  /** Offered in the form as the first model to check the key with. */
  exampleModel: string;
  /** The example's type, where it is not an LLM (Jina serves embeddings only). */
  exampleType?: "text-embedding";
}

const CATALOGUE: KnownProvider[] = [
  { provider: "siliconflow", label: "SiliconFlow", baseUrl: "https://api.siliconflow.cn/v1", apiKeyRequired: true, exampleModel: "Qwen/Qwen2.5-7B-Instruct" },
  { provider: "deepseek", label: "DeepSeek", baseUrl: "https://api.deepseek.com", apiKeyRequired: true, exampleModel: "deepseek-chat" },
  { provider: "tongyi", label: "Tongyi (DashScope)", baseUrl: "https://dashscope.aliyuncs.com/compatible-mode/v1", apiKeyRequired: true, exampleModel: "qwen-plus" },
  { provider: "volcengine_maas", label: "Volcengine Ark", baseUrl: "https://ark.cn-beijing.volces.com/api/v3", apiKeyRequired: true, exampleModel: "" },
  { provider: "google", label: "Gemini", baseUrl: "https://generativelanguage.googleapis.com/v1beta/openai", apiKeyRequired: true, exampleModel: "gemini-2.0-flash" },
  { provider: "anthropic", label: "Anthropic", baseUrl: "https://api.anthropic.com/v1", apiKeyRequired: true, exampleModel: "claude-3-5-haiku-latest" },
  { provider: "moonshot", label: "Moonshot", baseUrl: "https://api.moonshot.cn/v1", apiKeyRequired: true, exampleModel: "moonshot-v1-8k" },
  { provider: "zhipuai", label: "Zhipu AI", baseUrl: "https://open.bigmodel.cn/api/paas/v4", apiKeyRequired: true, exampleModel: "glm-4-flash" },
  { provider: "modelscope", label: "ModelScope", baseUrl: "https://api-inference.modelscope.cn/v1", apiKeyRequired: true, exampleModel: "Qwen/Qwen2.5-7B-Instruct" },
  { provider: "openrouter", label: "OpenRouter", baseUrl: "https://openrouter.ai/api/v1", apiKeyRequired: true, exampleModel: "openai/gpt-4o-mini" },
  { provider: "groq", label: "Groq", baseUrl: "https://api.groq.com/openai/v1", apiKeyRequired: true, exampleModel: "llama-3.1-8b-instant" },
  { provider: "mistralai", label: "Mistral AI", baseUrl: "https://api.mistral.ai/v1", apiKeyRequired: true, exampleModel: "mistral-small-latest" },
  { provider: "yi", label: "01.AI (Yi)", baseUrl: "https://api.lingyiwanwu.com/v1", apiKeyRequired: true, exampleModel: "yi-lightning" },
  { provider: "cohere", label: "Cohere", baseUrl: "https://api.cohere.ai/compatibility/v1", apiKeyRequired: true, exampleModel: "command-r7b-12-2024" },
  { provider: "togetherai", label: "Together AI", baseUrl: "https://api.together.xyz/v1", apiKeyRequired: true, exampleModel: "meta-llama/Llama-3.3-70B-Instruct-Turbo" },
  { provider: "fireworks", label: "Fireworks AI", baseUrl: "https://api.fireworks.ai/inference/v1", apiKeyRequired: true, exampleModel: "accounts/fireworks/models/llama-v3p1-8b-instruct" },
  { provider: "nvidia", label: "NVIDIA API Catalog", baseUrl: "https://integrate.api.nvidia.com/v1", apiKeyRequired: true, exampleModel: "meta/llama-3.1-8b-instruct" },
  { provider: "x", label: "xAI", baseUrl: "https://api.x.ai/v1", apiKeyRequired: true, exampleModel: "grok-3-mini" },
  { provider: "stepfun", label: "StepFun", baseUrl: "https://api.stepfun.com/v1", apiKeyRequired: true, exampleModel: "step-1-8k" },
  { provider: "baichuan", label: "Baichuan", baseUrl: "https://api.baichuan-ai.com/v1", apiKeyRequired: true, exampleModel: "Baichuan4-Turbo" },
  { provider: "wenxin", label: "Wenxin (Qianfan)", baseUrl: "https://qianfan.baidubce.com/v2", apiKeyRequired: true, exampleModel: "ernie-4.0-8k" },
  { provider: "hunyuan", label: "Hunyuan", baseUrl: "https://api.hunyuan.cloud.tencent.com/v1", apiKeyRequired: true, exampleModel: "hunyuan-lite" },
  { provider: "jina", label: "Jina AI", baseUrl: "https://api.jina.ai/v1", apiKeyRequired: true, exampleModel: "jina-embeddings-v3", exampleType: "text-embedding" },
  { provider: "ollama", label: "Ollama", baseUrl: null, rootPath: "/v1", apiKeyRequired: false, exampleModel: "llama3.2" },
  { provider: "xinference", label: "Xorbits Inference", baseUrl: null, rootPath: "/v1", apiKeyRequired: false, exampleModel: "" },
  { provider: "openai_api_compatible", label: "OpenAI-API-compatible", baseUrl: null, apiKeyRequired: false, exampleModel: "" },
  { provider: "localai", label: "LocalAI", baseUrl: null, rootPath: "/v1", apiKeyRequired: false, exampleModel: "" },
];

const BY_NAME = new Map(CATALOGUE.map((p) => [p.provider, p]));

export function knownProviders(): readonly KnownProvider[] {
  return CATALOGUE;
}

export function knownProvider(name: string): KnownProvider | undefined {
  return BY_NAME.get(name);
}

/** The base URL to store: the given one (its root made the API's), else the vendor's. */
export function knownProviderBaseUrl(known: KnownProvider, given: string | undefined): string | null {
  const url = given?.trim();
  if (!url) return known.baseUrl;
  if (!known.rootPath) return url;
  try {
    const parsed = new URL(url);
    if (parsed.pathname === "/" || parsed.pathname === "") return `${parsed.origin}${known.rootPath}`;
  } catch {
    // Not a URL: the caller's URL check names the problem.
  }
  return url;
}
