// The requests module (get/post/... and Response) on record/replay: a request takes its response
// from the run's log or stops the run until run.ts has fetched it (see ../replay.ts). Only
// importable when the caller gives runPython a fetch.
import { arg, asStr } from "../args";
import { repr, str } from "../format";
import { toArray } from "../ops";
import { type HttpOutcome, type HttpRequest, replay } from "../replay";
import { E, type Kwargs, type PyBuiltin, PyBytes, PyDict, PyException, PyList, type PyModule, PyNative, type Py, PyTuple, PyType, T, pyError, typeName } from "../values";
import { jsonModule } from "./json";
import { makeModule } from "./module";
import { quote } from "./web";

const MODULE = "requests.exceptions";
const excType = (name: string, base: PyType) => {
  const t = new PyType(name, base, MODULE);
  t.call = (args) => new PyException(t, args);
  return t;
};
const RequestException = excType("RequestException", E.OSError);
const ConnectionError = excType("ConnectionError", RequestException);
const Timeout = excType("Timeout", RequestException);
const EXCEPTIONS = {
  RequestException,
  ConnectionError,
  Timeout,
  ConnectTimeout: excType("ConnectTimeout", ConnectionError),
  ReadTimeout: excType("ReadTimeout", Timeout),
  HTTPError: excType("HTTPError", RequestException),
  TooManyRedirects: excType("TooManyRedirects", RequestException),
  MissingSchema: excType("MissingSchema", RequestException),
  InvalidSchema: excType("InvalidSchema", RequestException),
  InvalidURL: excType("InvalidURL", RequestException),
  // requests' JSONDecodeError is also a RequestException; a type here has one base, and code
  // catches it as ValueError or json.JSONDecodeError far more often
  JSONDecodeError: excType("JSONDecodeError", E.JSONDecodeError),
};

/** CPython's http.HTTPStatus phrases, for responses that carry no reason phrase (HTTP/2). */
const REASONS: Record<number, string> = {
  200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content", 206: "Partial Content",
  301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified", 307: "Temporary Redirect", 308: "Permanent Redirect",
  400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
  406: "Not Acceptable", 408: "Request Timeout", 409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed",
  413: "Request Entity Too Large", 414: "Request-URI Too Long", 415: "Unsupported Media Type", 418: "I'm a Teapot",
  422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented",
  502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
};

type Outcome = Extract<HttpOutcome, { ok: true }>;
interface ResponseState extends Outcome {
  encoding: string | null;
}

// ---- headers: a case-insensitive view of the response headers -------------------------------------

const headersType = new PyType("CaseInsensitiveDict", T.object, "requests.structures");
const H = (v: Py) => (v as PyNative<[string, string][]>).value;
const findHeader = (h: [string, string][], k: Py) => h.find(([name]) => name === asStr(k, "header name").toLowerCase());
headersType.methods.set("__getitem__", (s, [k]) => {
  const found = findHeader(H(s), k);
  if (!found) throw new PyException(E.KeyError, [k]);
  return found[1];
});
headersType.methods.set("get", (s, [k, dflt]) => findHeader(H(s), k)?.[1] ?? dflt ?? null);
headersType.methods.set("__contains__", (s, [k]) => typeof k === "string" && findHeader(H(s), k) !== undefined);
headersType.methods.set("__iter__", (s) => new PyList(H(s).map(([k]) => k)));
headersType.methods.set("__len__", (s) => BigInt(H(s).length));
headersType.methods.set("keys", (s) => new PyList(H(s).map(([k]) => k)));
headersType.methods.set("values", (s) => new PyList(H(s).map(([, v]) => v)));
headersType.methods.set("items", (s) => new PyList(H(s).map(([k, v]) => new PyTuple([k, v]))));
headersType.methods.set("__repr__", (s) => `{${H(s).map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(", ")}}`);

// ---- Response -----------------------------------------------------------------------------------

const responseType = new PyType("Response", T.object, "requests.models");
const R = (v: Py) => (v as PyNative<ResponseState>).value;
const reason = (r: ResponseState) => r.reason || REASONS[r.status] || "";

/** requests' get_encoding_from_headers. */
function encodingOf(headers: [string, string][]): string | null {
  const type = headers.find(([k]) => k === "content-type")?.[1];
  if (!type) return null;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type);
  if (charset) return charset[1];
  if (/^text\//i.test(type)) return "ISO-8859-1";
  if (/^application\/json/i.test(type)) return "utf-8";
  return null;
}

function decode(r: ResponseState): string {
  try {
    // no chardet here: an unknown encoding is taken to be UTF-8, as apparent_encoding mostly finds
    return new TextDecoder(r.encoding ?? "utf-8").decode(r.body);
  } catch {
    return new TextDecoder().decode(r.body);
  }
}

responseType.getters.set("status_code", (s) => BigInt(R(s).status));
responseType.getters.set("ok", (s) => R(s).status < 400);
responseType.getters.set("reason", (s) => reason(R(s)));
responseType.getters.set("url", (s) => R(s).url);
responseType.getters.set("headers", (s) => new PyNative(headersType, R(s).headers));
responseType.getters.set("content", (s) => new PyBytes(R(s).body));
responseType.getters.set("text", (s) => decode(R(s)));
responseType.getters.set("encoding", (s) => R(s).encoding);
responseType.methods.set("__setattr__", (s, [name, value]) => {
  if (name !== "encoding") throw pyError(E.AttributeError, `'Response' object attribute '${str(name)}' is read-only in Kiln's Python sandbox`);
  R(s).encoding = value === null ? null : asStr(value, "encoding");
  return null;
});
responseType.methods.set("__repr__", (s) => `<Response [${R(s).status}]>`);
responseType.methods.set("__bool__", (s) => R(s).status < 400);
responseType.methods.set("close", () => null);
responseType.methods.set("raise_for_status", (s) => {
  const r = R(s);
  const kind = r.status >= 400 && r.status < 500 ? "Client" : r.status >= 500 && r.status < 600 ? "Server" : null;
  if (!kind) return null;
  const e = new PyException(EXCEPTIONS.HTTPError, [`${r.status} ${kind} Error: ${reason(r)} for url: ${r.url}`]);
  e.attrs.set("response", s);
  throw e;
});

// ---- building the request -----------------------------------------------------------------------

const text = (v: Py) => (v instanceof PyBytes ? new TextDecoder().decode(v.data) : str(v));

/** requests' _encode_params: a dict or pairs, list values repeated, None values dropped. */
function encodePairs(v: Py): string {
  const pairs = v instanceof PyDict ? [...v.map.values()] : toArray(v).map((p) => toArray(p) as [Py, Py]);
  const parts: string[] = [];
  for (const [k, x] of pairs) {
    const values = x instanceof PyList || x instanceof PyTuple ? x.items : [x];
    for (const item of values) if (item !== null) parts.push(`${quote(text(k), "", true)}=${quote(text(item), "", true)}`);
  }
  return parts.join("&");
}

function seconds(v: Py): number | null {
  if (v === null) return null;
  if (v instanceof PyTuple || v instanceof PyList) return v.items.reduce<number>((sum, x) => sum + (seconds(x) ?? 0), 0) || null;
  if (typeof v === "number" || typeof v === "bigint") return Number(v) * 1000;
  throw pyError(E.TypeError, `timeout must be a number or a (connect, read) tuple, not ${typeName(v)}`);
}

let json: PyModule | undefined;
const jsonFn = (name: string) => {
  json ??= jsonModule();
  return json.attrs.get(name) as PyBuiltin;
};

function buildRequest(method: string, args: Py[], kw: Kwargs): HttpRequest {
  const fname = method.toLowerCase();
  const opt = (name: string) => kw?.get(name) ?? null;
  let url = asStr(arg(fname, args, kw, 0, "url"), "url").trim();
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    throw new PyException(EXCEPTIONS.MissingSchema, [`Invalid URL '${url}': No scheme supplied. Perhaps you meant https://${url}?`]);
  }
  if (!/^https?:\/\//i.test(url)) throw new PyException(EXCEPTIONS.InvalidSchema, [`No connection adapters were found for '${url}'`]);
  const params = opt("params") ?? (fname === "get" ? (args[1] ?? null) : null);
  if (params !== null) {
    const query = typeof params === "string" ? params : encodePairs(params);
    if (query) url = url.includes("?") ? `${url}&${query}` : `${url}?${query}`;
  }
  if (opt("files") !== null) throw pyError(E.NotImplementedError, "requests files= uploads are not supported in Kiln's Python sandbox");
  const headers: [string, string][] = [["User-Agent", "python-requests/2.32.3"], ["Accept", "*/*"]];
  const setHeader = (k: string, v: string) => {
    const i = headers.findIndex(([name]) => name.toLowerCase() === k.toLowerCase());
    if (i >= 0) headers.splice(i, 1);
    headers.push([k, v]);
  };
  const given = opt("headers");
  if (given instanceof PyDict) {
    for (const [k, v] of given.map.values()) if (v !== null) setHeader(text(k), text(v));
  } else if (given !== null) throw pyError(E.TypeError, `headers must be a dict, not ${typeName(given)}`);
  const auth = opt("auth");
  if (auth instanceof PyTuple || auth instanceof PyList) {
    const [user, password] = auth.items.map(text);
    setHeader("Authorization", `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${password}`)))}`);
  }
  const hasHeader = (k: string) => headers.some(([name]) => name.toLowerCase() === k);
  const data = opt("data") ?? (fname === "post" || fname === "put" || fname === "patch" ? (args[1] ?? null) : null);
  const json = opt("json");
  let body: string | Uint8Array | null = null;
  if (data !== null) {
    if (typeof data === "string") body = data;
    else if (data instanceof PyBytes) body = data.data;
    else {
      body = encodePairs(data);
      if (!hasHeader("content-type")) headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
    }
  } else if (json !== null) {
    body = jsonFn("dumps").fn([json], new Map([["allow_nan", false]])) as string;
    if (!hasHeader("content-type")) headers.push(["Content-Type", "application/json"]);
  }
  return { method, url, headers, body, timeoutMs: seconds(opt("timeout")) };
}

function send(method: string, args: Py[], kw: Kwargs): Py {
  const log = replay.current;
  if (!log) throw pyError(E.RuntimeError, "requests is not available in this run");
  const outcome = log.exchange(buildRequest(method, args, kw));
  if (!outcome.ok) throw new PyException(EXCEPTIONS[outcome.error], [outcome.message]);
  return new PyNative<ResponseState>(responseType, { ...outcome, encoding: encodingOf(outcome.headers) });
}

responseType.methods.set("json", (s) => {
  try {
    return jsonFn("loads").fn([decode(R(s))], null);
  } catch (e) {
    if (!(e instanceof PyException) || e.type !== E.JSONDecodeError) throw e;
    const r = new PyException(EXCEPTIONS.JSONDecodeError, e.args);
    for (const [k, v] of e.attrs) r.attrs.set(k, v);
    throw r;
  }
});

const METHODS = ["get", "post", "put", "patch", "delete", "head", "options"];

export function requestsExceptionsModule(): PyModule {
  return makeModule(MODULE, {}, EXCEPTIONS);
}

export function requestsModule(exceptions: PyModule): PyModule {
  const fns: Record<string, (args: Py[], kw: Kwargs) => Py> = {
    request: (args, kw) => send(asStr(arg("request", args, kw, 0, "method"), "method").toUpperCase(), args.slice(1), kw),
  };
  for (const m of METHODS) fns[m] = (args, kw) => send(m.toUpperCase(), args, kw);
  return makeModule("requests", fns, { ...EXCEPTIONS, exceptions, Response: responseType });
}

