// urllib.parse (quoting, query strings, urlparse) and html (escape, unescape): pure string
// functions; urllib's network half stays unavailable.
import { decodeEntities } from "../../../../knowledge/parse/html-entities";
import { arg, asStr } from "../args";
import { toArray, truthy } from "../ops";
import { str } from "../format";
import { PyBytes, PyDict, PyList, type PyModule, PyNative, type Py, PyTuple, PyType, T } from "../values";
import { makeModule } from "./module";

const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;

export function quote(s: string, safe: string, plus: boolean): string {
  let out = "";
  for (const ch of s) {
    if (ALWAYS_SAFE.test(ch) || safe.includes(ch)) out += ch;
    else if (plus && ch === " ") out += "+";
    else for (const b of new TextEncoder().encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function unquote(s: string, plus: boolean): string {
  const text = plus ? s.replace(/\+/g, " ") : s;
  return text.replace(/(%[0-9a-fA-F]{2})+/g, (m) => {
    const bytes = Uint8Array.from(m.match(/%[0-9a-fA-F]{2}/g)!, (h) => Number.parseInt(h.slice(1), 16));
    return new TextDecoder().decode(bytes);
  });
}

const text = (v: Py) => (v instanceof PyBytes ? new TextDecoder().decode(v.data) : str(v));

function urlencode(query: Py, doseq: boolean, safe: string): string {
  const pairs: [Py, Py][] = query instanceof PyDict ? [...query.map.values()] : toArray(query).map((p) => toArray(p) as [Py, Py]);
  const parts: string[] = [];
  for (const [k, v] of pairs) {
    const key = quote(text(k), safe, true);
    if (doseq && (v instanceof PyList || v instanceof PyTuple)) for (const x of v.items) parts.push(`${key}=${quote(text(x), safe, true)}`);
    else parts.push(`${key}=${quote(text(v), safe, true)}`);
  }
  return parts.join("&");
}

function parseQsl(qs: string, keepBlank: boolean): [string, string][] {
  const out: [string, string][] = [];
  for (const part of qs.split(/[&]/)) {
    if (!part) continue;
    const i = part.indexOf("=");
    const k = i < 0 ? part : part.slice(0, i);
    const v = i < 0 ? "" : part.slice(i + 1);
    if (!v && !keepBlank) continue;
    out.push([unquote(k, true), unquote(v, true)]);
  }
  return out;
}

const parseResultType = new PyType("ParseResult", T.object, "urllib.parse");
const FIELDS = ["scheme", "netloc", "path", "params", "query", "fragment"];
for (let i = 0; i < FIELDS.length; i++) parseResultType.getters.set(FIELDS[i], (s) => (s as PyNative<string[]>).value[i]);
parseResultType.getters.set("hostname", (s) => {
  const netloc = (s as PyNative<string[]>).value[1];
  const host = netloc.replace(/^.*@/, "").replace(/:\d*$/, "").toLowerCase();
  return host || null;
});
parseResultType.getters.set("port", (s) => {
  const m = /:(\d+)$/.exec((s as PyNative<string[]>).value[1]);
  return m ? BigInt(m[1]) : null;
});
parseResultType.methods.set("__repr__", (s) => `ParseResult(${FIELDS.map((f, i) => `${f}='${(s as PyNative<string[]>).value[i]}'`).join(", ")})`);
parseResultType.methods.set("__iter__", (s) => new PyTuple((s as PyNative<string[]>).value));
parseResultType.methods.set("__getitem__", (s, [i]) => (s as PyNative<string[]>).value[Number(i)]);
parseResultType.methods.set("__len__", () => 6n);
parseResultType.methods.set("geturl", (s) => unparse((s as PyNative<string[]>).value));

function urlparse(url: string): string[] {
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(url)!;
  let path = m[3] ?? "";
  let params = "";
  const semi = path.lastIndexOf(";");
  if (semi >= 0 && !path.slice(semi).includes("/")) {
    params = path.slice(semi + 1);
    path = path.slice(0, semi);
  }
  return [(m[1] ?? "").toLowerCase(), m[2] ?? "", path, params, m[4] ?? "", m[5] ?? ""];
}

function unparse(p: string[]): string {
  const [scheme, netloc, path, params, query, fragment] = p;
  let out = scheme ? `${scheme}:` : "";
  if (netloc) out += `//${netloc}`;
  out += path + (params ? `;${params}` : "") + (query ? `?${query}` : "") + (fragment ? `#${fragment}` : "");
  return out;
}

export function urllibParseModule(): PyModule {
  return makeModule("urllib.parse", {
    quote: (args, kw) => quote(text(arg("quote", args, kw, 0, "string")), asStr(arg("quote", args, kw, 1, "safe", "/"), "safe"), false),
    quote_plus: (args, kw) => quote(text(arg("quote_plus", args, kw, 0, "string")), asStr(arg("quote_plus", args, kw, 1, "safe", ""), "safe"), true),
    unquote: (args) => unquote(asStr(args[0], "string"), false),
    unquote_plus: (args) => unquote(asStr(args[0], "string"), true),
    urlencode: (args, kw) => urlencode(arg("urlencode", args, kw, 0, "query"), truthy(arg("urlencode", args, kw, 1, "doseq", false)), asStr(arg("urlencode", args, kw, 2, "safe", ""), "safe")),
    parse_qsl: (args, kw) => new PyList(parseQsl(asStr(args[0], "qs"), truthy(arg("parse_qsl", args, kw, 1, "keep_blank_values", false))).map(([k, v]) => new PyTuple([k, v]))),
    parse_qs: (args, kw) => {
      const d = new PyDict();
      for (const [k, v] of parseQsl(asStr(args[0], "qs"), truthy(arg("parse_qs", args, kw, 1, "keep_blank_values", false)))) {
        const cur = d.get(k);
        if (cur instanceof PyList) cur.items.push(v);
        else d.set(k, new PyList([v]));
      }
      return d;
    },
    urlparse: (args) => new PyNative(parseResultType, urlparse(asStr(args[0], "url"))),
    urlsplit: (args) => new PyNative(parseResultType, urlparse(asStr(args[0], "url"))),
    urlunparse: (args) => unparse(toArray(args[0]).map((x) => str(x))),
    urljoin: (args) => {
      try {
        return new URL(asStr(args[1], "url"), asStr(args[0], "base")).toString();
      } catch {
        return asStr(args[1], "url");
      }
    },
  });
}

export function urllibModule(parse: PyModule): PyModule {
  return makeModule("urllib", {}, { parse });
}

export function htmlModule(parser: PyModule): PyModule {
  return makeModule("html", {
    escape: (args, kw) => {
      let s = asStr(args[0], "s").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      if (truthy(arg("escape", args, kw, 1, "quote", true))) s = s.replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
      return s;
    },
    // the character references real pages use (numeric ones, HTML 4's names and a few more)
    unescape: (args) => decodeEntities(asStr(args[0], "s")),
  }, { parser });
}
