// A Compound File (version 3, 512-byte sectors) with nested storages, for tests of formats that
// are folders of streams (Outlook .msg). The header's mini-stream cutoff is 0, so every stream,
// however small, is stored in the FAT with its true size; siblings are chained to the right.

import { concat } from "./zip";

export type CfbNode = { name: string; data: Uint8Array } | { name: string; children: CfbNode[] };

const SECTOR = 512;
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;

type Flat = { name: string; type: 1 | 2 | 5; data?: Uint8Array; child: number; right: number };

export function buildCompoundFile(children: CfbNode[]): Uint8Array {
  const flat: Flat[] = [{ name: "Root Entry", type: 5, child: FREE, right: FREE }];
  const place = (nodes: CfbNode[], parent: number) => {
    let previous = -1;
    for (const node of nodes) {
      const index = flat.length;
      flat.push({ name: node.name, type: "data" in node ? 2 : 1, data: "data" in node ? node.data : undefined, child: FREE, right: FREE });
      if (previous < 0) flat[parent].child = index;
      else flat[previous].right = index;
      previous = index;
      if ("children" in node) place(node.children, index);
    }
  };
  place(children, 0);

  const directorySectors = Math.ceil((flat.length * 128) / SECTOR);
  const fat: number[] = [0xfffffffd];
  for (let i = 0; i < directorySectors; i++) fat.push(i === directorySectors - 1 ? END_OF_CHAIN : fat.length + 1);
  const bodies: Uint8Array[] = [];
  const starts = new Map<number, number>();
  for (const [index, entry] of flat.entries()) {
    if (!entry.data) continue;
    const stored = new Uint8Array(Math.max(1, Math.ceil(entry.data.length / SECTOR)) * SECTOR);
    stored.set(entry.data);
    const first = fat.length;
    const count = stored.length / SECTOR;
    for (let i = 0; i < count; i++) fat.push(i === count - 1 ? END_OF_CHAIN : first + i + 1);
    starts.set(index, first);
    bodies.push(stored);
  }
  if (fat.length > SECTOR / 4) throw new Error("test compound file too large for one FAT sector");
  while (fat.length < SECTOR / 4) fat.push(FREE);

  const header = new Uint8Array(SECTOR);
  header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const h = new DataView(header.buffer);
  h.setUint16(24, 0x3e, true);
  h.setUint16(26, 3, true);
  h.setUint16(28, 0xfffe, true);
  h.setUint16(30, 9, true);
  h.setUint16(32, 6, true);
  h.setUint32(44, 1, true); // one FAT sector, sector 0
  h.setUint32(48, 1, true); // the directory from sector 1
  h.setUint32(56, 0, true);
  h.setUint32(60, END_OF_CHAIN, true);
  h.setUint32(68, END_OF_CHAIN, true);
  for (let i = 0; i < 109; i++) h.setUint32(76 + i * 4, i === 0 ? 0 : FREE, true);

  const fatSector = new Uint8Array(SECTOR);
  for (const [i, v] of fat.entries()) new DataView(fatSector.buffer).setUint32(i * 4, v, true);
  const directory = new Uint8Array(directorySectors * SECTOR);
  const d = new DataView(directory.buffer);
  for (const [index, entry] of flat.entries()) {
    const at = index * 128;
    for (const [i, c] of [...entry.name].entries()) d.setUint16(at + i * 2, c.charCodeAt(0), true);
    d.setUint16(at + 64, (entry.name.length + 1) * 2, true);
    directory[at + 66] = entry.type;
    directory[at + 67] = 1;
    d.setUint32(at + 68, FREE, true);
    d.setUint32(at + 72, entry.right, true);
    d.setUint32(at + 76, entry.child, true);
    d.setUint32(at + 116, starts.get(index) ?? END_OF_CHAIN, true);
    d.setUint32(at + 120, entry.data?.length ?? 0, true);
  }
  return concat([header, fatSector, directory, ...bodies]);
}
