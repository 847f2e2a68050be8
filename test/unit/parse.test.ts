/// <reference types="vite/client" />
// Document parsers: each supported format from real bytes, and every way a file is refused.
import { describe, expect, it } from "vitest";
import {
  extensionOf,
  isSupportedFile,
  MAX_PARSED_CHARS,
  ParseError,
  parseDocument,
  SUPPORTED_EXTENSIONS,
} from "../../src/knowledge/parse";
import encryptedPdf from "../fixtures/knowledge/encrypted.pdf?inline";
import imageOnlyPdf from "../fixtures/knowledge/image-only.pdf?inline";
import planetsXls from "../fixtures/knowledge/planets.xls?inline";
import planetsXlsx from "../fixtures/knowledge/planets.xlsx?inline";
import twoPagesPdf from "../fixtures/knowledge/two-pages.pdf?inline";
import {
  bof,
  boolErr,
  compoundFile,
  eof,
  format,
  formula,
  label,
  labelSst,
  mulRk,
  number,
  record,
  rk,
  sstHeader,
  stringResult,
  workbookStream,
  xlString,
} from "../support/xls";
import { parseDocx } from "../../src/knowledge/parse/docx";
import { buildDocx, buildZip, concat, paragraph, W } from "../support/zip";
import { buildCompoundFile, type CfbNode } from "../support/cfb";
import { buildDoc } from "../support/doc";

type Content = string | Uint8Array | number[];

const bytesOf = (content: Content) =>
  typeof content === "string" ? new TextEncoder().encode(content) : Uint8Array.from(content);
// Vite inlines the PDF fixtures as base64 data URLs.
const fixture = (dataUrl: string) => Uint8Array.from(atob(dataUrl.split(",")[1]), (c) => c.charCodeAt(0));

function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
  return bytes;
}

async function parse(filename: string, content: Content): Promise<string> {
  return (await parseDocument({ bytes: bytesOf(content), filename })).text;
}

async function refusal(filename: string, content: Content): Promise<string> {
  const error = await parse(filename, content).then(
    () => expect.unreachable(`${filename} was parsed`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParseError);
  return (error as ParseError).message;
}

describe("file types", () => {
  it("lists the supported extensions and reads them case-insensitively", () => {
    expect([...SUPPORTED_EXTENSIONS].sort()).toEqual(
      ["csv", "doc", "docx", "htm", "html", "json", "markdown", "md", "mdx", "pdf", "properties", "ppt", "pptx", "txt", "vtt", "xls", "xlsx", "epub", "eml", "msg", "xml"].sort(),
    );
    expect(extensionOf("Report.Final.PDF")).toBe("pdf");
    expect(extensionOf("README")).toBeNull();
    expect(extensionOf(".env")).toBeNull();
    expect(extensionOf("v1.2/notes")).toBeNull();
    expect(isSupportedFile("notes.MD")).toBe(true);
    expect(isSupportedFile("drawing.vsdx")).toBe(false);
  });

  it("refuses an unsupported extension and a name without one", async () => {
    expect(await refusal("photo.xyz", "hello")).toBe("Unsupported file type .xyz");
    expect(await refusal("README", "hello")).toMatch(/no extension/);
  });
});

describe("text and markdown", () => {
  it("keeps markdown as written, headings and front matter included, without the BOM", async () => {
    const markdown = "---\ntitle: Refunds\n---\n# Refunds\n\nRefunds take **14 days**.\n";
    expect(await parse("refunds.md", concat([Uint8Array.of(0xef, 0xbb, 0xbf), bytesOf(markdown)]))).toBe(markdown);
  });

  it("reads bytes that are not UTF-8 as windows-1252", async () => {
    // “Café costs €3” as Notepad saves it in the ANSI code page.
    const ansi = [0x93, 0x43, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x6f, 0x73, 0x74, 0x73, 0x20, 0x80, 0x33, 0x94];
    expect(await parse("menu.txt", ansi)).toBe("“Café costs €3”");
  });

  it("reads UTF-16 with a byte-order mark", async () => {
    expect(await parse("notes.txt", [0xff, 0xfe, 0x48, 0, 0x69, 0, 0x20, 0, 0x3b, 0x04])).toBe("Hi л");
  });

  it("refuses a file with no text", async () => {
    expect(await refusal("empty.txt", "")).toBe("The document contains no text.");
    expect(await refusal("blank.md", " \n\t\r\n ")).toBe("The document contains no text.");
  });

  it("refuses text longer than the limit instead of cutting it", async () => {
    const message = await refusal("huge.txt", new Uint8Array(MAX_PARSED_CHARS + 1).fill(0x61));
    expect(message).toMatch(/limit is 20,000,000/);
  });
});

describe("html", () => {
  it("keeps the readable text and drops scripts, styles, the head and comments", async () => {
    const html = `<!DOCTYPE html><html><head><title>Tab title</title><style>p{color:red}</style></head>
      <body><!-- tracking pixel --><script>alert("x</p>")</script><noscript>Enable JS</noscript>
      <h1>Refund policy</h1><p>Refunds take <b>14</b>
        days.</p><div>Contact <a href="/help" title="a > b">support</a></div>
      <h2>Exceptions</h2><ul><li>Gift cards</li><li>Sale items</li></ul><ol><li>First</li><li>Second</li></ol>
      <table><tr><th>Plan</th><th>Price</th></tr><tr><td>Pro</td><td>$10</td></tr></table>
      <p>Line one<br>Line two</p><pre>  indented
    code</pre></body></html>`;
    expect(await parse("policy.html", html)).toBe(
      [
        "# Refund policy",
        "",
        "Refunds take 14 days.",
        "",
        "Contact support",
        "",
        "## Exceptions",
        "",
        "- Gift cards",
        "- Sale items",
        "",
        "1. First",
        "2. Second",
        "",
        "Plan | Price",
        "Pro | $10",
        "",
        "Line one",
        "Line two",
        "",
        "  indented\n    code",
      ].join("\n"),
    );
  });

  it("keeps each table row on one line, whatever the cells hold, and list items' paragraphs on their item", async () => {
    // Paragraphs and lists inside cells (as Word's tables come from mammoth), end tags left out as
    // HTML allows, a table nested in a cell, and footnote-style <li><p> items.
    const html = `<p>Above</p><table><tr><td><p>Top left</p><p>more</p></td><td><ul><li>one</li><li>two</li></ul></td></tr>
      <tr><td>a<td>b<tr><td>x<table><tr><td>i1</td><td>i2</td></tr><tr><td>i3</td></tr></table>y<td>z</table>
      <ol><li><p>First note</p></li><li><p>Second</p><p>note</p></li></ol><p>Below</p>`;
    expect(await parse("table.html", html)).toBe(
      ["Above", "", "Top left more | one two", "a | b", "x i1 | i2 i3 y | z", "", "1. First note", "2. Second", "note", "", "Below"].join("\n"),
    );
  });

  it("reads a quote where an attribute name goes as browsers do, not as the start of a value", async () => {
    // From Mozilla Readability's test pages (invalid-attributes): the whole page was lost.
    const html = `<main><div "=""><div class='a' data-x = "1 > 0" title=it's>Lorem ipsum dolor sit amet.</div></div></main>`;
    expect(await parse("invalid.html", html)).toBe("Lorem ipsum dolor sit amet.");
  });

  it("decodes named and numeric entities, and escaped markup stays text", async () => {
    const html = "<p>Caf&eacute; &amp; bar &copy 2024 &#8364;5 &#x1F600; &mdash; &lt;script&gt;&bogus; &#0;</p>";
    expect(await parse("page.htm", html)).toBe("Café & bar © 2024 €5 😀 — <script>&bogus; \uFFFD");
  });

  it("reads a windows-1252 page by its declared charset", async () => {
    const page = concat([bytesOf('<meta charset="windows-1252"><p>Na'), Uint8Array.of(0xef), bytesOf("ve</p>")]);
    expect(await parse("old.html", page)).toBe("Naïve");
  });

  it("drops an unclosed comment or script to the end and survives a flood of broken tags", async () => {
    expect(await parse("a.html", "<p>kept</p><!-- never closed <p>gone</p>")).toBe("kept");
    expect(await parse("b.html", "<p>kept</p><script>var gone = 1;")).toBe("kept");
    const started = Date.now();
    expect(await parse("c.html", `<p>x</p>${'<a "'.repeat(100_000)}`)).toBe("x");
    expect(await parse("d.html", `y${"<a<b".repeat(100_000)}`)).toBe("y");
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("csv", () => {
  it("turns each row into self-describing header: value pairs", async () => {
    const csv = 'name,city,notes\r\n"Smith, Jane",Paris,"said ""hi""\r\nthen left"\r\nBob,,Regular\r\n\r\n';
    expect(await parse("people.csv", csv)).toBe(
      "name: Smith, Jane; city: Paris; notes: said \"hi\" then left\nname: Bob; notes: Regular",
    );
  });

  it("reads semicolon-separated files and names columns the header lacks", async () => {
    expect(await parse("prices.csv", "item;price\nTea;3,50;extra\n")).toBe("item: Tea; price: 3,50; column 3: extra");
  });

  it("refuses an empty file, a header without rows and an unclosed quote", async () => {
    expect(await refusal("empty.csv", "")).toBe("The CSV file is empty.");
    expect(await refusal("header.csv", "name,city\n")).toBe("The CSV file has a header row but no data rows.");
    expect(await refusal("broken.csv", 'a,b\n1,2\n3,"oops\n')).toBe(
      "The CSV file has a quoted field that is never closed (line 3).",
    );
  });
});

describe("json", () => {
  it("renders an array of records as one block per record with dotted paths", async () => {
    const json = [
      { title: "Dune", author: { name: "Frank Herbert", born: 1920 }, tags: ["sf", "classic"], series: null },
      { title: "Emma", chapters: [{ n: 1, name: "Opening" }], available: false },
    ];
    expect(await parse("books.json", JSON.stringify(json))).toBe(
      [
        "title: Dune\nauthor.name: Frank Herbert\nauthor.born: 1920\ntags: sf, classic",
        "title: Emma\nchapters[0].n: 1\nchapters[0].name: Opening\navailable: false",
      ].join("\n\n"),
    );
  });

  it("renders an object as lines and a scalar as itself", async () => {
    expect(await parse("config.json", '{"a":{"b":[1,2]},"c":"x"}')).toBe("a.b: 1, 2\nc: x");
    expect(await parse("quote.json", '"Hello there"')).toBe("Hello there");
  });

  it("refuses invalid JSON, absurd nesting and an empty array", async () => {
    expect(await refusal("bad.json", '{"a": 1,}')).toMatch(/^The JSON file is not valid JSON: /);
    expect(await refusal("deep.json", `${"[".repeat(100)}1${"]".repeat(100)}`)).toMatch(/nested more than 64/);
    expect(await refusal("empty.json", "[]")).toBe("The document contains no text.");
  });
});

describe("pdf", () => {
  it("extracts every page's text, pages separated by a blank line", async () => {
    expect(await parse("two-pages.pdf", fixture(twoPagesPdf))).toBe(
      "Kiln knowledge base\nCafé prices rose in 2024.\n\nSecond page: refunds take 14 days.",
    );
  });

  it("says why a PDF cannot be read", async () => {
    expect(await refusal("locked.pdf", fixture(encryptedPdf))).toMatch(/protected by a password/);
    expect(await refusal("scan.pdf", fixture(imageOnlyPdf))).toMatch(/no selectable text/);
    const noise = Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    expect(await refusal("noise.pdf", noise)).toBe("The PDF is damaged or not a PDF.");
    expect(await refusal("notes.pdf", "just some text")).toBe("The PDF is damaged or not a PDF.");
  });
});

describe("docx", () => {
  const body = [
    paragraph("Refund policy", "Heading1"),
    paragraph("Refunds take 14 days for café orders."),
    "<w:tbl><w:tr><w:tc>",
    paragraph("Plan"),
    "</w:tc><w:tc>",
    paragraph("Pro"),
    "</w:tc></w:tr></w:tbl>",
  ].join("");

  it("extracts the text of a deflated and of a stored document", async () => {
    for (const deflate of [true, false]) {
      const text = await parse("policy.docx", await buildDocx(body, { deflate }));
      // Word's heading style keeps its "#", and a table row stays one line of cells.
      expect(text).toBe("# Refund policy\n\nRefunds take 14 days for café orders.\n\nPlan | Pro");
    }
  });

  describe("a document too big for mammoth, read by the scanner", () => {
    const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
    const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
    const item = (text: string, numId: number, level: number) =>
      `<w:p><w:pPr><w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>${run(text)}</w:p>`;
    const lvl = (level: number, format: string) => `<w:lvl w:ilvl="${level}"><w:numFmt w:val="${format}"/></w:lvl>`;
    // What Word writes and retrieval needs: a heading by a localized style id whose name says
    // "heading 2", lists numbered and bulleted with nested levels and an empty paragraph inside,
    // a table, a hyperlink, a tracked deletion and insertion, a field's code and result, a text box
    // in both of its renderings, a line break and a tab.
    const body = [
      paragraph("Policy overview", "berschrift2"),
      `<w:p>${run("Read the ")}<w:hyperlink r:id="rId9">${run("refund terms")}</w:hyperlink>${run(" first.")}</w:p>`,
      item("First step", 1, 0),
      item("Detail of the first step", 1, 1),
      "<w:p/>",
      item("Second step", 1, 0),
      item("Cheese", 2, 0),
      item("Bread", 2, 0),
      "<w:tbl><w:tr><w:tc>",
      paragraph("Plan"),
      "</w:tc><w:tc>",
      paragraph("Price"),
      "</w:tc></w:tr><w:tr><w:tc>",
      paragraph("Pro"),
      "</w:tc><w:tc>",
      paragraph("9 €"),
      "</w:tc></w:tr></w:tbl>",
      `<w:p><w:del w:id="1" w:author="A"><w:r><w:delText>old wording</w:delText></w:r></w:del><w:ins w:id="2" w:author="A">${run("New wording")}</w:ins>${run(" stays.")}</w:p>`,
      `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run("7")}<w:r><w:fldChar w:fldCharType="end"/></w:r>${run(" pages")}</w:p>`,
      `<w:p>${run("Line one")}<w:r><w:br/></w:r>${run("line two")}<w:r><w:tab/></w:r>${run("tabbed")}</w:p>`,
      `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>${paragraph("Boxed note")}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>${paragraph("Boxed note")}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>${run("Beside the box")}</w:p>`,
    ].join("");
    const parts = [
      {
        name: "word/_rels/document.xml.rels",
        data: `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${REL}/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="${REL}/footnotes" Target="footnotes.xml"/><Relationship Id="rId9" Type="${REL}/hyperlink" Target="https://example.com/refunds" TargetMode="External"/></Relationships>`,
      },
      {
        name: "word/styles.xml",
        data: `<w:styles xmlns:w="${W}"><w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style></w:styles>`,
      },
      {
        name: "word/numbering.xml",
        data: `<w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="0">${lvl(0, "decimal")}${lvl(1, "lowerLetter")}</w:abstractNum><w:abstractNum w:abstractNumId="1">${lvl(0, "bullet")}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`,
      },
      {
        name: "word/footnotes.xml",
        data: `<w:footnotes xmlns:w="${W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1">${paragraph("Source: the 2024 report.")}</w:footnote></w:footnotes>`,
      },
    ];

    it("lays the document out as mammoth does", async () => {
      const docx = await buildDocx(body, { parts });
      const expected = [
        "## Policy overview",
        "",
        "Read the refund terms first.",
        "",
        "1. First step",
        "  1. Detail of the first step",
        "2. Second step",
        "",
        "- Cheese",
        "- Bread",
        "",
        "Plan | Price",
        "Pro | 9 €",
        "",
        "New wording stays.",
        "",
        "7 pages",
        "",
        "Line one",
        "line two tabbed",
        "",
        "Beside the box",
        "",
        "Boxed note",
      ].join("\n");
      expect(await parseDocx(docx, { maxMammothBytes: 0 })).toBe(expected);
      expect(await parseDocx(docx, { maxMammothBytes: Number.POSITIVE_INFINITY })).toBe(expected);
    });

    it("keeps a list going around a text box in one of its items, and lets numId 0 take a style's list away", async () => {
      const listStyle = `<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>`;
      const styled = (text: string, numId?: number) =>
        `<w:p><w:pPr><w:pStyle w:val="ListBullet"/>${numId === undefined ? "" : `<w:numPr><w:numId w:val="${numId}"/></w:numPr>`}</w:pPr>${run(text)}</w:p>`;
      const doc = [
        `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${run("First")}<w:r><w:pict><w:txbxContent>${paragraph("Boxed")}</w:txbxContent></w:pict></w:r></w:p>`,
        item("Second", 1, 0),
        paragraph("Between"),
        styled("Bulleted by its style"),
        styled("Not a list item", 0),
      ].join("");
      const withStyle = parts.map((part) =>
        part.name === "word/styles.xml" ? { ...part, data: part.data.replace("</w:styles>", `${listStyle}</w:styles>`) } : part,
      );
      expect(await parseDocx(await buildDocx(doc, { parts: withStyle }), { maxMammothBytes: 0 })).toBe(
        ["1. First", "Boxed", "2. Second", "", "Between", "", "- Bulleted by its style", "", "Not a list item"].join("\n"),
      );
    });

    it("takes a body of more than 1 MB, with its footnotes after it", async () => {
      // 14,000 paragraphs (about 1.2 MB of XML). mammoth would end its footnote with a "↑" back link.
      const filler = Array.from({ length: 14_000 }, (_, i) => paragraph(`Clause ${i} of the agreement.`)).join("");
      const cited = `<w:p>${run("As reported")}<w:r><w:footnoteReference w:id="1"/></w:r>${run(".")}</w:p>`;
      const text = await parse("large.docx", await buildDocx(cited + filler, { parts }));
      expect(text.slice(0, 51)).toBe("As reported[1].\n\nClause 0 of the agreement.\n\nClause");
      const tail = "Clause 13999 of the agreement.\n\n1. Source: the 2024 report.";
      expect(text.slice(-tail.length)).toBe(tail);
    });
  });

  it("refuses a zip that declares more than 200 MB unpacked", async () => {
    // Each part compresses under 200:1, so only the total gives it away.
    const image = { data: randomBytes(400_000), deflate: true, declaredSize: 70 * 1024 * 1024 };
    const docx = await buildZip([
      { name: "word/document.xml", data: "<w:document/>", deflate: true },
      ...[1, 2, 3].map((n) => ({ name: `word/media/image${n}.png`, ...image })),
    ]);
    expect(await refusal("bomb.docx", docx)).toBe("The DOCX file would unpack to more than 200 MB.");
  });

  it("refuses a large part compressed more than 200:1", async () => {
    const docx = await buildZip([
      { name: "word/document.xml", data: "a".repeat(20_000), deflate: true, declaredSize: 11 * 1024 * 1024 },
    ]);
    expect(await refusal("bomb.docx", docx)).toMatch(/compressed more than 200:1/);
  });

  it("refuses a part that inflates to more than its header declares", async () => {
    const docx = await buildZip([
      { name: "word/document.xml", data: new Uint8Array(5 * 1024 * 1024), deflate: true, declaredSize: 1000 },
    ]);
    expect(await refusal("liar.docx", docx)).toMatch(/unpacks to more than its directory declares/);
  });

  it("refuses more than 10,000 parts", async () => {
    const parts = Array.from({ length: 10_001 }, (_, i) => ({ name: `p${i}`, data: "" }));
    const docx = await buildZip([{ name: "word/document.xml", data: "<w:document/>" }, ...parts]);
    expect(await refusal("many.docx", docx)).toBe("The DOCX file holds more than 10,000 parts.");
  });

  it("refuses a zip without word/document.xml and a broken zip", async () => {
    const other = await buildZip([{ name: "readme.txt", data: "hello" }]);
    expect(await refusal("other.docx", other)).toMatch(/no document body \(word\/document\.xml\)/);
    const damaged = "The DOCX file is damaged or not a DOCX file.";
    expect(await refusal("plain.docx", "not a zip at all, just words")).toBe(damaged);
    const docx = await buildDocx(body);
    expect(await refusal("cut.docx", docx.subarray(0, docx.length - 30))).toBe(damaged);
    const garbage = await buildZip([{ name: "word/document.xml", data: "<w:document><unclosed", deflate: true }]);
    expect(await refusal("garbage.docx", garbage)).toBe(damaged);
  });
});

describe("doc", () => {
  const pieces = [
    { text: "Refund policy\rRefunds take 14 days for café orders.\r", compressed: true },
    { text: "東京 office: \u0013 HYPERLINK \"https://example.com\" \u0014see the site\u0015.\r", compressed: false },
    { text: "Plan\u0007Pro\u0007\u0007Page\u000cEnd\u001f of\u00a0text\r", compressed: true },
  ];

  it("reads a Word 97-2003 document through its piece table: both encodings, fields, tables and breaks", async () => {
    const text = await parse("policy.doc", buildDoc(pieces));
    expect(text).toBe("Refund policy\nRefunds take 14 days for café orders.\n東京 office: see the site.\nPlan | Pro\nPage\nEnd of text");
    // Read by content whichever Word extension it has.
    expect(await parse("policy.docx", buildDoc(pieces))).toBe(text);
    // A document with another embedded in it (an object, first in the directory) is read itself.
    const embedded = [{ text: "The embedded memo.\r", compressed: true }];
    expect(await parse("with-object.doc", buildDoc(pieces, { embedded }))).toBe(text);
  });

  it("refuses encrypted, Word 95 and damaged documents, and Office files that are not Word documents", async () => {
    expect(await refusal("locked.doc", buildDoc(pieces, { flags: 0x0100 }))).toMatch(/password-protected/);
    expect(await refusal("old.doc", buildDoc(pieces, { nFib: 0x0065 }))).toMatch(/Word 6\.0\/95 document or older; save it as \.docx/);
    // Word 6.0 and 95 wrote their own identifier.
    expect(await refusal("word95.doc", buildDoc(pieces, { ident: 0xa5dc, nFib: 0x0065 }))).toMatch(/Word 6\.0\/95 document or older/);
    expect(await refusal("sheet.doc", compoundFile([{ name: "Workbook", data: new Uint8Array(10) }]))).toMatch(/holds no Word document/);
    const broken = buildDoc(pieces);
    broken.fill(0, 512 * 3, 512 * 3 + 64); // the start of the WordDocument stream
    expect(await refusal("broken.doc", broken)).toBe("The DOC file is damaged or not a DOC file.");
  });
});

describe("xlsx", () => {
  const SS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"/>`;
  /** A workbook the way Excel writes one: shared strings, a styles part, prefixed relationship ids. */
  const excelWorkbook = (options: { date1904?: boolean; sheet: string; strings: string[] }) =>
    buildZip([
      { name: "[Content_Types].xml", data: "<Types/>", deflate: true },
      { name: "_rels/.rels", data: `<Relationships xmlns="${PKG}">${rel("rId1", "officeDocument", "xl/workbook.xml")}</Relationships>`, deflate: true },
      {
        name: "xl/workbook.xml",
        data: `<workbook xmlns="${SS}" xmlns:r="${R}"><workbookPr${options.date1904 ? ' date1904="1"' : ""}/><sheets><sheet name="Orders &amp; refunds" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        deflate: true,
      },
      {
        name: "xl/_rels/workbook.xml.rels",
        data: `<Relationships xmlns="${PKG}">${rel("rId1", "worksheet", "worksheets/sheet1.xml")}${rel("rId2", "sharedStrings", "sharedStrings.xml")}${rel("rId3", "styles", "styles.xml")}</Relationships>`,
        deflate: true,
      },
      { name: "xl/sharedStrings.xml", data: `<sst xmlns="${SS}">${options.strings.join("")}</sst>`, deflate: true },
      {
        name: "xl/styles.xml",
        data: `<styleSheet xmlns="${SS}"><numFmts><numFmt numFmtId="170" formatCode="[$-409]d\\-mmm\\-yy;@"/><numFmt numFmtId="171" formatCode="&quot;Day&quot; 0.00"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="170"/><xf numFmtId="171"/><xf numFmtId="20"/></cellXfs></styleSheet>`,
        deflate: true,
      },
      { name: "xl/worksheets/sheet1.xml", data: `<worksheet xmlns="${SS}"><sheetData>${options.sheet}</sheetData></worksheet>`, deflate: true },
    ]);

  it("reads a workbook written by openpyxl: one line per row, dates, booleans, links, one heading per sheet", async () => {
    const text = await parse("planets.xlsx", fixture(planetsXlsx));
    expect(text).toBe(
      [
        "## Planets",
        "",
        "Planet: Mercury; Kind: terrestrial; Moons: 0; Perihelion date: 2024-01-03; Mass (Earth = 1): 0.055; Has rings: FALSE",
        "Planet: Venus; Kind: terrestrial; Moons: 0; Perihelion date: 2024-04-27; Mass (Earth = 1): 0.815; Has rings: FALSE",
        "Planet: Jupiter; Kind: gas giant; Moons: 95; Perihelion date: 2023-01-21 06:30:00; Mass (Earth = 1): 317.8; Has rings: TRUE; Reference: [NASA](https://science.nasa.gov/jupiter/); column H: orbit & rings < Saturn's",
        "Planet: Saturn; Kind: gas giant; Moons: 146; Perihelion date: 2032-11-29; Mass (Earth = 1): 95.16; Has rings: TRUE; column H: Ringed planet — Cassini",
        "",
        "## Notes",
        "",
        "Topic: Kuiper belt; Note: Beyond Neptune: Pluto, Eris, Makemake été 🌌",
        "Topic: Units; Note: 1.5e-7",
      ].join("\n"),
    );
  });

  it("reads Excel's shared strings (rich text runs, no phonetic guides), cached formula results, errors and date formats", async () => {
    const strings = [
      "<si><t>Order</t></si>",
      "<si><t>Placed</t></si>",
      "<si><r><t>Total</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> (EUR)</t></r></si>",
      "<si><t>Status</t></si>",
      "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>",
      "<si><t>line one_x000D_</t></si>",
    ];
    const sheet = [
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>1</v></c></row>',
      '<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" s="1"><v>45292</v></c><c r="C3"><f>SUM(1,2)</f><v>0.30000000000000004</v></c><c r="D3" t="str"><f>IF(1,"paid","")</f><v>paid</v></c><c r="E3" s="2"><v>45292.75</v></c></row>',
      '<row r="4"><c r="A4" t="s"><v>5</v></c><c r="B4" s="4"><v>0.5</v></c><c r="C4" t="e"><v>#DIV/0!</v></c><c r="D4" s="3"><v>2</v></c></row>',
    ].join("");
    const text = await parse("orders.xlsx", await excelWorkbook({ strings, sheet }));
    expect(text).toBe(
      [
        "Order: 東京; Placed: 2024-01-01; Total (EUR): 0.3; Status: paid; Placed: 2024-01-01 18:00:00",
        "Order: line one; Placed: 12:00:00; Total (EUR): #DIV/0!; Status: 2",
      ].join("\n"),
    );
    // The 1904 date system (old Mac workbooks) counts from 1 January 1904.
    const mac = await parse("mac.xlsx", await excelWorkbook({ date1904: true, strings, sheet }));
    expect(mac.split("\n")[0]).toContain("Placed: 2028-01-02;");
  });

  it("finds the sheets at Excel's part names when the workbook's relationships are missing", async () => {
    const xlsx = await buildZip([
      { name: "_rels/.rels", data: `<Relationships xmlns="${PKG}">${rel("rId1", "officeDocument", "xl/workbook.xml")}</Relationships>` },
      { name: "xl/workbook.xml", data: `<workbook xmlns="${SS}" xmlns:r="${R}"><sheets><sheet name="Only" sheetId="1" r:id="rId7"/></sheets></workbook>` },
      {
        name: "xl/worksheets/sheet1.xml",
        data: `<worksheet xmlns="${SS}"><sheetData><row><c t="inlineStr"><is><t>Foo</t></is></c></row><row><c t="inlineStr"><is><t>Baz</t></is></c></row></sheetData></worksheet>`,
      },
    ]);
    expect(await parse("norels.xlsx", xlsx)).toBe("Foo: Baz");
  });

  it("refuses a zip that holds no workbook, a damaged file and a workbook with no text", async () => {
    const other = await buildZip([{ name: "readme.txt", data: "hello" }]);
    expect(await refusal("other.xlsx", other)).toMatch(/has no workbook/);
    expect(await refusal("plain.xlsx", "not a zip")).toBe("The file is not an Excel workbook (.xlsx or .xls), or it is damaged.");
    const cut = fixture(planetsXlsx);
    expect(await refusal("cut.xlsx", cut.subarray(0, cut.length - 40))).toBe("The XLSX file is damaged or not a XLSX file.");
    const empty = await excelWorkbook({ strings: [], sheet: '<row r="1"/><row r="2"><c r="A2" t="s"><v>9</v></c></row>' });
    expect(await refusal("empty.xlsx", empty)).toBe("The document contains no text.");
  });

  it("refuses a small workbook whose cells all name one huge shared string, before building its text", async () => {
    // Apache POI's poc-shared-strings.xlsx: 100 KB on disk, one 1 MB string in 12,000 cells, about
    // 12 GB of text. Here 1 MB named by 4,000 cells: 4G characters, more than a string can hold.
    const huge = "x".repeat(1_000_000);
    const rows = Array.from({ length: 2_000 }, (_, r) => `<row r="${r + 1}"><c t="s"><v>0</v></c><c t="s"><v>0</v></c></row>`).join("");
    const bomb = await excelWorkbook({ strings: [`<si><t>${huge}</t></si>`], sheet: rows });
    expect(await refusal("bomb.xlsx", bomb)).toBe(
      "The workbook holds more than 20,000,000 characters of text; split it into smaller files.",
    );
  });
});

describe("xls", () => {
  it("reads an Excel 97-2003 workbook written by SheetJS the same way as .xlsx", async () => {
    const text = await parse("planets.xls", fixture(planetsXls));
    expect(text.split("\n")).toEqual([
      "## Planets",
      "",
      "Planet: Mercury; Kind: terrestrial; Moons: 0; Perihelion date: 2024-01-03; Mass (Earth = 1): 0.055; Has rings: FALSE",
      "Planet: Venus; Kind: terrestrial; Moons: 0; Perihelion date: 2024-04-27; Mass (Earth = 1): 0.815; Has rings: FALSE",
      "Planet: Jupiter; Kind: gas giant; Moons: 95; Perihelion date: 2023-01-21 06:30:00; Mass (Earth = 1): 317.8; Has rings: TRUE; Note: orbit & rings < Saturn's",
      "Planet: Saturn; Kind: gas giant; Moons: 146; Perihelion date: 2032-11-29; Mass (Earth = 1): 95.16; Has rings: TRUE; Note: Ringed planet — Cassini",
      "",
      "## Notes",
      "",
      "Topic: Kuiper belt; Note: Beyond Neptune: Pluto, Eris, Makemake été 🌌",
      "Topic: Units; Note: 1.5e-7",
      "Topic: Big; Note: 123456789012",
    ]);
  });

  // The records Excel itself writes: RK and MULRK numbers, formulas with cached results (a string
  // one in the STRING record after it), a shared string that goes on in a CONTINUE record in
  // two-byte characters, a rich-text header, and a chart nested inside the sheet.
  const wide = (text: string) => [...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]);
  const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
  const excelBook = (date1904 = false, globals: number[][] = []) =>
    workbookStream({
      date1904,
      formats: [format(164, "yyyy-mm-dd hh:mm"), ...globals],
      xfs: [0, 14, 164],
      sst: [
        [...sstHeader(4), ...xlString("Order"), ...xlString("Placed"), ...[5, 0, 0x08, 1, 0], ...ascii("Total"), 0, 0, 1, 0, ...[8, 0, 0], ...ascii("Tokyo ")],
        [1, ...wide("東京")],
      ],
      sheets: [
        {
          name: "Orders",
          records: [
            labelSst(0, 0, 0),
            labelSst(0, 1, 1),
            labelSst(0, 2, 2),
            label(0, 3, "Paid"),
            label(0, 4, "Note"),
            labelSst(1, 0, 3),
            mulRk(1, 1, [
              { xf: 1, rk: (45292 << 2) | 2 },
              { xf: 0, rk: (314 << 2) | 3 },
            ]),
            formula(1, 3, { kind: 1, value: 1 }),
            formula(1, 4, { kind: 0 }),
            stringResult("paid in full"),
            label(2, 0, "Osaka"),
            rk(2, 1, 2, 0x40e61d98),
            number(2, 2, 0, 1234.5678),
            formula(2, 3, { number: 42 }),
            boolErr(2, 4, 0x07, true),
            bof("chart"),
            record(0x1001, [0, 0]),
            eof(),
            label(3, 0, "Kyoto"),
            rk(3, 1, 0, (7 << 2) | 2),
          ],
        },
      ],
    });

  it("reads the records Excel writes: RK, MULRK, cached formula results, strings split across records", async () => {
    const text = await parse("orders.xls", compoundFile([{ name: "Workbook", data: excelBook() }]));
    expect(text.split("\n")).toEqual([
      "Order: Tokyo 東京; Placed: 2024-01-01; Total: 3.14; Paid: TRUE; Note: paid in full",
      "Order: Osaka; Placed: 2024-01-01 18:00:00; Total: 1234.5678; Paid: 42; Note: #DIV/0!",
      "Order: Kyoto; Placed: 7",
    ]);
    const mac = await parse("mac.xls", compoundFile([{ name: "Workbook", data: excelBook(true) }]));
    expect(mac.split("\n")[0]).toContain("Placed: 2028-01-02;");
  });

  it("reads a workbook by its content when the extension says the other format", async () => {
    const old = await parse("renamed.xlsx", compoundFile([{ name: "Workbook", data: excelBook() }]));
    expect(old.split("\n")[2]).toBe("Order: Kyoto; Placed: 7");
    expect(await parse("renamed.xls", fixture(planetsXlsx))).toBe(await parse("planets.xlsx", fixture(planetsXlsx)));
  });

  it("refuses Excel 95, password-protected and damaged files, and Office files that are not workbooks", async () => {
    const book = excelBook();
    expect(await refusal("old.xls", compoundFile([{ name: "Book", data: book }]))).toMatch(/Excel 5\.0\/95 workbook; save it as \.xlsx/);
    const locked = compoundFile([{ name: "Workbook", data: excelBook(false, [record(0x002f, [1, 0, 1, 0])]) }]);
    expect(await refusal("locked.xls", locked)).toMatch(/password-protected/);
    expect(await refusal("locked.xlsx", compoundFile([{ name: "EncryptedPackage", data: new Uint8Array(10) }]))).toMatch(/password-protected/);
    expect(await refusal("letter.xls", compoundFile([{ name: "WordDocument", data: new Uint8Array(10) }]))).toMatch(/holds no workbook/);
    const damaged = "The XLS file is damaged or not a XLS file.";
    expect(await refusal("cut.xls", fixture(planetsXls).subarray(0, 3000))).toBe(damaged);
    expect(await refusal("plain.xls", "not a workbook at all")).toBe("The file is not an Excel workbook (.xlsx or .xls), or it is damaged.");
    const scrambled = compoundFile([{ name: "Workbook", data: book }]);
    scrambled.fill(0xff, 512, 1024); // the FAT: every chain now points nowhere
    expect(await refusal("scrambled.xls", scrambled)).toBe(damaged);
  });
});

describe("pptx", () => {
  const P = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const rels = (...items: [string, string, string][]) =>
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.map(([id, type, target]) => `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"/>`).join("")}</Relationships>`;
  const shape = (placeholder: string | null, ...paragraphs: string[]) =>
    `<p:sp><p:nvSpPr><p:cNvPr id="2" name="s"/><p:cNvSpPr/><p:nvPr>${placeholder ? `<p:ph type="${placeholder}"/>` : ""}</p:nvPr></p:nvSpPr><p:txBody>${paragraphs.map((p) => `<a:p>${p}</a:p>`).join("")}</p:txBody></p:sp>`;
  const run = (text: string) => `<a:r><a:rPr lang="en-US"/><a:t>${text}</a:t></a:r>`;
  const slide = (...shapes: string[]) => `<p:sld ${P}><p:cSld><p:spTree>${shapes.join("")}</p:spTree></p:cSld></p:sld>`;
  const table = (rows: string[][]) =>
    `<p:graphicFrame><a:graphic><a:graphicData><a:tbl>${rows.map((r) => `<a:tr>${r.map((c) => `<a:tc><a:txBody><a:p>${c ? run(c) : ""}</a:p></a:txBody></a:tc>`).join("")}</a:tr>`).join("")}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>`;

  it("reads the slides in presentation order: paragraphs, line breaks, tables and speaker notes", async () => {
    const pptx = await buildZip([
      { name: "[Content_Types].xml", data: "<Types/>", deflate: true },
      { name: "_rels/.rels", data: rels(["rId1", "officeDocument", "ppt/presentation.xml"]), deflate: true },
      { name: "ppt/presentation.xml", data: `<p:presentation ${P}><p:sldIdLst><p:sldId id="256" r:id="rId3"/><p:sldId id="257" r:id="rId2"/></p:sldIdLst></p:presentation>`, deflate: true },
      { name: "ppt/_rels/presentation.xml.rels", data: rels(["rId2", "slide", "slides/slide1.xml"], ["rId3", "slide", "slides/slide2.xml"]), deflate: true },
      {
        name: "ppt/slides/slide2.xml",
        data: slide(shape("title", run("Quarterly review")), shape("body", run("Revenue up 12% &amp; costs flat"), `${run("Next:")}<a:br/>${run("hire two engineers")}`)),
        deflate: true,
      },
      { name: "ppt/slides/_rels/slide2.xml.rels", data: rels(["rId1", "notesSlide", "../notesSlides/notesSlide1.xml"]), deflate: true },
      {
        name: "ppt/notesSlides/notesSlide1.xml",
        data: `<p:notes ${P}><p:cSld><p:spTree>${shape("sldImg")}${shape("body", run("Mention the café"), run("pause for questions"))}${shape("sldNum", run("1"))}</p:spTree></p:cSld></p:notes>`,
        deflate: true,
      },
      { name: "ppt/slides/slide1.xml", data: slide(shape(null, run("Plans")), table([["Plan", "Price"], ["Pro", ""], ["", ""]])), deflate: true },
    ]);
    expect(await parse("review.pptx", pptx)).toBe(
      [
        "Quarterly review",
        "Revenue up 12% & costs flat",
        "Next:\nhire two engineers",
        "Notes: Mention the café pause for questions",
        "",
        "Plans",
        "Plan | Price",
        "Pro | ",
      ].join("\n"),
    );
  });

  it("refuses a zip that holds no presentation", async () => {
    expect(await refusal("other.pptx", await buildZip([{ name: "readme.txt", data: "hello" }]))).toMatch(/has no presentation/);
  });
});

describe("ppt", () => {
  /** A PowerPoint record: version and instance, type, length, then its body (atoms) or children (containers). */
  const record = (type: number, body: Uint8Array, container = false) => {
    const out = new Uint8Array(8 + body.length);
    const view = new DataView(out.buffer);
    view.setUint16(0, container ? 0x000f : 0, true);
    view.setUint16(2, type, true);
    view.setUint32(4, body.length, true);
    out.set(body, 8);
    return out;
  };
  const container = (type: number, ...children: Uint8Array[]) => record(type, concat(children), true);
  const chars = (text: string) => record(0x0fa0, new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer));
  const bytes = (text: string) => record(0x0fa8, Uint8Array.from(text, (c) => c.charCodeAt(0)));
  const persist = () => record(0x03f3, new Uint8Array(20));
  const currentUser = (token: number) => {
    const atom = new Uint8Array(16);
    new DataView(atom.buffer).setUint32(12, token, true);
    return { name: "Current User", data: atom };
  };
  const presentation = (document: Uint8Array, token = 0xe391c05f) =>
    buildCompoundFile([{ name: "PowerPoint Document", data: document }, currentUser(token)]);
  const stream = concat([
    container(
      0x03e8, // Document
      container(0x0ff0, persist(), chars("Quarterly review\rQ3 2024"), persist(), chars("Revenue grew"), bytes("Costs fell\vslightly")),
    ),
    // The master's placeholder prompts are not the presentation's text.
    container(0x03f8, chars("Click to edit Master title style")),
    // A slide's own text box (in its drawing), then its notes.
    container(0x03ee, container(0xf002, container(0xf00d, bytes("Caf\xe9 menu \u00e0 la carte")))),
    container(0x03f0, chars("Speaker: mention the café")),
  ]);

  it("reads each slide's text, its text boxes and notes, in Unicode and in 8-bit atoms, without the master", async () => {
    expect(await parse("review.ppt", presentation(stream))).toBe(
      ["Quarterly review\nQ3 2024", "Revenue grew\nCosts fell\nslightly", "Café menu à la carte", "Speaker: mention the café"].join("\n\n"),
    );
    // A .ppt saved with a .pptx name reads the same.
    expect(await parse("review.pptx", presentation(stream))).toContain("Quarterly review");
  });

  it("refuses an encrypted presentation, a compound file without one, and a cut record", async () => {
    expect(await refusal("locked.ppt", presentation(stream, 0xf3d1c4df))).toBe("The presentation is password-protected; remove the password and upload it again.");
    expect(await refusal("book.ppt", buildCompoundFile([{ name: "Workbook", data: new Uint8Array(16) }]))).toBe(
      "The PPT file holds no presentation; it is some other kind of Office file.",
    );
    // A record that claims more than the stream holds is left unread: nothing else here, so no text.
    const cut = concat([record(0x03e8, new Uint8Array(0), true).subarray(0, 4), Uint8Array.of(0xff, 0xff, 0, 0), chars("lost")]);
    expect(await refusal("cut.ppt", presentation(cut))).toBe("The document contains no text.");
  });
});

describe("epub, eml and xml", () => {
  const OPF = `<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><manifest>
    <item id="c2" href="text/ch2.xhtml" media-type="application/xhtml+xml"/>
    <item id="c1" href="text/ch%201.xhtml" media-type="application/xhtml+xml"/>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="css" href="style.css" media-type="text/css"/>
  </manifest><spine><itemref idref="nav" linear="no"/><itemref idref="c1"/><itemref idref="css"/><itemref idref="c2"/></spine></package>`;
  const xhtml = (body: string) => `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>${body}</body></html>`;
  const book = (extra: { name: string; data: string }[] = []) =>
    buildZip([
      { name: "mimetype", data: "application/epub+zip" },
      { name: "META-INF/container.xml", data: '<container><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>', deflate: true },
      { name: "OEBPS/content.opf", data: OPF, deflate: true },
      { name: "OEBPS/nav.xhtml", data: xhtml("<nav><ol><li>Contents</li></ol></nav>"), deflate: true },
      { name: "OEBPS/text/ch 1.xhtml", data: xhtml("<h1>Loomings</h1><p>Call me Ishmael.</p>"), deflate: true },
      { name: "OEBPS/text/ch2.xhtml", data: xhtml("<h1>The Carpet-Bag</h1><p>I stuffed a shirt or two.</p>"), deflate: true },
      ...extra,
    ]);

  it("reads an EPUB's chapters in spine order, skipping non-linear and non-text items", async () => {
    expect(await parse("moby.epub", await book())).toBe("# Loomings\n\nCall me Ishmael.\n\n# The Carpet-Bag\n\nI stuffed a shirt or two.");
  });

  it("refuses an EPUB under DRM and a zip that is not a book", async () => {
    const drm = await book([{ name: "META-INF/encryption.xml", data: "<encryption><EncryptedData/></encryption>" }]);
    expect(await refusal("drm.epub", drm)).toMatch(/protected by DRM/);
    expect(await refusal("other.epub", await buildZip([{ name: "readme.txt", data: "hi" }]))).toMatch(/no package document/);
  });

  it("reads an e-mail: decoded headers, the plain alternative, attachments named, a forwarded message in full", async () => {
    const eml = [
      "From: =?UTF-8?B?Sm9zw6k=?= <jose@example.com>",
      "To: team@example.com",
      "Subject: =?iso-8859-1?Q?Caf=E9_menu?=",
      "Date: Tue, 3 Mar 2026 09:00:00 +0000",
      'Content-Type: multipart/mixed; boundary="outer"',
      "",
      "--outer",
      'Content-Type: multipart/alternative; boundary="alt"',
      "",
      "--alt",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "The caf=C3=A9 opens at 8, a long line that is=",
      " soft-wrapped.",
      "--alt",
      "Content-Type: text/html; charset=utf-8",
      "",
      "<p>The HTML version</p>",
      "--alt--",
      "--outer",
      'Content-Type: application/pdf; name="menu.pdf"',
      "Content-Disposition: attachment; filename=\"menu.pdf\"",
      "Content-Transfer-Encoding: base64",
      "",
      "JVBERi0xLjQK",
      "--outer",
      "Content-Type: message/rfc822",
      "",
      "From: boss@example.com",
      "Subject: Lunch",
      "Content-Type: text/html",
      "Content-Transfer-Encoding: base64",
      "",
      btoa("<p>Lunch is <b>free</b> today.</p>"),
      "--outer--",
      "",
    ].join("\r\n");
    expect(await parse("menu.eml", eml)).toBe(
      [
        "Subject: Café menu",
        "From: José <jose@example.com>",
        "To: team@example.com",
        "Date: Tue, 3 Mar 2026 09:00:00 +0000",
        "",
        "The café opens at 8, a long line that is soft-wrapped.",
        "",
        "[Attachment: menu.pdf]",
        "",
        "Forwarded message:",
        "Subject: Lunch",
        "From: boss@example.com",
        "",
        "Lunch is free today.",
      ].join("\n"),
    );
  });

  it("gets through floods of broken markup in one pass (a rescan from every < would never finish)", async () => {
    const unclosed = await parse("junk.xml", `${'<a x="'.repeat(100_000)}<b>end</b>`);
    expect(unclosed.endsWith("\nend")).toBe(true);
    expect(await refusal("comments.xml", "<!--".repeat(100_000))).toBe("The document contains no text.");
    const voices = await parse("voices.vtt", `WEBVTT\n\n00:00.000 --> 00:01.000\n${"<v <".repeat(100_000)}said`);
    expect(voices.endsWith("said")).toBe(true);
  });

  it("reads the text of an XML document, one element per line", async () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE catalog><catalog><!-- a comment --><book id="1"><title>Moby &amp; Dick</title>\n<author>Melville</author></book><note><![CDATA[raw <text>]]></note></catalog>';
    expect(await parse("books.xml", xml)).toBe("Moby & Dick\nMelville\nraw <text>");
  });
});

describe("msg", () => {
  const utf16 = (text: string) => new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer);
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, "0");
  /** A string property's stream: Unicode (001F), or 8-bit in the message's code page (001E). */
  const text = (id: number, value: string, eightBit?: Uint8Array): CfbNode =>
    eightBit ? { name: `__substg1.0_${hex(id)}001E`, data: eightBit } : { name: `__substg1.0_${hex(id)}001F`, data: utf16(value) };
  /** The fixed-size properties stream: its header, then 16 bytes per property (tag, flags, value). */
  const fixed = (header: number, props: { id: number; type: number; value: bigint }[]): CfbNode => {
    const data = new Uint8Array(header + props.length * 16);
    const view = new DataView(data.buffer);
    props.forEach((p, i) => {
      view.setUint32(header + i * 16, ((p.id << 16) | p.type) >>> 0, true);
      view.setBigUint64(header + i * 16 + 8, p.value, true);
    });
    return { name: "__properties_version1.0", data };
  };
  // 2024-03-05 09:30:00 UTC as a FILETIME (100 ns ticks since 1601).
  const sent = (BigInt(Date.UTC(2024, 2, 5, 9, 30)) + 11_644_473_600_000n) * 10_000n;

  it("reads an Outlook message: headers, the plain body, attachments named and an attached message in full", async () => {
    const forwarded: CfbNode = {
      name: "__substg1.0_3701000D",
      children: [
        fixed(24, [{ id: 0x3ffd, type: 0x0003, value: 1251n }]),
        // An older message in Windows-1251, with an HTML body only.
        text(0x0037, "", Uint8Array.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2])),
        { name: "__substg1.0_10130102", data: new TextEncoder().encode("<html><body><p>First <b>draft</b></p><p>attached</p></body></html>") },
      ],
    };
    const msg = buildCompoundFile([
      // A recipient's storage, first in the directory, has a stream named like the subject's: it
      // is not the message's.
      { name: "__recip_version1.0_#00000000", children: [fixed(8, []), text(0x0037, "not the subject")] },
      fixed(32, [{ id: 0x0039, type: 0x0040, value: sent }]),
      text(0x0037, "Quarterly report ✓"),
      text(0x0c1a, "Ada Lovelace"),
      // An Exchange sender: the X.500 address is passed over for the SMTP one.
      text(0x0c1f, "/O=EXCHANGELABS/OU=FIRST ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=ADA@EXAMPLE"),
      text(0x5d01, "ada@example.com"),
      text(0x0e04, "Charles Babbage; Mary Somerville"),
      text(0x1000, "Figures are attached.\r\nSee the second sheet."),
      { name: "__attach_version1.0_#00000000", children: [fixed(8, [{ id: 0x3705, type: 0x0003, value: 1n }]), text(0x3707, "figures.xlsx")] },
      { name: "__attach_version1.0_#00000001", children: [fixed(8, [{ id: 0x3705, type: 0x0003, value: 5n }]), forwarded] },
    ]);
    expect(await parse("report.msg", msg)).toBe(
      [
        "Subject: Quarterly report ✓",
        "From: Ada Lovelace <ada@example.com>",
        "To: Charles Babbage; Mary Somerville",
        "Date: Tue, 05 Mar 2024 09:30:00 GMT",
        "",
        "Figures are attached.",
        "See the second sheet.",
        "",
        "[Attachment: figures.xlsx]",
        "",
        "Forwarded message:",
        "Subject: Привет",
        "",
        "First draft",
        "",
        "attached",
      ].join("\n"),
    );
  });

  it("refuses a compound file that is not a message, and a damaged one", async () => {
    expect(await refusal("book.msg", buildCompoundFile([{ name: "Workbook", data: new Uint8Array(16) }]))).toBe(
      "The MSG file holds no Outlook message; it is some other kind of Office file.",
    );
    expect(await refusal("cut.msg", new Uint8Array(600).fill(0xd0, 0, 1))).toBe("The MSG file is damaged or not a MSG file.");
  });
});

describe("vtt and properties", () => {
  it("keeps the words of captions without timings, markup, notes or repeated rolling captions", async () => {
    const vtt = [
      "WEBVTT - a lecture",
      "",
      "NOTE recorded in 2024",
      "",
      "STYLE",
      "::cue { color: yellow }",
      "",
      "intro-1",
      "00:00:01.000 --> 00:00:04.000 align:start",
      "<v.lead Ada Lovelace>Welcome to <b>the</b> engine &amp; its cards.",
      "",
      "00:04.000 --> 00:06.500",
      "<v Ada Lovelace>It weaves algebraic patterns.</v>",
      "",
      "00:00:06.500 --> 00:00:08.000",
      "<v Charles Babbage>Just <00:00:07.000>as the loom",
      "weaves flowers.",
      "",
      "00:00:08.000 --> 00:00:09.000",
      "<v Charles Babbage>weaves flowers.",
      "",
    ].join("\r\n");
    expect(await parse("lecture.vtt", vtt)).toBe(
      "Ada Lovelace: Welcome to the engine & its cards. It weaves algebraic patterns.\nCharles Babbage: Just as the loom weaves flowers.",
    );
  });

  it("reads a .properties file as text", async () => {
    expect(await parse("app.properties", "# settings\ngreeting=Hello\n")).toBe("# settings\ngreeting=Hello\n");
  });
});
