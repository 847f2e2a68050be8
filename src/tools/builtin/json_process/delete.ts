import { Invalid } from "../../../lib/errors";
import type { BuiltinHandler } from "../define";
import { findMatches, parseContent, toJsonText } from "./json-path";

/** Dify's json_process/delete: removes every value the query selects. */
export const deleteJson: BuiltinHandler = (_ctx, args) => {
  const data = parseContent(args.string("content"));
  const matches = findMatches(data, args.string("query"));
  if (matches.some((m) => m.parent === null)) throw Invalid("query selects the whole document; nothing would be left", ["query"]);
  // Array items go last-index first so earlier removals do not shift later ones.
  const ordered = [...matches].sort((a, b) => (typeof b.parentProperty === "number" ? b.parentProperty : 0) - (typeof a.parentProperty === "number" ? a.parentProperty : 0));
  for (const m of ordered) {
    if (Array.isArray(m.parent)) m.parent.splice(m.parentProperty as number, 1);
    else if (m.parent) delete m.parent[m.parentProperty as string];
  }
  const text = toJsonText(data, args.boolean("ensure_ascii"));
  return { text, json: [{ result: data, deleted: matches.length }] };
};
