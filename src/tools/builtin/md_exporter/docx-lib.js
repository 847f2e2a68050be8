// The `docx` library's classes md_to_docx uses, re-exported through docx-lib.d.ts: the package's
// own typings reference Node's (`/// <reference types="node" />`), whose timer types clash with
// the Workers types this project compiles against.
export {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  LevelFormat,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
