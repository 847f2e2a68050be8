// ai-SDK models for OpenAI and OpenAI-compatible endpoints (Ollama, vLLM, LM Studio…). Both speak
// Chat Completions and Embeddings (and, where the server has them, /audio/transcriptions and
// /audio/speech); the Responses API is OpenAI-only, so it is not used here.
import type { EmbeddingModelV4, LanguageModelV4, SpeechModelV4, TranscriptionModelV4 } from "@ai-sdk/provider";
import { createOpenAI } from "@ai-sdk/openai";
import type { Ctx } from "../context";
import { createGuardedFetch } from "../lib/ssrf";

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

export interface ModelFactory {
  languageModel(modelId: string): LanguageModelV4;
  embeddingModel(modelId: string): EmbeddingModelV4;
  /** Speech to text (OpenAI's /audio/transcriptions); absent where the provider has none. */
  transcriptionModel?(modelId: string): TranscriptionModelV4;
  /** Text to speech (OpenAI's /audio/speech). */
  speechModel?(modelId: string): SpeechModelV4;
}

export interface OpenAIEndpoint {
  /** The Kiln provider key (`openai`, `system`, `compat_<name>`), shown by the SDK in errors. */
  provider: string;
  baseUrl: string;
  apiKey?: string | null;
  /** False only for the operator's own endpoint from env; user-supplied URLs are always guarded. */
  guarded: boolean;
}

export function normalizeBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, "");
}

/** fetch for a provider: SSRF-guarded when user-supplied, and without an empty bearer header. */
export function providerFetch(ctx: Ctx, guarded: boolean): typeof fetch {
  const inner = guarded ? createGuardedFetch(ctx.config.SSRF_ALLOW_HOSTS) : fetch;
  return ((input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    // Keyless local servers (Ollama, LM Studio) need no Authorization; "Bearer " alone confuses some.
    if (/^bearer\s*$/i.test(headers.get("authorization") ?? "")) headers.delete("authorization");
    return inner(input, { ...init, headers });
  }) as typeof fetch;
}

export function openAIModels(ctx: Ctx, endpoint: OpenAIEndpoint): ModelFactory {
  const provider = createOpenAI({
    name: endpoint.provider,
    baseURL: normalizeBaseUrl(endpoint.baseUrl),
    apiKey: endpoint.apiKey ?? "",
    fetch: providerFetch(ctx, endpoint.guarded),
  });
  return {
    languageModel: (modelId) => provider.chat(modelId),
    embeddingModel: (modelId) => provider.embedding(modelId),
    transcriptionModel: (modelId) => provider.transcription(modelId),
    speechModel: (modelId) => provider.speech(modelId),
  };
}
