// WebVTT captions (.vtt) to text: the words of each cue without the timings, cue settings, markup,
// comments and style blocks. A cue spoken by a named voice (`<v Ada>`) starts with the name, and
// consecutive cues of one voice share a line. Captions that repeat the previous cue's text (as
// rolling auto-captions do) are said once.

import { decodeEntities } from "./html-entities";
import { decodeText } from "./txt";

const TIMING = /^\s*(?:\d+:)?\d{2}:\d{2}\.\d{3}\s+-->\s+(?:\d+:)?\d{2}:\d{2}\.\d{3}/;

export function parseVtt(bytes: Uint8Array): string {
  const source = decodeText(bytes).replace(/\r\n?/g, "\n");
  const blocks = source.split(/\n[ \t]*\n/);
  const lines: { voice: string | null; text: string }[] = [];
  let cues = 0;
  for (const block of blocks) {
    const rows = block.split("\n");
    const timing = rows.findIndex((row) => TIMING.test(row));
    if (timing < 0 || timing > 1) continue; // the header, NOTE, STYLE and REGION blocks
    cues++;
    let voice: string | null = null;
    const payload = rows
      .slice(timing + 1)
      .join(" ")
      .replace(/<v(?:\.[\w.-]+)?[ \t]([^<>]*)>/g, (_, name: string) => {
        voice ??= name.trim();
        return "";
      })
      .replace(/<[^<>]*>/g, "");
    const text = decodeEntities(payload).replace(/\s+/g, " ").trim();
    if (text === "") continue;
    const last = lines.at(-1);
    if (last && last.voice === voice && (last.text === text || last.text.endsWith(` ${text}`))) continue;
    if (last && voice !== null && last.voice === voice) last.text += ` ${text}`;
    else lines.push({ voice, text });
  }
  // Not captions after all: keep the text as it is rather than lose it.
  if (cues === 0) return source;
  return lines.map((line) => (line.voice ? `${line.voice}: ${line.text}` : line.text)).join("\n");
}
