// Errors raised while tokenizing and parsing, before any Python exception object exists.

export class PySyntaxError {
  constructor(
    readonly message: string,
    readonly line: number,
    readonly kind: "SyntaxError" | "IndentationError" = "SyntaxError",
  ) {}
}
