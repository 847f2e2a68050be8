import { Invalid } from "../../../lib/errors";
import type { BuiltinHandler } from "../define";
import { boundedText } from "./limits";

const MAX_PATTERN_CHARS = 1_000;
const MAX_MATCHES = 1_000;

/**
 * JavaScript's regex engine backtracks, and a quantified group that itself contains a quantifier
 * ("(a+)+", "(\w*\s?)*") can take exponential time on a non-matching input, stalling the worker.
 * Such patterns are refused; the check errs on the side of refusing.
 */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d*,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,\d*\})/;

function compile(pattern: string, flags: string): RegExp {
  if (pattern.length > MAX_PATTERN_CHARS) throw Invalid(`pattern is too long (at most ${MAX_PATTERN_CHARS} characters)`, ["pattern"]);
  if (!/^[imsu]*$/.test(flags)) throw Invalid(`flags may only contain i, m, s and u (got ${JSON.stringify(flags)})`, ["flags"]);
  if (NESTED_QUANTIFIER.test(pattern)) {
    throw Invalid("pattern repeats a group that itself repeats (like (a+)+), which can run for a very long time; rewrite it without the nesting", ["pattern"]);
  }
  try {
    return new RegExp(pattern, `${[...new Set(flags)].join("")}g`);
  } catch (err) {
    throw Invalid(`pattern is not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`, ["pattern"]);
  }
}

export const regexExtract: BuiltinHandler = (_ctx, args) => {
  const text = boundedText(args.string("text"));
  const re = compile(args.string("pattern"), args.optionalString("flags") ?? "");
  const matches: { match: string; index: number; groups: (string | null)[]; named?: Record<string, string | undefined> }[] = [];
  for (const m of text.matchAll(re)) {
    matches.push({ match: m[0], index: m.index ?? 0, groups: m.slice(1).map((g) => g ?? null), ...(m.groups ? { named: { ...m.groups } } : {}) });
    if (matches.length >= MAX_MATCHES) break;
  }
  const shown = matches.map((m) => (m.groups.length ? m.groups.map((g) => g ?? "").join("\t") : m.match));
  const more = matches.length >= MAX_MATCHES ? `\n[stopped after ${MAX_MATCHES} matches]` : "";
  return { text: matches.length ? `${shown.join("\n")}${more}` : "No matches.", json: matches };
};
