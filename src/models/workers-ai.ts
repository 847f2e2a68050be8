// A minimal ai-SDK adapter over the Workers AI binding (production only: it has no local
// emulation, so this file is not exercised by the tests). Text is generated in one call and
// streamed as a single delta; tool calls and structured output are not supported here.
import type {
  EmbeddingModelV4,
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import type { ModelFactory } from "./openai";

export const WORKERS_AI_LLMS = ["@cf/meta/llama-3.1-8b-instruct", "@cf/meta/llama-3.3-70b-instruct-fp8-fast"];
export const WORKERS_AI_EMBEDDINGS = ["@cf/baai/bge-base-en-v1.5", "@cf/baai/bge-m3"];

/** The one method of the binding used here; its full type is a union over every catalogue model. */
interface AiRunner {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}

function messagesOf(options: LanguageModelV4CallOptions) {
  return options.prompt
    .filter((m) => m.role !== "tool")
    .map((m) => ({
      role: m.role,
      content:
        typeof m.content === "string"
          ? m.content
          : m.content.map((p) => (p.type === "text" ? p.text : "")).join(""),
    }));
}

function usageOf(raw: { prompt_tokens?: number; completion_tokens?: number } | undefined): LanguageModelV4Usage {
  return {
    inputTokens: { total: raw?.prompt_tokens, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: raw?.completion_tokens, text: raw?.completion_tokens, reasoning: undefined },
  };
}

function languageModel(ai: AiRunner, modelId: string): LanguageModelV4 {
  const generate = async (options: LanguageModelV4CallOptions) => {
    const out = (await ai.run(modelId, {
      messages: messagesOf(options),
      max_tokens: options.maxOutputTokens,
      temperature: options.temperature,
      top_p: options.topP,
      seed: options.seed,
    })) as { response?: string; usage?: { prompt_tokens?: number; completion_tokens?: number } };
    return { text: out.response ?? "", usage: usageOf(out.usage) };
  };
  return {
    specificationVersion: "v4",
    provider: "workers_ai",
    modelId,
    supportedUrls: {},
    async doGenerate(options) {
      const { text, usage } = await generate(options);
      return {
        content: [{ type: "text", text }],
        finishReason: { unified: "stop", raw: undefined },
        usage,
        warnings: [],
      };
    },
    async doStream(options) {
      const { text, usage } = await generate(options);
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue({ type: "stream-start", warnings: [] });
          controller.enqueue({ type: "text-start", id: "0" });
          controller.enqueue({ type: "text-delta", id: "0", delta: text });
          controller.enqueue({ type: "text-end", id: "0" });
          controller.enqueue({ type: "finish", usage, finishReason: { unified: "stop", raw: undefined } });
          controller.close();
        },
      });
      return { stream };
    },
  };
}

function embeddingModel(ai: AiRunner, modelId: string): EmbeddingModelV4 {
  return {
    specificationVersion: "v4",
    provider: "workers_ai",
    modelId,
    maxEmbeddingsPerCall: 100,
    supportsParallelCalls: true,
    async doEmbed({ values }) {
      const out = (await ai.run(modelId, { text: values })) as { data: number[][] };
      return { embeddings: out.data, warnings: [] };
    },
  };
}

export function workersAIModels(binding: Ai): ModelFactory {
  const ai = binding as unknown as AiRunner;
  return {
    languageModel: (modelId) => languageModel(ai, modelId),
    embeddingModel: (modelId) => embeddingModel(ai, modelId),
  };
}
