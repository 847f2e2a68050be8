// A small writer of Excel 97-2003 workbooks for tests: BIFF8 records (as Excel writes them: RK and
// MULRK numbers, formulas with cached results, a shared string table that runs on in CONTINUE
// records) in a Compound File, so the .xls reader can be tested on shapes SheetJS does not write.

import { buildCompoundFile } from "./cfb";

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

/** A Compound File holding the given streams at its root (see buildCompoundFile). */
export function compoundFile(streams: { name: string; data: Uint8Array }[]): Uint8Array {
  return buildCompoundFile(streams);
}
