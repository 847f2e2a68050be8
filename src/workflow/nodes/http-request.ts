// The HTTP request node: Dify's method/url/headers/params/body/authorization with every
// `{{#node.var#}}` rendered, sent through the SSRF guard (private and loopback hosts refused
// unless SSRF_ALLOW_HOSTS lists them). A non-2xx answer is a success, unless the node has retry
// or an error strategy set: then it fails ("Request failed with status code N"), so the engine
// retries it or takes the strategy, as Dify's node does. The engine's retry and error strategy
// apply to every failure (refused URL, timeout, oversized body). A file answer (Dify's is_file) is
// stored as the run's user's file and output in `files`, with an empty body.
import { jsonrepair } from "jsonrepair";
import { z } from "zod";
import { storeNodeFile } from "../../apps/upload-files";
import { Invalid, KilnError, withErrorType } from "../../lib/errors";
import { createGuardedFetch } from "../../lib/ssrf";
import { VariablePool } from "../variables";
import { loadFile, readCapped } from "./model/files";
import { type NodeRunContext, runFileOwner, type WorkflowNode } from "./types";

const decodeName = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** Dify's HTTP_REQUEST_NODE_MAX_TEXT_SIZE is 1 MB; binary bodies may be 10 MB. */
export const HTTP_LIMITS = { textBytes: 1024 * 1024, binaryBytes: 10 * 1024 * 1024, fileMb: 10, maxTimeoutSeconds: 600 };

// The node's own failures, named as Dify's error_type names them.
const tooLarge = (limit: number) =>
  withErrorType(new KilnError("payload_too_large", 413, `The response body is larger than the HTTP node's limit of ${limit / (1024 * 1024)} MB`), "ResponseSizeError");
const timedOut = (host: string, seconds: number) =>
  withErrorType(new KilnError("bad_request", 400, `The HTTP request to ${host} timed out after ${seconds} s`), "HttpRequestNodeError");

const bodyItemSchema = z.looseObject({
  key: z.string().default(""),
  type: z.enum(["text", "file"]).catch("text").default("text"),
  value: z.string().nullish(),
  file: z.array(z.string()).nullish(),
});

// Dify's editor stores 0 (and older exports "") for a timeout left at its default.
const seconds = z.preprocess(
  (v) => (v === "" || (v != null && Number(v) <= 0) ? null : v),
  z.coerce.number().positive().nullish(),
);

const schema = z.looseObject({
  method: z
    .string()
    .transform((m) => m.toUpperCase())
    .pipe(z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])),
  url: z.string().min(1),
  headers: z.string().nullish(),
  params: z.string().nullish(),
  authorization: z
    .looseObject({
      type: z.enum(["no-auth", "api-key"]).default("no-auth"),
      config: z
        .looseObject({ type: z.enum(["basic", "bearer", "custom"]).default("bearer"), api_key: z.string().default(""), header: z.string().nullish() })
        .nullish(),
    })
    .nullish(),
  body: z
    .looseObject({
      type: z.enum(["none", "json", "form-data", "x-www-form-urlencoded", "raw-text", "binary"]).default("none"),
      // Dify ≥0.8 stores a list of items; older exports a string.
      data: z.union([z.array(bodyItemSchema), z.string()]).nullish(),
    })
    .nullish(),
  timeout: z.looseObject({ connect: seconds, read: seconds, write: seconds, max_connect_timeout: seconds }).nullish(),
  ssl_verify: z.boolean().nullish(),
});
type HttpData = z.infer<typeof schema>;

/** Dify's "key:value" lines; a line without a colon is a key with an empty value. */
export function parseKeyValueLines(text: string): [string, string][] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line): [string, string] => {
      const at = line.indexOf(":");
      return at < 0 ? [line, ""] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    })
    .filter(([key]) => key !== "");
}

function bodyItems(data: HttpData): z.infer<typeof bodyItemSchema>[] {
  const raw = data.body?.data;
  if (!raw) return [];
  return typeof raw === "string" ? [{ key: "", type: "text", value: raw }] : raw;
}

async function fileOf(ctx: NodeRunContext, selector: string[] | null | undefined, field: string) {
  const value = selector?.length ? ctx.pool.get(selector) : undefined;
  const file = Array.isArray(value) ? value[0] : value;
  if (!file) throw withErrorType(Invalid(`${field}: the file variable is empty`, [field]), "FileFetchError");
  return loadFile(ctx, file, HTTP_LIMITS.fileMb);
}

/**
 * Python's json.loads(strict=False) accepts raw control characters (a newline from a model's
 * multi-line answer) inside strings; JSON.parse does not. This escapes them there, and only there.
 */
export function escapeControlCharsInStrings(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = text.charCodeAt(i);
    if (inString) {
      if (ch === "\\") {
        out += ch + (text[i + 1] ?? "");
        i++;
        continue;
      }
      if (ch === '"') inString = false;
      else if (code < 0x20) {
        out += `\\u${code.toString(16).padStart(4, "0")}`;
        continue;
      }
    } else if (ch === '"') inString = true;
    out += ch;
  }
  return out;
}

/**
 * Valid JSON as it is; an object or a list with a slip as jsonrepair mends it. Text that is no
 * object or list at all throws, as Dify's repair_json gives it back empty and json.loads fails.
 */
function parseLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    if (!/^\s*[[{]/.test(text)) throw err;
    return JSON.parse(jsonrepair(text));
  }
}

async function buildBody(ctx: NodeRunContext, data: HttpData, headers: Headers): Promise<BodyInit | undefined> {
  const type = data.body?.type ?? "none";
  const items = bodyItems(data);
  const render = (s: string | null | undefined) => ctx.pool.render(s ?? "");
  switch (type) {
    case "none":
      return undefined;
    case "json": {
      const text = render(items[0]?.value);
      let body = text;
      if (text.trim()) {
        try {
          // Sent re-serialised, as Dify sends json.loads(repair_json(text), strict=False) through
          // httpx: a body with a slip (a missing comma, a trailing one, single quotes) is repaired,
          // as Dify's json_repair repairs it.
          body = JSON.stringify(parseLenient(escapeControlCharsInStrings(text)));
        } catch {
          throw withErrorType(Invalid("body: the JSON body is not valid JSON after rendering its variables", ["body"]), "RequestBodyError");
        }
      }
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
      return body;
    }
    case "raw-text":
      if (!headers.has("content-type")) headers.set("content-type", "text/plain");
      return render(items[0]?.value);
    case "x-www-form-urlencoded": {
      const form = new URLSearchParams();
      for (const item of items) if (item.key) form.append(render(item.key), render(item.value));
      return form;
    }
    case "form-data": {
      // fetch sets the multipart boundary itself; a stale content-type would break it.
      headers.delete("content-type");
      const form = new FormData();
      for (const item of items) {
        if (!item.key) continue;
        if (item.type === "file") {
          const file = await fileOf(ctx, item.file, `body.${item.key}`);
          form.append(render(item.key), new Blob([file.bytes], { type: file.mimeType ?? "application/octet-stream" }), file.filename);
        } else form.append(render(item.key), render(item.value));
      }
      return form;
    }
    case "binary": {
      const file = await fileOf(ctx, items[0]?.file, "body");
      if (!headers.has("content-type")) headers.set("content-type", file.mimeType ?? "application/octet-stream");
      return file.bytes;
    }
  }
}

function applyAuthorization(data: HttpData, headers: Headers, render: (s: string) => string) {
  const auth = data.authorization;
  if (!auth || auth.type === "no-auth" || !auth.config) return;
  const key = render(auth.config.api_key);
  if (!key) throw withErrorType(Invalid("authorization.config.api_key: the API key is empty", ["authorization.config.api_key"]), "AuthorizationConfigError");
  switch (auth.config.type) {
    case "basic":
      // Dify accepts "user:password" and encodes it; an already-encoded credential is sent as is.
      headers.set("authorization", `Basic ${key.includes(":") ? btoa(key) : key}`);
      return;
    case "bearer":
      headers.set("authorization", `Bearer ${key}`);
      return;
    case "custom":
      headers.set(render(auth.config.header || "Authorization"), key);
  }
}

const TEXT_APPLICATION = /json|xml|javascript|x-www-form-urlencoded|yaml|graphql/;
/** A media type that is text whatever its bytes: text (CSV aside) and text-like application types. */
const isTextType = (contentType: string) =>
  (contentType.startsWith("text/") && !contentType.includes("csv")) || (contentType.startsWith("application/") && TEXT_APPLICATION.test(contentType));
const TEXT_MARKERS = ["{", "[", "<", "function", "var ", "const ", "let "];

/** The file name a Content-Disposition header gives (RFC 6266: filename* first), if any. */
function dispositionName(header: string): string | null {
  const star = /filename\*\s*=\s*(?:[\w-]+)?'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      return star[1].trim();
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(header);
  return plain ? (plain[1] ?? plain[2]).trim() : null;
}

/**
 * Whether an answer is a file, as Dify's Response.is_file decides: a Content-Disposition that says
 * attachment or names a file; else not for text (CSV aside), text-like application types or
 * application bytes that read as UTF-8 text starting like code or markup; else a file for
 * application, image, audio and video types.
 */
function isFileAnswer(contentType: string, disposition: string, bytes: Uint8Array): boolean {
  if (disposition && (/^\s*attachment/i.test(disposition) || dispositionName(disposition) !== null)) return true;
  if (isTextType(contentType)) return false;
  if (contentType.startsWith("application/")) {
    try {
      const sample = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes.subarray(0, 1024));
      if (TEXT_MARKERS.some((m) => sample.includes(m))) return false;
    } catch {
      // not UTF-8: bytes
    }
    return true;
  }
  return /^(image|audio|video)\//.test(contentType);
}

export const httpRequestNode: WorkflowNode<typeof schema> = {
  type: "http-request",
  retries: true,
  schema,
  async run(ctx, data) {
    const render = (s: string) => ctx.pool.render(s);
    const rawUrl = render(data.url).trim();
    let target: URL;
    try {
      target = new URL(rawUrl);
    } catch {
      throw withErrorType(Invalid(`url: "${rawUrl}" is not a valid URL`, ["url"]), "InvalidURLError");
    }
    for (const [key, value] of parseKeyValueLines(render(data.params ?? ""))) target.searchParams.append(key, value);
    const headers = new Headers();
    for (const [key, value] of parseKeyValueLines(render(data.headers ?? ""))) {
      try {
        headers.append(key, value);
      } catch {
        throw Invalid(`headers: "${key}" is not a valid header`, ["headers"]);
      }
    }
    applyAuthorization(data, headers, render);
    const body = data.method === "GET" || data.method === "HEAD" ? undefined : await buildBody(ctx, data, headers);
    const request = `${data.method} ${target.toString()}\n${[...headers.entries()].map(([k, v]) => `${k}: ${k === "authorization" ? "***" : v}`).join("\n")}\n\n${typeof body === "string" ? body : body ? `[${data.body?.type} body]` : ""}`;
    // A request that fails (network, timeout, status, size) still shows what it sent, as in Dify.
    ctx.trace?.({ processData: { request } });

    const limitSeconds = Math.min((data.timeout?.connect ?? 10) + (data.timeout?.read ?? 600), HTTP_LIMITS.maxTimeoutSeconds);
    const timeout = AbortSignal.timeout(limitSeconds * 1000);
    const started = Date.now();
    let res: Response;
    try {
      res = await createGuardedFetch(ctx.tctx.config.SSRF_ALLOW_HOSTS)(target.toString(), {
        method: data.method,
        headers,
        body,
        signal: AbortSignal.any([ctx.signal, timeout]),
      });
    } catch (err) {
      if (ctx.signal.aborted) throw ctx.signal.reason ?? err;
      // Refused (a private address), timed out or unreachable: Dify's HttpRequestNodeError.
      if (err instanceof KilnError) throw withErrorType(err, "HttpRequestNodeError");
      if (timeout.aborted) throw timedOut(target.host, limitSeconds);
      throw withErrorType(new KilnError("bad_request", 400, `The HTTP request to ${target.host} failed: ${(err as Error)?.message ?? String(err)}`), "HttpRequestNodeError");
    }
    const contentType = (res.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    const disposition = res.headers.get("content-disposition") ?? "";
    // Text may be 1 MB; an answer that may be a file, 10 MB (decided once it is read, as Dify does).
    const mayBeFile = Boolean(disposition) || !(contentType === "" || isTextType(contentType));
    let bytes: Uint8Array;
    try {
      const limit = mayBeFile ? HTTP_LIMITS.binaryBytes : HTTP_LIMITS.textBytes;
      bytes = await readCapped(res, limit, () => tooLarge(limit));
    } catch (err) {
      if (err instanceof KilnError) throw err;
      if (timeout.aborted) throw timedOut(target.host, limitSeconds);
      throw err;
    }
    const responseHeaders = Object.fromEntries(res.headers.entries());
    const node = ctx.node.data as { error_strategy?: string | null; retry_config?: { retry_enabled?: boolean } | null };
    if ((res.status < 200 || res.status > 299) && (node.error_strategy || node.retry_config?.retry_enabled)) {
      throw withErrorType(new KilnError("bad_request", 400, `Request failed with status code ${res.status}`), "HTTPResponseCodeError");
    }
    // A file answer is stored as the run's user's file (Dify's tool file), and the body is empty;
    // a text answer read under the file limit still has the text limit.
    const isFile = isFileAnswer(contentType, disposition, bytes);
    if (!isFile && bytes.byteLength > HTTP_LIMITS.textBytes) {
      throw tooLarge(HTTP_LIMITS.textBytes);
    }
    const file = isFile
      ? await storeNodeFile(
          ctx.tctx,
          runFileOwner(ctx),
          bytes,
          dispositionName(disposition) || decodeName(target.pathname.split("/").at(-1) ?? "") || "file",
          contentType || "application/octet-stream",
        )
      : null;
    return {
      outputs: {
        status_code: res.status,
        body: file ? "" : new TextDecoder().decode(bytes),
        headers: responseHeaders,
        files: file ? [file] : [],
      },
      processData: {
        request,
        elapsed_ms: Date.now() - started,
        ...(data.ssl_verify === false ? { ssl_verify: "Workers always verify TLS certificates; ssl_verify: false has no effect" } : {}),
      },
    };
  },
  selectors(data) {
    const texts = [data.url, data.headers ?? "", data.params ?? "", data.authorization?.config?.api_key ?? ""];
    for (const item of bodyItems(data)) texts.push(item.key, item.value ?? "");
    const found = texts.flatMap((t) => VariablePool.selectorsIn(t));
    const files = bodyItems(data).flatMap((i) => (i.type === "file" && i.file?.length ? [i.file] : []));
    return [...found, ...files];
  },
};
