// Zip bomb guard for zip-based formats (DOCX), run before any library unpacks them. It reads the
// central directory itself, refuses archives whose declared sizes are too large or too well
// compressed, then inflates each part with a cap to prove the declared sizes are not a lie: the
// unzip library trusts the directory, so a part that says 1 KB but inflates to 10 GB would
// otherwise get through.

import { ParseError } from "./parse-error";

export const ZIP_LIMITS = {
  maxTotalUncompressedBytes: 200 * 1024 * 1024,
  maxEntries: 10_000,
  maxRatio: 200,
  /** Parts smaller than this may compress as well as they like (XML full of repeats does). */
  ratioAppliesAboveBytes: 10 * 1024 * 1024,
};

export type ZipEntry = {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  dataOffset: number;
};

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const MB = 1024 * 1024;

/** The archive's entries once every limit holds; otherwise a ParseError naming `kind` ("DOCX"). */
export async function guardZip(bytes: Uint8Array, kind: string): Promise<ZipEntry[]> {
  const damaged = (cause?: unknown) => new ParseError(`The ${kind} file is damaged or not a ${kind} file.`, { cause });
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(bytes, kind, damaged);
  } catch (error) {
    // DataView throws RangeError when an offset in the directory points outside the file.
    throw error instanceof RangeError ? damaged(error) : error;
  }
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    if (total > ZIP_LIMITS.maxTotalUncompressedBytes) {
      throw new ParseError(
        `The ${kind} file would unpack to more than ${ZIP_LIMITS.maxTotalUncompressedBytes / MB} MB.`,
      );
    }
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > ZIP_LIMITS.ratioAppliesAboveBytes && ratio > ZIP_LIMITS.maxRatio) {
      throw new ParseError(`The ${kind} file contains a part compressed more than ${ZIP_LIMITS.maxRatio}:1; it looks like a zip bomb.`);
    }
  }
  for (const entry of entries) {
    if ((await inflatedSize(bytes, entry, damaged)) > entry.uncompressedSize) {
      throw new ParseError(`The ${kind} file unpacks to more than its directory declares; it looks like a zip bomb.`);
    }
  }
  return entries;
}

function readCentralDirectory(bytes: Uint8Array, kind: string, damaged: (cause?: unknown) => ParseError): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0 || view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0) throw damaged();
  let count = view.getUint16(eocd + 10, true);
  let size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  let directoryLimit = eocd;
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) throw damaged();
    const record = safeNumber(view.getBigUint64(locator + 8, true));
    if (record + 56 > locator || view.getUint32(record, true) !== ZIP64_EOCD) throw damaged();
    count = safeNumber(view.getBigUint64(record + 32, true));
    size = safeNumber(view.getBigUint64(record + 40, true));
    offset = safeNumber(view.getBigUint64(record + 48, true));
    directoryLimit = record;
  }
  if (count > ZIP_LIMITS.maxEntries) {
    throw new ParseError(`The ${kind} file holds more than ${ZIP_LIMITS.maxEntries.toLocaleString("en")} parts.`);
  }
  if (offset + size > directoryLimit) throw damaged();

  const names = new TextDecoder();
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > offset + size || view.getUint32(at, true) !== CENTRAL_HEADER) throw damaged();
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > offset + size) throw damaged();
    if (flags & 1) throw new ParseError(`The ${kind} file is encrypted; remove the password and upload it again.`);
    if (method !== STORED && method !== DEFLATED) throw damaged();
    const sizes = {
      uncompressed: view.getUint32(at + 24, true),
      compressed: view.getUint32(at + 20, true),
      localHeader: view.getUint32(at + 42, true),
    };
    readZip64Sizes(view, at + 46 + nameLength, extraLength, sizes);
    const local = sizes.localHeader;
    if (local + 30 > offset || view.getUint32(local, true) !== LOCAL_HEADER) throw damaged();
    const dataOffset = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (dataOffset + sizes.compressed > offset) throw damaged();
    if (method === STORED && sizes.compressed !== sizes.uncompressed) throw damaged();
    entries.push({
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method,
      compressedSize: sizes.compressed,
      uncompressedSize: sizes.uncompressed,
      dataOffset,
    });
    at = next;
  }
  return entries;
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of up to 64 KB, at the very end.
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD && at + 22 + view.getUint16(at + 20, true) <= view.byteLength) return at;
  }
  return -1;
}

/** Zip64 puts 64-bit sizes in an extra field, in this order, for each 32-bit field that is all ones. */
function readZip64Sizes(
  view: DataView,
  start: number,
  length: number,
  sizes: { uncompressed: number; compressed: number; localHeader: number },
): void {
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const fieldLength = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const end = field + fieldLength;
      for (const key of ["uncompressed", "compressed", "localHeader"] as const) {
        if (sizes[key] !== 0xffffffff) continue;
        if (field + 8 > end) throw new RangeError("zip64 field too short");
        sizes[key] = safeNumber(view.getBigUint64(field, true));
        field += 8;
      }
    }
    at += 4 + fieldLength;
  }
}

/** How many bytes the entry inflates to, counting no further than one byte past its declared size. */
async function inflatedSize(bytes: Uint8Array, entry: ZipEntry, damaged: (cause?: unknown) => ParseError): Promise<number> {
  if (entry.method === STORED) return entry.compressedSize;
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  const reader = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return total;
      total += value.byteLength;
      if (total > entry.uncompressedSize) {
        await reader.cancel();
        return total;
      }
    }
  } catch (error) {
    throw damaged(error);
  }
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError("zip size beyond 2^53");
  return Number(value);
}
