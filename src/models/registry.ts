// The model providers a workspace can use, and the one way to get an ai-SDK model from a
// `provider:model` name. Offline is always there; `system` comes from env; `workers_ai` from the
// AI binding; the rest are the workspace's stored credentials.
import type { EmbeddingModelV4, LanguageModelV4, SpeechModelV4, TranscriptionModelV4 } from "@ai-sdk/provider";
import { and, eq } from "drizzle-orm";
import type { TenantCtx } from "../context";
import { defaultModels } from "../db/schema";
import { Invalid, type KilnError, ProviderError } from "../lib/errors";
import { knownProvider } from "./catalogue";
import { DEFAULT_OPENAI_MODELS, listStoredProviders, storedApiKey, storedProviderInfo } from "./credentials";
import {
  createOfflineEmbeddingModel,
  createOfflineLanguageModel,
  OFFLINE_EMBEDDING,
  OFFLINE_LLM,
  OFFLINE_PROVIDER,
} from "./offline";
import { type ModelFactory, OPENAI_DEFAULT_BASE_URL, openAIModels } from "./openai";
import { WORKERS_AI_EMBEDDINGS, WORKERS_AI_LLMS, workersAIModels } from "./workers-ai";

export const MODEL_TYPES = ["llm", "text-embedding", "speech2text", "tts"] as const;
export type ModelType = (typeof MODEL_TYPES)[number];
/** The types the built-in offline provider stands in for; speech has no offline model. */
export type CoreModelType = "llm" | "text-embedding";
export type SpeechModelType = "speech2text" | "tts";
export const PROVIDER_TYPES = ["offline", "openai", "openai_api_compatible", "system", "workers_ai"] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

export interface ModelInfo {
  model: string;
  model_type: ModelType;
  /** The id the endpoint is called with, where it differs from the name apps use (Dify's field). */
  endpoint_model_name?: string;
}

export interface ProviderInfo {
  provider: string;
  provider_type: ProviderType;
  label: string;
  description: string;
  is_offline: boolean;
  is_system: boolean;
  configured: boolean;
  base_url: string | null;
  api_key_hint: string | null;
  models: ModelInfo[];
}

/** A model named by provider and model id; written `provider:model`. */
export interface ModelRef {
  provider: string;
  model: string;
}

interface ProviderEntry {
  info: ProviderInfo;
  open: () => Promise<ModelFactory>;
  /** Model types for which any model id is taken (the endpoint decides) when this entry stands in
   * for another provider, not only those listed. */
  openModelTypes?: ReadonlySet<ModelType>;
  /** Model types for which any model id is taken under this entry's own name. */
  anyModelTypes?: ReadonlySet<ModelType>;
}

// A provider from Dify's catalogue serves whatever models the vendor has, as Dify's predefined
// list plus customizable models do: an imported app's model id (an LLM node's, or the audio
// tools' "provider#model") is the endpoint's to judge.
const KNOWN_PROVIDER_TYPES: ReadonlySet<ModelType> = new Set(["llm", "text-embedding", "speech2text", "tts"]);

/** Calls a listed model by its endpoint id where it has one. */
function withEndpointNames(factory: ModelFactory, listed: ModelInfo[]): ModelFactory {
  const names = new Map(listed.filter((m) => m.endpoint_model_name).map((m) => [`${m.model_type}\u0000${m.model}`, m.endpoint_model_name!]));
  if (names.size === 0) return factory;
  const id = (type: ModelType, model: string) => names.get(`${type}\u0000${model}`) ?? model;
  return {
    languageModel: (model) => factory.languageModel(id("llm", model)),
    embeddingModel: (model) => factory.embeddingModel(id("text-embedding", model)),
    transcriptionModel: factory.transcriptionModel && ((model) => factory.transcriptionModel!(id("speech2text", model))),
    speechModel: factory.speechModel && ((model) => factory.speechModel!(id("tts", model))),
  };
}

/** Splits `provider:model` at the first colon (model ids such as Ollama's `llama3:8b` keep theirs). */
export function parseModelName(name: string): ModelRef {
  const at = name.indexOf(":");
  if (at <= 0 || at === name.length - 1) throw Invalid(`model: "${name}" is not of the form provider:model`, ["model"]);
  return { provider: name.slice(0, at), model: name.slice(at + 1) };
}

export const formatModelName = (ref: ModelRef) => `${ref.provider}:${ref.model}`;

const models = (type: ModelType, ids: string[]): ModelInfo[] => ids.map((model) => ({ model, model_type: type }));

function csv(list: string | undefined, fallback: string[]): string[] {
  const items = (list ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : fallback;
}

const OFFLINE: ProviderEntry = {
  info: {
    provider: OFFLINE_PROVIDER,
    provider_type: "offline",
    label: "Offline (built in)",
    description:
      "Deterministic models that run inside Kiln with no key: kiln-echo quotes your message back, kiln-embed hashes words. For trying Kiln out and for tests, not for real answers.",
    is_offline: true,
    is_system: false,
    configured: true,
    base_url: null,
    api_key_hint: null,
    models: [...models("llm", [OFFLINE_LLM]), ...models("text-embedding", [OFFLINE_EMBEDDING])],
  },
  open: async () => ({ languageModel: createOfflineLanguageModel, embeddingModel: createOfflineEmbeddingModel }),
};

function systemEntry(ctx: TenantCtx): ProviderEntry | null {
  const { OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODELS, OPENAI_EMBEDDING_MODELS, OPENAI_STT_MODELS, OPENAI_TTS_MODELS } = ctx.config;
  // OpenAI itself has whisper-1 and tts-1; another OpenAI-compatible server (Ollama, vLLM) offers
  // speech only when the operator names its models.
  const speechDefaults = (ids: string[]) => (OPENAI_BASE_URL ? [] : ids);
  if (!OPENAI_API_KEY) return null;
  // Models the operator did not list are not refused when another provider's apps are served
  // from here (see SERVED_BY_SYSTEM): an imported app's gpt-3.5-turbo is the endpoint's to judge.
  const listed: [ModelType, string | undefined][] = [
    ["llm", OPENAI_MODELS],
    ["text-embedding", OPENAI_EMBEDDING_MODELS],
  ];
  return {
    openModelTypes: new Set(listed.filter(([, list]) => !list?.trim()).map(([type]) => type)),
    info: {
      provider: "system",
      provider_type: "system",
      label: "OpenAI (system)",
      description: "Provided by this Kiln installation for every workspace; read-only.",
      is_offline: false,
      is_system: true,
      configured: true,
      // The operator's endpoint and key are theirs, not the workspace's: neither is shown.
      base_url: null,
      api_key_hint: null,
      models: [
        ...models("llm", csv(OPENAI_MODELS, ["gpt-4o-mini", "gpt-4o"])),
        ...models("text-embedding", csv(OPENAI_EMBEDDING_MODELS, ["text-embedding-3-small"])),
        ...models("speech2text", csv(OPENAI_STT_MODELS, speechDefaults(["whisper-1"]))),
        ...models("tts", csv(OPENAI_TTS_MODELS, speechDefaults(["tts-1"]))),
      ],
    },
    // The operator's own URL is trusted configuration, so it is not SSRF-guarded.
    open: async () =>
      openAIModels(ctx, { provider: "system", baseUrl: OPENAI_BASE_URL ?? OPENAI_DEFAULT_BASE_URL, apiKey: OPENAI_API_KEY, guarded: false }),
  };
}

function workersAIEntry(ctx: TenantCtx): ProviderEntry | null {
  const ai = ctx.env.AI;
  if (!ai) return null;
  return {
    info: {
      provider: "workers_ai",
      provider_type: "workers_ai",
      label: "Cloudflare Workers AI",
      description: "Models on Cloudflare's network through this Worker's AI binding; read-only.",
      is_offline: false,
      is_system: true,
      configured: true,
      base_url: null,
      api_key_hint: null,
      models: [...models("llm", WORKERS_AI_LLMS), ...models("text-embedding", WORKERS_AI_EMBEDDINGS)],
    },
    open: async () => workersAIModels(ai),
  };
}

const UNCONFIGURED_OPENAI: ProviderInfo = {
  provider: "openai",
  provider_type: "openai",
  label: "OpenAI",
  description: "OpenAI's models, called with this workspace's API key. Add a key to use them.",
  is_offline: false,
  is_system: false,
  configured: false,
  base_url: null,
  api_key_hint: null,
  models: DEFAULT_OPENAI_MODELS,
};

/** Every provider this workspace can call, in display order. */
async function usableProviders(ctx: TenantCtx): Promise<ProviderEntry[]> {
  const stored = (await listStoredProviders(ctx)).map((row): ProviderEntry => {
    const info = storedProviderInfo(row);
    return {
      info,
      anyModelTypes: knownProvider(row.provider) ? KNOWN_PROVIDER_TYPES : undefined,
      open: async () =>
        withEndpointNames(
          openAIModels(ctx, { provider: row.provider, baseUrl: row.baseUrl ?? OPENAI_DEFAULT_BASE_URL, apiKey: await storedApiKey(ctx, row), guarded: true }),
          info.models,
        ),
    };
  });
  stored.sort((a, b) => Number(b.info.provider === "openai") - Number(a.info.provider === "openai"));
  return [OFFLINE, systemEntry(ctx), workersAIEntry(ctx), ...stored].filter((e): e is ProviderEntry => e !== null);
}

/** All providers for the settings page, including OpenAI when it still awaits a key. */
export async function listProviders(ctx: TenantCtx): Promise<ProviderInfo[]> {
  const infos = (await usableProviders(ctx)).map((e) => e.info);
  if (!infos.some((p) => p.provider === "openai")) {
    const at = infos.findIndex((p) => p.provider.startsWith("compat_"));
    infos.splice(at < 0 ? infos.length : at, 0, UNCONFIGURED_OPENAI);
  }
  return infos;
}

/** The usable providers that offer models of `type`, with only those models. */
export async function listModelsOfType(ctx: TenantCtx, type: ModelType) {
  return (await usableProviders(ctx))
    .map(({ info, anyModelTypes }) => ({
      provider: info.provider,
      label: info.label,
      is_offline: info.is_offline,
      /** Any model id of this type is taken (a Dify catalogue provider), not only those listed. */
      accepts_any_model: anyModelTypes?.has(type) ?? false,
      models: info.models.filter((m) => m.model_type === type),
    }))
    .filter((p) => p.models.length > 0);
}

// Dify's hosted-provider rule: a workspace without credentials of its own for OpenAI (or for an
// OpenAI-compatible endpoint) has its models of that provider served by the installation's key,
// as Dify's hosted OpenAI does. So an app imported from Dify that names `langgenius/openai/openai`
// runs on OPENAI_API_KEY / OPENAI_BASE_URL; the workspace's own credentials, once added, win.
const SERVED_BY_SYSTEM = new Set(["openai", "openai_api_compatible"]);

/** The entry that serves `ref.provider`: the workspace's own, else the system one where it stands in. */
function providerEntry(entries: ProviderEntry[], provider: string): ProviderEntry | undefined {
  const own = entries.find((e) => e.info.provider === provider);
  if (own || !SERVED_BY_SYSTEM.has(provider)) return own;
  return entries.find((e) => e.info.provider === "system");
}

function findEntry(entries: ProviderEntry[], ref: ModelRef, type: ModelType): ProviderEntry | undefined {
  const entry = providerEntry(entries, ref.provider);
  if (!entry) return undefined;
  const standsIn = entry.info.provider !== ref.provider;
  if (standsIn ? entry.openModelTypes?.has(type) : entry.anyModelTypes?.has(type)) return entry;
  return entry.info.models.some((m) => m.model === ref.model && m.model_type === type) ? entry : undefined;
}

function whyMissing(entries: ProviderEntry[], ref: ModelRef, type: ModelType): KilnError {
  if (!providerEntry(entries, ref.provider)) {
    const known = knownProvider(ref.provider);
    const hint =
      known || ref.provider === "openai"
        ? `add ${known?.label ?? "OpenAI"} under Settings → Model providers`
        : ref.provider.startsWith("compat_")
          ? "add the endpoint again under Settings → Model providers"
          : "Kiln has no provider of that name, so choose another model";
    return ProviderError("provider_not_initialize", `Model provider "${ref.provider}" is not configured in this workspace: ${hint}`);
  }
  return ProviderError("model_not_found", `"${formatModelName(ref)}" is not a ${type} model of this workspace`);
}

/** Throws `provider_not_initialize` or `model_not_found` unless the workspace has this model. */
export async function assertModelExists(ctx: TenantCtx, ref: ModelRef, type: ModelType): Promise<void> {
  const entries = await usableProviders(ctx);
  if (!findEntry(entries, ref, type)) throw whyMissing(entries, ref, type);
}

async function openProvider(ctx: TenantCtx, ref: ModelRef, type: ModelType): Promise<ModelFactory> {
  const entries = await usableProviders(ctx);
  const entry = findEntry(entries, ref, type);
  if (!entry) throw whyMissing(entries, ref, type);
  return entry.open();
}

export async function getLanguageModel(ctx: TenantCtx, ref: ModelRef): Promise<LanguageModelV4> {
  return (await openProvider(ctx, ref, "llm")).languageModel(ref.model);
}

export async function getEmbeddingModel(ctx: TenantCtx, ref: ModelRef): Promise<EmbeddingModelV4> {
  return (await openProvider(ctx, ref, "text-embedding")).embeddingModel(ref.model);
}

function noSpeech(ref: ModelRef): never {
  throw ProviderError("model_not_found", `"${formatModelName(ref)}" cannot be called for speech by its provider`);
}

export async function getTranscriptionModel(ctx: TenantCtx, ref: ModelRef): Promise<TranscriptionModelV4> {
  const factory = await openProvider(ctx, ref, "speech2text");
  return factory.transcriptionModel?.(ref.model) ?? noSpeech(ref);
}

export async function getSpeechModel(ctx: TenantCtx, ref: ModelRef): Promise<SpeechModelV4> {
  const factory = await openProvider(ctx, ref, "tts");
  return factory.speechModel?.(ref.model) ?? noSpeech(ref);
}

async function defaultRow(ctx: TenantCtx, type: ModelType) {
  return ctx.db
    .select()
    .from(defaultModels)
    .where(and(eq(defaultModels.workspaceId, ctx.workspace.id), eq(defaultModels.modelType, type)))
    .get();
}

/**
 * The workspace's speech model of `type`: its default when set and still there, else (as Dify's
 * provider manager does) the first model of that type any usable provider offers; null when
 * none does. There is no offline speech model.
 */
export async function resolveSpeechModel(ctx: TenantCtx, type: SpeechModelType): Promise<ModelRef | null> {
  const [row, entries] = await Promise.all([defaultRow(ctx, type), usableProviders(ctx)]);
  if (row) {
    const ref = { provider: row.provider, model: row.model };
    if (findEntry(entries, ref, type)) return ref;
  }
  for (const e of entries) {
    const m = e.info.models.find((x) => x.model_type === type);
    if (m) return { provider: e.info.provider, model: m.model };
  }
  return null;
}

/** The workspace's default model of `type`; the offline model when none is set or it is gone. */
export async function resolveDefaultModel(ctx: TenantCtx, type: CoreModelType): Promise<ModelRef & { is_offline: boolean }> {
  const row = await defaultRow(ctx, type);
  if (row) {
    const ref = { provider: row.provider, model: row.model };
    const entry = findEntry(await usableProviders(ctx), ref, type);
    if (entry) return { ...ref, is_offline: entry.info.is_offline };
    // A system model the operator has since withdrawn: answer rather than break every app.
    ctx.log.warn("default model is no longer available; using the offline model", { model: formatModelName(ref), type });
  }
  return { provider: OFFLINE_PROVIDER, model: type === "llm" ? OFFLINE_LLM : OFFLINE_EMBEDDING, is_offline: true };
}
