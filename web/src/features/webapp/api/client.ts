// The public WebApp's HTTP client for Kiln's `/api/*`. Each site code has its own passport, kept
// in localStorage so a browser keeps its conversations; it is renewed on every visit (same
// session, fresh expiry) and replaced once if the server refuses it. Failures become WebAppError
// with a sentence a visitor can act on.

export class WebAppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "WebAppError";
  }
}

const storageKey = (code: string) => `kiln:webapp:passport:${code}`;

function readStored(code: string): string | null {
  try {
    return localStorage.getItem(storageKey(code));
  } catch {
    return null;
  }
}

function store(code: string, token: string | null): void {
  try {
    if (token) localStorage.setItem(storageKey(code), token);
    else localStorage.removeItem(storageKey(code));
  } catch {
    // Storage can be blocked (private mode, third-party iframes): the passport then lives in memory.
  }
}

/** Words for the errors a visitor can meet; anything else shows the server's own message. */
function friendlyMessage(code: string, status: number, message: string, retryAfter: string | null): string {
  if (status === 429) {
    const wait = retryAfter ? ` Wait ${retryAfter} second${retryAfter === "1" ? "" : "s"} and try again.` : " Wait a moment and try again.";
    return `You're sending requests too quickly.${wait}`;
  }
  if (code === "app_unavailable") return "This app isn't ready yet: its owner hasn't published it. Try again later.";
  if (message === "Site is disabled.") return "This app's public page has been turned off by its owner.";
  if (status === 404 && code === "not_found" && /WebApp/.test(message)) {
    return "This app doesn't exist. Check the link, or ask whoever shared it for a new one.";
  }
  if (code === "provider_not_support_speech_to_text") {
    return "Voice input isn't available right now: this app's owner hasn't set up a speech-to-text model.";
  }
  if (code === "provider_not_initialize") return "Reading aloud isn't available right now: this app's owner hasn't set up a text-to-speech model.";
  if (code === "unsupported_audio_type") return "Your browser recorded audio in a format the server can't read. Try another browser, or type your question.";
  if (code === "audio_too_large") return "That recording is too long. Record a shorter question (at most 30 MB).";
  if (status >= 500) return "Something went wrong on the server. Try again in a moment.";
  return message;
}

export async function toWebAppError(res: Response): Promise<WebAppError> {
  let code = "http_error";
  let message = `The server answered ${res.status}.`;
  try {
    const body = (await res.json()) as { code?: unknown; message?: unknown };
    if (typeof body.code === "string") code = body.code;
    if (typeof body.message === "string" && body.message) message = body.message;
  } catch {
    // not JSON: keep the generic sentence
  }
  return new WebAppError(code, res.status, friendlyMessage(code, res.status, message, res.headers.get("Retry-After")));
}

const networkError = () =>
  new WebAppError("network_error", 0, "Can't reach the server. Check your internet connection and try again.");

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw networkError();
  }
}

const memory = new Map<string, string>();
const pending = new Map<string, Promise<string>>();

async function requestPassport(code: string, previous: string | null): Promise<string> {
  const headers: Record<string, string> = { "X-App-Code": code, Accept: "application/json" };
  if (previous) headers.Authorization = `Bearer ${previous}`;
  const res = await send("/api/passport", { headers });
  if (!res.ok) throw await toWebAppError(res);
  const { access_token } = (await res.json()) as { access_token: string };
  memory.set(code, access_token);
  store(code, access_token);
  return access_token;
}

/**
 * The passport for a site, renewed once per page load (keeping the browser's session).
 * Concurrent callers share one request.
 */
export function getPassport(code: string, options: { fresh?: boolean } = {}): Promise<string> {
  const known = memory.get(code);
  if (known && !options.fresh) return Promise.resolve(known);
  let p = pending.get(code);
  if (!p) {
    p = requestPassport(code, options.fresh ? null : readStored(code)).finally(() => pending.delete(code));
    pending.set(code, p);
  }
  return p;
}

type Query = Record<string, string | number | boolean | undefined>;

export interface WebAppRequest {
  method?: "GET" | "POST" | "DELETE";
  /** JSON, or a FormData sent as multipart. */
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ""}`;
}

/** A call behind the site's passport; a refused passport is replaced once and the call retried. */
export async function webappFetch(code: string, path: string, req: WebAppRequest = {}): Promise<Response> {
  const attempt = async (token: string) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: "application/json" };
    // A form (an upload) goes as multipart: the browser writes its Content-Type with the boundary.
    const isForm = req.body instanceof FormData;
    if (req.body !== undefined && !isForm) headers["Content-Type"] = "application/json";
    return send(buildUrl(path, req.query), {
      method: req.method ?? "GET",
      headers,
      body: req.body === undefined ? undefined : isForm ? (req.body as FormData) : JSON.stringify(req.body),
      signal: req.signal,
    });
  };
  let res = await attempt(await getPassport(code));
  if (res.status === 401) {
    memory.delete(code);
    res = await attempt(await getPassport(code, { fresh: true }));
  }
  if (!res.ok) throw await toWebAppError(res);
  return res;
}

export async function webappJson<T>(code: string, path: string, req: WebAppRequest = {}): Promise<T> {
  const res = await webappFetch(code, path, req);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A call that needs no passport: a Human Input form's token is its own credential. */
export async function publicJson<T>(path: string, req: Omit<WebAppRequest, "query"> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (req.body !== undefined) headers["Content-Type"] = "application/json";
  const res = await send(buildUrl(path), {
    method: req.method ?? "GET",
    headers,
    body: req.body === undefined ? undefined : JSON.stringify(req.body),
    signal: req.signal,
  });
  if (!res.ok) throw await toWebAppError(res);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A multipart upload that needs no passport, with its own bearer (a Human Input form's upload token). */
export async function publicUpload<T>(path: string, form: FormData, bearer: string): Promise<T> {
  const res = await send(buildUrl(path), { method: "POST", headers: { Accept: "application/json", Authorization: `Bearer ${bearer}` }, body: form });
  if (!res.ok) throw await toWebAppError(res);
  return (await res.json()) as T;
}

export function webappErrorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Try again.";
}
