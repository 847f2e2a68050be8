// Dify's notes store rich text as a Lexical editor state (JSON in `data.text`). The editor shows
// and edits plain text; an edited note is written back as plain Lexical paragraphs.

interface LexicalNode {
  type?: string;
  text?: string;
  children?: LexicalNode[];
}

function plain(node: LexicalNode): string {
  if (typeof node.text === "string") return node.text;
  const inner = (node.children ?? []).map(plain);
  const blockish = node.type === "root" || node.type === "list";
  return inner.join(blockish ? "\n" : "");
}

export function noteToText(value: unknown): string {
  if (typeof value !== "string" || !value) return "";
  try {
    const state = JSON.parse(value) as { root?: LexicalNode };
    return state.root ? plain(state.root) : value;
  } catch {
    return value;
  }
}

export function textToNote(text: string): string {
  const paragraph = (line: string) => ({
    children: line ? [{ detail: 0, format: 0, mode: "normal", style: "", text: line, type: "text", version: 1 }] : [],
    direction: "ltr",
    format: "",
    indent: 0,
    type: "paragraph",
    version: 1,
  });
  return JSON.stringify({ root: { children: text.split("\n").map(paragraph), direction: "ltr", format: "", indent: 0, type: "root", version: 1 } });
}
