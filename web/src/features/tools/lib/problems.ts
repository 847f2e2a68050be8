// The server lists what is wrong with a document in one message ("The schema is not valid:
// 1) a; 2) b; and 3 more", or one problem per line); the dialog shows them as a list.
const unnumbered = (s: string) => s.replace(/^\d+\)\s*/, "").trim();

export function problemList(message: string): { head: string; items: string[] } {
  const lines = message
    .split("\n")
    .map((l) => l.replace(/^\s*[-•*]\s*/, "").trim())
    .filter(Boolean);
  if (lines.length > 1) return { head: lines[0].endsWith(":") ? lines[0] : "", items: lines[0].endsWith(":") ? lines.slice(1) : lines };
  const at = message.indexOf(": ");
  if (at > 0 && message.slice(at + 2).includes("; ")) {
    return { head: message.slice(0, at + 1), items: message.slice(at + 2).split("; ").map(unnumbered).filter(Boolean) };
  }
  return { head: "", items: [message] };
}
