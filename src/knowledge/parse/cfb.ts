// Compound File Binary (the container of Office 97-2003 files: .xls, .doc, .ppt): reads one named
// stream. Every sector chain is bounds-checked and may not loop, so a damaged or hostile file
// fails with a ParseError instead of hanging or reading past the end.

import { isCompoundFile } from "./ooxml";
import { ParseError } from "./parse-error";

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const MAX_STREAM_BYTES = 32 * 1024 * 1024;

export interface CompoundFile {
  /**
   * A stream at the top level by (case-insensitive) name, or null. Only the top level: embedded
   * objects are storages of their own, with streams of the same names (a Word document inside a
   * Word document has its own "WordDocument").
   */
  stream(name: string): Uint8Array | null;
  /** The names of the streams and storages at the top level. */
  names(): string[];
  /** The root storage, to read one level at a time (an Outlook message's attachments). */
  root(): Storage;
}

/** A storage (a folder of the compound file): its own streams and storages by name. */
export interface Storage {
  stream(name: string): Uint8Array | null;
  storage(name: string): Storage | null;
  /** The names of the storages directly in this one. */
  storages(): string[];
}

/**
 * An Office 97-2003 file's main stream (`stream`, e.g. "WordDocument"), refusing a file that
 * holds none: one encrypted with a password (an OOXML file saved with one is a Compound File
 * too), or some other kind of Office file. `kind` ("DOC") and `what` ("Word document",
 * "presentation") name it in the messages.
 */
export function mainStream(bytes: Uint8Array, kind: string, stream: string, what: string): { cfb: CompoundFile; main: Uint8Array } {
  const cfb = openCompoundFile(bytes, kind);
  const main = cfb.stream(stream);
  if (main) return { cfb, main };
  if (cfb.names().some((name) => name.toLowerCase() === "encryptedpackage")) {
    const noun = what.split(" ").at(-1);
    throw new ParseError(`The ${noun} is password-protected; remove the password and upload it again.`);
  }
  throw new ParseError(`The ${kind} file holds no ${what}; it is some other kind of Office file.`);
}

export function openCompoundFile(bytes: Uint8Array, kind: string): CompoundFile {
  const damaged = () => new ParseError(`The ${kind} file is damaged or not a ${kind} file.`);
  if (bytes.length < 512 || !isCompoundFile(bytes)) throw damaged();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number) => {
    if (at < 0 || at + 4 > bytes.length) throw damaged();
    return view.getUint32(at, true);
  };
  const sectorShift = view.getUint16(30, true);
  const miniShift = view.getUint16(32, true);
  if ((sectorShift !== 9 && sectorShift !== 12) || miniShift !== 6) throw damaged();
  const sectorSize = 1 << sectorShift;
  const sectorCount = Math.ceil((bytes.length - sectorSize) / sectorSize);
  const offsetOf = (sector: number) => {
    if (sector >= sectorCount) throw damaged();
    return (sector + 1) * sectorSize;
  };

  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  const fatCount = u32(44);
  // Each FAT sector is a sector of the file: a count beyond that is a lie (and a huge allocation).
  if (fatCount > sectorCount) throw damaged();
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(u32(76 + i * 4));
  let difat = u32(68);
  const perDifat = sectorSize / 4 - 1;
  for (let hops = 0; fatSectors.length < fatCount && difat !== END_OF_CHAIN && difat !== FREE; hops++) {
    if (hops > sectorCount) throw damaged();
    const at = offsetOf(difat);
    for (let i = 0; i < perDifat && fatSectors.length < fatCount; i++) fatSectors.push(u32(at + i * 4));
    difat = u32(at + perDifat * 4);
  }
  const fat = new Uint32Array(fatSectors.length * (sectorSize / 4));
  fatSectors.forEach((sector, i) => {
    const at = offsetOf(sector);
    for (let j = 0; j < sectorSize / 4; j++) fat[i * (sectorSize / 4) + j] = u32(at + j * 4);
  });

  const chain = (start: number, table: Uint32Array, limit: number): number[] => {
    const sectors: number[] = [];
    for (let sector = start; sector !== END_OF_CHAIN; sector = table[sector]) {
      if (sector >= table.length || sectors.length > limit) throw damaged();
      sectors.push(sector);
    }
    return sectors;
  };
  const readChain = (start: number, size: number): Uint8Array => {
    if (size > MAX_STREAM_BYTES) throw new ParseError(`The ${kind} file holds a part larger than ${MAX_STREAM_BYTES / 1024 / 1024} MB.`);
    // A stream cannot be larger than the file that holds it.
    if (size > bytes.length) throw damaged();
    const out = new Uint8Array(size);
    let filled = 0;
    for (const sector of chain(start, fat, sectorCount)) {
      if (filled >= size) break;
      const at = offsetOf(sector);
      const take = Math.min(sectorSize, size - filled, bytes.length - at);
      if (take <= 0) throw damaged();
      out.set(bytes.subarray(at, at + take), filled);
      filled += take;
    }
    if (filled < size) throw damaged();
    return out;
  };

  // The directory: 128-byte entries in the chain starting at the header's first directory sector.
  const directorySectors = chain(u32(48), fat, sectorCount);
  const directory = readChain(u32(48), directorySectors.length * sectorSize);
  const dirView = new DataView(directory.buffer);
  type Entry = { name: string; type: number; start: number; size: number; left: number; right: number; child: number };
  const entries: Entry[] = [];
  const bySlot = new Map<number, Entry>();
  for (let at = 0; at + 128 <= directory.length; at += 128) {
    const nameLength = dirView.getUint16(at + 64, true);
    const type = directory[at + 66];
    if (type === 0 || nameLength < 2 || nameLength > 64) continue;
    const name = new TextDecoder("utf-16le").decode(directory.subarray(at, at + nameLength - 2));
    const entry = {
      name,
      type,
      start: dirView.getUint32(at + 116, true),
      size: dirView.getUint32(at + 120, true),
      left: dirView.getUint32(at + 68, true),
      right: dirView.getUint32(at + 72, true),
      child: dirView.getUint32(at + 76, true),
    };
    entries.push(entry);
    bySlot.set(at / 128, entry);
  }
  const root = entries.find((entry) => entry.type === 5);
  const miniCutoff = u32(56);
  let mini: { fat: Uint32Array; stream: Uint8Array } | null = null;
  const miniStream = () => {
    if (mini) return mini;
    if (!root) throw damaged();
    const miniFatStart = u32(60);
    const miniFatSectors = miniFatStart === END_OF_CHAIN ? [] : chain(miniFatStart, fat, sectorCount);
    const raw = miniFatSectors.length ? readChain(miniFatStart, miniFatSectors.length * sectorSize) : new Uint8Array(0);
    mini = { fat: new Uint32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4), stream: readChain(root.start, root.size) };
    return mini;
  };

  const read = (entry: Entry): Uint8Array => {
    if (entry.size >= miniCutoff) return readChain(entry.start, entry.size);
    const { fat: miniFat, stream } = miniStream();
    const out = new Uint8Array(entry.size);
    let filled = 0;
    for (const sector of chain(entry.start, miniFat, miniFat.length)) {
      if (filled >= entry.size) break;
      const at = sector * 64;
      const take = Math.min(64, entry.size - filled);
      if (at + take > stream.length) throw damaged();
      out.set(stream.subarray(at, at + take), filled);
      filled += take;
    }
    if (filled < entry.size) throw damaged();
    return out;
  };

  // A storage's members are a tree of siblings under its child; each slot is visited once, so a
  // damaged tree that loops ends.
  const membersOf = (storage: Entry): Entry[] => {
    const members: Entry[] = [];
    const seen = new Set<number>();
    const pending = [storage.child];
    while (pending.length > 0) {
      const slot = pending.pop()!;
      const entry = bySlot.get(slot);
      if (!entry || seen.has(slot)) continue;
      seen.add(slot);
      members.push(entry);
      pending.push(entry.left, entry.right);
    }
    return members;
  };
  const storageOf = (entry: Entry): Storage => {
    const member = (name: string, type: number) => membersOf(entry).find((e) => e.type === type && e.name.toLowerCase() === name.toLowerCase());
    return {
      stream(name) {
        const found = member(name, 2);
        return found ? read(found) : null;
      },
      storage(name) {
        const found = member(name, 1);
        return found ? storageOf(found) : null;
      },
      storages: () => membersOf(entry).filter((e) => e.type === 1).map((e) => e.name),
    };
  };

  if (!root) throw damaged();
  const top = storageOf(root);
  return {
    names: () => membersOf(root).map((entry) => entry.name),
    stream: (name) => top.stream(name),
    root: () => top,
  };
}
