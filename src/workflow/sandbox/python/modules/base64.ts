// The base64 module (standard and URL-safe alphabets, on bytes).
import { E, PyBytes, type Py, PyType, pyError, typeName } from "../values";
import { makeModule } from "./module";

const binasciiError = new PyType("Error", E.ValueError, "binascii");

function toBytes(v: Py, what: string): Uint8Array {
  if (v instanceof PyBytes) return v.data;
  if (typeof v === "string") {
    if ([...v].some((c) => c.charCodeAt(0) > 127)) throw pyError(E.ValueError, "string argument should contain only ASCII characters");
    return Uint8Array.from(v, (c) => c.charCodeAt(0));
  }
  throw pyError(E.TypeError, `${what} a bytes-like object is required, not '${typeName(v)}'`);
}

const ascii = (s: string) => new PyBytes(Uint8Array.from(s, (c) => c.charCodeAt(0)));

function encode(data: Uint8Array, urlsafe: boolean): PyBytes {
  let bin = "";
  for (const b of data) bin += String.fromCharCode(b);
  let s = btoa(bin);
  if (urlsafe) s = s.replace(/\+/g, "-").replace(/\//g, "_");
  return ascii(s);
}

function decode(data: Uint8Array, urlsafe: boolean, validate: boolean): PyBytes {
  let s = String.fromCharCode(...data);
  if (urlsafe) s = s.replace(/-/g, "+").replace(/_/g, "/");
  if (validate && !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw pyError(binasciiError, "Non-base64 digit found");
  s = s.replace(/[^A-Za-z0-9+/=]/g, "");
  const padIndex = s.indexOf("=");
  const clean = padIndex >= 0 ? s.slice(0, padIndex) : s;
  if (clean.length % 4 === 1) {
    throw pyError(binasciiError, `Invalid base64-encoded string: number of data characters (${clean.length}) cannot be 1 more than a multiple of 4`);
  }
  const needed = (4 - (clean.length % 4)) % 4;
  const given = s.length - clean.length;
  if (given < needed) throw pyError(binasciiError, "Incorrect padding");
  const bin = atob(clean + "=".repeat(needed));
  return new PyBytes(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

export function base64Module() {
  return makeModule(
    "base64",
    {
      b64encode: (args) => encode(toBytes(args[0], "b64encode()"), false),
      b64decode: (args) => decode(toBytes(args[0], "b64decode()"), false, false),
      urlsafe_b64encode: (args) => encode(toBytes(args[0], "urlsafe_b64encode()"), true),
      urlsafe_b64decode: (args) => decode(toBytes(args[0], "urlsafe_b64decode()"), true, false),
      standard_b64encode: (args) => encode(toBytes(args[0], "standard_b64encode()"), false),
      standard_b64decode: (args) => decode(toBytes(args[0], "standard_b64decode()"), false, false),
    },
  );
}
