// PowerPoint 97-2003 presentations (.ppt, [MS-PPT]) to text: the text atoms of the "PowerPoint
// Document" stream in the order they are stored (each slide's placeholders, then its text boxes,
// then the notes), the way Apache POI's quick text extractor reads them. The master slides' and
// handout's text (placeholder prompts such as "Click to edit Master title style") is left out.
// Each slide's text is a paragraph of its own; PowerPoint's paragraph mark (\r) is a line break.

import { mainStream } from "./cfb";
import { ParseError } from "./parse-error";

const CONTAINER_VERSION = 0xf;
const SLIDE = 0x03ee;
const NOTES = 0x03f0;
const MAIN_MASTER = 0x03f8;
const HANDOUT = 0x0fc9;
const SLIDE_PERSIST_ATOM = 0x03f3;
const TEXT_CHARS_ATOM = 0x0fa0;
const TEXT_BYTES_ATOM = 0x0fa8;
// Containers whose text is not the presentation's own.
const SKIPPED = new Set([MAIN_MASTER, HANDOUT]);
const MAX_DEPTH = 32;
const ENCRYPTED_TOKEN = 0xf3d1c4df;

const damaged = () => new ParseError("The PPT file is damaged or not a PPT file.");

/** PowerPoint's paragraph (\r) and line (\v) marks as line breaks; other control characters dropped. */
function readable(text: string): string {
  let out = "";
  for (const c of text) {
    const code = c.charCodeAt(0);
    if (c === "\r" || c === "\v" || c === "\n") out += "\n";
    else if (code >= 0x20 || c === "\t") out += c;
  }
  return out;
}

export function parsePpt(bytes: Uint8Array): string {
  const { cfb, main: stream } = mainStream(bytes, "PPT", "PowerPoint Document", "presentation");
  if (stream.length < 8) throw damaged();
  // The CurrentUserAtom's token tells an encrypted presentation from a plain one.
  const user = cfb.stream("Current User");
  if (user && user.length >= 16 && new DataView(user.buffer, user.byteOffset, user.byteLength).getUint32(12, true) === ENCRYPTED_TOKEN) {
    throw new ParseError("The presentation is password-protected; remove the password and upload it again.");
  }
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  const blocks: string[][] = [[]];
  const latin1 = new TextDecoder("latin1");
  const utf16 = new TextDecoder("utf-16le");

  const walk = (from: number, to: number, depth: number) => {
    if (depth > MAX_DEPTH) throw damaged();
    for (let at = from; at + 8 <= to; ) {
      const version = view.getUint16(at, true) & 0xf;
      const type = view.getUint16(at + 2, true);
      const length = view.getUint32(at + 4, true);
      const body = at + 8;
      const end = body + length;
      // A record that runs past its container ends the walk of that container (a cut file keeps
      // what came before).
      if (end > to) return;
      if (version === CONTAINER_VERSION) {
        if (!SKIPPED.has(type)) {
          // Each slide and notes page, and each slide's text in the slide list, starts a paragraph.
          if (type === SLIDE || type === NOTES) blocks.push([]);
          walk(body, end, depth + 1);
        }
      } else if (type === SLIDE_PERSIST_ATOM) {
        blocks.push([]);
      } else if (type === TEXT_CHARS_ATOM || type === TEXT_BYTES_ATOM) {
        const raw = stream.subarray(body, end);
        const text = (type === TEXT_CHARS_ATOM ? utf16 : latin1).decode(raw);
        const clean = readable(text).trim();
        if (clean) blocks.at(-1)!.push(clean);
      }
      at = end;
    }
  };
  walk(0, stream.length, 0);
  return blocks
    .map((lines) => lines.join("\n"))
    .filter((block) => block !== "")
    .join("\n\n");
}
