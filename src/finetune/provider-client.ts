// The provider's files and fine-tuning API (OpenAI's, also served by OpenAI-compatible servers):
// upload a JSONL file, create / find / read / cancel a job, read its events. Every URL is the
// workspace's own provider, so every call goes through the SSRF guard.
import type { TenantCtx } from "../context";
import { KilnError, ProviderError } from "../lib/errors";
import { listStoredProviders, storedApiKey } from "../models/credentials";
import { OPENAI_DEFAULT_BASE_URL, providerFetch } from "../models/openai";

export interface FinetuneEndpoint {
  provider: string;
  providerType: "openai" | "openai_api_compatible";
  baseUrl: string;
  apiKey: string | null;
  fetch: typeof fetch;
}

export interface ProviderJob {
  id: string;
  status: string;
  fine_tuned_model: string | null;
  trained_tokens: number | null;
  finished_at: number | null;
  error: { message?: string | null; code?: string | null } | null;
  metadata?: Record<string, string> | null;
}

export interface ProviderEvent {
  id: string;
  created_at: number;
  level?: string;
  message: string;
  type?: string;
  data?: Record<string, unknown> | null;
}

const TIMEOUT_MS = 30_000;

/** The workspace's provider `provider` (OpenAI or OpenAI-compatible), ready to call. */
export async function openEndpoint(ctx: TenantCtx, provider: string): Promise<FinetuneEndpoint> {
  const row = (await listStoredProviders(ctx)).find((p) => p.provider === provider);
  if (!row) throw ProviderError("provider_not_initialize", `Model provider "${provider}" is not configured in this workspace`);
  return {
    provider,
    providerType: row.providerType,
    baseUrl: row.baseUrl ?? OPENAI_DEFAULT_BASE_URL,
    apiKey: await storedApiKey(ctx, row),
    fetch: providerFetch(ctx, true),
  };
}

function messageOf(body: unknown, status: number): string {
  const b = body as { error?: { message?: unknown } | string; message?: unknown } | null;
  const m = typeof b?.error === "string" ? b.error : (b?.error?.message ?? b?.message);
  return typeof m === "string" && m ? m.slice(0, 500) : `the provider answered ${status}`;
}

async function call<T>(ep: FinetuneEndpoint, method: string, path: string, init: { body?: BodyInit; json?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${ep.apiKey ?? ""}`, ...init.headers };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await ep.fetch(`${ep.baseUrl}${path}`, {
      method,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    if (e instanceof KilnError) throw e;
    throw ProviderError("provider_unreachable", `Could not reach the provider at ${new URL(ep.baseUrl).origin}: ${String((e as Error)?.message ?? e)}`);
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the text is the provider's message.
  }
  if (!res.ok) {
    const code = res.status === 401 || res.status === 403 ? "invalid_credentials" : "completion_request_error";
    throw ProviderError(code, messageOf(body, res.status), res.status >= 500 ? 502 : 400);
  }
  return body as T;
}

export async function uploadTrainingFile(ep: FinetuneEndpoint, filename: string, jsonl: string): Promise<string> {
  const form = new FormData();
  form.set("purpose", "fine-tune");
  form.set("file", new File([jsonl], filename, { type: "application/jsonl" }));
  const file = await call<{ id: string }>(ep, "POST", "/files", { body: form });
  return file.id;
}

export interface NewProviderJob {
  model: string;
  training_file: string;
  validation_file: string | null;
  suffix: string | null;
  n_epochs: number | null;
  /** Kiln's job id: sent as metadata, so a retried dispatch can find the job it already created. */
  kilnJobId: string;
  idempotencyKey: string;
}

export function createProviderJob(ep: FinetuneEndpoint, job: NewProviderJob): Promise<ProviderJob> {
  return call<ProviderJob>(ep, "POST", "/fine_tuning/jobs", {
    headers: { "idempotency-key": job.idempotencyKey },
    json: {
      model: job.model,
      training_file: job.training_file,
      ...(job.validation_file ? { validation_file: job.validation_file } : {}),
      ...(job.suffix ? { suffix: job.suffix } : {}),
      ...(job.n_epochs ? { method: { type: "supervised", supervised: { hyperparameters: { n_epochs: job.n_epochs } } } } : {}),
      metadata: { kiln_job_id: job.kilnJobId },
    },
  });
}

/** The provider job created for `kilnJobId` earlier, if the provider lists it (OpenAI filters by metadata). */
export async function findProviderJob(ep: FinetuneEndpoint, kilnJobId: string): Promise<ProviderJob | null> {
  const query = `limit=20&${encodeURIComponent("metadata[kiln_job_id]")}=${encodeURIComponent(kilnJobId)}`;
  const list = await call<{ data?: ProviderJob[] }>(ep, "GET", `/fine_tuning/jobs?${query}`);
  // A server that ignores the filter lists other jobs too: only ours counts.
  return list.data?.find((j) => j.metadata?.kiln_job_id === kilnJobId) ?? null;
}

export const getProviderJob = (ep: FinetuneEndpoint, id: string) =>
  call<ProviderJob>(ep, "GET", `/fine_tuning/jobs/${encodeURIComponent(id)}`);

/** The newest events (up to 100), newest first as OpenAI lists them. */
export async function listProviderEvents(ep: FinetuneEndpoint, id: string): Promise<ProviderEvent[]> {
  const list = await call<{ data?: ProviderEvent[] }>(ep, "GET", `/fine_tuning/jobs/${encodeURIComponent(id)}/events?limit=100`);
  return list.data ?? [];
}

export const cancelProviderJob = (ep: FinetuneEndpoint, id: string) =>
  call<ProviderJob>(ep, "POST", `/fine_tuning/jobs/${encodeURIComponent(id)}/cancel`);
