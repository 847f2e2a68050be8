// The io module's StringIO: an in-memory text file (write, read, readline, iteration, seek,
// getvalue, with-statement), what code nodes hand to csv and build text in. Positions count
// characters, as CPython's StringIO does for text without astral characters.
import { arg } from "../args";
import { str } from "../format";
import { iterate } from "../ops";
import { E, type Kwargs, MAX_STR, memoryError, type Py, PyIterator, PyList, PyNative, PyType, T, pyError, typeName } from "../values";
import { makeModule } from "./module";

interface Buffer {
  text: string;
  pos: number;
  closed: boolean;
}

export const stringIOType = new PyType("StringIO", T.object, "_io");

const buffer = (self: Py): Buffer => {
  const b = (self as PyNative<Buffer>).value;
  if (b.closed) throw pyError(E.ValueError, "I/O operation on closed file");
  return b;
};

/** The size argument of read()/readline(): None or negative reads to the end. */
function sizeArg(v: Py | undefined): number {
  if (v === undefined || v === null) return -1;
  if (typeof v !== "bigint") throw pyError(E.TypeError, `argument should be integer or None, not '${typeName(v)}'`);
  return Number(v);
}

function readLine(b: Buffer, limit = -1): string {
  const nl = b.text.indexOf("\n", b.pos);
  let end = nl === -1 ? b.text.length : nl + 1;
  if (limit >= 0) end = Math.min(end, b.pos + limit);
  const line = b.text.slice(b.pos, end);
  b.pos = end;
  return line;
}

function write(b: Buffer, s: string): void {
  if (b.pos > b.text.length) b.text += "\0".repeat(b.pos - b.text.length);
  const text = b.text.slice(0, b.pos) + s + b.text.slice(b.pos + s.length);
  if (text.length > MAX_STR) throw memoryError();
  b.text = text;
  b.pos += s.length;
}

const m = stringIOType.methods;
m.set("write", (self, [s]) => {
  if (typeof s !== "string") throw pyError(E.TypeError, `string argument expected, got '${typeName(s)}'`);
  write(buffer(self), s);
  return BigInt(s.length);
});
m.set("writelines", (self, [lines]) => {
  const b = buffer(self);
  for (const line of iterate(lines)) {
    if (typeof line !== "string") throw pyError(E.TypeError, `string argument expected, got '${typeName(line)}'`);
    write(b, line);
  }
  return null;
});
m.set("getvalue", (self) => buffer(self).text);
m.set("read", (self, args) => {
  const b = buffer(self);
  const n = sizeArg(args[0]);
  const end = n < 0 ? b.text.length : Math.min(b.text.length, b.pos + n);
  const out = b.text.slice(b.pos, end);
  b.pos = Math.max(b.pos, end);
  return out;
});
m.set("readline", (self, args) => readLine(buffer(self), sizeArg(args[0])));
m.set("readlines", (self) => {
  const b = buffer(self);
  const lines: Py[] = [];
  while (b.pos < b.text.length) lines.push(readLine(b));
  return new PyList(lines);
});
m.set("seek", (self, args) => {
  const b = buffer(self);
  const pos = args[0];
  const whence = args[1] === undefined ? 0n : args[1];
  if (typeof pos !== "bigint") throw pyError(E.TypeError, `'${typeName(pos)}' object cannot be interpreted as an integer`);
  if (whence === 0n) {
    if (pos < 0n) throw pyError(E.ValueError, `Negative seek position ${pos}`);
    b.pos = Number(pos);
  } else if (whence === 1n || whence === 2n) {
    if (pos !== 0n) throw pyError(E.OSError, "Can't do nonzero cur-relative seeks");
    if (whence === 2n) b.pos = b.text.length;
  } else throw pyError(E.ValueError, `Invalid whence (${str(whence)}, should be 0, 1 or 2)`);
  return BigInt(b.pos);
});
m.set("tell", (self) => BigInt(buffer(self).pos));
m.set("truncate", (self, args) => {
  const b = buffer(self);
  const size = args[0] === undefined || args[0] === null ? b.pos : Number(args[0]);
  if (size < 0) throw pyError(E.ValueError, `Negative size value ${size}`);
  b.text = b.text.slice(0, size);
  return BigInt(size);
});
m.set("close", (self) => {
  (self as PyNative<Buffer>).value.closed = true;
  return null;
});
m.set("readable", () => true);
m.set("writable", () => true);
m.set("seekable", () => true);
m.set("flush", (self) => {
  buffer(self);
  return null;
});
m.set("__iter__", (self) => {
  const b = buffer(self);
  return new PyIterator(
    (function* () {
      while (b.pos < b.text.length) yield readLine(b);
    })(),
  );
});
m.set("__next__", (self) => {
  const b = buffer(self);
  if (b.pos >= b.text.length) throw pyError(E.StopIteration);
  return readLine(b);
});
m.set("__enter__", (self) => {
  buffer(self);
  return self;
});
m.set("__exit__", (self) => {
  (self as PyNative<Buffer>).value.closed = true;
  return null;
});
stringIOType.getters.set("closed", (self) => (self as PyNative<Buffer>).value.closed);

stringIOType.call = (args: Py[], kwargs: Kwargs) => {
  const initial = arg("StringIO", args, kwargs, 0, "initial_value", "");
  if (initial !== null && typeof initial !== "string") throw pyError(E.TypeError, `initial_value must be str or None, not ${typeName(initial)}`);
  return new PyNative<Buffer>(stringIOType, { text: initial ?? "", pos: 0, closed: false });
};

export function ioModule() {
  return makeModule("io", {}, { StringIO: stringIOType });
}
