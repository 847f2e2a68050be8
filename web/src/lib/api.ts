// The dashboard's one HTTP client for Kiln's console API. It sends the session cookies, echoes the
// `csrf_token` cookie in `X-CSRF-Token` on writes, refreshes an expired session once, and turns
// every failure into an ApiError whose message can be shown to the user as is.

export const CONSOLE_API = "/console/api";

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** Seconds to wait before retrying, from a 429's `Retry-After` header. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  query?: Query;
  /** Base path; the console API unless told otherwise (e.g. "" for /openapi.json). */
  base?: string;
  /**
   * Whether this call needs a session. Public calls (sign-in, setup, activation) report a 401 as an
   * error instead of refreshing the session or leaving the page.
   */
  auth?: boolean;
  signal?: AbortSignal;
  /** Answers the successful Response itself, unread (for streams); failures still throw ApiError. */
  raw?: boolean;
}

let onUnauthenticated: () => void = () => {
  if (!window.location.pathname.startsWith("/signin")) window.location.assign("/signin");
};

/** Lets the router decide where a user goes when their session cannot be renewed. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

function buildUrl(base: string, path: string, query?: Query): string {
  const url = `${base}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

async function send(url: string, method: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") {
    const csrf = readCookie("csrf_token");
    if (csrf) headers["X-CSRF-Token"] = csrf;
  }
  try {
    return await fetch(url, {
      method,
      headers,
      credentials: "include",
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(
      "network_error",
      0,
      "Can't reach the Kiln server. Check your connection, or that Kiln is running, and try again.",
    );
  }
}

// Kiln answers no console request with 503: a 503 comes from the runtime in front of it, which
// refused the request before Kiln ran it (`wrangler dev` does when its worker restarts, and now
// and then under parallel uploads). Such a request is sent again, at most twice, after the
// Retry-After it names (or a short pause).
const UNAVAILABLE_RETRIES = 2;

async function retryUnavailable(sendOnce: () => Promise<Response>, signal?: AbortSignal): Promise<Response> {
  let res = await sendOnce();
  for (let attempt = 1; attempt <= UNAVAILABLE_RETRIES && res.status === 503 && !signal?.aborted; attempt++) {
    const after = Number.parseInt(res.headers.get("Retry-After") ?? "", 10);
    const waitMs = Number.isFinite(after) && after > 0 ? Math.min(after, 5) * 1000 : 250 * attempt;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    res = await sendOnce();
  }
  return res;
}

async function toApiError(res: Response): Promise<ApiError> {
  const retryAfterHeader = res.headers.get("Retry-After");
  const retryAfter = retryAfterHeader ? Number.parseInt(retryAfterHeader, 10) : undefined;
  let code = "http_error";
  let message = `The server answered ${res.status} ${res.statusText || ""}`.trim();
  try {
    const body = (await res.json()) as { code?: unknown; message?: unknown; error?: unknown };
    if (typeof body.code === "string") code = body.code;
    if (typeof body.message === "string" && body.message) message = body.message;
    // Dify's import answers a failure as `{ status: "failed", error }`.
    else if (typeof body.error === "string" && body.error) message = body.error;
  } catch {
    message = `${message}. Try again in a moment; if it keeps happening, check the server logs.`;
  }
  return new ApiError(code, res.status, message, Number.isFinite(retryAfter) ? retryAfter : undefined);
}

// Concurrent 401s share one refresh, so a burst of expired requests renews the session only once.
let refreshing: Promise<boolean> | null = null;
// Refresh tokens rotate: a refresh racing another one (same page or another tab) presents the
// token the winner just replaced and is refused. If a refresh succeeded moments ago, the cookies
// already hold the new session, so the request is simply retried.
let lastRefreshOk = 0;
const RECENT_REFRESH_MS = 10_000;

function refreshSession(): Promise<boolean> {
  refreshing ??= send(`${CONSOLE_API}/refresh-token`, "POST", undefined)
    .then((res) => {
      if (res.ok) lastRefreshOk = Date.now();
      return res.ok || Date.now() - lastRefreshOk < RECENT_REFRESH_MS;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = "GET", body, query, base = CONSOLE_API, auth = true, signal, raw } = options;
  const url = buildUrl(base, path, query);

  const sendOnce = () => send(url, method, body, signal);
  let res = await retryUnavailable(sendOnce, signal);
  if (res.status === 401 && auth) {
    if (await refreshSession()) res = await retryUnavailable(sendOnce, signal);
    if (res.status === 401) {
      onUnauthenticated();
      throw await toApiError(res);
    }
  }
  if (!res.ok) throw await toApiError(res);
  if (raw) return res as T;
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, "method" | "body">) =>
    request<T>(path, { ...options, method: "GET" }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, "method" | "body">) =>
    request<T>(path, { ...options, method: "POST", body: body ?? {} }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, "method" | "body">) =>
    request<T>(path, { ...options, method: "PUT", body: body ?? {} }),
  delete: <T = void>(path: string, options?: Omit<RequestOptions, "method" | "body">) =>
    request<T>(path, { ...options, method: "DELETE" }),
  // The knowledge API's PATCH routes and multipart uploads; see the section at the end of the file.
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, "method" | "body">) =>
    request<T>(path, { ...options, method: "PATCH", body: body ?? {} }),
  upload: <T>(path: string, form: FormData, options?: UploadOptions) => upload<T>(path, form, options),
};

/** The sentence to show for any error a query or mutation produced. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Try again.";
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

// ─── Knowledge: multipart uploads with progress ─────────────────────────────────────────────────
// fetch() reports no upload progress, so files go up through XMLHttpRequest: one request per file,
// each with its own progress callback. Same cookies, CSRF header, session refresh and ApiError.

export interface UploadOptions {
  /** Called with the fraction (0–1) of the body sent so far. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

function sendForm(url: string, form: FormData, { onProgress, signal }: UploadOptions): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json");
    const csrf = readCookie("csrf_token");
    if (csrf) xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      const headers = new Headers();
      for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
        const at = line.indexOf(":");
        if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
      }
      // A 204 or 205 Response may not carry a body, not even an empty string.
      const body = xhr.status === 204 || xhr.status === 205 ? null : xhr.responseText;
      resolve(new Response(body, { status: xhr.status, statusText: xhr.statusText, headers }));
    };
    xhr.onerror = () =>
      reject(
        new ApiError(
          "network_error",
          0,
          "The upload didn't reach the Kiln server. Check your connection, or that Kiln is running, and try again.",
        ),
      );
    xhr.onabort = () => reject(new DOMException("The upload was cancelled.", "AbortError"));
    if (signal) {
      if (signal.aborted) return xhr.abort();
      signal.addEventListener("abort", () => xhr.abort(), { once: true });
    }
    xhr.send(form);
  });
}

async function upload<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  const url = buildUrl(CONSOLE_API, path);
  const sendOnce = () => sendForm(url, form, options);
  let res = await retryUnavailable(sendOnce, options.signal);
  if (res.status === 401) {
    if (await refreshSession()) res = await retryUnavailable(sendOnce, options.signal);
    if (res.status === 401) {
      onUnauthenticated();
      throw await toApiError(res);
    }
  }
  if (!res.ok) throw await toApiError(res);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
