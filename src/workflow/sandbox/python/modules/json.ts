// The json module: loads with CPython's error messages, dumps with CPython's defaults
// (ensure_ascii=True, separators ', ' and ': ').
import { arg } from "../args";
import { floatRepr, repr } from "../format";
import { runtime, truthy } from "../ops";
import {
  E,
  type Kwargs,
  MAX_STR,
  PyBytes,
  PyDict,
  PyException,
  PyList,
  type Py,
  PyTuple,
  memoryError,
  pyError,
  typeName,
} from "../values";
import { makeModule } from "./module";

export function jsonError(msg: string, doc: string, pos: number): PyException {
  const lineno = doc.slice(0, pos).split("\n").length;
  const colno = pos - doc.lastIndexOf("\n", pos - 1);
  const e = new PyException(E.JSONDecodeError, [`${msg}: line ${lineno} column ${colno} (char ${pos})`]);
  e.attrs.set("msg", msg);
  e.attrs.set("doc", doc);
  e.attrs.set("pos", BigInt(pos));
  e.attrs.set("lineno", BigInt(lineno));
  e.attrs.set("colno", BigInt(colno));
  return e;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const WS = /[ \t\n\r]*/y;

export function parseJson(doc: string): Py {
  let i = 0;
  const ws = () => {
    WS.lastIndex = i;
    WS.exec(doc);
    i = WS.lastIndex;
  };
  const value = (depth: number): Py => {
    if (depth > 500) throw pyError(E.RecursionError, "maximum recursion depth exceeded while decoding a JSON document");
    const c = doc[i];
    if (c === '"') return string();
    if (c === "{") {
      const d = new PyDict();
      i++;
      ws();
      if (doc[i] === "}") {
        i++;
        return d;
      }
      for (;;) {
        if (doc[i] !== '"') throw jsonError("Expecting property name enclosed in double quotes", doc, i);
        const k = string();
        ws();
        if (doc[i] !== ":") throw jsonError("Expecting ':' delimiter", doc, i);
        i++;
        ws();
        d.set(k, value(depth + 1));
        ws();
        if (doc[i] === "}") {
          i++;
          return d;
        }
        if (doc[i] !== ",") throw jsonError("Expecting ',' delimiter", doc, i);
        i++;
        ws();
        if (doc[i] !== '"') throw jsonError("Expecting property name enclosed in double quotes", doc, i);
      }
    }
    if (c === "[") {
      const items: Py[] = [];
      i++;
      ws();
      if (doc[i] === "]") {
        i++;
        return new PyList(items);
      }
      for (;;) {
        ws();
        items.push(value(depth + 1));
        ws();
        if (doc[i] === "]") {
          i++;
          return new PyList(items);
        }
        if (doc[i] !== ",") throw jsonError("Expecting ',' delimiter", doc, i);
        i++;
        ws();
        if (doc[i] === "]") throw jsonError("Expecting value", doc, i);
      }
    }
    if (doc.startsWith("null", i)) {
      i += 4;
      return null;
    }
    if (doc.startsWith("true", i)) {
      i += 4;
      return true;
    }
    if (doc.startsWith("false", i)) {
      i += 5;
      return false;
    }
    if (doc.startsWith("NaN", i)) {
      i += 3;
      return Number.NaN;
    }
    if (doc.startsWith("Infinity", i)) {
      i += 8;
      return Number.POSITIVE_INFINITY;
    }
    if (doc.startsWith("-Infinity", i)) {
      i += 9;
      return Number.NEGATIVE_INFINITY;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(doc);
    if (m) {
      i = NUMBER.lastIndex;
      if (m[1] || m[2]) return Number(m[0]);
      return BigInt(m[0]);
    }
    throw jsonError("Expecting value", doc, i);
  };
  const string = (): string => {
    const start = i;
    i++;
    let out = "";
    for (;;) {
      let j = i;
      while (j < doc.length) {
        const ch = doc.charCodeAt(j);
        if (ch === 34 || ch === 92 || ch < 32) break;
        j++;
      }
      out += doc.slice(i, j);
      i = j;
      if (i >= doc.length) throw jsonError("Unterminated string starting at", doc, start);
      const ch = doc[i];
      if (ch === '"') {
        i++;
        return out;
      }
      if (ch !== "\\") throw jsonError("Invalid control character at", doc, i);
      const esc = doc[i + 1];
      const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (esc in simple) {
        out += simple[esc];
        i += 2;
      } else if (esc === "u") {
        const hex = doc.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw jsonError("Invalid \\uXXXX escape", doc, i + 1);
        out += String.fromCharCode(Number.parseInt(hex, 16));
        i += 6;
      } else {
        if (esc === undefined) throw jsonError("Unterminated string starting at", doc, start);
        throw jsonError("Invalid \\escape", doc, i);
      }
    }
  };
  ws();
  const v = value(0);
  ws();
  if (i !== doc.length) throw jsonError("Extra data", doc, i);
  return v;
}

function encodeString(s: string, ascii: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) out += '\\"';
    else if (c === 92) out += "\\\\";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c === 9) out += "\\t";
    else if (c === 8) out += "\\b";
    else if (c === 12) out += "\\f";
    else if (c < 32 || (ascii && c > 126)) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += s[i];
  }
  return `${out}"`;
}

export interface DumpOptions {
  indent: string | null;
  itemSep: string;
  keySep: string;
  ascii: boolean;
  sortKeys: boolean;
  defaultFn: Py;
  allowNan: boolean;
  skipKeys: boolean;
}

function floatJson(x: number, allowNan: boolean): string {
  if (Number.isFinite(x)) return floatRepr(x);
  if (!allowNan) throw pyError(E.ValueError, `Out of range float values are not JSON compliant: ${floatRepr(x)}`);
  return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
}

export function dumpJson(v: Py, o: DumpOptions): string {
  const stack = new Set<object>();
  let size = 0;
  const enc = (x: Py, level: number): string => {
    if (size > MAX_STR) throw memoryError();
    switch (typeof x) {
      case "string":
        size += x.length;
        return encodeString(x, o.ascii);
      case "bigint":
        return x.toString();
      case "number":
        return floatJson(x, o.allowNan);
      case "boolean":
        return x ? "true" : "false";
    }
    if (x === null) return "null";
    const nl = o.indent === null ? "" : `\n${o.indent.repeat(level + 1)}`;
    const close = o.indent === null ? "" : `\n${o.indent.repeat(level)}`;
    if (x instanceof PyList || x instanceof PyTuple) {
      if (!x.items.length) return "[]";
      if (stack.has(x)) throw pyError(E.ValueError, "Circular reference detected");
      stack.add(x);
      const parts = x.items.map((item) => enc(item, level + 1));
      stack.delete(x);
      return `[${nl}${parts.join(o.itemSep + nl)}${close}]`;
    }
    if (x instanceof PyDict) {
      if (!x.size) return "{}";
      if (stack.has(x)) throw pyError(E.ValueError, "Circular reference detected");
      stack.add(x);
      let entries: [string, Py][] = [];
      for (const [k, val] of x.map.values()) {
        let key: string;
        if (typeof k === "string") key = k;
        else if (typeof k === "bigint") key = k.toString();
        else if (typeof k === "number") key = floatJson(k, o.allowNan);
        else if (typeof k === "boolean") key = k ? "true" : "false";
        else if (k === null) key = "null";
        else if (o.skipKeys) continue;
        else throw pyError(E.TypeError, `keys must be str, int, float, bool or None, not ${typeName(k)}`);
        entries.push([key, val]);
      }
      if (o.sortKeys) entries = entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const parts = entries.map(([k, val]) => encodeString(k, o.ascii) + o.keySep + enc(val, level + 1));
      stack.delete(x);
      return `{${nl}${parts.join(o.itemSep + nl)}${close}}`;
    }
    if (o.defaultFn !== null) {
      if (stack.has(x)) throw pyError(E.ValueError, "Circular reference detected");
      stack.add(x);
      const r = enc(runtime.call(o.defaultFn, [x], null), level);
      stack.delete(x);
      return r;
    }
    throw pyError(E.TypeError, `Object of type ${typeName(x)} is not JSON serializable`);
  };
  return enc(v, 0);
}

export function dumpOptions(args: Py[], kwargs: Kwargs, from: number): DumpOptions {
  const kw = (name: string, d: Py) => kwargs?.get(name) ?? (args.length > from ? d : d);
  const indentArg = kw("indent", null);
  let indent: string | null = null;
  if (typeof indentArg === "bigint") indent = " ".repeat(Math.max(0, Math.min(Number(indentArg), 1000)));
  else if (typeof indentArg === "string") indent = indentArg;
  const seps = kw("separators", null);
  let itemSep = indent === null ? ", " : ",";
  let keySep = ": ";
  if (seps instanceof PyTuple || seps instanceof PyList) {
    itemSep = String(seps.items[0]);
    keySep = String(seps.items[1]);
  }
  return {
    indent,
    itemSep,
    keySep,
    ascii: truthy(kw("ensure_ascii", true)),
    sortKeys: truthy(kw("sort_keys", false)),
    defaultFn: kw("default", null),
    allowNan: truthy(kw("allow_nan", true)),
    skipKeys: truthy(kw("skipkeys", false)),
  };
}

export function jsonModule() {
  return makeModule(
    "json",
    {
      loads: (args, kwargs) => {
        let s = arg("loads", args, kwargs, 0, "s");
        if (s instanceof PyBytes) s = new TextDecoder().decode(s.data);
        if (typeof s !== "string") throw pyError(E.TypeError, `the JSON object must be str, bytes or bytearray, not ${typeName(s)}`);
        return parseJson(s.startsWith("\ufeff") ? (() => { throw jsonError("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0); })() : s);
      },
      dumps: (args, kwargs) => dumpJson(arg("dumps", args, kwargs, 0, "obj"), dumpOptions(args, kwargs, 1)),
      load: () => {
        throw pyError(E.NotImplementedError, "json.load() needs a file; use json.loads() in Kiln's Python sandbox");
      },
      dump: () => {
        throw pyError(E.NotImplementedError, "json.dump() needs a file; use json.dumps() in Kiln's Python sandbox");
      },
    },
    { JSONDecodeError: E.JSONDecodeError },
  );
}

export { repr };
