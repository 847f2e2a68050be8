// Markdown to a Word document, for md_exporter's md_to_docx (the plugin converts with pandoc; this
// writes the same structure with the `docx` library): headings as Word's Heading 1–6 styles,
// paragraphs with bold, italic, strike-through, code and links, bulleted and numbered lists (nested),
// quotes, code blocks, tables and rules. A template's styles (word/styles.xml) are used when given,
// as pandoc's reference document is.
import { strFromU8, unzipSync } from "fflate";
import type { Token, Tokens } from "marked";
import { inlineText, markdownTokens } from "./markdown";

type Docx = typeof import("./docx-lib");
type Block = InstanceType<Docx["Paragraph"]> | InstanceType<Docx["Table"]>;
type Inline = InstanceType<Docx["TextRun"]> | InstanceType<Docx["ExternalHyperlink"]>;

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  code?: boolean;
  link?: boolean;
}

const HEADINGS = ["Heading1", "Heading2", "Heading3", "Heading4", "Heading5", "Heading6"] as const;
const CODE_FONT = "Consolas";
const BULLETS = "bullets";
const NUMBERS = "numbers";

/** The styles part of a .docx template, or undefined when the bytes are not a Word document. */
export function templateStyles(bytes: Uint8Array): string | undefined {
  try {
    const part = unzipSync(bytes, { filter: (f) => f.name === "word/styles.xml" })["word/styles.xml"];
    return part ? strFromU8(part) : undefined;
  } catch {
    return undefined;
  }
}

export async function markdownDocx(md: string, styles?: string): Promise<Uint8Array> {
  const d = await import("./docx-lib");
  let listInstance = 0;

  const runs = (tokens: Token[] | undefined, style: RunStyle = {}): Inline[] => {
    const out: Inline[] = [];
    const text = (t: string) => {
      if (!t) return;
      out.push(
        new d.TextRun({
          text: t,
          bold: style.bold,
          italics: style.italics,
          strike: style.strike,
          ...(style.code ? { font: CODE_FONT, shading: { type: d.ShadingType.CLEAR, fill: "F2F2F2", color: "auto" } } : {}),
          ...(style.link ? { style: "Hyperlink" } : {}),
        }),
      );
    };
    for (const t of tokens ?? []) {
      switch (t.type) {
        case "strong":
          out.push(...runs(t.tokens, { ...style, bold: true }));
          break;
        case "em":
          out.push(...runs(t.tokens, { ...style, italics: true }));
          break;
        case "del":
          out.push(...runs(t.tokens, { ...style, strike: true }));
          break;
        case "codespan":
          out.push(...runs([{ type: "text", raw: t.raw, text: t.text } as Token], { ...style, code: true }));
          break;
        case "link": {
          const link = t as Tokens.Link;
          const children = runs(link.tokens, { ...style, link: true }).filter((r): r is InstanceType<Docx["TextRun"]> => r instanceof d.TextRun);
          if (/^(https?|mailto):/i.test(link.href)) out.push(new d.ExternalHyperlink({ link: link.href, children }));
          else out.push(...children);
          break;
        }
        case "br":
          out.push(new d.TextRun({ text: "", break: 1 }));
          break;
        case "image":
          text(`[${(t as Tokens.Image).text || "image"}]`);
          break;
        case "html":
          if (/^<br\s*\/?>$/i.test(t.text.trim())) out.push(new d.TextRun({ text: "", break: 1 }));
          else text(inlineText([t]));
          break;
        default: {
          const g = t as Tokens.Generic;
          if (g.tokens?.length) out.push(...runs(g.tokens, style));
          else if (typeof g.text === "string") text(inlineText([t]));
        }
      }
    }
    return out;
  };

  const table = (t: Tokens.Table): InstanceType<Docx["Table"]> => {
    const border = { style: d.BorderStyle.SINGLE, size: 4, color: "BFBFBF" };
    const cell = (c: Tokens.TableCell, header: boolean) =>
      new d.TableCell({
        children: [new d.Paragraph({ children: runs(c.tokens, { bold: header }), alignment: c.align === "center" ? d.AlignmentType.CENTER : c.align === "right" ? d.AlignmentType.RIGHT : undefined })],
        ...(header ? { shading: { type: d.ShadingType.CLEAR, fill: "F2F2F2", color: "auto" } } : {}),
      });
    return new d.Table({
      width: { size: 100, type: d.WidthType.PERCENTAGE },
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
      rows: [
        new d.TableRow({ tableHeader: true, children: t.header.map((c) => cell(c, true)) }),
        ...t.rows.map((row) => new d.TableRow({ children: t.header.map((_, i) => cell(row[i] ?? { text: "", tokens: [], header: false, align: null }, false)) })),
      ],
    });
  };

  type ListRef = { reference: string | { reference: string; levels: ReturnType<typeof levels> }; level: number; instance: number };
  const blocks = (tokens: Token[], context: { quote?: boolean; list?: ListRef } = {}): Block[] => {
    const out: Block[] = [];
    // Only the first paragraph of a list item carries its bullet; nested lists still count its level.
    let bullet = context.list;
    const paragraph = (children: Inline[], extra: Record<string, unknown> = {}) =>
      new d.Paragraph({ children, ...(context.quote ? { indent: { left: 720 }, style: "Quote" } : {}), ...extra });
    for (const t of tokens) {
      switch (t.type) {
        case "heading":
          out.push(new d.Paragraph({ heading: HEADINGS[Math.min(6, (t as Tokens.Heading).depth) - 1], children: runs(t.tokens) }));
          break;
        case "paragraph":
        case "text":
          out.push(paragraph(runs(t.tokens ?? [{ type: "text", raw: t.raw, text: t.text }]), bullet ? { numbering: bullet } : context.list ? { indent: { left: 720 * (context.list.level + 1) } } : {}));
          bullet = undefined;
          break;
        case "code":
          for (const line of (t as Tokens.Code).text.split("\n")) {
            out.push(paragraph([new d.TextRun({ text: line, font: CODE_FONT })], { shading: { type: d.ShadingType.CLEAR, fill: "F2F2F2", color: "auto" }, spacing: { after: 0 } }));
          }
          break;
        case "blockquote":
          out.push(...blocks((t as Tokens.Blockquote).tokens, { ...context, quote: true }));
          break;
        case "list": {
          const list = t as Tokens.List;
          const level = context.list ? Math.min(8, context.list.level + 1) : 0;
          // A numbered list that starts elsewhere than 1 ("3. …") gets a definition of its own that starts there.
          const start = list.ordered && typeof list.start === "number" && list.start !== 1 ? list.start : 1;
          const reference =
            start === 1 ? (list.ordered ? NUMBERS : BULLETS) : { reference: `${NUMBERS}-${level}-${start}`, levels: levels(true).map((l) => (l.level === level ? { ...l, start } : l)) };
          const instance = ++listInstance;
          for (const item of list.items) {
            const marker = item.task ? [{ type: "text", raw: "", text: item.checked ? "☑ " : "☐ " } as Token] : [];
            const [first, ...rest] = item.tokens;
            const head = first && (first.type === "text" || first.type === "paragraph") ? [{ ...first, tokens: [...marker, ...(first.tokens ?? [])] } as Token] : first ? [first] : [];
            out.push(...blocks([...head, ...rest], { quote: context.quote, list: { reference, level, instance } }));
          }
          break;
        }
        case "table":
          out.push(table(t as Tokens.Table), new d.Paragraph({ children: [] }));
          break;
        case "hr":
          out.push(new d.Paragraph({ children: [], border: { bottom: { style: d.BorderStyle.SINGLE, size: 6, color: "BFBFBF", space: 1 } } }));
          break;
        case "html": {
          const text = inlineText([t]).trim();
          if (text) out.push(paragraph([new d.TextRun(text)]));
          break;
        }
        default:
          break;
      }
    }
    return out;
  };

  const levels = (ordered: boolean) =>
    Array.from({ length: 9 }, (_, level) => ({
      level,
      format: ordered ? d.LevelFormat.DECIMAL : d.LevelFormat.BULLET,
      text: ordered ? `%${level + 1}.` : ["•", "◦", "▪"][level % 3],
      alignment: d.AlignmentType.LEFT,
      style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
    }));

  const doc = new d.Document({
    ...(styles ? { externalStyles: styles } : {}),
    numbering: {
      config: [
        { reference: BULLETS, levels: levels(false) },
        { reference: NUMBERS, levels: levels(true) },
      ],
    },
    sections: [{ children: blocks(markdownTokens(md)) }],
  });
  return d.Packer.pack(doc, "uint8array");
}
