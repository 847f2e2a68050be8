// The csv module: reader, writer, DictReader and DictWriter with CPython's parsing and quoting
// (the excel dialect by default; delimiter, quotechar, quoting, lineterminator and
// skipinitialspace as keywords, or the dialects 'excel', 'excel-tab' and 'unix'). Files are any
// iterable of lines (a StringIO, text.splitlines()) to read and anything with write() to write.
import { getAttr } from "../attributes";
import { floatRepr, str } from "../format";
import { iterate } from "../ops";
import { E, type Kwargs, type Py, PyDict, PyIterator, PyList, PyNative, PyType, T, pyError, runtime, typeName } from "../values";
import { makeModule } from "./module";

const QUOTE_MINIMAL = 0;
const QUOTE_ALL = 1;
const QUOTE_NONNUMERIC = 2;
const QUOTE_NONE = 3;

const csvError = new PyType("Error", E.Exception, "_csv");

interface Dialect {
  delimiter: string;
  quotechar: string;
  quoting: number;
  lineterminator: string;
  skipinitialspace: boolean;
}

const DIALECTS: Record<string, Dialect> = {
  excel: { delimiter: ",", quotechar: '"', quoting: QUOTE_MINIMAL, lineterminator: "\r\n", skipinitialspace: false },
  "excel-tab": { delimiter: "\t", quotechar: '"', quoting: QUOTE_MINIMAL, lineterminator: "\r\n", skipinitialspace: false },
  unix: { delimiter: ",", quotechar: '"', quoting: QUOTE_ALL, lineterminator: "\n", skipinitialspace: false },
};

function oneChar(name: string, v: Py): string {
  if (typeof v !== "string" || [...v].length !== 1) throw pyError(E.TypeError, `"${name}" must be a 1-character string`);
  return v;
}

/** The dialect of a reader or writer: a named one (the `dialect` argument) with keyword overrides; other keywords (fieldnames…) are not its. */
function dialectOf(dialectArg: Py | undefined, kwargs: Kwargs): Dialect {
  const name = dialectArg ?? kwargs?.get("dialect") ?? "excel";
  if (typeof name !== "string" || !(name in DIALECTS)) throw pyError(csvError, "unknown dialect");
  const d = { ...DIALECTS[name] };
  for (const [key, value] of kwargs ?? []) {
    if (key === "delimiter") d.delimiter = oneChar("delimiter", value);
    else if (key === "quotechar") d.quotechar = oneChar("quotechar", value);
    else if (key === "lineterminator") {
      if (typeof value !== "string") throw pyError(E.TypeError, `"lineterminator" must be a string`);
      d.lineterminator = value;
    } else if (key === "quoting") {
      if (typeof value !== "bigint" || value < 0n || value > 3n) throw pyError(E.TypeError, "bad \"quoting\" value");
      d.quoting = Number(value);
    } else if (key === "skipinitialspace") d.skipinitialspace = value === true;
    else if (key === "doublequote" && value === false) throw pyError(E.NotImplementedError, "doublequote=False is not supported here");
    else if (key === "escapechar" && value !== null) throw pyError(E.NotImplementedError, "escapechar is not supported here");
  }
  return d;
}


/** Rows of `lines` parsed as CPython's reader does (non-strict): quoted fields may span lines. */
function* parseRows(lines: Iterable<Py>, d: Dialect, state: { lineNum: number }): Generator<Py[]> {
  const it = lines[Symbol.iterator]();
  for (;;) {
    const fields: Py[] = [];
    let field = "";
    let quoted = false; // inside quotes
    let afterQuote = false; // a quote inside quotes: closing, or the first of a doubled pair
    let started = false; // the record has a field under way
    let numeric = false;
    let eatCrnl = false;
    const save = () => {
      fields.push(numeric ? toFloat(field) : field);
      field = "";
      numeric = false;
      started = false;
    };
    let next = it.next();
    if (next.done) return;
    for (;;) {
      const line = next.value;
      if (typeof line !== "string") throw pyError(csvError, `iterator should return strings, not ${typeName(line)} (the file should be opened in text mode)`);
      state.lineNum++;
      for (const c of line) {
        if (c === "\0") throw pyError(csvError, "line contains NUL");
        if (eatCrnl) {
          if (c === "\n" || c === "\r") continue;
          throw pyError(csvError, "new-line character seen in unquoted field - do you need to open the file in universal-newline mode?");
        }
        if (quoted) {
          if (afterQuote) {
            afterQuote = false;
            if (c === d.quotechar) {
              field += c;
              continue;
            }
            quoted = false;
          } else {
            if (c === d.quotechar) afterQuote = true;
            else field += c;
            continue;
          }
        }
        if (c === "\n" || c === "\r") {
          if (started || fields.length > 0) save();
          eatCrnl = true;
        } else if (c === d.delimiter) {
          save();
        } else if (!started && c === d.quotechar && d.quoting !== QUOTE_NONE && field === "") {
          quoted = true;
          started = true;
        } else if (!started && c === " " && d.skipinitialspace) {
          // skipped
        } else {
          if (!started && d.quoting === QUOTE_NONNUMERIC) numeric = true;
          field += c;
          started = true;
        }
      }
      if (afterQuote) {
        afterQuote = false;
        quoted = false;
      }
      if (!quoted) break;
      next = it.next();
      if (next.done) break;
    }
    if (quoted || started || (!eatCrnl && fields.length > 0)) save();
    yield fields;
  }
}

function toFloat(s: string): number {
  const t = s.trim();
  const n = Number(t);
  if (t === "" || Number.isNaN(n)) throw pyError(E.ValueError, `could not convert string to float: '${s}'`);
  return n;
}

// ---- reading ------------------------------------------------------------------------------------

const readerType = new PyType("reader", T.object, "_csv");
interface Reader {
  rows: Generator<Py[]>;
  state: { lineNum: number };
}
/** Iteration over a reader-like object: its own __next__ until it stops (a for loop and next() share its position). */
function selfIterator(self: Py, next: (self: Py) => Py | undefined): PyIterator {
  return new PyIterator(
    (function* () {
      for (;;) {
        const v = next(self);
        if (v === undefined) return;
        yield v;
      }
    })(),
  );
}
const stop = (v: Py | undefined): Py => {
  if (v === undefined) throw pyError(E.StopIteration);
  return v;
};

function nextRow(self: Py): Py | undefined {
  const next = (self as PyNative<Reader>).value.rows.next();
  return next.done ? undefined : new PyList(next.value);
}
readerType.methods.set("__iter__", (self) => selfIterator(self, nextRow));
readerType.methods.set("__next__", (self) => stop(nextRow(self)));
readerType.getters.set("line_num", (self) => BigInt((self as PyNative<Reader>).value.state.lineNum));

function makeReader(lines: Py, d: Dialect): PyNative<Reader> {
  const state = { lineNum: 0 };
  return new PyNative<Reader>(readerType, { rows: parseRows(iterate(lines), d, state), state });
}

const rowsOf = (r: PyNative<Reader>) => r.value.rows;

const dictReaderType = new PyType("DictReader", T.object, "csv");
interface DictReaderState {
  reader: PyNative<Reader>;
  fieldnames: Py[] | null;
  restkey: Py;
  restval: Py;
}
const dictReader = (self: Py) => (self as PyNative<DictReaderState>).value;
function fieldnamesOf(s: DictReaderState): Py[] | null {
  if (s.fieldnames === null) {
    const first = rowsOf(s.reader).next();
    if (!first.done) s.fieldnames = first.value;
  }
  return s.fieldnames;
}
dictReaderType.getters.set("fieldnames", (self) => {
  const names = fieldnamesOf(dictReader(self));
  return names === null ? null : new PyList([...names]);
});
dictReaderType.getters.set("line_num", (self) => BigInt(dictReader(self).reader.value.state.lineNum));
function nextRecord(self: Py): Py | undefined {
  const s = dictReader(self);
  const names = fieldnamesOf(s) ?? [];
  let row = rowsOf(s.reader).next();
  // Empty lines are skipped.
  while (!row.done && row.value.length === 0) row = rowsOf(s.reader).next();
  if (row.done) return undefined;
  const d = new PyDict();
  names.forEach((name, i) => {
    if (i < row.value.length) d.set(name, row.value[i]);
  });
  if (names.length < row.value.length) d.set(s.restkey, new PyList(row.value.slice(names.length)));
  else for (const name of names.slice(row.value.length)) d.set(name, s.restval);
  return d;
}
dictReaderType.methods.set("__iter__", (self) => selfIterator(self, nextRecord));
dictReaderType.methods.set("__next__", (self) => stop(nextRecord(self)));
dictReaderType.call = (args, kwargs) => {
  const names = kwargs?.get("fieldnames") ?? args[1] ?? null;
  return new PyNative<DictReaderState>(dictReaderType, {
    reader: makeReader(args[0], dialectOf(args[2], kwargs)),
    fieldnames: names === null ? null : [...iterate(names)],
    restkey: kwargs?.get("restkey") ?? null,
    restval: kwargs?.get("restval") ?? null,
  });
};

// ---- writing ------------------------------------------------------------------------------------

const isNumber = (v: Py) => typeof v === "bigint" || typeof v === "number" || typeof v === "boolean";

function formatRow(row: Py, d: Dialect): string {
  const fields = [...iterate(row)];
  const special = new RegExp(`[${[d.delimiter, d.quotechar, "\r", "\n"].map((c) => c.replace(/[\]\\^-]/g, "\\$&")).join("")}]`);
  const out = fields.map((v) => {
    const text = v === null ? "" : typeof v === "number" ? floatRepr(v) : str(v);
    // A record of one empty field is quoted, so that it is not read back as an empty line.
    const lone = fields.length === 1 && text === "";
    if (d.quoting === QUOTE_NONE && (special.test(text) || lone)) {
      throw pyError(csvError, lone ? "single empty field record must be quoted" : "need to escape, but no escapechar set");
    }
    const quote = d.quoting === QUOTE_ALL || (d.quoting === QUOTE_NONNUMERIC && !isNumber(v)) || special.test(text) || lone;
    return quote && d.quoting !== QUOTE_NONE ? `${d.quotechar}${text.replaceAll(d.quotechar, d.quotechar + d.quotechar)}${d.quotechar}` : text;
  });
  return out.join(d.delimiter) + d.lineterminator;
}

interface Writer {
  file: Py;
  dialect: Dialect;
}
const writerType = new PyType("writer", T.object, "_csv");
const writeRow = (w: Writer, row: Py): Py => runtime.call(getAttr(w.file, "write"), [formatRow(row, w.dialect)], null);
writerType.methods.set("writerow", (self, [row]) => writeRow((self as PyNative<Writer>).value, row));
writerType.methods.set("writerows", (self, [rows]) => {
  for (const row of iterate(rows)) writeRow((self as PyNative<Writer>).value, row);
  return null;
});

const dictWriterType = new PyType("DictWriter", T.object, "csv");
interface DictWriterState extends Writer {
  fieldnames: Py[];
  restval: Py;
  raise: boolean;
}
const dictWriter = (self: Py) => (self as PyNative<DictWriterState>).value;
function dictRow(w: DictWriterState, row: Py): PyList {
  if (!(row instanceof PyDict)) throw pyError(E.AttributeError, `'${typeName(row)}' object has no attribute 'keys'`);
  if (w.raise) {
    const extra = [...row.map.values()].map(([k]) => k).filter((k) => !w.fieldnames.some((n) => runtime.eq(n, k)));
    if (extra.length) throw pyError(E.ValueError, `dict contains fields not in fieldnames: ${extra.map((k) => `'${str(k)}'`).join(", ")}`);
  }
  return new PyList(w.fieldnames.map((n) => row.get(n) ?? w.restval));
}
dictWriterType.getters.set("fieldnames", (self) => new PyList([...dictWriter(self).fieldnames]));
dictWriterType.methods.set("writeheader", (self) => writeRow(dictWriter(self), new PyList(dictWriter(self).fieldnames)));
dictWriterType.methods.set("writerow", (self, [row]) => writeRow(dictWriter(self), dictRow(dictWriter(self), row)));
dictWriterType.methods.set("writerows", (self, [rows]) => {
  for (const row of iterate(rows)) writeRow(dictWriter(self), dictRow(dictWriter(self), row));
  return null;
});
dictWriterType.call = (args, kwargs) => {
  const names = kwargs?.get("fieldnames") ?? args[1];
  if (names === undefined) throw pyError(E.TypeError, "DictWriter.__init__() missing 1 required positional argument: 'fieldnames'");
  const extrasaction = kwargs?.get("extrasaction") ?? "raise";
  if (extrasaction !== "raise" && extrasaction !== "ignore") throw pyError(E.ValueError, `extrasaction (${str(extrasaction)}) must be 'raise' or 'ignore'`);
  return new PyNative<DictWriterState>(dictWriterType, {
    file: args[0],
    dialect: dialectOf(args[4], kwargs),
    fieldnames: [...iterate(names)],
    restval: kwargs?.get("restval") ?? args[2] ?? "",
    raise: extrasaction === "raise",
  });
};

export function csvModule() {
  return makeModule(
    "csv",
    {
      reader: (args, kwargs) => makeReader(args[0], dialectOf(args[1], kwargs)),
      writer: (args, kwargs) => new PyNative<Writer>(writerType, { file: args[0], dialect: dialectOf(args[1], kwargs) }),
      list_dialects: () => new PyList(Object.keys(DIALECTS)),
    },
    {
      DictReader: dictReaderType,
      DictWriter: dictWriterType,
      Error: csvError,
      QUOTE_MINIMAL: BigInt(QUOTE_MINIMAL),
      QUOTE_ALL: BigInt(QUOTE_ALL),
      QUOTE_NONNUMERIC: BigInt(QUOTE_NONNUMERIC),
      QUOTE_NONE: BigInt(QUOTE_NONE),
    },
  );
}
