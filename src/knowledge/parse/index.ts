export { extensionOf, isSupportedFile, SUPPORTED_EXTENSIONS } from "./file-types";
export { ParseError } from "./parse-error";
export { MAX_PARSED_CHARS } from "./limits";
export { parseDocument } from "./parse-document";
export { extractorType, extractText } from "./extract-text";
