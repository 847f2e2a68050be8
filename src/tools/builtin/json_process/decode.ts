import type { BuiltinHandler } from "../define";
import { parseContent, toJsonText } from "./json-path";

/** JSON text → structured data, exposed to later workflow steps as the output variable `result`. */
export const decodeJson: BuiltinHandler = (_ctx, args) => {
  const result = parseContent(args.string("json_string"), "json_string");
  const text = result !== null && typeof result === "object" ? toJsonText(result, false) : String(result);
  return { text, json: [result], variables: { result } };
};
