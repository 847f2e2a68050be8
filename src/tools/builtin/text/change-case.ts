import { Invalid } from "../../../lib/errors";
import type { BuiltinHandler } from "../define";
import { boundedText } from "./limits";

export const CASES = ["upper", "lower", "title", "sentence", "snake", "kebab", "camel"] as const;

/** Words of an identifier or a phrase: "parseHTMLText v2" → parse, html, text, v2. */
function words(text: string): string[] {
  return text
    .replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const capitalize = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

export function changeCaseOf(text: string, mode: string): string {
  switch (mode) {
    case "upper":
      return text.toUpperCase();
    case "lower":
      return text.toLowerCase();
    case "title":
      return text.replace(/\p{L}[\p{L}\p{M}'’]*/gu, (w) => capitalize(w.toLowerCase()));
    case "sentence":
      return text.toLowerCase().replace(/(^\s*|[.!?]\s+)(\p{L})/gu, (_, lead: string, c: string) => lead + c.toUpperCase());
    case "snake":
      return words(text).join("_");
    case "kebab":
      return words(text).join("-");
    case "camel":
      return words(text)
        .map((w, i) => (i ? capitalize(w) : w))
        .join("");
    default:
      throw Invalid(`case must be one of ${CASES.join(", ")} (got ${JSON.stringify(mode)})`, ["case"]);
  }
}

export const changeCase: BuiltinHandler = (_ctx, args) => {
  const result = changeCaseOf(boundedText(args.string("text")), args.string("case"));
  return { text: result, json: [{ result }] };
};
