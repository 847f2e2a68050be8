// A small writer of Excel 97-2003 workbooks for tests: BIFF8 records (as Excel writes them: RK and
// MULRK numbers, formulas with cached results, a shared string table that runs on in CONTINUE
// records) in a Compound File, so the .xls reader can be tested on shapes SheetJS does not write.

import { concat } from "./zip";

const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const f64 = (n: number) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n, true);
  return [...new Uint8Array(view.buffer)];
};

/** One BIFF record: type, length, body. */
export function record(type: number, body: number[]): number[] {
  return [...u16(type), ...u16(body.length), ...body];
}

/** An XLUnicodeString: 16-bit length, flags, then one byte per character or two (`wide`). */
export function xlString(text: string, wide = [...text].some((c) => c.charCodeAt(0) > 0xff), lengthBytes: 1 | 2 = 2): number[] {
  const chars = [...text].flatMap((c) => {
    const code = c.charCodeAt(0);
    return wide ? u16(code) : [code];
  });
  return [...(lengthBytes === 1 ? [text.length] : u16(text.length)), wide ? 1 : 0, ...chars];
}

export const cell = (row: number, column: number, xf: number) => [...u16(row), ...u16(column), ...u16(xf)];
export const number = (row: number, column: number, xf: number, value: number) => record(0x0203, [...cell(row, column, xf), ...f64(value)]);
export const rk = (row: number, column: number, xf: number, value: number) => record(0x027e, [...cell(row, column, xf), ...u32(value)]);
export const labelSst = (row: number, column: number, index: number) => record(0x00fd, [...cell(row, column, 15), ...u32(index)]);
export const label = (row: number, column: number, text: string) => record(0x0204, [...cell(row, column, 15), ...xlString(text)]);
export const boolErr = (row: number, column: number, value: number, isError: boolean) =>
  record(0x0205, [...cell(row, column, 15), value, isError ? 1 : 0]);
export const mulRk = (row: number, firstColumn: number, values: { xf: number; rk: number }[]) =>
  record(0x00bd, [...u16(row), ...u16(firstColumn), ...values.flatMap((v) => [...u16(v.xf), ...u32(v.rk)]), ...u16(firstColumn + values.length - 1)]);
/** A formula's cached result: a number, or a string/boolean/error marker (string text follows in STRING). */
export const formula = (row: number, column: number, result: { number: number } | { kind: 0 | 1 | 2; value?: number }) => {
  const cached = "number" in result ? f64(result.number) : [result.kind, 0, result.value ?? 0, 0, 0, 0, 0xff, 0xff];
  return record(0x0006, [...cell(row, column, 15), ...cached, 0, 0, 0, 0, 0, 0, ...u16(0)]);
};
export const stringResult = (text: string) => record(0x0207, xlString(text));
export const bof = (kind: "globals" | "sheet" | "chart") => record(0x0809, [...u16(0x0600), ...u16(kind === "globals" ? 5 : kind === "sheet" ? 0x10 : 0x20), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
export const eof = () => record(0x000a, []);
export const xf = (format: number) => record(0x00e0, [0, 0, ...u16(format), ...new Array(16).fill(0)]);
export const format = (id: number, code: string) => record(0x041e, [...u16(id), ...xlString(code)]);

/**
 * A workbook stream: the globals (date mode, FORMAT records, one XF per number format in `xfs`, a
 * shared string table whose first body goes in SST and the rest in CONTINUE records, a BOUNDSHEET
 * per sheet) followed by each sheet's records between its BOF and EOF.
 */
export function workbookStream(options: { date1904?: boolean; formats?: number[][]; xfs: number[]; sst?: number[][]; sheets: { name: string; records: number[][] }[] }): Uint8Array {
  const head = [
    bof("globals"),
    ...(options.date1904 ? [record(0x0022, u16(1))] : []),
    ...(options.formats ?? []),
    ...options.xfs.map(xf),
  ].flat();
  const sst = options.sst ? options.sst.flatMap((body, i) => record(i === 0 ? 0x00fc : 0x003c, body)) : [];
  const boundSheetLength = (name: string) => 4 + 6 + 2 + name.length;
  let offset = head.length + options.sheets.reduce((n, s) => n + boundSheetLength(s.name), 0) + sst.length + 4;
  const boundSheets: number[] = [];
  const bodies: number[] = [];
  for (const sheet of options.sheets) {
    boundSheets.push(...record(0x0085, [...u32(offset), 0, 0, ...xlString(sheet.name, false, 1)]));
    const body = [...bof("sheet"), ...sheet.records.flat(), ...eof()];
    bodies.push(...body);
    offset += body.length;
  }
  return Uint8Array.from([...head, ...boundSheets, ...sst, ...eof(), ...bodies]);
}

/** Shared string table bodies: the count header, then the strings as given (split them yourself). */
export const sstHeader = (count: number) => [...u32(count), ...u32(count)];

const SECTOR = 512;
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;

/** A Compound File (version 3, 512-byte sectors) holding the given streams, each stored in the FAT. */
export function compoundFile(streams: { name: string; data: Uint8Array }[]): Uint8Array {
  // Streams under 4096 bytes belong in the mini stream; pad them up so one code path suffices.
  const padded = streams.map((s) => ({ ...s, stored: s.data.length < 4096 ? concat([s.data, new Uint8Array(4096 - s.data.length)]) : s.data }));
  const sectorsOf = (n: number) => Math.ceil(n / SECTOR);
  const fat: number[] = [0xfffffffd, END_OF_CHAIN]; // sector 0: the FAT itself; 1: the directory
  const starts: number[] = [];
  for (const s of padded) {
    const first = fat.length;
    starts.push(first);
    const count = sectorsOf(s.stored.length);
    for (let i = 0; i < count; i++) fat.push(i === count - 1 ? END_OF_CHAIN : first + i + 1);
  }
  if (fat.length > SECTOR / 4) throw new Error("test workbook too large for one FAT sector");
  while (fat.length < SECTOR / 4) fat.push(FREE);

  const header = new Uint8Array(SECTOR);
  header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const h = new DataView(header.buffer);
  h.setUint16(24, 0x3e, true);
  h.setUint16(26, 3, true);
  h.setUint16(28, 0xfffe, true);
  h.setUint16(30, 9, true);
  h.setUint16(32, 6, true);
  h.setUint32(44, 1, true); // one FAT sector
  h.setUint32(48, 1, true); // directory at sector 1
  h.setUint32(56, 4096, true);
  h.setUint32(60, END_OF_CHAIN, true);
  h.setUint32(68, END_OF_CHAIN, true);
  for (let i = 0; i < 109; i++) h.setUint32(76 + i * 4, i === 0 ? 0 : FREE, true);

  const fatSector = new Uint8Array(SECTOR);
  for (const [i, v] of fat.entries()) new DataView(fatSector.buffer).setUint32(i * 4, v, true);
  const directory = new Uint8Array(SECTOR);
  const entry = (index: number, name: string, type: number, start: number, size: number, child: number, right: number) => {
    const at = index * 128;
    const d = new DataView(directory.buffer);
    for (const [i, c] of [...name].entries()) d.setUint16(at + i * 2, c.charCodeAt(0), true);
    d.setUint16(at + 64, (name.length + 1) * 2, true);
    directory[at + 66] = type;
    directory[at + 67] = 1;
    d.setUint32(at + 68, FREE, true);
    d.setUint32(at + 72, right, true);
    d.setUint32(at + 76, child, true);
    d.setUint32(at + 116, start, true);
    d.setUint32(at + 120, size, true);
  };
  entry(0, "Root Entry", 5, END_OF_CHAIN, 0, 1, FREE);
  for (const [i, s] of padded.entries()) entry(i + 1, s.name, 2, starts[i], s.stored.length, FREE, i + 2 <= padded.length ? i + 2 : FREE);
  const body = padded.map((s) => concat([s.stored, new Uint8Array(sectorsOf(s.stored.length) * SECTOR - s.stored.length)]));
  return concat([header, fatSector, directory, ...body]);
}
