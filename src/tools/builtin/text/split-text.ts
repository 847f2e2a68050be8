import type { BuiltinHandler } from "../define";
import { boundedText } from "./limits";

const MAX_PARTS = 10_000;

/** A separator typed in a form arrives as the two characters "\n"; it means a line break. */
function separatorOf(separator: string): string {
  return separator.replace(/\\([nrt\\])/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t", "\\": "\\" })[c] ?? c);
}

export const splitText: BuiltinHandler = (_ctx, args) => {
  const text = boundedText(args.string("text"));
  const separator = separatorOf(args.string("separator"));
  let parts = text.split(separator);
  if (args.boolean("trim")) parts = parts.map((p) => p.trim());
  if (args.boolean("remove_empty")) parts = parts.filter((p) => p !== "");
  const cut = parts.length > MAX_PARTS;
  if (cut) parts = parts.slice(0, MAX_PARTS);
  return { text: JSON.stringify(parts) + (cut ? `\n[only the first ${MAX_PARTS} parts are shown]` : ""), json: [{ parts, count: parts.length }] };
};
