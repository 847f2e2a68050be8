// Word documents (.docx) to text with mammoth, after the zip bomb guard has vetted the archive;
// documents too big for mammoth in a Worker's memory go to docx-scan.ts, which writes the same HTML.
// mammoth renders the document as HTML, which the HTML reader turns into text: headings keep their
// "#"s, lists their bullets and numbers, and each table row stays one line of cells ("Plan | Pro"),
// as Dify keeps a table's rows together rather than scattering its cells into paragraphs.
// mammoth is loaded on first use so that isolates which never see a DOCX do not pay for
// evaluating it. Old .doc files (and encrypted .docx ones) are Compound Files: doc.ts reads them.

import { docxHtmlByScan } from "./docx-scan";
import { htmlToText } from "./html";
import { openOoxml } from "./ooxml";
import { ParseError } from "./parse-error";
import { guardZip } from "./zip-guard";

/**
 * Bodies bigger than this (word/document.xml, unpacked) are read by the scanner: mammoth's tree
 * takes 30 to 75 times the XML's size, so 1 MB stays well inside a Worker's 128 MB.
 */
export const MAMMOTH_MAX_BODY_BYTES = 1024 * 1024;

export async function parseDocx(bytes: Uint8Array, options: { maxMammothBytes?: number } = {}): Promise<string> {
  const entries = await guardZip(bytes, "DOCX");
  const body = entries.find((entry) => entry.name === "word/document.xml");
  if (!body) {
    throw new ParseError("The DOCX file has no document body (word/document.xml); it is some other kind of zip file.");
  }
  if (body.uncompressedSize > (options.maxMammothBytes ?? MAMMOTH_MAX_BODY_BYTES)) {
    const pkg = await openOoxml(bytes, "DOCX", entries);
    return htmlToText(await docxHtmlByScan(pkg, "word/document.xml"));
  }
  const { default: mammoth } = await import("mammoth");
  const arrayBuffer = bytes.slice().buffer;
  // mammoth's Node build reads `buffer` and its browser build (which wrangler's bundler picks)
  // reads `arrayBuffer`; both hand it straight to JSZip, which takes an ArrayBuffer either way.
  const input = { arrayBuffer, buffer: arrayBuffer };
  try {
    // Pictures carry no text: they are left out without reading (or base64-encoding) their bytes.
    const convertImage = mammoth.images.imgElement(async () => ({ src: "" }));
    const { value } = await mammoth.convertToHtml(input, { convertImage });
    return htmlToText(value);
  } catch (error) {
    throw new ParseError("The DOCX file is damaged or not a DOCX file.", { cause: error });
  }
}
