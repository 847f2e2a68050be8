// html.parser: the HTMLParser base class that code subclasses, overriding handle_starttag,
// handle_endtag, handle_data and the rest. feed() tokenises what it has been given (tags, text,
// comments, declarations, processing instructions; the raw text of script and style) and calls
// the instance's handlers, holding back an unfinished tag or character reference until the next
// feed or close(). Tag and attribute names come lower-cased, attribute values and text (with
// convert_charrefs, the default) with their character references decoded.
import { decodeEntities } from "../../../../knowledge/parse/html-entities";
import { getAttr } from "../attributes";
import { PyClass, PyMethodDescriptor } from "../classes";
import { runtime, truthy } from "../ops";
import { E, type Kwargs, type Py, pyError, PyList, PyTuple, T, typeName } from "../values";
import { makeModule } from "./module";

interface ParserState {
  raw: string;
  convertCharrefs: boolean;
  /** Inside <script> or <style>: text up to the matching end tag is passed as it is. */
  cdata: string | null;
  starttagText: string | null;
  line: number;
  offset: number;
}

const states = new WeakMap<object, ParserState>();

function stateOf(self: Py): ParserState {
  if (self === null || typeof self !== "object") throw pyError(E.TypeError, `descriptor requires an 'HTMLParser' object but received a '${typeName(self)}'`);
  let s = states.get(self);
  if (!s) {
    s = { raw: "", convertCharrefs: true, cdata: null, starttagText: null, line: 1, offset: 0 };
    states.set(self, s);
  }
  return s;
}

const call = (self: Py, name: string, args: Py[]) => runtime.call(getAttr(self, name), args, null);

const TAG_START = /[a-zA-Z]/;
// A start tag: its name, then attributes up to ">" (a quoted value may hold ">").
const START_TAG = /^<([a-zA-Z][^\t\n\r\f />]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/;
const ATTR = /([^\s/>"'=][^\s/>=]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?/g;
const END_TAG = /^<\/([a-zA-Z][^\t\n\r\f />]*)[^>]*>/;
const REFERENCE = /&(?:#([0-9]+|[xX][0-9a-fA-F]+)|([a-zA-Z][-.a-zA-Z0-9]*));?/g;
const CDATA_ELEMENTS = new Set(["script", "style"]);

/** The attributes of a start tag's text after its name, and whether it closes itself ("/>"). */
function attributes(text: string): { attrs: PyList; selfClosing: boolean } {
  const out: Py[] = [];
  let last = 0;
  for (const m of text.matchAll(ATTR)) {
    last = m.index + m[0].length;
    let value: string | null = m[2] ?? null;
    if (value !== null) {
      if ((value.startsWith('"') && value.endsWith('"') && value.length > 1) || (value.startsWith("'") && value.endsWith("'") && value.length > 1)) {
        value = value.slice(1, -1);
      }
      value = decodeEntities(value);
    }
    out.push(new PyTuple([m[1].toLowerCase(), value]));
  }
  // an unquoted value takes a "/" before ">" as its own (<img src=x/>), as CPython reads it
  return { attrs: new PyList(out), selfClosing: /\/\s*$/.test(text.slice(last)) };
}

/** Moves the position past `text`. */
function advance(s: ParserState, text: string) {
  const lines = text.split("\n");
  if (lines.length > 1) {
    s.line += lines.length - 1;
    s.offset = lines.at(-1)!.length;
  } else s.offset += text.length;
}

/** Handles as much of the buffer as is complete; with `end`, everything. */
function goAhead(self: Py, s: ParserState, end: boolean): void {
  const raw = s.raw;
  let i = 0;
  const data = (text: string) => {
    if (!text) return;
    if (s.cdata !== null || s.convertCharrefs) call(self, "handle_data", [s.cdata === null ? decodeEntities(text) : text]);
    else {
      // convert_charrefs=False: references reach handle_charref / handle_entityref by name
      let last = 0;
      for (const m of text.matchAll(REFERENCE)) {
        if (m.index > last) call(self, "handle_data", [text.slice(last, m.index)]);
        call(self, m[1] !== undefined ? "handle_charref" : "handle_entityref", [m[1] ?? m[2]]);
        last = m.index + m[0].length;
      }
      if (last < text.length) call(self, "handle_data", [text.slice(last)]);
    }
    advance(s, text);
  };
  while (i < raw.length) {
    if (s.cdata !== null) {
      const close = new RegExp(`</${s.cdata}(?=[\\s/>])`, "i").exec(raw.slice(i));
      if (!close) {
        if (!end) break;
        data(raw.slice(i));
        i = raw.length;
        break;
      }
      data(raw.slice(i, i + close.index));
      i += close.index;
      s.cdata = null;
      continue;
    }
    const lt = raw.indexOf("<", i);
    if (lt < 0) {
      let stop = raw.length;
      // a character reference cut by the end of this chunk waits for the next one
      const amp = raw.lastIndexOf("&");
      if (!end && s.convertCharrefs && amp >= i && !/[\s;]/.test(raw.slice(amp))) stop = amp;
      data(raw.slice(i, stop));
      i = stop;
      break;
    }
    if (lt > i) {
      data(raw.slice(i, lt));
      i = lt;
    }
    const rest = raw.slice(i);
    let consumed = 0;
    if (rest.startsWith("<!--")) {
      const close = rest.indexOf("-->", 4);
      if (close >= 0) {
        call(self, "handle_comment", [rest.slice(4, close)]);
        consumed = close + 3;
      }
    } else if (rest.startsWith("<![")) {
      const close = rest.indexOf("]>");
      if (close >= 0) {
        call(self, "unknown_decl", [rest.slice(3, close).replace(/]$/, "")]);
        consumed = close + 2;
      }
    } else if (rest.startsWith("<!")) {
      const close = rest.indexOf(">");
      if (close >= 0) {
        const inner = rest.slice(2, close);
        if (/^doctype/i.test(inner)) call(self, "handle_decl", [inner]);
        else call(self, "handle_comment", [inner]);
        consumed = close + 1;
      }
    } else if (rest.startsWith("<?")) {
      const close = rest.indexOf(">");
      if (close >= 0) {
        call(self, "handle_pi", [rest.slice(2, close)]);
        consumed = close + 1;
      }
    } else if (rest.startsWith("</")) {
      const m = END_TAG.exec(rest);
      if (m) {
        call(self, "handle_endtag", [m[1].toLowerCase()]);
        consumed = m[0].length;
      } else if (rest.length > 2 && !TAG_START.test(rest[2]) && rest[2] !== ">") {
        // "</" not followed by a name is a bogus comment up to ">"
        const close = rest.indexOf(">");
        if (close >= 0) {
          call(self, "handle_comment", [rest.slice(2, close)]);
          consumed = close + 1;
        }
      } else if (rest.startsWith("</>")) consumed = 3;
    } else if (rest.length > 1 && TAG_START.test(rest[1])) {
      const m = START_TAG.exec(rest);
      if (m) {
        const tag = m[1].toLowerCase();
        s.starttagText = m[0];
        const { attrs, selfClosing } = attributes(m[2]);
        if (selfClosing) call(self, "handle_startendtag", [tag, attrs]);
        else {
          call(self, "handle_starttag", [tag, attrs]);
          if (CDATA_ELEMENTS.has(tag)) s.cdata = tag;
        }
        consumed = m[0].length;
      }
    } else if (rest.length > 1 || end) {
      // a "<" that starts no markup is text
      data("<");
      i += 1;
      continue;
    }
    if (consumed === 0) {
      // unfinished markup: wait for more input, or at the end pass it on as text
      if (!end) break;
      data(rest);
      i = raw.length;
      break;
    }
    advance(s, rest.slice(0, consumed));
    i += consumed;
  }
  s.raw = raw.slice(i);
}

function method(name: string, fn: (self: Py, args: Py[], kwargs: Kwargs) => Py): [string, Py] {
  return [name, new PyMethodDescriptor(name, (args, kwargs) => fn(args[0], args.slice(1), kwargs))];
}

const noop = (name: string) => method(name, () => null);

export function htmlParserModule() {
  const ns = new Map<string, Py>([
    method("__init__", (self, args, kwargs) => {
      if (args.length) throw pyError(E.TypeError, `HTMLParser.__init__() takes 1 positional argument but ${args.length + 1} were given`);
      const s = stateOf(self);
      s.convertCharrefs = kwargs?.has("convert_charrefs") ? truthy(kwargs.get("convert_charrefs")!) : true;
      Object.assign(s, { raw: "", cdata: null, starttagText: null, line: 1, offset: 0 });
      return null;
    }),
    method("reset", (self) => {
      Object.assign(stateOf(self), { raw: "", cdata: null, starttagText: null, line: 1, offset: 0 });
      return null;
    }),
    method("feed", (self, [data]) => {
      if (typeof data !== "string") throw pyError(E.TypeError, `can only concatenate str (not "${typeName(data)}") to str`);
      const s = stateOf(self);
      s.raw += data;
      goAhead(self, s, false);
      return null;
    }),
    method("close", (self) => {
      goAhead(self, stateOf(self), true);
      return null;
    }),
    method("getpos", (self) => {
      const s = stateOf(self);
      return new PyTuple([BigInt(s.line), BigInt(s.offset)]);
    }),
    method("get_starttag_text", (self) => stateOf(self).starttagText),
    method("handle_startendtag", (self, [tag, attrs]) => {
      call(self, "handle_starttag", [tag, attrs]);
      call(self, "handle_endtag", [tag]);
      return null;
    }),
    noop("handle_starttag"),
    noop("handle_endtag"),
    noop("handle_data"),
    noop("handle_comment"),
    noop("handle_decl"),
    noop("handle_pi"),
    noop("unknown_decl"),
    noop("handle_charref"),
    noop("handle_entityref"),
  ]);
  const HTMLParser = new PyClass("HTMLParser", "HTMLParser", [T.object], ns, "html.parser");
  return makeModule("html.parser", {}, { HTMLParser });
}
