// A small writer of Word 97-2003 documents for tests: a File Information Block whose piece table
// (in the 0Table stream) points at the given pieces of text, each stored one byte per character
// (windows-1252, "compressed") or as UTF-16, in a Compound File.
import { buildCompoundFile, type CfbNode } from "./cfb";

export interface DocPiece {
  text: string;
  compressed: boolean;
}

/**
 * `ident` and `nFib` stand in for older Word versions'; `embedded` is another document's text,
 * stored first as an embedded object (ObjectPool), whose streams have the same names.
 */
export function buildDoc(pieces: DocPiece[], options: { flags?: number; nFib?: number; ident?: number; embedded?: DocPiece[] } = {}): Uint8Array {
  const pool: CfbNode[] = options.embedded
    ? [{ name: "ObjectPool", children: [{ name: "_1234567890", children: docStreams(options.embedded, {}) }] }]
    : [];
  return buildCompoundFile([...pool, ...docStreams(pieces, options)]);
}

function docStreams(pieces: DocPiece[], options: { flags?: number; nFib?: number; ident?: number }): CfbNode[] {
  const word = new Uint8Array(8192);
  const view = new DataView(word.buffer);
  view.setUint16(0, options.ident ?? 0xa5ec, true);
  view.setUint16(2, options.nFib ?? 0x00c1, true);
  view.setUint16(0x0a, options.flags ?? 0, true);
  view.setUint16(32, 14, true); // csw: 14 16-bit values
  view.setUint16(62, 22, true); // cslw: 22 32-bit values
  const longs = 64;
  view.setUint16(longs + 22 * 4, 93, true); // cbRgFcLcb: 93 (fc, lcb) pairs
  const pairs = longs + 22 * 4 + 2;

  const positions: number[] = [0];
  const descriptors: number[] = [];
  let offset = 1024;
  for (const piece of pieces) {
    const bytes = piece.compressed
      ? Uint8Array.from([...piece.text].map((c) => (c === "é" ? 0xe9 : c.charCodeAt(0))))
      : new Uint8Array(new Uint16Array([...piece.text].map((c) => c.charCodeAt(0))).buffer);
    word.set(bytes, offset);
    descriptors.push(piece.compressed ? (offset * 2) | 0x40000000 : offset);
    offset += bytes.length + 16;
    positions.push(positions[positions.length - 1] + piece.text.length);
  }
  view.setInt32(longs + 3 * 4, positions[positions.length - 1], true); // ccpText

  const lcb = positions.length * 4 + descriptors.length * 8;
  const table = new Uint8Array(4096);
  const t = new DataView(table.buffer);
  table[0] = 0x02;
  t.setUint32(1, lcb, true);
  positions.forEach((cp, i) => {
    t.setUint32(5 + i * 4, cp, true);
  });
  descriptors.forEach((fc, i) => {
    t.setUint32(5 + positions.length * 4 + i * 8 + 2, fc >>> 0, true);
  });
  view.setUint32(pairs + 33 * 8, 0, true); // fcClx
  view.setUint32(pairs + 33 * 8 + 4, 5 + lcb, true); // lcbClx
  return [
    { name: "WordDocument", data: word },
    { name: "0Table", data: table },
  ];
}
