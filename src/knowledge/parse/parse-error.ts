// A document that cannot be turned into text. The message is shown to the user as the document's
// error reason, so it says what is wrong with the file in their words, never a stack trace.

export class ParseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ParseError";
  }
}
