// XML documents to text: the text of every element in document order, one element's text per line,
// markup, comments and processing instructions dropped.

import { decodeText } from "./txt";
import { scanXml } from "./xml-scan";

export function parseXml(bytes: Uint8Array): string {
  const lines: string[] = [];
  let current = "";
  const flush = () => {
    const text = current.replace(/\s+/g, " ").trim();
    if (text) lines.push(text);
    current = "";
  };
  scanXml(decodeText(bytes), {
    open: flush,
    close: flush,
    text(text) {
      current += text;
    },
  });
  flush();
  return lines.join("\n");
}
