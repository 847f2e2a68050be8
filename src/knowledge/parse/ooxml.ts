// Office Open XML packages (DOCX, XLSX, PPTX): the zip bomb guard vets the archive first, then
// parts are read by name and relationships resolve to part names, as the Open Packaging
// Conventions define them (targets relative to the part that holds them, names case-insensitive).

import { ParseError } from "./parse-error";
import { scanXml } from "./xml-scan";
import { guardZip, type ZipEntry } from "./zip-guard";

// Compound File Binary: Office 97-2003 files (.doc, .xls, .ppt), and Office Open XML files once a
// password encrypts them.
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const MAX_PART_BYTES = 32 * 1024 * 1024;

export function isCompoundFile(bytes: Uint8Array): boolean {
  return OLE_SIGNATURE.every((byte, i) => bytes[i] === byte);
}

export interface Relationship {
  target: string;
  type: string;
  external: boolean;
}

export interface OoxmlPackage {
  has(part: string): boolean;
  /** The part as text, or null when the package has no such part. */
  text(part: string): Promise<string | null>;
  /** The relationships of a part by id; targets of internal ones are part names. */
  relationships(part: string): Promise<Map<string, Relationship>>;
  /** The package's main part (the workbook, the presentation), from `_rels/.rels`. */
  mainPart(): Promise<string | null>;
}

/**
 * Opens an Office Open XML file; `kind` ("XLSX") names it in messages. `vetted` are the archive's
 * entries when the caller has already run the zip bomb guard on it.
 */
export async function openOoxml(bytes: Uint8Array, kind: string, vetted?: ZipEntry[]): Promise<OoxmlPackage> {
  const entries = new Map<string, ZipEntry>();
  for (const entry of vetted ?? (await guardZip(bytes, kind))) entries.set(entry.name.replace(/^\/+/, "").toLowerCase(), entry);
  const find = (part: string) => entries.get(part.replace(/^\/+/, "").toLowerCase());
  const text = async (part: string) => {
    const entry = find(part);
    if (!entry) return null;
    // A part is read whole, as bytes and then as a string: bigger ones would not fit a Worker.
    if (entry.uncompressedSize > MAX_PART_BYTES) {
      throw new ParseError(`The ${kind} file has a part of more than ${MAX_PART_BYTES / 1024 / 1024} MB of text; split it into smaller files.`);
    }
    try {
      return new TextDecoder().decode(await inflate(bytes, entry));
    } catch (error) {
      throw new ParseError(`The ${kind} file is damaged or not a ${kind} file.`, { cause: error });
    }
  };
  const relationships = async (part: string) => {
    const slash = part.lastIndexOf("/");
    const dir = part.slice(0, slash + 1);
    const xml = await text(`${dir}_rels/${part.slice(slash + 1)}.rels`);
    const found = new Map<string, Relationship>();
    if (xml === null) return found;
    scanXml(xml, {
      open(name, attrs) {
        if (name !== "Relationship" || !attrs.Id || !attrs.Target) return;
        const external = attrs.TargetMode === "External";
        found.set(attrs.Id, { target: external ? attrs.Target : resolvePart(dir, attrs.Target), type: attrs.Type ?? "", external });
      },
    });
    return found;
  };
  return {
    has: (part) => find(part) !== undefined,
    text,
    relationships,
    async mainPart() {
      for (const rel of (await relationships("")).values()) {
        if (!rel.external && rel.type.endsWith("/officeDocument")) return rel.target;
      }
      return null;
    },
  };
}

/** A relationship target as a part name: absolute ("/xl/a.xml") or relative to `dir` ("../a.xml"). */
export function resolvePart(dir: string, target: string): string {
  const path = target.startsWith("/") ? target.slice(1) : dir + target;
  const parts: string[] = [];
  for (const piece of decodeURIComponentSafe(path).split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== "." && piece !== "") parts.push(piece);
  }
  return parts.join("/");
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

async function inflate(bytes: Uint8Array, entry: ZipEntry): Promise<Uint8Array> {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) return data;
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
