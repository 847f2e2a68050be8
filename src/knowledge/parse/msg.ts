// Outlook messages (.msg, [MS-OXMSG]: a Compound File of MAPI properties) to text, laid out as
// e-mails are (eml.ts): the subject, sender, recipients and date, then the body. The plain body
// wins, else the HTML one is read by the HTML parser (a body kept only as compressed RTF is not
// read). Attachments are named, and an attached message is read in full, as a forwarded one.

import { type Storage, openCompoundFile } from "./cfb";
import { htmlToText } from "./html";
import { ParseError } from "./parse-error";

const MAX_DEPTH = 10;

// MAPI property ids ([MS-OXPROPS]) and the types their streams are stored in.
const PR = {
  subject: 0x0037,
  clientSubmitTime: 0x0039,
  senderName: 0x0c1a,
  senderEmail: 0x0c1f,
  senderSmtp: 0x5d01,
  sentRepresentingName: 0x0042,
  displayCc: 0x0e03,
  displayTo: 0x0e04,
  deliveryTime: 0x0e06,
  body: 0x1000,
  html: 0x1013,
  attachLongFilename: 0x3707,
  attachFilename: 0x3704,
  attachMethod: 0x3705,
  attachDataObject: 0x3701,
  messageCodepage: 0x3ffd,
  internetCodepage: 0x3fde,
} as const;
const PT_LONG = 0x0003;
const PT_SYSTIME = 0x0040;
const PT_STRING8 = 0x001e;
const PT_UNICODE = 0x001f;
const PT_BINARY = 0x0102;
const ATTACH_EMBEDDED_MSG = 5;

// Windows code pages Outlook writes, as TextDecoder labels.
const CODEPAGES: Record<number, string> = {
  874: "windows-874",
  932: "shift_jis",
  936: "gbk",
  949: "euc-kr",
  950: "big5",
  1250: "windows-1250",
  1251: "windows-1251",
  1252: "windows-1252",
  1253: "windows-1253",
  1254: "windows-1254",
  1255: "windows-1255",
  1256: "windows-1256",
  1257: "windows-1257",
  1258: "windows-1258",
  20127: "utf-8",
  20866: "koi8-r",
  28591: "iso-8859-1",
  28592: "iso-8859-2",
  50220: "iso-2022-jp",
  51932: "euc-jp",
  54936: "gb18030",
  65001: "utf-8",
};

const streamName = (id: number, type: number) =>
  `__substg1.0_${id.toString(16).toUpperCase().padStart(4, "0")}${type.toString(16).toUpperCase().padStart(4, "0")}`;

/** A message, an attachment or a recipient: its properties, fixed-size and in streams. */
class Properties {
  private readonly fixed = new Map<number, DataView>();

  /** `headerBytes`: 32 for the top-level message, 24 for an attached one, 8 for an attachment. */
  constructor(
    private readonly storage: Storage,
    headerBytes: number,
  ) {
    const stream = storage.stream("__properties_version1.0");
    if (!stream) return;
    const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
    for (let at = headerBytes; at + 16 <= stream.length; at += 16) {
      this.fixed.set(view.getUint32(at, true), new DataView(stream.buffer, stream.byteOffset + at + 8, 8));
    }
  }

  long(id: number): number | null {
    return this.fixed.get(((id << 16) | PT_LONG) >>> 0)?.getInt32(0, true) ?? null;
  }

  time(id: number): Date | null {
    const value = this.fixed.get(((id << 16) | PT_SYSTIME) >>> 0);
    if (!value) return null;
    // A FILETIME: 100-nanosecond intervals since 1601-01-01.
    const ticks = value.getBigUint64(0, true);
    if (ticks === 0n) return null;
    const date = new Date(Number(ticks / 10_000n) - 11_644_473_600_000);
    return Number.isNaN(date.getTime()) ? null : date;
  }

  binary(id: number): Uint8Array | null {
    return this.storage.stream(streamName(id, PT_BINARY));
  }

  string(id: number, codepage: string): string {
    const unicode = this.storage.stream(streamName(id, PT_UNICODE));
    const bytes = unicode ?? this.storage.stream(streamName(id, PT_STRING8));
    if (!bytes) return "";
    return decode(bytes, unicode ? "utf-16le" : codepage).replace(/\0+$/, "");
  }
}

function decode(bytes: Uint8Array, label: string): string {
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

export function parseMsg(bytes: Uint8Array): string {
  const file = openCompoundFile(bytes, "MSG");
  const root = file.root();
  if (!root.stream("__properties_version1.0")) {
    throw new ParseError("The MSG file holds no Outlook message; it is some other kind of Office file.");
  }
  return messageText(root, 32, 0);
}

function messageText(storage: Storage, headerBytes: number, depth: number): string {
  const props = new Properties(storage, headerBytes);
  const codepage = CODEPAGES[props.long(PR.messageCodepage) ?? props.long(PR.internetCodepage) ?? 1252] ?? "windows-1252";
  const text = (id: number) => props.string(id, codepage).trim();

  const senderName = text(PR.senderName) || text(PR.sentRepresentingName);
  // An Exchange sender's address is an X.500 path; its SMTP address is kept beside it.
  const address = [text(PR.senderSmtp), text(PR.senderEmail)].find((a) => a.includes("@") && !a.startsWith("/")) ?? "";
  const from = senderName && address && senderName !== address ? `${senderName} <${address}>` : senderName || address;
  const date = props.time(PR.clientSubmitTime) ?? props.time(PR.deliveryTime);
  const header = [
    ["Subject", text(PR.subject)],
    ["From", from],
    ["To", text(PR.displayTo)],
    ["Cc", text(PR.displayCc)],
    ["Date", date ? date.toUTCString() : ""],
  ]
    .filter(([, value]) => value !== "")
    .map(([name, value]) => `${name}: ${value}`);

  const parts = [header.join("\n"), bodyText(props, codepage)];
  if (depth < MAX_DEPTH) parts.push(...attachmentTexts(storage, codepage, depth));
  return parts.filter((part) => part.trim() !== "").join("\n\n");
}

function bodyText(props: Properties, codepage: string): string {
  const plain = props.string(PR.body, codepage).trim();
  if (plain) return plain.replace(/\r\n?/g, "\n");
  const html = props.binary(PR.html);
  const internet = CODEPAGES[props.long(PR.internetCodepage) ?? 0];
  if (html) return htmlToText(decode(html, internet ?? "utf-8"));
  return htmlToText(props.string(PR.html, codepage));
}

function attachmentTexts(storage: Storage, codepage: string, depth: number): string[] {
  const names = storage
    .storages()
    .filter((name) => name.toLowerCase().startsWith("__attach_version1.0_#"))
    .sort();
  return names.map((name) => {
    const attachment = storage.storage(name)!;
    const props = new Properties(attachment, 8);
    const embedded = props.long(PR.attachMethod) === ATTACH_EMBEDDED_MSG ? attachment.storage(streamName(PR.attachDataObject, 0x000d)) : null;
    if (embedded) return `Forwarded message:\n${messageText(embedded, 24, depth + 1)}`;
    const filename = props.string(PR.attachLongFilename, codepage).trim() || props.string(PR.attachFilename, codepage).trim();
    return filename ? `[Attachment: ${filename}]` : "";
  });
}
