// A workspace's own model providers: OpenAI with its key, and any number of OpenAI-compatible
// endpoints. Credentials are checked with a real call before anything is saved; keys are stored
// encrypted and only ever shown as a masked hint.
import { and, asc, eq, sql } from "drizzle-orm";
import { cachedForApp, forgetApp } from "../apps/app-cache";
import { assertCan } from "../auth/roles";
import type { TenantCtx, WorkspaceCtx } from "../context";
import { defaultModels, providerCredentials } from "../db/schema";
import { decryptSecret, encryptSecret, maskSecret } from "../lib/crypto";
import { Invalid, KilnError, NotFound, ProviderError } from "../lib/errors";
import { assertFetchableUrl } from "../lib/ssrf";
import { knownProvider, knownProviderBaseUrl } from "./catalogue";
import { normalizeBaseUrl, OPENAI_DEFAULT_BASE_URL, providerFetch } from "./openai";
import type { ModelInfo, ProviderInfo } from "./registry";

type StoredProvider = typeof providerCredentials.$inferSelect;

export const DEFAULT_OPENAI_MODELS: ModelInfo[] = [
  { model: "gpt-4o-mini", model_type: "llm" },
  { model: "gpt-4o", model_type: "llm" },
  { model: "text-embedding-3-small", model_type: "text-embedding" },
  { model: "whisper-1", model_type: "speech2text" },
  { model: "tts-1", model_type: "tts" },
];

/** Providers that come with the installation rather than from a workspace's settings. */
const BUILT_IN = new Set(["offline", "system", "workers_ai"]);

const VALIDATION_TIMEOUT_MS = 15_000;

function storedDescription(row: StoredProvider): string {
  if (row.providerType === "openai") return "OpenAI's models, called with this workspace's API key.";
  if (knownProvider(row.provider)) {
    return `${row.label} through its OpenAI-compatible API, under Dify's provider name "${row.provider}": apps may name any model it serves.`;
  }
  return "An OpenAI-compatible endpoint (Ollama, vLLM, LM Studio…) configured for this workspace.";
}

export function storedProviderInfo(row: StoredProvider): ProviderInfo {
  return {
    provider: row.provider,
    provider_type: row.providerType,
    label: row.label,
    description: storedDescription(row),
    is_offline: false,
    is_system: false,
    configured: true,
    base_url: row.baseUrl,
    api_key_hint: row.apiKeyHint,
    models: JSON.parse(row.models) as ModelInfo[],
  };
}

// Every model call resolves its provider, so the rows live in the per-isolate app cache (changes
// made here evict at once; other isolates catch up within its few seconds, and a busy isolate
// refreshes them in the background instead of making a request wait on D1).
const keyCache = new Map<string, string>();
const providersGroup = (workspaceId: string) => `providers:${workspaceId}`;

export function forgetStoredProviders(workspaceId: string) {
  forgetApp(providersGroup(workspaceId));
}

export async function listStoredProviders(ctx: TenantCtx): Promise<StoredProvider[]> {
  const group = providersGroup(ctx.workspace.id);
  return cachedForApp(group, ctx, async () => ({
    appId: group,
    value: await ctx.db
      .select()
      .from(providerCredentials)
      .where(eq(providerCredentials.workspaceId, ctx.workspace.id))
      .orderBy(asc(providerCredentials.createdAt))
      .all(),
  }));
}

export async function storedApiKey(ctx: TenantCtx, row: StoredProvider): Promise<string | null> {
  if (!row.encryptedApiKey) return null;
  let key = keyCache.get(row.encryptedApiKey);
  if (key === undefined) {
    key = await decryptSecret(ctx.config.APP_SECRET, row.encryptedApiKey);
    if (keyCache.size > 1_000) keyCache.clear();
    keyCache.set(row.encryptedApiKey, key);
  }
  return key;
}

// ---- validation: one real call per declared model ----

interface ProviderAnswer {
  status: number;
  body: unknown;
}

function providerMessage(body: unknown): string {
  if (typeof body === "string") return body.slice(0, 300) || "no message";
  const b = body as { error?: unknown; message?: unknown } | null;
  const error = b?.error as { message?: unknown } | string | undefined;
  const message = typeof error === "string" ? error : (error?.message ?? b?.message);
  return typeof message === "string" && message ? message.slice(0, 300) : "no message";
}

function isModelNotFound({ status, body }: ProviderAnswer): boolean {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return status === 404 || code === "model_not_found" || /model.*(not found|does not exist)/i.test(providerMessage(body));
}

async function send(fetcher: typeof fetch, url: string, init: RequestInit): Promise<ProviderAnswer> {
  try {
    const res = await fetcher(url, { ...init, signal: AbortSignal.timeout(VALIDATION_TIMEOUT_MS) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: keep the text, it is the provider's message.
    }
    return { status: res.status, body };
  } catch (err) {
    if (err instanceof KilnError) throw err; // the SSRF guard refused a redirect hop
    const origin = new URL(url).origin;
    const name = (err as { name?: string } | null)?.name;
    const reason =
      name === "TimeoutError" || name === "AbortError"
        ? `no answer within ${VALIDATION_TIMEOUT_MS / 1000} s`
        : String((err as Error)?.message ?? err);
    throw ProviderError("provider_unreachable", `Could not reach the provider at ${origin}: ${reason}`);
  }
}

function judge(answer: ProviderAnswer, url: string, model: ModelInfo | null, expected: "choices" | "data"): void {
  const { status, body } = answer;
  if (status >= 200 && status < 300) {
    if (!Array.isArray((body as Record<string, unknown> | null)?.[expected])) {
      throw ProviderError("invalid_credentials", `${url} did not answer like an OpenAI-compatible API`);
    }
    return;
  }
  if (status === 401 || status === 403) throw ProviderError("invalid_credentials", "The provider rejected the API key");
  if (model && isModelNotFound(answer)) {
    throw ProviderError("model_not_found", `The provider has no model "${model.model}": ${providerMessage(body)}`);
  }
  // Reasoning models refuse to stop after one token; the key and the model were accepted.
  if (model?.model_type === "llm" && status === 400 && /max_(completion_)?tokens|output limit/i.test(providerMessage(body))) {
    return;
  }
  if (!model && status === 404) {
    throw ProviderError("invalid_credentials", `${url} answered 404: check that the base URL ends with the API prefix (often /v1)`);
  }
  throw ProviderError("invalid_credentials", `The provider answered ${status}: ${providerMessage(body)}`);
}

/** Proves the key, URL and every model work with the smallest real call each; throws otherwise. */
async function validateCredentials(
  ctx: WorkspaceCtx,
  endpoint: { baseUrl: string; apiKey?: string; models: ModelInfo[]; tokenLimit: "max_tokens" | "max_completion_tokens" },
): Promise<void> {
  const fetcher = providerFetch(ctx, true);
  const headers = { "content-type": "application/json", authorization: `Bearer ${endpoint.apiKey ?? ""}` };
  if (endpoint.models.length === 0) {
    const url = `${endpoint.baseUrl}/models`;
    judge(await send(fetcher, url, { method: "GET", headers }), url, null, "data");
    return;
  }
  for (const m of endpoint.models) {
    if (m.model_type === "speech2text" || m.model_type === "tts") {
      await validateSpeechModel(fetcher, endpoint, m);
      continue;
    }
    const isLlm = m.model_type === "llm";
    const url = `${endpoint.baseUrl}${isLlm ? "/chat/completions" : "/embeddings"}`;
    const model = m.endpoint_model_name ?? m.model;
    const body = isLlm
      ? { model, messages: [{ role: "user", content: "ping" }], [endpoint.tokenLimit]: 1 }
      : { model, input: "ping" };
    judge(await send(fetcher, url, { method: "POST", headers, body: JSON.stringify(body) }), url, m, isLlm ? "choices" : "data");
  }
}

/** 0.1 s of silence as a 16 kHz, 16-bit mono WAV: the smallest audio a transcription model takes. */
function silentWav(): Uint8Array {
  const samples = 1600;
  const bytes = new Uint8Array(44 + samples * 2);
  const v = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) v.setUint8(at + i, text.charCodeAt(i));
  };
  ascii(0, "RIFF");
  v.setUint32(4, 36 + samples * 2, true);
  ascii(8, "WAVEfmt ");
  v.setUint32(16, 16, true); // PCM header size
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, 16_000, true); // sample rate
  v.setUint32(28, 32_000, true); // byte rate
  v.setUint16(32, 2, true); // block align
  v.setUint16(34, 16, true); // bits per sample
  ascii(36, "data");
  v.setUint32(40, samples * 2, true);
  return bytes;
}

/** A speech model proves itself by transcribing a moment of silence, or by saying "ping". */
async function validateSpeechModel(fetcher: typeof fetch, endpoint: { baseUrl: string; apiKey?: string }, m: ModelInfo): Promise<void> {
  const auth = { authorization: `Bearer ${endpoint.apiKey ?? ""}` };
  let url: string;
  let init: RequestInit;
  if (m.model_type === "speech2text") {
    url = `${endpoint.baseUrl}/audio/transcriptions`;
    const form = new FormData();
    form.append("model", m.endpoint_model_name ?? m.model);
    form.append("file", new File([silentWav()], "ping.wav", { type: "audio/wav" }));
    init = { method: "POST", headers: auth, body: form };
  } else {
    url = `${endpoint.baseUrl}/audio/speech`;
    init = {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ model: m.endpoint_model_name ?? m.model, input: "ping", voice: "alloy", response_format: "mp3" }),
    };
  }
  const answer = await send(fetcher, url, init);
  if (answer.status >= 200 && answer.status < 300) {
    const ok = m.model_type === "tts" ? typeof answer.body === "string" && answer.body.length > 0 : typeof (answer.body as { text?: unknown } | null)?.text === "string";
    if (!ok) throw ProviderError("invalid_credentials", `${url} did not answer like OpenAI's audio API`);
    return;
  }
  judge(answer, url, m, "data");
}

// ---- saving and removing ----

function uniqueModels(models: ModelInfo[]): ModelInfo[] {
  const seen = new Map(models.map((m) => [`${m.model_type}\u0000${m.model}`, m]));
  return [...seen.values()];
}

async function upsertProvider(
  ctx: WorkspaceCtx,
  p: { provider: string; providerType: StoredProvider["providerType"]; label: string; baseUrl: string; apiKey?: string; models: ModelInfo[] },
): Promise<ProviderInfo> {
  const now = ctx.now();
  const fields = {
    providerType: p.providerType,
    label: p.label,
    baseUrl: p.baseUrl,
    encryptedApiKey: p.apiKey ? await encryptSecret(ctx.config.APP_SECRET, p.apiKey) : null,
    apiKeyHint: p.apiKey ? maskSecret(p.apiKey) : null,
    models: JSON.stringify(p.models),
    updatedAt: now,
  };
  const [row] = await ctx.db
    .insert(providerCredentials)
    .values({ id: ctx.newId(), workspaceId: ctx.workspace.id, provider: p.provider, createdAt: now, ...fields })
    .onConflictDoUpdate({ target: [providerCredentials.workspaceId, providerCredentials.provider], set: fields })
    .returning();
  forgetStoredProviders(ctx.workspace.id);
  return storedProviderInfo(row);
}

export async function saveOpenAICredentials(
  ctx: WorkspaceCtx,
  input: { api_key: string; base_url?: string; models?: ModelInfo[] },
): Promise<ProviderInfo> {
  assertCan(ctx.workspace.role, "admin");
  const baseUrl = normalizeBaseUrl(input.base_url || OPENAI_DEFAULT_BASE_URL);
  assertFetchableUrl(baseUrl, ctx.config.SSRF_ALLOW_HOSTS, "base_url");
  const declared = uniqueModels(input.models ?? []);
  await validateCredentials(ctx, { baseUrl, apiKey: input.api_key, models: declared, tokenLimit: "max_completion_tokens" });
  return upsertProvider(ctx, {
    provider: "openai",
    providerType: "openai",
    label: "OpenAI",
    baseUrl,
    apiKey: input.api_key,
    models: declared.length ? declared : DEFAULT_OPENAI_MODELS,
  });
}

export async function saveCompatibleProvider(
  ctx: WorkspaceCtx,
  input: { name: string; label: string; base_url: string; api_key?: string; models: ModelInfo[] },
): Promise<ProviderInfo> {
  assertCan(ctx.workspace.role, "admin");
  const baseUrl = normalizeBaseUrl(input.base_url);
  assertFetchableUrl(baseUrl, ctx.config.SSRF_ALLOW_HOSTS, "base_url");
  const models = uniqueModels(input.models);
  await validateCredentials(ctx, { baseUrl, apiKey: input.api_key, models, tokenLimit: "max_tokens" });
  return upsertProvider(ctx, {
    provider: `compat_${input.name}`,
    providerType: "openai_api_compatible",
    label: input.label,
    baseUrl,
    apiKey: input.api_key || undefined,
    models,
  });
}

/**
 * Adds or replaces one of Dify's providers (`siliconflow`, `ollama`…) under Dify's own name, so
 * apps imported from Dify that name it run on it. Checked with a real call per model first.
 */
export async function saveKnownProvider(
  ctx: WorkspaceCtx,
  provider: string,
  input: { base_url?: string; api_key?: string; models: ModelInfo[] },
): Promise<ProviderInfo> {
  assertCan(ctx.workspace.role, "admin");
  const known = knownProvider(provider);
  if (!known) throw NotFound("Model provider");
  const given = knownProviderBaseUrl(known, input.base_url);
  if (!given) throw Invalid(`base_url: ${known.label} runs on your own server; give its URL`, ["base_url"]);
  if (known.apiKeyRequired && !input.api_key) throw Invalid(`api_key: ${known.label} needs an API key`, ["api_key"]);
  const baseUrl = normalizeBaseUrl(given);
  assertFetchableUrl(baseUrl, ctx.config.SSRF_ALLOW_HOSTS, "base_url");
  const models = uniqueModels(input.models);
  await validateCredentials(ctx, { baseUrl, apiKey: input.api_key, models, tokenLimit: "max_tokens" });
  return upsertProvider(ctx, {
    provider: known.provider,
    providerType: "openai_api_compatible",
    label: known.label,
    baseUrl,
    apiKey: input.api_key || undefined,
    models,
  });
}

/**
 * Adds a model (a fine-tuned one) to a stored provider's model list, so every model picker offers
 * it. One statement, so two jobs finishing at once both land. False when the provider is gone.
 */
export async function addProviderModel(ctx: TenantCtx, provider: string, model: ModelInfo): Promise<boolean> {
  const mine = and(eq(providerCredentials.workspaceId, ctx.workspace.id), eq(providerCredentials.provider, provider));
  const row = await ctx.db.select({ id: providerCredentials.id }).from(providerCredentials).where(mine).get();
  if (!row) return false;
  await ctx.db
    .update(providerCredentials)
    .set({ models: sql`json_insert(${providerCredentials.models}, '$[#]', json(${JSON.stringify(model)}))`, updatedAt: ctx.now() })
    .where(
      and(
        eq(providerCredentials.id, row.id),
        sql`NOT EXISTS (SELECT 1 FROM json_each(${providerCredentials.models}) j
          WHERE json_extract(j.value, '$.model') = ${model.model} AND json_extract(j.value, '$.model_type') = ${model.model_type})`,
      ),
    );
  forgetStoredProviders(ctx.workspace.id);
  return true;
}

export async function deleteProvider(ctx: WorkspaceCtx, provider: string): Promise<void> {
  assertCan(ctx.workspace.role, "admin");
  if (BUILT_IN.has(provider)) throw Invalid(`provider: ${provider} is built in and cannot be removed`, ["provider"]);
  const mine = and(eq(providerCredentials.workspaceId, ctx.workspace.id), eq(providerCredentials.provider, provider));
  const row = await ctx.db.select({ id: providerCredentials.id }).from(providerCredentials).where(mine).get();
  if (!row) throw NotFound("Model provider");
  // Defaults naming the provider go with it, so nothing points at a model that is gone.
  await ctx.db.batch([
    ctx.db.delete(providerCredentials).where(eq(providerCredentials.id, row.id)),
    ctx.db
      .delete(defaultModels)
      .where(and(eq(defaultModels.workspaceId, ctx.workspace.id), eq(defaultModels.provider, provider))),
  ]);
  forgetStoredProviders(ctx.workspace.id);
}
