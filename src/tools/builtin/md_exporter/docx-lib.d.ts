// The part of the `docx` library's API md_to_docx uses (see docx-lib.js for why it is declared here).
type Options = Record<string, unknown>;

export declare class Document {
  constructor(options: Options);
}
export declare class Paragraph {
  constructor(options: Options);
}
export declare class TextRun {
  constructor(options: Options | string);
}
export declare class ExternalHyperlink {
  constructor(options: { link: string; children: TextRun[] });
}
export declare class Table {
  constructor(options: Options);
}
export declare class TableRow {
  constructor(options: Options);
}
export declare class TableCell {
  constructor(options: Options);
}
export declare const Packer: { pack(document: Document, type: "uint8array"): Promise<Uint8Array> };
export declare const AlignmentType: { readonly LEFT: string; readonly CENTER: string; readonly RIGHT: string };
export declare const BorderStyle: { readonly SINGLE: string };
export declare const LevelFormat: { readonly DECIMAL: string; readonly BULLET: string };
export declare const ShadingType: { readonly CLEAR: string };
export declare const WidthType: { readonly PERCENTAGE: string };
