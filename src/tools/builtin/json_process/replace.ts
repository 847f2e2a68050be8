import { Invalid } from "../../../lib/errors";
import type { BuiltinHandler } from "../define";
import { decodeValue, findMatches, parseContent, setAt, toJsonText } from "./json-path";

/**
 * Dify's json_process/replace. `replace_model`: `pattern` replaces a substring inside matched
 * strings, `key` renames the matched keys, `value` replaces the matched values.
 */
export const replaceJson: BuiltinHandler = (_ctx, args) => {
  let data = parseContent(args.string("content"));
  const mode = args.string("replace_model");
  const replaceValue = args.string("replace_value");
  const matches = findMatches(data, args.string("query"));
  const pattern = mode === "pattern" ? args.optionalString("replace_pattern") : undefined;
  if (mode === "pattern" && !pattern) throw Invalid("replace_pattern is required when replace_model is pattern", ["replace_pattern"]);
  for (const m of matches) {
    if (mode === "pattern") {
      if (typeof m.value === "string") data = setAt(data, m, m.value.replaceAll(pattern as string, replaceValue));
    } else if (mode === "key") {
      if (m.parent === null || Array.isArray(m.parent) || typeof m.parentProperty !== "string") {
        throw Invalid("replace_model key needs a query selecting object keys, such as $.user.name", ["query"]);
      }
      // Rebuilt in order so the renamed key keeps its place.
      const entries = Object.entries(m.parent).map(([k, v]) => [k === m.parentProperty ? replaceValue : k, v] as const);
      for (const k of Object.keys(m.parent)) delete m.parent[k];
      Object.assign(m.parent, Object.fromEntries(entries));
    } else {
      data = setAt(data, m, decodeValue(replaceValue, args.boolean("value_decode")));
    }
  }
  const text = toJsonText(data, args.boolean("ensure_ascii"));
  return { text, json: [{ result: data, replaced: matches.length }] };
};
