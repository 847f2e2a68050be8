// PDF to text with unpdf (PDF.js built for serverless runtimes), one page after another. PDF.js is
// loaded on first use so that isolates which never see a PDF do not pay for evaluating it.

import { ParseError } from "./parse-error";

// PDF.js exception names that mean "this file", not "this code".
const DAMAGED = new Set(["InvalidPDFException", "FormatError", "MissingPDFException", "UnknownErrorException"]);
const ERRORS_ONLY = 0;

export async function parsePdf(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import("unpdf");
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // PDF.js may take ownership of the buffer it is given; the caller keeps its bytes.
    pdf = await getDocumentProxy(bytes.slice(), { verbosity: ERRORS_ONLY });
  } catch (error) {
    throw readableError(error);
  }
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    const pages = text.map((page) => page.trim());
    if (pages.every((page) => page === "")) {
      throw new ParseError("The PDF has no selectable text; scanned pages need OCR, which is not supported.");
    }
    return pages.join("\n\n");
  } catch (error) {
    throw readableError(error);
  } finally {
    await pdf.destroy();
  }
}

function readableError(error: unknown): unknown {
  if (error instanceof ParseError || !(error instanceof Error)) return error;
  if (error.name === "PasswordException") {
    return new ParseError("The PDF is protected by a password; remove the password and upload it again.", {
      cause: error,
    });
  }
  if (DAMAGED.has(error.name)) return new ParseError("The PDF is damaged or not a PDF.", { cause: error });
  return error;
}
