// Calls one custom API tool: builds the request from the stored operation and the model's
// arguments, sends it through the SSRF guard, and reads at most MAX_RESPONSE_BYTES of the answer.
// A non-2xx answer is a result marked isError (the agent sees it and decides), not an exception.
import type { TenantCtx } from "../../context";
import { KilnError } from "../../lib/errors";
import { createGuardedFetch } from "../../lib/ssrf";
import type { ToolCallOptions, ToolResult } from "../types";
import { type ApiCredentials, applyCredentials } from "./credentials";
import type { StoredApiTool } from "./operation";

export const MAX_RESPONSE_BYTES = 1024 * 1024;
const ERROR_BODY_CHARS = 2_000;

export interface ApiCallTarget {
  serverUrl: string;
  tool: StoredApiTool;
  credentials: ApiCredentials;
}

function asText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/** The value as the schema types it: models often send "3" for a number or "true" for a boolean. */
function coerce(v: unknown, type: string): unknown {
  if (typeof v !== "string") return v;
  if (type === "number" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  if (type === "boolean" && (v === "true" || v === "false")) return v === "true";
  if ((type === "object" || type === "array") && /^\s*[[{]/.test(v)) {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

/** The request a call sends. Exported for tests of URL and body building. */
export function buildRequest(target: ApiCallTarget, args: Record<string, unknown>): { url: URL; init: RequestInit } {
  const { tool, credentials } = target;
  const op = tool.operation;
  const missing = tool.parameters.filter((p) => p.required && (args[p.name] === undefined || args[p.name] === null || args[p.name] === "")).map((p) => p.name);
  if (missing.length) throw new KilnError("invalid_param", 400, `missing required parameter(s): ${missing.join(", ")}`);

  const values: Record<string, unknown> = {};
  for (const p of tool.parameters) {
    const v = args[p.name] ?? p.default;
    if (v !== undefined && v !== null) values[p.name] = coerce(v, p.type);
  }
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(asText(values[name] ?? "")));
  const base = (op.serverUrl ?? target.serverUrl).replace(/\/+$/, "");
  const url = new URL(`${base}${path}`);
  const headers = new Headers();
  const cookies: string[] = [];
  const body: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(values)) {
    switch (op.params[name]) {
      case "query":
        for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(name, asText(item));
        break;
      case "header":
        headers.set(name, asText(v));
        break;
      case "cookie":
        cookies.push(`${encodeURIComponent(name)}=${encodeURIComponent(asText(v))}`);
        break;
      case "body":
        body[name] = v;
        break;
    }
  }
  if (cookies.length) headers.set("cookie", cookies.join("; "));
  applyCredentials(credentials, url, headers);

  let payload: string | undefined;
  const hasBody = op.rawBody ? values[op.rawBody] !== undefined : Object.keys(body).length > 0;
  if (hasBody && op.method !== "GET" && op.method !== "HEAD") {
    if (op.bodyType === "form") {
      headers.set("content-type", "application/x-www-form-urlencoded");
      payload = new URLSearchParams(Object.entries(body).map(([k, v]) => [k, asText(v)])).toString();
    } else {
      headers.set("content-type", "application/json");
      payload = JSON.stringify(op.rawBody ? values[op.rawBody] : body);
    }
  }
  headers.set("accept", headers.get("accept") ?? "application/json, text/plain;q=0.9, */*;q=0.5");
  return { url, init: { method: op.method, headers, body: payload } };
}

/** Reads a body up to `max` bytes, cancelling the rest. */
async function readCapped(res: Response, max: number): Promise<{ bytes: Uint8Array; cut: boolean }> {
  if (!res.body) return { bytes: new Uint8Array(), cut: false };
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  let cut = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = max - size;
    if (value.byteLength > room) {
      parts.push(value.subarray(0, room));
      size += room;
      cut = true;
      await reader.cancel().catch(() => {});
      break;
    }
    parts.push(value);
    size += value.byteLength;
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.byteLength;
  }
  return { bytes, cut };
}

const isTextual = (type: string) => !type || /^text\/|json|xml|javascript|x-www-form-urlencoded|yaml|csv/i.test(type);

export async function callApiTool(ctx: TenantCtx, target: ApiCallTarget, args: Record<string, unknown>, options: ToolCallOptions): Promise<ToolResult> {
  const { url, init } = buildRequest(target, args);
  const fetcher = createGuardedFetch(ctx.config.SSRF_ALLOW_HOSTS);
  let res: Response;
  try {
    res = await fetcher(url.toString(), { ...init, signal: options.signal });
  } catch (err) {
    if (err instanceof KilnError || options.signal.aborted) throw err;
    // The origin only: the full URL may carry an API key in its query.
    const reason = String((err as Error)?.message ?? err);
    throw new Error(`could not reach ${url.origin}: ${url.search ? reason.replaceAll(url.search, "?…") : reason}`);
  }
  const type = res.headers.get("content-type") ?? "";
  const { bytes, cut } = await readCapped(res, MAX_RESPONSE_BYTES);
  // First, so the note survives the registry cutting the text to what a model may see.
  const note = cut ? `[response cut: only the first ${MAX_RESPONSE_BYTES} bytes were read]\n` : "";
  if (!isTextual(type)) {
    const text = `HTTP ${res.status}: a ${type} response of ${bytes.byteLength}${cut ? "+" : ""} bytes (not text, not shown)`;
    return res.ok ? { text } : { text, isError: true };
  }
  const body = new TextDecoder().decode(bytes);
  if (!res.ok) return { text: `HTTP ${res.status}: ${body.slice(0, ERROR_BODY_CHARS)}${body.length > ERROR_BODY_CHARS ? "…" : ""}`, isError: true };
  if (!body.trim()) return { text: `HTTP ${res.status}: empty response` };
  if (!cut && /json/i.test(type)) {
    try {
      const parsed = JSON.parse(body);
      return { text: JSON.stringify(parsed), json: [parsed] };
    } catch {
      // Declared JSON but is not: hand over the text as is.
    }
  }
  return { text: `${note}${body}` };
}
