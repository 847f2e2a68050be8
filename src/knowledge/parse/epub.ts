// EPUB books to text: the chapters in reading order (the package's spine), each XHTML document
// read by the HTML parser, chapters separated by a blank line. The zip bomb guard vets the
// archive first; DRM-encrypted books are refused.

import { htmlToText } from "./html";
import { openOoxml, resolvePart } from "./ooxml";
import { ParseError } from "./parse-error";
import { scanXml } from "./xml-scan";

export async function parseEpub(bytes: Uint8Array): Promise<string> {
  const pkg = await openOoxml(bytes, "EPUB");
  if (pkg.has("META-INF/encryption.xml") && (await pkg.text("META-INF/encryption.xml"))?.includes("EncryptedData")) {
    throw new ParseError("The EPUB book is protected by DRM; only books without DRM can be read.");
  }
  const container = await pkg.text("META-INF/container.xml");
  let opfPath: string | null = null;
  if (container !== null) {
    scanXml(container, {
      open(name, attrs) {
        if (name === "rootfile" && attrs["full-path"] && opfPath === null) opfPath = attrs["full-path"];
      },
    });
  }
  const opf = opfPath === null ? null : await pkg.text(opfPath);
  if (opfPath === null || opf === null) {
    throw new ParseError("The EPUB file has no package document (META-INF/container.xml); it is some other kind of zip file.");
  }
  const dir = (opfPath as string).slice(0, (opfPath as string).lastIndexOf("/") + 1);
  const manifest = new Map<string, { href: string; type: string }>();
  const spine: string[] = [];
  scanXml(opf, {
    open(name, attrs) {
      if (name === "item" && attrs.id && attrs.href) manifest.set(attrs.id, { href: attrs.href, type: attrs["media-type"] ?? "" });
      else if (name === "itemref" && attrs.idref && attrs.linear !== "no") spine.push(attrs.idref);
    },
  });
  const chapters: string[] = [];
  for (const id of spine) {
    const item = manifest.get(id);
    if (!item || !/html|xml/i.test(item.type)) continue;
    const xhtml = await pkg.text(resolvePart(dir, item.href.split("#")[0]));
    if (xhtml === null) continue;
    const text = htmlToText(xhtml).trim();
    if (text) chapters.push(text);
  }
  return chapters.join("\n\n");
}
