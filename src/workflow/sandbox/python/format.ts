// str() and repr() like CPython, float repr, the format-spec mini-language, % formatting and
// str.format.
import { PyBoundMethod, PyClass, PyInstance, PyProperty, PySuper, callSpecial, special } from "./classes";
import {
  E,
  PyBuiltin,
  PyBytes,
  PyDict,
  PyDictView,
  PyException,
  PyIterator,
  PyList,
  PyModule,
  PyNative,
  PyObject,
  type Py,
  PyRange,
  PySet,
  PySlice,
  PyTuple,
  PyType,
  checkSize,
  MAX_STR,
  objectId,
  pyError,
  typeName,
} from "./values";

/** Python's repr of a float: shortest round-trip digits, exponent form outside 1e-4..1e16. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mant, expText] = x.toExponential().split("e");
  const exp = Number(expText);
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  let out: string;
  if (exp >= -4 && exp < 16) {
    if (exp < 0) out = `0.${"0".repeat(-exp - 1)}${digits}`;
    else if (digits.length <= exp + 1) out = `${digits}${"0".repeat(exp + 1 - digits.length)}.0`;
    else out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  } else {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    out = `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return neg ? `-${out}` : out;
}

export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0xa0) || c === 0xad) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c > 0xa0 && /[\p{C}\p{Z}]/u.test(ch) && ch !== " ") {
      out += c > 0xffff ? `\\U${c.toString(16).padStart(8, "0")}` : `\\u${c.toString(16).padStart(4, "0")}`;
    } else out += ch;
  }
  return out + quote;
}

export function bytesRepr(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of b) {
    if (c === 39) hasSingle = true;
    if (c === 34) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = `b${quote}`;
  for (const c of b) {
    if (c === quote.charCodeAt(0) || c === 92) out += `\\${String.fromCharCode(c)}`;
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c === 9) out += "\\t";
    else if (c < 32 || c >= 127) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += String.fromCharCode(c);
  }
  return out + quote;
}

const reprGuard = new Set<object>();

function containerRepr(o: object, open: string, close: string, body: () => string): string {
  if (reprGuard.has(o)) return `${open}...${close}`;
  reprGuard.add(o);
  try {
    return open + body() + close;
  } finally {
    reprGuard.delete(o);
  }
}

export function repr(v: Py): string {
  switch (typeof v) {
    case "undefined":
      throw pyError(E.TypeError, "missing argument");
    case "string":
      return strRepr(v);
    case "bigint":
      return v.toString();
    case "number":
      return floatRepr(v);
    case "boolean":
      return v ? "True" : "False";
  }
  if (v === null) return "None";
  if (v instanceof PyObject && v.cls instanceof PyClass) {
    const m = special(v, "__repr__");
    if (m !== undefined && m !== null) return checkStr(callSpecial(v, m, [], "__repr__"), "__repr__");
  }
  if (v instanceof PyList) return containerRepr(v, "[", "]", () => v.items.map(repr).join(", "));
  if (v instanceof PyTuple) {
    if (v.items.length === 1) return `(${repr(v.items[0])},)`;
    return containerRepr(v, "(", ")", () => v.items.map(repr).join(", "));
  }
  if (v instanceof PyDict) {
    const body = () => Array.from(v.map.values(), ([k, x]) => `${repr(k)}: ${repr(x)}`).join(", ");
    if (v.counter) return `Counter(${v.size ? containerRepr(v, "{", "}", body) : ""})`;
    if (v.defaultFactory !== null) return `defaultdict(${repr(v.defaultFactory)}, ${containerRepr(v, "{", "}", body)})`;
    return containerRepr(v, "{", "}", body);
  }
  if (v instanceof PySet) {
    const name = v.frozen ? "frozenset" : "set";
    if (!v.map.size) return `${name}()`;
    const inner = containerRepr(v, "{", "}", () => v.values().map(repr).join(", "));
    return v.frozen ? `frozenset(${inner})` : inner;
  }
  if (v instanceof PyBytes) return bytesRepr(v.data);
  if (v instanceof PyException) return exceptionRepr(v);
  if (v instanceof PyType) {
    if (v instanceof PyClass) return `<class '${v.module}.${v.qualname}'>`;
    if (v.module === "builtins") return `<class '${v.name}'>`;
    return `<class '${v.module}.${v.name}'>`;
  }
  if (v instanceof PyRange) {
    return v.step === 1n ? `range(${v.start}, ${v.stop})` : `range(${v.start}, ${v.stop}, ${v.step})`;
  }
  if (v instanceof PyDictView) {
    const name = `dict_${v.kind}`;
    const items = Array.from(v.dict.map.values(), ([k, x]) => (v.kind === "keys" ? repr(k) : v.kind === "values" ? repr(x) : `(${repr(k)}, ${repr(x)})`));
    return `${name}([${items.join(", ")}])`;
  }
  if (v instanceof PySlice) return `slice(${repr(v.start)}, ${repr(v.stop)}, ${repr(v.step)})`;
  if (v instanceof PyBuiltin) return `<built-in function ${v.name}>`;
  if (v instanceof PyModule) return `<module '${v.name}'>`;
  if (v instanceof PyIterator) return `<${v.cls.name} object at 0x${addr(v)}>`;
  if (v instanceof PyNative) {
    const m = v.type.lookupMethod("__repr__");
    if (m) return m(v, [], null) as string;
    return `<${v.type.module}.${v.type.name} object at 0x${addr(v)}>`;
  }
  if (v instanceof PyInstance) return objectRepr(v);
  if (v instanceof PyBoundMethod) {
    const name = v.fn instanceof PyObject && "qualname" in v.fn ? String(v.fn.qualname) : repr(v.fn);
    return `<bound method ${name} of ${repr(v.self)}>`;
  }
  if (v instanceof PySuper) return `<super: <class '${v.thisClass.name}'>, <${typeName(v.obj)} object>>`;
  if (v instanceof PyProperty) return `<property object at 0x${addr(v)}>`;
  const fn = v as { qualname?: string; cls: PyType };
  if (fn.cls.name === "function") return `<function ${fn.qualname} at 0x${addr(v)}>`;
  if (fn.cls.name === "NotImplementedType") return "NotImplemented";
  return `<${fn.cls.name} object at 0x${addr(v)}>`;
}

const addr = (o: object) => (0x7f0000000000 + objectId(o) * 16).toString(16);

/** object.__repr__: `<__main__.Foo object at 0x…>` with a stable fake address. */
export function objectRepr(v: PyObject): string {
  const t = v.cls;
  return t instanceof PyClass ? `<${t.module}.${t.qualname} object at 0x${addr(v)}>` : `<${t.name} object at 0x${addr(v)}>`;
}

/** BaseException.__repr__, whatever the class defines. */
export function exceptionRepr(v: PyException): string {
  const args = v.args.length === 1 ? repr(v.args[0]) : v.args.map(repr).join(", ");
  return `${v.type.name}(${args})`;
}

/** BaseException.__str__ (KeyError's shows the key's repr), whatever the class defines. */
export function exceptionStr(v: PyException): string {
  if (v.type.isSubclassOf(E.KeyError) && v.args.length === 1) return repr(v.args[0]);
  if (v.args.length === 0) return "";
  if (v.args.length === 1) return str(v.args[0]);
  return repr(new PyTuple(v.args));
}

function checkStr(r: Py, name: string): string {
  if (typeof r !== "string") throw pyError(E.TypeError, `${name} returned non-string (type ${typeName(r)})`);
  return r;
}

export function str(v: Py): string {
  if (typeof v === "string") return v;
  if (v instanceof PyObject && v.cls instanceof PyClass) {
    const m = special(v, "__str__");
    if (m !== undefined && m !== null) return checkStr(callSpecial(v, m, [], "__str__"), "__str__");
    // object.__str__ is repr; BaseException.__str__ shows the args
    if (!(v instanceof PyException)) return repr(v);
  }
  if (v instanceof PyException) return exceptionStr(v);
  if (v instanceof PyNative) {
    const m = v.type.lookupMethod("__str__");
    if (m) return m(v, [], null) as string;
  }
  return repr(v);
}

// ---- format-spec mini-language ---------------------------------------------------------------

interface Spec {
  fill: string;
  align: string;
  sign: string;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number;
  type: string;
}

function parseSpec(spec: string): Spec {
  const m = /^(?:([\s\S])?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/u.exec(spec);
  if (!m) throw pyError(E.ValueError, "Invalid format specifier");
  return {
    fill: m[1] ?? (m[6] && !m[2] ? "0" : " "),
    align: m[2] ?? (m[6] ? "=" : ""),
    sign: m[3] ?? "-",
    alt: !!m[5],
    zero: !!m[6],
    width: m[7] ? Number(m[7]) : 0,
    grouping: m[8] ?? "",
    precision: m[9] !== undefined ? Number(m[9]) : -1,
    type: m[10] ?? "",
  };
}

function pad(body: string, prefix: string, s: Spec, defaultAlign: string): string {
  checkSize(s.width, MAX_STR);
  const len = [...body].length + prefix.length;
  if (len >= s.width) return prefix + body;
  const n = s.width - len;
  const align = s.align || defaultAlign;
  const fill = s.fill;
  switch (align) {
    case "<":
      return prefix + body + fill.repeat(n);
    case ">":
      return fill.repeat(n) + prefix + body;
    case "^":
      return fill.repeat(Math.floor(n / 2)) + prefix + body + fill.repeat(n - Math.floor(n / 2));
    default:
      return prefix + fill.repeat(n) + body;
  }
}

function group(intPart: string, sep: string, every = 3): string {
  if (!sep) return intPart;
  let out = "";
  for (let i = intPart.length; i > 0; i -= every) {
    const chunk = intPart.slice(Math.max(0, i - every), i);
    out = out ? `${chunk}${sep}${out}` : chunk;
  }
  return out;
}

/** x.toFixed(p) that also works above 1e21 and rounds exact ties to even like CPython. */
export function toFixed(x: number, p: number): string {
  if (Math.abs(x) >= 1e21) {
    const i = BigInt(x).toString();
    return p > 0 ? `${i}.${"0".repeat(p)}` : i;
  }
  if (p > 100) return toFixed(x, 100) + "0".repeat(p - 100);
  const out = x.toFixed(p);
  const precise = x.toFixed(Math.min(100, p + 30));
  const tail = precise.slice(precise.length - 30);
  if (/^50*$/.test(tail)) {
    // exact tie: JS rounds half away from zero, Python to even
    const down = precise.slice(0, precise.length - 30);
    const clean = down.endsWith(".") ? down.slice(0, -1) : down;
    const last = Number(clean[clean.length - 1]);
    if (last % 2 === 0) return clean === "-0" ? "-0" : clean;
  }
  return out;
}

/** x.toExponential(d) rounding exact ties to even like CPython. */
function toExp(x: number, d: number): string {
  const out = x.toExponential(d);
  if (d >= 75) return out;
  const [mant, exp] = x.toExponential(d + 25).split("e");
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  if (!/^50*$/.test(digits.slice(d + 1)) || Number(digits[d]) % 2 !== 0) return out;
  const kept = digits.slice(0, d + 1);
  return `${neg ? "-" : ""}${kept[0]}${d > 0 ? `.${kept.slice(1)}` : ""}e${exp}`;
}

function expForm(x: number, p: number, upper: boolean): string {
  let s = toExp(x, Math.min(p, 100));
  s = s.replace(/e([+-])(\d)$/, "e$10$2");
  return upper ? s.toUpperCase() : s;
}

function gForm(x: number, p: number, alt: boolean, upper: boolean, noneType = false): string {
  if (p === 0) p = 1;
  const e = x === 0 ? 0 : Number(toExp(x, Math.min(p - 1, 100)).split("e")[1]);
  let s: string;
  if (e >= -4 && e < (noneType ? p - 1 : p)) {
    s = toFixed(x, Math.max(0, p - 1 - e));
    if (!alt && s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
    if (noneType && !s.includes(".")) s += ".0";
  } else {
    s = toExp(x, Math.min(p - 1, 100));
    let [m, ex] = s.split("e");
    if (!alt && m.includes(".")) m = m.replace(/0+$/, "").replace(/\.$/, "");
    s = `${m}e${ex[0]}${ex.slice(1).padStart(2, "0")}`;
  }
  return upper ? s.toUpperCase() : s;
}

export function formatValue(v: Py, specText: string): string {
  if (v instanceof PyObject && v.cls instanceof PyClass) {
    const m = special(v, "__format__");
    if (m !== undefined && m !== null) return checkStr(callSpecial(v, m, [specText], "__format__"), "__format__");
    if (specText) throw pyError(E.TypeError, `unsupported format string passed to ${v.cls.name}.__format__`);
    return str(v);
  }
  if (v instanceof PyNative) {
    const m = v.type.lookupMethod("__format__");
    if (m) return m(v, [specText], null) as string;
    if (specText) throw pyError(E.TypeError, `unsupported format string passed to ${v.type.name}.__format__`);
    return str(v);
  }
  if (!specText) return str(v);
  const s = parseSpec(specText);
  if (typeof v === "string") {
    if (s.type && s.type !== "s") throw pyError(E.ValueError, `Unknown format code '${s.type}' for object of type 'str'`);
    if (s.sign !== "-" || s.align === "=") throw pyError(E.ValueError, "Sign not allowed in string format specifier");
    const body = s.precision >= 0 ? [...v].slice(0, s.precision).join("") : v;
    return pad(body, "", s, "<");
  }
  if (typeof v === "bigint" || typeof v === "boolean") {
    const n = BigInt(v);
    if ("eEfFgG%".includes(s.type) && s.type) return formatFloat(Number(n), s);
    if (s.precision >= 0) throw pyError(E.ValueError, "Precision not allowed in integer format specifier");
    const neg = n < 0n;
    const a = neg ? -n : n;
    let body: string;
    let prefix = "";
    switch (s.type) {
      case "":
      case "d":
      case "n":
        body = group(a.toString(), s.grouping);
        break;
      case "x":
      case "X":
        body = group(a.toString(16), s.grouping === "_" ? "_" : "", 4);
        if (s.type === "X") body = body.toUpperCase();
        if (s.alt) prefix = s.type === "X" ? "0X" : "0x";
        break;
      case "o":
        body = group(a.toString(8), s.grouping === "_" ? "_" : "", 4);
        if (s.alt) prefix = "0o";
        break;
      case "b":
        body = group(a.toString(2), s.grouping === "_" ? "_" : "", 4);
        if (s.alt) prefix = "0b";
        break;
      case "c":
        body = String.fromCodePoint(Number(n));
        break;
      default:
        throw pyError(E.ValueError, `Unknown format code '${s.type}' for object of type 'int'`);
    }
    const sign = neg ? "-" : s.sign === "+" ? "+" : s.sign === " " ? " " : "";
    return pad(body, sign + prefix, s, ">");
  }
  if (typeof v === "number") return formatFloat(v, s);
  if (v === null || v instanceof PyList || v instanceof PyDict || v instanceof PyTuple) {
    throw pyError(E.TypeError, `unsupported format string passed to ${typeName(v)}.__format__`);
  }
  return pad(str(v), "", s, "<");
}

function formatFloat(x: number, s: Spec): string {
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let body: string;
  const p = s.precision;
  if (!"eEfFgGn%".includes(s.type)) throw pyError(E.ValueError, `Unknown format code '${s.type}' for object of type 'float'`);
  if (!Number.isFinite(a)) body = (Number.isNaN(a) ? "nan" : "inf") + (s.type === "%" ? "%" : "");
  else {
    switch (s.type) {
      case "f":
      case "F":
        body = toFixed(a, p < 0 ? 6 : p);
        break;
      case "e":
      case "E":
        body = expForm(a, p < 0 ? 6 : p, s.type === "E");
        break;
      case "g":
      case "G":
        body = gForm(a, p < 0 ? 6 : p, s.alt, s.type === "G");
        break;
      case "%":
        body = `${toFixed(a * 100, p < 0 ? 6 : p)}%`;
        break;
      case "n":
        body = gForm(a, p < 0 ? 6 : p, s.alt, false);
        break;
      case "":
        body = p < 0 ? floatRepr(a) : gForm(a, p, s.alt, false, true);
        break;
      default:
        throw pyError(E.ValueError, `Unknown format code '${s.type}' for object of type 'float'`);
    }
    if (s.type === "F" || s.type === "E" || s.type === "G") body = body.toUpperCase();
    if (s.grouping) {
      const m = /^(\d+)(.*)$/s.exec(body);
      if (m) {
        let digits = m[1];
        if (s.fill === "0" && s.align === "=") {
          // zero padding is grouped too: CPython pads "1.5" to "0,001.50", never ",001.50"
          const sign = neg || s.sign === "+" || s.sign === " " ? 1 : 0;
          const needed = s.width - sign - m[2].length;
          while (group(digits, s.grouping).length < needed) digits = `0${digits}`;
        }
        body = group(digits, s.grouping) + m[2];
      }
    }
  }
  if ((s.type === "F" || s.type === "E" || s.type === "G") && !Number.isFinite(a)) body = body.toUpperCase();
  const sign = neg ? "-" : s.sign === "+" ? "+" : s.sign === " " ? " " : "";
  return pad(body, sign, s, ">");
}

// ---- % formatting -----------------------------------------------------------------------------

export function percentFormat(fmt: string, arg: Py): string {
  let args: Py[];
  let mapping: PyDict | null = null;
  if (arg instanceof PyTuple) args = arg.items;
  else {
    args = [arg];
    if (arg instanceof PyDict) mapping = arg;
  }
  let ai = 0;
  let usedMapping = false;
  const next = (): Py => {
    if (ai >= args.length) throw pyError(E.TypeError, "not enough arguments for format string");
    return args[ai++];
  };
  const out = fmt.replace(/%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([a-zA-Z%])/g, (_m, key: string | undefined, flags: string, width: string | undefined, prec: string | undefined, type: string) => {
    if (type === "%" && !key && !flags && !width && prec === undefined) return "%";
    let value: Py;
    if (key !== undefined) {
      if (!mapping) throw pyError(E.TypeError, "format requires a mapping");
      usedMapping = true;
      const got = mapping.get(key);
      if (got === undefined) throw pyError(E.KeyError, key);
      value = got;
    }
    const w = width === "*" ? Number(next()) : width ? Number(width) : 0;
    const p = prec === "*" ? Number(next()) : prec !== undefined ? Number(prec) : -1;
    if (key === undefined) value = next();
    const left = flags.includes("-");
    const spec: Spec = {
      fill: flags.includes("0") && !left && !"srac".includes(type) ? "0" : " ",
      align: left ? "<" : flags.includes("0") && !"srac".includes(type) ? "=" : ">",
      sign: flags.includes("+") ? "+" : flags.includes(" ") ? " " : "-",
      alt: flags.includes("#"),
      zero: false,
      width: w,
      grouping: "",
      precision: p,
      type,
    };
    const v = value!;
    switch (type) {
      case "s":
      case "r":
      case "a": {
        let text = type === "s" ? str(v) : repr(v);
        if (p >= 0) text = [...text].slice(0, p).join("");
        return pad(text, "", spec, ">");
      }
      case "d":
      case "i":
      case "u": {
        let n: bigint;
        if (typeof v === "number") {
          if (!Number.isFinite(v)) throw pyError(E.OverflowError, "cannot convert float infinity to integer");
          n = BigInt(Math.trunc(v));
        } else if (typeof v === "bigint" || typeof v === "boolean") n = BigInt(v);
        else throw pyError(E.TypeError, `%${type} format: a real number is required, not ${typeName(v)}`);
        return formatValue(n, specString({ ...spec, type: "d", precision: -1 }));
      }
      case "x":
      case "X":
      case "o": {
        if (typeof v !== "bigint" && typeof v !== "boolean") throw pyError(E.TypeError, `%${type} format: an integer is required, not ${typeName(v)}`);
        return formatValue(BigInt(v), specString({ ...spec, precision: -1 }));
      }
      case "e":
      case "E":
      case "f":
      case "F":
      case "g":
      case "G": {
        let x: number;
        if (typeof v === "number") x = v;
        else if (typeof v === "bigint" || typeof v === "boolean") x = Number(v);
        else throw pyError(E.TypeError, `must be real number, not ${typeName(v)}`);
        return formatFloat(x, { ...spec, precision: p < 0 ? 6 : p });
      }
      case "c":
        return pad(typeof v === "string" ? v : String.fromCodePoint(Number(v)), "", spec, ">");
      default:
        throw pyError(E.ValueError, `unsupported format character '${type}' (0x${type.charCodeAt(0).toString(16)})`);
    }
  });
  if (ai < args.length && !usedMapping && !mapping) throw pyError(E.TypeError, "not all arguments converted during string formatting");
  return out;
}

function specString(s: Spec): string {
  const align = s.align ? s.fill + s.align : "";
  return `${align}${s.sign === "-" ? "" : s.sign}${s.alt ? "#" : ""}${s.width || ""}${s.precision >= 0 ? `.${s.precision}` : ""}${s.type}`;
}

// ---- str.format -------------------------------------------------------------------------------

export function strFormat(fmt: string, args: Py[], kwargs: Map<string, Py> | null, getAttr: (o: Py, name: string) => Py, getItem: (o: Py, k: Py) => Py): string {
  let auto = 0;
  let out = "";
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i];
    if (c === "{" && fmt[i + 1] === "{") {
      out += "{";
      i += 2;
      continue;
    }
    if (c === "}" && fmt[i + 1] === "}") {
      out += "}";
      i += 2;
      continue;
    }
    if (c === "}") throw pyError(E.ValueError, "Single '}' encountered in format string");
    if (c !== "{") {
      out += c;
      i++;
      continue;
    }
    let depth = 1;
    let j = i + 1;
    for (; j < fmt.length; j++) {
      if (fmt[j] === "{") depth++;
      else if (fmt[j] === "}" && --depth === 0) break;
    }
    if (j >= fmt.length) throw pyError(E.ValueError, "Single '{' encountered in format string");
    const field = fmt.slice(i + 1, j);
    i = j + 1;
    const m = /^([^.[!:]*)((?:\.[^.[!:]+|\[[^\]]*\])*)(?:!([rsa]))?(?::([\s\S]*))?$/.exec(field);
    if (!m) throw pyError(E.ValueError, "unexpected '{' in field name");
    const [, name, rest, conv, rawSpec] = m;
    let value: Py;
    if (name === "") {
      if (auto < 0) throw pyError(E.ValueError, "cannot switch from manual field specification to automatic field numbering");
      if (auto >= args.length) throw pyError(E.IndexError, `Replacement index ${auto} out of range for positional args tuple`);
      value = args[auto++];
    } else if (/^\d+$/.test(name)) {
      const k = Number(name);
      if (k >= args.length) throw pyError(E.IndexError, `Replacement index ${k} out of range for positional args tuple`);
      value = args[k];
    } else {
      const got = kwargs?.get(name);
      if (got === undefined) throw pyError(E.KeyError, name);
      value = got;
    }
    for (const part of rest.match(/\.[^.[]+|\[[^\]]*\]/g) ?? []) {
      if (part.startsWith(".")) value = getAttr(value, part.slice(1));
      else {
        const key = part.slice(1, -1);
        value = getItem(value, /^\d+$/.test(key) ? BigInt(key) : key);
      }
    }
    if (conv === "r" || conv === "a") value = repr(value);
    else if (conv === "s") value = str(value);
    const spec = rawSpec ? strFormat(rawSpec, args, kwargs, getAttr, getItem) : "";
    out += formatValue(value, spec);
  }
  return out;
}
