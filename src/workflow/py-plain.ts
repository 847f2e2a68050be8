// Python's text forms of plain (JSON-shaped) values: repr(), str() and json.dumps(), as Dify's
// Python side prints variables (variables.ts) and as Jinja2's filters print their results
// (jinja-filters.ts). PyFloat and PyTupleValue keep what JSON cannot: a float that is whole, and
// a tuple.
import { floatRepr, strRepr } from "./sandbox/python/format";

/** A Python float (prints with a decimal point even when whole). */
export class PyFloat {
  constructor(readonly value: number) {}
}
/** A Python tuple (prints in parentheses). */
export class PyTupleValue {
  constructor(readonly items: unknown[]) {}
}

/** A number as Python prints it: whole numbers as ints, others as float's repr. */
function pyNumber(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  if (Number.isInteger(n)) return BigInt(n).toString();
  return floatRepr(n);
}

const isMapping = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v) && !(v instanceof PyFloat) && !(v instanceof PyTupleValue);

/** Python's repr(): what str() of a list or dict shows for its items. */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return pyNumber(v);
  if (v instanceof PyFloat) return floatRepr(v.value);
  if (typeof v === "string") return strRepr(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  if (v instanceof PyTupleValue) return v.items.length === 1 ? `(${pyRepr(v.items[0])},)` : `(${v.items.map(pyRepr).join(", ")})`;
  if (isMapping(v)) return `{${Object.entries(v).map(([k, x]) => `${strRepr(k)}: ${pyRepr(x)}`).join(", ")}}`;
  return String(v);
}

/** The name of a plain value's Python type (`type(v).__name__`), as Dify's messages print it. */
export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (v instanceof PyFloat) return "float";
  if (v instanceof PyTupleValue) return "tuple";
  return Array.isArray(v) ? "list" : "dict";
}

/** Python's str(): strings as they are, everything else as its repr. */
export const pyStr = (v: unknown) => (typeof v === "string" ? v : pyRepr(v));

export interface JsonOptions {
  indent?: number | null;
  sortKeys?: boolean;
  /** json.dumps's default: every character outside printable ASCII as \uXXXX. */
  ensureAscii?: boolean;
  /** Jinja2's tojson: <, >, & and ' as \uXXXX too, so the text is safe inside HTML. */
  htmlSafe?: boolean;
}

/** Python's json.dumps (ensure_ascii off unless asked for). */
export function pyJson(v: unknown, options: JsonOptions = {}, depth = 0): string {
  const indent = options.indent ?? null;
  const text = (s: string) => {
    let out = JSON.stringify(s);
    if (options.ensureAscii) out = out.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    if (options.htmlSafe) out = out.replace(/[<>&']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    return out;
  };
  if (v === null || v === undefined) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  const n = v instanceof PyFloat ? v.value : v;
  if (typeof n === "number") {
    if (!Number.isFinite(n)) return Number.isNaN(n) ? "NaN" : n > 0 ? "Infinity" : "-Infinity";
    return v instanceof PyFloat || !Number.isInteger(n) ? floatRepr(n) : pyNumber(n);
  }
  if (typeof v === "string") return text(v);
  if (typeof v !== "object") return text(String(v));
  const isList = Array.isArray(v) || v instanceof PyTupleValue;
  let items: string[];
  if (isList) items = (v instanceof PyTupleValue ? v.items : (v as unknown[])).map((x) => pyJson(x, options, depth + 1));
  else {
    const keys = Object.keys(v);
    if (options.sortKeys) keys.sort();
    items = keys.map((k) => `${text(k)}: ${pyJson((v as Record<string, unknown>)[k], options, depth + 1)}`);
  }
  const [open, close] = isList ? ["[", "]"] : ["{", "}"];
  if (!items.length) return open + close;
  if (indent === null) return `${open}${items.join(", ")}${close}`;
  const inner = `\n${" ".repeat(indent * (depth + 1))}`;
  return `${open}${inner}${items.join(`,${inner}`)}\n${" ".repeat(indent * depth)}${close}`;
}
