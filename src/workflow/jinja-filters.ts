// Jinja2's built-in filters that @huggingface/jinja lacks or computes with JavaScript's rules
// (round, sum, min, max, escape, striptags, truncate, wordcount, wordwrap, center, format,
// batch, slice, select/reject and their attr forms, map, dictsort, tojson, filesizeformat,
// urlencode), each as Jinja2 3.1 computes it. They work on plain values: jinja.ts converts the
// template's runtime values to these and back.
import { PyFloat, PyTupleValue, pyJson } from "./py-plain";

export type Plain = unknown;

const num = (v: Plain): number => (v instanceof PyFloat ? v.value : Number(v));
const isNumber = (v: Plain) => typeof v === "number" || v instanceof PyFloat || typeof v === "boolean";
const isFloat = (v: Plain) => v instanceof PyFloat;
const str = (v: Plain, show: (v: Plain) => string) => (typeof v === "string" ? v : show(v));

/** Python's round(): halves to even, at `digits` decimals. */
function pyRound(x: number, digits: number): number {
  const scale = 10 ** digits;
  const scaled = x * scale;
  const floor = Math.floor(scaled);
  const diff = scaled - floor;
  let r: number;
  if (diff === 0.5) r = floor % 2 === 0 ? floor : floor + 1;
  else r = Math.round(scaled);
  return r / scale;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&#34;").replace(/'/g, "&#39;");
}

/** An item's attribute, Jinja2's way: dotted keys, integer parts as list indexes. */
export function attributeOf(item: Plain, path: string): Plain {
  let cur = item;
  for (const part of path.split(".")) {
    if (cur && typeof cur === "object" && !Array.isArray(cur) && !(cur instanceof PyFloat) && !(cur instanceof PyTupleValue)) cur = (cur as Record<string, Plain>)[part];
    else if (Array.isArray(cur) && /^\d+$/.test(part)) cur = cur[Number(part)];
    else return undefined;
  }
  return cur;
}

function truthy(v: Plain): boolean {
  if (v instanceof PyFloat) return v.value !== 0;
  if (v instanceof PyTupleValue) return v.items.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v && typeof v === "object") return Object.keys(v).length > 0;
  return Boolean(v);
}

const equal = (a: Plain, b: Plain) => (isNumber(a) && isNumber(b) ? num(a) === num(b) : JSON.stringify(a) === JSON.stringify(b));

/** Jinja2's tests, for select/reject and their attr forms. */
function runTest(name: string, v: Plain, args: Plain[]): boolean {
  const a = args[0];
  switch (name) {
    case "odd":
      return num(v) % 2 === 1 || num(v) % 2 === -1;
    case "even":
      return num(v) % 2 === 0;
    case "divisibleby":
      return num(v) % num(a) === 0;
    case "defined":
      return v !== undefined;
    case "undefined":
      return v === undefined;
    case "none":
      return v === null;
    case "true":
      return v === true;
    case "false":
      return v === false;
    case "boolean":
      return typeof v === "boolean";
    case "number":
      return isNumber(v) && typeof v !== "boolean";
    case "integer":
      return typeof v === "number" && Number.isInteger(v);
    case "float":
      return isFloat(v);
    case "string":
      return typeof v === "string";
    case "mapping":
      return !!v && typeof v === "object" && !Array.isArray(v) && !(v instanceof PyFloat) && !(v instanceof PyTupleValue);
    case "sequence":
    case "iterable":
      return typeof v === "string" || Array.isArray(v) || v instanceof PyTupleValue || (!!v && typeof v === "object" && !(v instanceof PyFloat));
    case "lower":
      return typeof v === "string" && v === v.toLowerCase();
    case "upper":
      return typeof v === "string" && v === v.toUpperCase();
    case "equalto":
    case "eq":
    case "==":
    case "sameas":
      return equal(v, a);
    case "ne":
    case "!=":
      return !equal(v, a);
    case "gt":
    case "greaterthan":
    case ">":
      return num(v) > num(a) || (typeof v === "string" && typeof a === "string" && v > a);
    case "ge":
    case ">=":
      return num(v) >= num(a) || (typeof v === "string" && typeof a === "string" && v >= a);
    case "lt":
    case "lessthan":
    case "<":
      return num(v) < num(a) || (typeof v === "string" && typeof a === "string" && v < a);
    case "le":
    case "<=":
      return num(v) <= num(a) || (typeof v === "string" && typeof a === "string" && v <= a);
    case "in":
      return typeof a === "string" ? typeof v === "string" && a.includes(v) : Array.isArray(a) ? a.some((x) => equal(x, v)) : false;
    default:
      throw new Error(`No test named '${name}'.`);
  }
}

function itemsOf(v: Plain): Plain[] {
  if (Array.isArray(v)) return v;
  if (v instanceof PyTupleValue) return v.items;
  if (typeof v === "string") return [...v];
  if (v && typeof v === "object" && !(v instanceof PyFloat)) return Object.keys(v);
  throw new Error(`'${v === null ? "NoneType" : typeof v}' object is not iterable`);
}

/** Python's printf-style `%` for the format filter: %s %r %d %i %f %e %g %x %o %c %% with flags, width, precision. */
function printf(fmt: string, args: Plain[], show: (v: Plain) => string, repr: (v: Plain) => string): string {
  let i = 0;
  const out = fmt.replace(/%([-+ 0#]*)(\d+)?(?:\.(\d+))?([sridfFeEgGxXoc%])/g, (_m, flags: string, width: string | undefined, precision: string | undefined, conv: string) => {
    if (conv === "%") return "%";
    if (i >= args.length) throw new TypeError("not enough arguments for format string");
    const v = args[i++];
    let s: string;
    const p = precision === undefined ? undefined : Number(precision);
    switch (conv) {
      case "s":
        s = str(v, show);
        if (p !== undefined) s = s.slice(0, p);
        break;
      case "r":
        s = repr(v);
        break;
      case "d":
      case "i":
        if (!isNumber(v)) throw new TypeError(`%${conv} format: a real number is required, not ${typeof v === "string" ? "str" : typeof v}`);
        s = String(Math.trunc(num(v)));
        break;
      case "f":
      case "F":
        s = num(v).toFixed(p ?? 6);
        break;
      case "e":
      case "E": {
        const [m, e] = num(v).toExponential(p ?? 6).split("e");
        s = `${m}e${e.startsWith("-") ? "-" : "+"}${e.replace(/^[-+]/, "").padStart(2, "0")}`;
        if (conv === "E") s = s.toUpperCase();
        break;
      }
      case "g":
      case "G":
        s = String(Number(num(v).toPrecision(p ?? 6)));
        break;
      case "x":
      case "X":
        s = Math.trunc(num(v)).toString(16);
        if (conv === "X") s = s.toUpperCase();
        break;
      case "o":
        s = Math.trunc(num(v)).toString(8);
        break;
      default:
        s = typeof v === "string" ? v : String.fromCodePoint(num(v));
    }
    if (flags.includes("+") && /^[dieEfFgG]$/.test(conv) && num(v) >= 0) s = `+${s}`;
    const w = width === undefined ? 0 : Number(width);
    if (s.length < w) s = flags.includes("-") ? s.padEnd(w) : flags.includes("0") && conv !== "s" ? s.padStart(w, "0") : s.padStart(w);
    return s;
  });
  if (i < args.length) throw new TypeError("not all arguments converted during string formatting");
  return out;
}

export interface FilterContext {
  /** Python's str() of a value. */
  show: (v: Plain) => string;
  /** Python's repr() of a value. */
  repr: (v: Plain) => string;
  /** Another filter by name, for map('name'). */
  apply: (name: string, operand: Plain, args: Plain[]) => Plain;
  /** Wraps text as Python's textwrap would (for wordwrap). */
  wrap: (text: string, width: number, breakLongWords: boolean, breakOnHyphens: boolean) => string[];
}

/** The filters pythonFilter computes (its cases); others are left to the library. */
export const PYTHON_FILTERS = new Set([
  "round", "sum", "min", "max", "join", "capitalize", "e", "escape", "striptags", "truncate", "wordcount", "center", "format", "wordwrap", "batch", "slice", "select", "reject", "selectattr", "rejectattr", "map", "dictsort", "tojson", "filesizeformat", "urlencode", "random",
]);

/** The filter's result, or undefined when it is not one of these (the library handles it). */
export function pythonFilter(name: string, v: Plain, args: Plain[], kwargs: Map<string, Plain>, ctx: FilterContext): { value: Plain } | undefined {
  const arg = (i: number, key: string, dflt: Plain) => (i < args.length ? args[i] : kwargs.has(key) ? kwargs.get(key) : dflt);
  switch (name) {
    case "round": {
      const precision = num(arg(0, "precision", 0));
      const method = String(arg(1, "method", "common"));
      const x = num(v);
      const scale = 10 ** precision;
      if (method === "common") return { value: new PyFloat(pyRound(x, precision)) };
      if (method === "ceil") return { value: new PyFloat(Math.ceil(x * scale) / scale) };
      if (method === "floor") return { value: new PyFloat(Math.floor(x * scale) / scale) };
      throw new Error("method must be common, ceil or floor");
    }
    case "sum": {
      const attribute = arg(0, "attribute", null);
      const start = arg(1, "start", 0);
      const items = itemsOf(v).map((x) => (attribute === null ? x : attributeOf(x, String(attribute))));
      const total = items.reduce<number>((n, x) => n + num(x), num(start));
      return { value: items.some(isFloat) || isFloat(start) ? new PyFloat(total) : total };
    }
    case "min":
    case "max": {
      const attribute = arg(1, "attribute", null);
      const items = itemsOf(v);
      if (!items.length) return { value: undefined };
      const key = (x: Plain) => {
        const k = attribute === null ? x : attributeOf(x, String(attribute));
        return typeof k === "string" && !truthy(arg(0, "case_sensitive", false)) ? k.toLowerCase() : k;
      };
      let best = items[0];
      for (const x of items.slice(1)) {
        const a = key(x) as number | string;
        const b = key(best) as number | string;
        if (name === "min" ? a < b : a > b) best = x;
      }
      return { value: best };
    }
    case "join": {
      // each item as str() prints it (a dict joins its keys, a string its characters)
      const separator = arg(0, "d", "");
      const attribute = arg(1, "attribute", null);
      const items = itemsOf(v).map((x) => (attribute === null ? x : attributeOf(x, ctx.show(attribute))));
      return { value: items.map((x) => (x === undefined ? "" : ctx.show(x))).join(ctx.show(separator)) };
    }
    case "capitalize": {
      const t = ctx.show(v);
      return { value: t.slice(0, 1).toUpperCase() + t.slice(1).toLowerCase() };
    }
    case "e":
    case "escape":
      return { value: escapeHtml(ctx.show(v)) };
    case "striptags": {
      const text = ctx.show(v).replace(/<!--[\s\S]*?-->/g, "").replace(/<[^>]*>/g, "");
      const unescaped = text
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;|&#34;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, "&");
      return { value: unescaped.split(/\s+/).filter((w) => w).join(" ") };
    }
    case "truncate": {
      const s = ctx.show(v);
      const length = num(arg(0, "length", 255));
      const killwords = truthy(arg(1, "killwords", false));
      const end = String(arg(2, "end", "..."));
      const leeway = num(arg(3, "leeway", 5));
      if ([...s].length <= length + leeway) return { value: s };
      const cut = [...s].slice(0, Math.max(0, length - end.length)).join("");
      if (killwords) return { value: cut + end };
      const space = cut.lastIndexOf(" ");
      return { value: (space >= 0 ? cut.slice(0, space) : cut) + end };
    }
    case "wordcount":
      return { value: (ctx.show(v).match(/[\p{L}\p{N}_]+/gu) ?? []).length };
    case "center": {
      const s = ctx.show(v);
      const width = num(arg(0, "width", 80));
      const margin = width - [...s].length;
      if (margin <= 0) return { value: s };
      const left = Math.floor(margin / 2) + (margin & width & 1);
      return { value: " ".repeat(left) + s + " ".repeat(margin - left) };
    }
    case "format":
      return { value: printf(ctx.show(v), args, ctx.show, ctx.repr) };
    case "wordwrap": {
      const width = num(arg(0, "width", 79));
      const breakLong = truthy(arg(1, "break_long_words", true));
      const wrapstring = arg(2, "wrapstring", null);
      const breakHyphens = truthy(arg(3, "break_on_hyphens", true));
      const sep = wrapstring === null ? "\n" : String(wrapstring);
      // each line of the text is wrapped on its own, as Jinja2 does
      const lines = ctx.show(v).split(/\r\n|\r|\n/);
      if (lines[lines.length - 1] === "") lines.pop(); // str.splitlines() keeps no empty last line
      return { value: lines.map((line) => ctx.wrap(line, width, breakLong, breakHyphens).join(sep)).join(sep) };
    }
    case "batch": {
      const size = num(arg(0, "linecount", 1));
      const fill = arg(1, "fill_with", null);
      const items = itemsOf(v);
      const out: Plain[][] = [];
      for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
      const last = out[out.length - 1];
      if (fill !== null && last && last.length < size) while (last.length < size) last.push(fill);
      return { value: out };
    }
    case "slice": {
      const slices = num(arg(0, "slices", 1));
      const fill = arg(1, "fill_with", null);
      const items = itemsOf(v);
      const per = Math.floor(items.length / slices);
      const extra = items.length % slices;
      const out: Plain[][] = [];
      let offset = 0;
      for (let i = 0; i < slices; i++) {
        const start = offset + i * per;
        if (i < extra) offset += 1;
        const end = offset + (i + 1) * per;
        const part = items.slice(start, end);
        if (fill !== null && i >= extra) part.push(fill);
        out.push(part);
      }
      return { value: out };
    }
    case "select":
    case "reject": {
      const [test, ...rest] = args;
      const keep = name === "select";
      return { value: itemsOf(v).filter((x) => (test === undefined ? truthy(x) : runTest(String(test), x, rest)) === keep) };
    }
    case "selectattr":
    case "rejectattr": {
      const [attribute, test, ...rest] = args;
      const keep = name === "selectattr";
      return {
        value: itemsOf(v).filter((x) => {
          const a = attributeOf(x, String(attribute));
          return (test === undefined ? truthy(a) : runTest(String(test), a, rest)) === keep;
        }),
      };
    }
    case "map": {
      const attribute = kwargs.get("attribute");
      if (attribute !== undefined) {
        const dflt = kwargs.get("default");
        return { value: itemsOf(v).map((x) => attributeOf(x, String(attribute)) ?? dflt) };
      }
      const [filterName, ...rest] = args;
      if (typeof filterName !== "string") return undefined;
      return { value: itemsOf(v).map((x) => ctx.apply(filterName, x, rest)) };
    }
    case "dictsort": {
      if (!v || typeof v !== "object" || Array.isArray(v)) throw new Error("You can only sort by either \"key\" or \"value\"");
      const caseSensitive = truthy(arg(0, "case_sensitive", false));
      const by = String(arg(1, "by", "key"));
      const reverse = truthy(arg(2, "reverse", false));
      const pos = by === "key" ? 0 : 1;
      const entries = Object.entries(v as Record<string, Plain>);
      const key = (e: [string, Plain]) => {
        const k = e[pos];
        return typeof k === "string" && !caseSensitive ? k.toLowerCase() : k;
      };
      entries.sort((a, b) => {
        const x = key(a) as string | number;
        const y = key(b) as string | number;
        return x < y ? -1 : x > y ? 1 : 0;
      });
      if (reverse) entries.reverse();
      return { value: entries.map((e) => new PyTupleValue(e)) };
    }
    case "tojson": {
      const indent = arg(0, "indent", null);
      // Jinja2's htmlsafe_json_dumps: sorted keys, ASCII only, <>&' escaped
      return { value: pyJson(v, { indent: indent === null ? null : num(indent), sortKeys: true, ensureAscii: true, htmlSafe: true }) };
    }
    case "filesizeformat": {
      const bytes = num(v);
      const binary = truthy(arg(0, "binary", false));
      const base = binary ? 1024 : 1000;
      const prefixes = binary ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"] : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
      if (bytes === 1) return { value: "1 Byte" };
      if (bytes < base) return { value: `${Math.trunc(bytes)} Bytes` };
      let unit = base;
      let prefix = prefixes[0];
      for (let i = 0; i < prefixes.length; i++) {
        unit = base ** (i + 2);
        prefix = prefixes[i];
        if (bytes < unit) break;
      }
      return { value: `${((base * bytes) / unit).toFixed(1)} ${prefix}` };
    }
    case "urlencode": {
      // a string keeps "/" and writes spaces as %20; query pairs encode "/" and write spaces as "+"
      const encode = (t: string) => encodeURIComponent(t).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
      const quote = (t: string) => encode(t).replace(/%2F/g, "/");
      const quoteQuery = (t: string) => encode(t).replace(/%20/g, "+");
      if (typeof v === "string") return { value: quote(v) };
      if (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof PyFloat) && !(v instanceof PyTupleValue)) {
        return { value: Object.entries(v).map(([k, x]) => `${quoteQuery(k)}=${quoteQuery(ctx.show(x))}`).join("&") };
      }
      return { value: quote(ctx.show(v)) };
    }
    case "random": {
      const items = itemsOf(v);
      return { value: items[Math.floor(Math.random() * items.length)] };
    }
    default:
      return undefined;
  }
}
