// A small zip writer for tests: real archives (stored or deflated) whose headers can be made to lie,
// to build DOCX files and zip bombs without binary fixtures.

export type ZipFile = {
  name: string;
  data: string | Uint8Array;
  /** Deflate the data (as Word does) instead of storing it. */
  deflate?: boolean;
  /** Write this as the uncompressed size in both headers instead of the true one. */
  declaredSize?: number;
};

export async function buildZip(files: ZipFile[]): Promise<Uint8Array> {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const file of files) {
    const name = new TextEncoder().encode(file.name);
    const raw = typeof file.data === "string" ? new TextEncoder().encode(file.data) : file.data;
    const stored = file.deflate ? await deflateRaw(raw) : raw;
    const fields = {
      flags: 0x0800, // names are UTF-8
      method: file.deflate ? 8 : 0,
      crc: crc32(raw),
      compressed: stored.length,
      uncompressed: file.declaredSize ?? raw.length,
    };
    const local = header(30, name, (v) => {
      v.setUint32(0, 0x04034b50, true);
      v.setUint16(4, 20, true);
      writeCommon(v, 6, fields, name.length);
    });
    const central = header(46, name, (v) => {
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, 20, true);
      writeCommon(v, 8, fields, name.length);
      v.setUint32(42, offset, true);
    });
    locals.push(local, stored);
    centrals.push(central);
    offset += local.length + stored.length;
  }
  const directorySize = centrals.reduce((sum, c) => sum + c.length, 0);
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, Math.min(files.length, 0xffff), true);
  v.setUint16(10, Math.min(files.length, 0xffff), true);
  v.setUint32(12, directorySize, true);
  v.setUint32(16, offset, true);
  return concat([...locals, ...centrals, end]);
}

type Fields = { flags: number; method: number; crc: number; compressed: number; uncompressed: number };

// The run of fields local and central headers share, from "flags" to "extra field length".
function writeCommon(v: DataView, at: number, f: Fields, nameLength: number): void {
  v.setUint16(at, f.flags, true);
  v.setUint16(at + 2, f.method, true);
  v.setUint16(at + 4, 0, true); // time
  v.setUint16(at + 6, 0x21, true); // date: 1980-01-01
  v.setUint32(at + 8, f.crc, true);
  v.setUint32(at + 12, f.compressed, true);
  v.setUint32(at + 16, f.uncompressed, true);
  v.setUint16(at + 20, nameLength, true);
  v.setUint16(at + 22, 0, true);
}

function header(size: number, name: Uint8Array, write: (v: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(size + name.length);
  write(new DataView(bytes.buffer));
  bytes.set(name, size);
  return bytes;
}

export async function deflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A minimal real Word document: the three parts Word needs to open it, deflated as Word writes
 * them. `body` is the inside of <w:body>; `paragraph` builds its most common child.
 */
export function buildDocx(body: string, options: { deflate?: boolean; parts?: ZipFile[] } = {}): Promise<Uint8Array> {
  const deflate = options.deflate ?? true;
  return buildZip([
    { name: "[Content_Types].xml", data: CONTENT_TYPES, deflate },
    { name: "_rels/.rels", data: PACKAGE_RELATIONSHIPS, deflate },
    {
      name: "word/document.xml",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}" xmlns:r="${R}" xmlns:mc="${MC}"><w:body>${body}</w:body></w:document>`,
      deflate,
    },
    ...(options.parts ?? []).map((part) => ({ deflate, ...part })),
  ]);
}

export function paragraph(text: string, style?: string): string {
  const properties = style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : "";
  return `<w:p>${properties}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

export const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const PACKAGE_RELATIONSHIPS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
