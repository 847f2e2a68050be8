// Excel 97-2003 workbooks (.xls, BIFF8 records in a Compound File) to the same text as .xlsx
// (sheet-text.ts): shared and inline strings, numbers (RK, MULRK, NUMBER), booleans, errors,
// cached formula results and date-formatted numbers. Excel 5.0/95 workbooks (BIFF5) and
// password-protected ones are refused with a message saying what to do.

import { toBinaryString } from "../../lib/binary-string";
import { openCompoundFile } from "./cfb";
import { ParseError } from "./parse-error";
import { type DateStyle, dateStyleOf, formatNumber, formatSerial, type Sheet } from "./sheet-text";

const BOF = 0x0809;
const EOF = 0x000a;
const CONTINUE = 0x003c;
const FILEPASS = 0x002f;
const DATEMODE = 0x0022;
const FORMAT = 0x041e;
const XF = 0x00e0;
const BOUNDSHEET = 0x0085;
const SST = 0x00fc;
const LABELSST = 0x00fd;
const LABEL = 0x0204;
const RSTRING = 0x00d6;
const NUMBER = 0x0203;
const RK = 0x027e;
const MULRK = 0x00bd;
const BOOLERR = 0x0205;
const FORMULA = 0x0006;
const STRING = 0x0207;

const ERRORS: Record<number, string> = {
  0: "#NULL!",
  7: "#DIV/0!",
  15: "#VALUE!",
  23: "#REF!",
  29: "#NAME?",
  36: "#NUM!",
  42: "#N/A",
};

const damaged = () => new ParseError("The XLS file is damaged or not a XLS file.");

interface BiffRecord {
  type: number;
  data: Uint8Array;
  /** The CONTINUE records that follow it: a long record goes on in them. */
  continues: Uint8Array[];
}

/** Each sheet's name and its rows that hold anything, in workbook order. */
export function readXlsSheets(bytes: Uint8Array): Sheet[] {
  const cfb = openCompoundFile(bytes, "XLS");
  const names = cfb.names().map((name) => name.toLowerCase());
  if (names.includes("encryptedpackage")) {
    throw new ParseError("The workbook is password-protected; remove the password and upload it again.");
  }
  if (!names.includes("workbook")) {
    if (names.includes("book")) throw new ParseError("The file is an Excel 5.0/95 workbook; save it as .xlsx and upload it again.");
    throw new ParseError("The XLS file holds no workbook; it is some other kind of Office file.");
  }
  const stream = cfb.stream("Workbook")!;
  const globals = records(stream, 0);
  const first = globals[0];
  if (!first || first.type !== BOF || first.data.length < 2) throw damaged();
  if (u16(first.data, 0) !== 0x0600) throw new ParseError("The file is an Excel 5.0/95 workbook; save it as .xlsx and upload it again.");

  let date1904 = false;
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  const sheets: { name: string; offset: number }[] = [];
  let strings: string[] = [];
  for (const record of globals) {
    const { type, data } = record;
    if (type === FILEPASS) throw new ParseError("The workbook is password-protected; remove the password and upload it again.");
    if (type === DATEMODE) date1904 = u16(data, 0) === 1;
    else if (type === FORMAT) formats.set(u16(data, 0), new Reader([data.subarray(2)]).unicodeString(2));
    else if (type === XF) xfFormats.push(u16(data, 2));
    else if (type === BOUNDSHEET) {
      if (data[5] === 0) sheets.push({ name: new Reader([data.subarray(6)]).unicodeString(1), offset: u32(data, 0) });
    } else if (type === SST) strings = sharedStrings(record);
  }
  const styles = new Map<number, DateStyle>();
  xfFormats.forEach((id, index) => {
    const kind = dateStyleOf(id, formats.get(id));
    if (kind) styles.set(index, kind);
  });

  return sheets.map((sheet) => ({ name: sheet.name, rows: readSheet(records(stream, sheet.offset), { strings, styles, date1904 }) }));
}

/** The records of the substream that starts at `offset` (a BOF), up to its EOF (charts nest). */
function records(stream: Uint8Array, offset: number): BiffRecord[] {
  const out: BiffRecord[] = [];
  let depth = 0;
  let at = offset;
  while (at + 4 <= stream.length) {
    const type = u16(stream, at);
    const size = u16(stream, at + 2);
    if (at + 4 + size > stream.length) throw damaged();
    const data = stream.subarray(at + 4, at + 4 + size);
    at += 4 + size;
    if (type === CONTINUE && out.length > 0) out[out.length - 1].continues.push(data);
    else out.push({ type, data, continues: [] });
    if (type === BOF) depth++;
    else if (type === EOF && --depth <= 0) break;
  }
  return out;
}

interface SheetContext {
  strings: string[];
  styles: Map<number, DateStyle>;
  date1904: boolean;
}

function readSheet(sheet: BiffRecord[], context: SheetContext): Map<number, string>[] {
  const rows = new Map<number, Map<number, string>>();
  const set = (row: number, column: number, text: string) => {
    if (text.trim() === "") return;
    const cells = rows.get(row) ?? new Map<number, string>();
    rows.set(row, cells);
    cells.set(column, text);
  };
  const number = (value: number, xf: number) => {
    const style = context.styles.get(xf);
    return style ? formatSerial(value, style, context.date1904) : formatNumber(value);
  };
  /** A formula whose cached result is a string: the text is in the STRING record that follows. */
  let pendingString: { row: number; column: number } | null = null;
  for (const record of sheet) {
    const { type, data } = record;
    if (type === STRING && pendingString) {
      set(pendingString.row, pendingString.column, new Reader([data, ...record.continues]).unicodeString(2));
      pendingString = null;
      continue;
    }
    pendingString = null;
    if (data.length < 6) continue;
    const row = u16(data, 0);
    const column = u16(data, 2);
    const xf = u16(data, 4);
    switch (type) {
      case LABELSST:
        set(row, column, context.strings[u32(data, 6)] ?? "");
        break;
      case LABEL:
      case RSTRING:
        set(row, column, new Reader([data.subarray(6), ...record.continues]).unicodeString(2));
        break;
      case NUMBER:
        set(row, column, number(f64(data, 6), xf));
        break;
      case RK:
        set(row, column, number(rkValue(u32(data, 6)), xf));
        break;
      case MULRK: {
        const count = Math.floor((data.length - 6) / 6);
        for (let i = 0; i < count; i++) set(row, column + i, number(rkValue(u32(data, 6 + i * 6)), u16(data, 4 + i * 6)));
        break;
      }
      case BOOLERR:
        set(row, column, data[7] === 1 ? (ERRORS[data[6]] ?? "#ERROR!") : data[6] ? "TRUE" : "FALSE");
        break;
      case FORMULA: {
        if (data.length < 14) break;
        if (u16(data, 12) !== 0xffff) set(row, column, number(f64(data, 6), xf));
        else if (data[6] === 0) pendingString = { row, column };
        else if (data[6] === 1) set(row, column, data[8] ? "TRUE" : "FALSE");
        else if (data[6] === 2) set(row, column, ERRORS[data[8]] ?? "#ERROR!");
        break;
      }
    }
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, cells]) => cells);
}

/** An RK number: a 30-bit integer or the high bits of a double, optionally divided by 100. */
function rkValue(rk: number): number {
  let value: number;
  if (rk & 0x02) value = rk >> 2;
  else {
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(4, rk & 0xfffffffc, true);
    value = view.getFloat64(0, true);
  }
  return rk & 0x01 ? value / 100 : value;
}

/** The shared string table, whose strings run on across CONTINUE records. */
function sharedStrings(record: BiffRecord): string[] {
  const reader = new Reader([record.data, ...record.continues]);
  reader.skip(4);
  const count = reader.u32();
  const strings: string[] = [];
  for (let i = 0; i < count && !reader.done(); i++) strings.push(reader.unicodeString(2));
  return strings;
}

/**
 * Reads across a record and its CONTINUE records. A string's characters that run into the next
 * record start there with a fresh flags byte saying whether they are one or two bytes wide.
 */
class Reader {
  private index = 0;
  private at = 0;
  constructor(private readonly parts: Uint8Array[]) {}

  done(): boolean {
    this.settle();
    return this.index >= this.parts.length;
  }

  private settle(): void {
    while (this.index < this.parts.length && this.at >= this.parts[this.index].length) {
      this.index++;
      this.at = 0;
    }
  }

  byte(): number {
    this.settle();
    if (this.index >= this.parts.length) throw damaged();
    return this.parts[this.index][this.at++];
  }

  u16(): number {
    return this.byte() | (this.byte() << 8);
  }

  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }

  skip(count: number): void {
    for (let left = count; left > 0; ) {
      this.settle();
      if (this.index >= this.parts.length) throw damaged();
      const take = Math.min(left, this.parts[this.index].length - this.at);
      this.at += take;
      left -= take;
    }
  }

  /** An XLUnicodeString (rich and phonetic extras skipped) whose length field is `lengthBytes` wide. */
  unicodeString(lengthBytes: 1 | 2): string {
    const length = lengthBytes === 1 ? this.byte() : this.u16();
    const flags = this.byte();
    const runs = flags & 0x08 ? this.u16() : 0;
    const extra = flags & 0x04 ? this.u32() : 0;
    let wide = (flags & 0x01) === 1;
    let text = "";
    for (let left = length; left > 0; ) {
      if (this.index >= this.parts.length) throw damaged();
      const part = this.parts[this.index];
      if (this.at >= part.length) {
        // The characters go on in the next record, behind a flags byte of their own.
        this.index++;
        this.at = 0;
        if (this.index >= this.parts.length) throw damaged();
        wide = (this.parts[this.index][this.at++] & 0x01) === 1;
        continue;
      }
      const available = wide ? (part.length - this.at) >> 1 : part.length - this.at;
      if (available === 0) throw damaged();
      const take = Math.min(left, available);
      const bytes = part.subarray(this.at, this.at + take * (wide ? 2 : 1));
      text += wide ? new TextDecoder("utf-16le").decode(bytes) : toBinaryString(bytes);
      this.at += bytes.length;
      left -= take;
    }
    this.skip(runs * 4 + extra);
    return text;
  }
}

function u16(data: Uint8Array, at: number): number {
  if (at + 2 > data.length) throw damaged();
  return data[at] | (data[at + 1] << 8);
}

function u32(data: Uint8Array, at: number): number {
  if (at + 4 > data.length) throw damaged();
  return (data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) | (data[at + 3] << 24)) >>> 0;
}

function f64(data: Uint8Array, at: number): number {
  if (at + 8 > data.length) throw damaged();
  return new DataView(data.buffer, data.byteOffset + at, 8).getFloat64(0, true);
}
