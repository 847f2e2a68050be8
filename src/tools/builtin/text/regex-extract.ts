import { ANCHOR, backtrackBound, maxBacktrackInput, RE2JS, RE2JSException } from "../../../lib/safe-regex";
import { Invalid } from "../../../lib/errors";
import type { BuiltinHandler } from "../define";
import { boundedText } from "./limits";

const MAX_PATTERN_CHARS = 1_000;
const MAX_MATCHES = 1_000;
const BACKREFERENCE = /(?:^|[^\\])(?:\\\\)*\\(?:[1-9]|k<)/;

interface Found {
  match: string;
  index: number;
  groups: (string | null)[];
  named?: Record<string, string | undefined>;
}

/**
 * Patterns run on RE2, which takes time linear in the text. Lookahead and backreferences, which RE2
 * lacks, run on JavaScript's backtracking RegExp only when the pattern cannot backtrack
 * exponentially and the text is short enough for its polynomial worst case: a RegExp match cannot
 * be interrupted, so a pattern like (a+)+(?=b) would stall the worker.
 */
function* matches(text: string, pattern: string, flags: string): Generator<Found> {
  if (pattern.length > MAX_PATTERN_CHARS) throw Invalid(`pattern is too long (at most ${MAX_PATTERN_CHARS} characters)`, ["pattern"]);
  if (!/^[imsu]*$/.test(flags)) throw Invalid(`flags may only contain i, m, s and u (got ${JSON.stringify(flags)})`, ["flags"]);
  let backtracking: RegExp;
  try {
    backtracking = new RegExp(pattern, `${[...new Set(flags)].join("")}dg`);
  } catch (err) {
    throw Invalid(`pattern is not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`, ["pattern"]);
  }
  let program: RE2JS;
  try {
    // translateRegExp keeps a backreference as literal text, so those go to RegExp directly
    if (BACKREFERENCE.test(pattern)) throw new RE2JSException("backreference");
    const options = (flags.includes("i") ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes("m") ? RE2JS.MULTILINE : 0) | (flags.includes("s") ? RE2JS.DOTALL : 0);
    program = RE2JS.compile(RE2JS.translateRegExp(pattern), options | RE2JS.LOOKBEHINDS);
  } catch (err) {
    if (!(err instanceof RE2JSException)) throw err;
    yield* matchesBacktracking(text, pattern, backtracking);
    return;
  }
  const re2 = program.re2();
  const names = Object.entries(program.namedGroups());
  const n = program.groupCount() + 1;
  const lookbehind = re2.createLookbehindState();
  for (let at = 0; at <= text.length; ) {
    const [found, spans] = re2.matchWithGroup(text, at, text.length, ANCHOR.none, n, lookbehind) as [boolean, number[] | null];
    if (!found || !spans) return;
    const group = (g: number) => (spans[2 * g] < 0 ? null : text.slice(spans[2 * g], spans[2 * g + 1]));
    const groups = Array.from({ length: n - 1 }, (_, g) => group(g + 1));
    const named = names.length ? Object.fromEntries(names.map(([k, g]) => [k, group(g) ?? undefined])) : undefined;
    yield { match: group(0)!, index: spans[0], groups, ...(named ? { named } : {}) };
    at = spans[1] > spans[0] ? spans[1] : spans[1] + (flags.includes("u") && (text.codePointAt(spans[1]) ?? 0) > 0xffff ? 2 : 1);
  }
}

function* matchesBacktracking(text: string, pattern: string, re: RegExp): Generator<Found> {
  const bound = backtrackBound(pattern);
  if (!bound) {
    throw Invalid(
      "pattern needs lookahead or backreferences, which only a backtracking engine runs, and repeats a group that itself repeats or alternates (like (a+)+ or (a|b)*), which can run for a very long time; rewrite it without one of the two",
      ["pattern"],
    );
  }
  const limit = maxBacktrackInput(bound);
  if (text.length > limit) {
    throw Invalid(`pattern needs lookahead or backreferences, which only a backtracking engine runs; for this pattern that is allowed on at most ${limit} characters of text (got ${text.length})`, ["text"]);
  }
  for (const m of text.matchAll(re)) {
    yield { match: m[0], index: m.index ?? 0, groups: m.slice(1).map((g) => g ?? null), ...(m.groups ? { named: { ...m.groups } } : {}) };
  }
}

export const regexExtract: BuiltinHandler = (_ctx, args) => {
  const text = boundedText(args.string("text"));
  const found: Found[] = [];
  for (const m of matches(text, args.string("pattern"), args.optionalString("flags") ?? "")) {
    found.push(m);
    if (found.length >= MAX_MATCHES) break;
  }
  const shown = found.map((m) => (m.groups.length ? m.groups.map((g) => g ?? "").join("\t") : m.match));
  const more = found.length >= MAX_MATCHES ? `\n[stopped after ${MAX_MATCHES} matches]` : "";
  return { text: found.length ? `${shown.join("\n")}${more}` : "No matches.", json: found };
};
