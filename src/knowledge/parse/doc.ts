// Word 97-2003 documents (.doc) to text: the main document's characters, found through the piece
// table of the File Information Block ([MS-DOC] 2.4.1), each piece one byte per character
// (windows-1252) or two (UTF-16). Paragraph, cell and page marks become line breaks; field codes
// (the instructions of hyperlinks, page numbers, tables of contents) are dropped and their
// results kept; object anchors and soft hyphens are dropped.

import { mainStream } from "./cfb";
import { ParseError } from "./parse-error";

const WORD_IDENT = 0xa5ec;
const WORD6_IDENT = 0xa5dc;
const FIELD_BEGIN = 0x13;
const FIELD_SEPARATOR = 0x14;
const FIELD_END = 0x15;

const damaged = () => new ParseError("The DOC file is damaged or not a DOC file.");

export function parseDoc(bytes: Uint8Array): string {
  const { cfb, main: word } = mainStream(bytes, "DOC", "WordDocument", "Word document");
  if (word.length < 0x200) throw damaged();
  const view = new DataView(word.buffer, word.byteOffset, word.byteLength);
  const ident = view.getUint16(0, true);
  const nFib = view.getUint16(2, true);
  // Word 6.0 and 95 wrote their own identifier (and a FIB version below Word 97's).
  if (ident === WORD6_IDENT || (ident === WORD_IDENT && nFib < 0x00c1)) {
    throw new ParseError("The file is a Word 6.0/95 document or older; save it as .docx and upload it again.");
  }
  if (ident !== WORD_IDENT) throw damaged();
  const flags = view.getUint16(0x0a, true);
  if (flags & 0x0100) throw new ParseError("The document is password-protected; remove the password and upload it again.");

  // FibBase (32 bytes), then three length-prefixed arrays: 16-bit, 32-bit, then (fc, lcb) pairs.
  let at = 32;
  const csw = view.getUint16(at, true);
  at += 2 + csw * 2;
  const cslw = view.getUint16(at, true);
  const longs = at + 2;
  if (cslw < 4) throw damaged();
  const ccpText = view.getInt32(longs + 3 * 4, true);
  at = longs + cslw * 4;
  const cbRgFcLcb = view.getUint16(at, true);
  if (cbRgFcLcb < 34) throw damaged();
  const fcClx = view.getUint32(at + 2 + 33 * 8, true);
  const lcbClx = view.getUint32(at + 2 + 33 * 8 + 4, true);

  const table = cfb.stream(flags & 0x0200 ? "1Table" : "0Table");
  if (!table || lcbClx === 0 || fcClx + lcbClx > table.length || ccpText < 0) throw damaged();
  const pieces = pieceTable(table.subarray(fcClx, fcClx + lcbClx));

  let text = "";
  for (const piece of pieces) {
    if (piece.start >= ccpText) break;
    const count = Math.min(piece.end, ccpText) - piece.start;
    if (count <= 0) continue;
    const length = piece.compressed ? count : count * 2;
    if (piece.offset + length > word.length) throw damaged();
    const slice = word.subarray(piece.offset, piece.offset + length);
    text += new TextDecoder(piece.compressed ? "windows-1252" : "utf-16le").decode(slice);
  }
  return clean(text);
}

interface Piece {
  start: number;
  end: number;
  offset: number;
  compressed: boolean;
}

/** The Clx: property runs (Prc, skipped) then the piece table (Pcdt): n+1 positions and n descriptors. */
function pieceTable(clx: Uint8Array): Piece[] {
  const view = new DataView(clx.buffer, clx.byteOffset, clx.byteLength);
  let at = 0;
  while (at < clx.length && clx[at] === 0x01) {
    if (at + 3 > clx.length) throw damaged();
    at += 3 + view.getInt16(at + 1, true);
  }
  if (at + 5 > clx.length || clx[at] !== 0x02) throw damaged();
  const lcb = view.getUint32(at + 1, true);
  const start = at + 5;
  if (start + lcb > clx.length || (lcb - 4) % 12 !== 0) throw damaged();
  const count = (lcb - 4) / 12;
  const pieces: Piece[] = [];
  for (let i = 0; i < count; i++) {
    const descriptor = start + (count + 1) * 4 + i * 8;
    const fc = view.getUint32(descriptor + 2, true);
    const compressed = (fc & 0x40000000) !== 0;
    pieces.push({
      start: view.getUint32(start + i * 4, true),
      end: view.getUint32(start + (i + 1) * 4, true),
      offset: compressed ? (fc & 0x3fffffff) / 2 : fc & 0x3fffffff,
      compressed,
    });
  }
  return pieces;
}

/**
 * Word's control characters as text: marks to line breaks, field codes and anchors out. A table
 * cell ends with 0x07 and its row with one more, so cells are joined by " | " and a doubled mark
 * ends the line (an empty last cell reads as the row's end: only spacing differs).
 */
function clean(raw: string): string {
  let out = "";
  // Each open field: whether its code part is still running (before the separator).
  const fields: boolean[] = [];
  let cellEnded = false;
  for (const char of raw) {
    const code = char.charCodeAt(0);
    if (code === FIELD_BEGIN) fields.push(true);
    else if (code === FIELD_SEPARATOR) {
      if (fields.length) fields[fields.length - 1] = false;
    } else if (code === FIELD_END) fields.pop();
    else if (fields.includes(true)) continue;
    else if (code === 0x07) {
      if (cellEnded) {
        out = `${out.slice(0, -3)}\n`;
        cellEnded = false;
      } else {
        out += " | ";
        cellEnded = true;
      }
      continue;
    } else if (code === 0x0d || code === 0x0b || code === 0x0c) out += "\n";
    else if (code === 0x1e) out += "-";
    else if (code === 0xa0) out += " ";
    else if ((code === 0x09 || code >= 0x20) && code !== 0x1f) out += char;
    cellEnded = false;
  }
  return out
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
