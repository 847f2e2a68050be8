import type { BuiltinHandler } from "../define";
import { findMatches, parseContent, toJsonText } from "./json-path";

/** Dify's json_process/parse: the values a JSONPath selects; one match is answered on its own. */
export const parseJson: BuiltinHandler = (_ctx, args) => {
  const data = parseContent(args.string("content"));
  const values = findMatches(data, args.string("json_filter"), "json_filter").map((m) => m.value);
  const result = values.length === 1 ? values[0] : values;
  const text = result !== null && typeof result === "object" ? toJsonText(result, args.boolean("ensure_ascii")) : String(result);
  return { text, json: [{ result }] };
};
