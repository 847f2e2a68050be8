// Segment keywords (Dify's economy-mode keyword table) and the safe FTS5 MATCH expression built
// from a user's search query.
import { forEachAsciiWord, isAscii } from "../lib/ascii-words";

const STOPWORDS = new Set(
  (
    "a about above after again against all also am an and any are aren as at be because been before being below " +
    "between both but by can cannot could couldn did didn do does doesn doing don down during each few for from " +
    "further get got had hadn has hasn have haven having he her here hers herself him himself his how i if in into " +
    "is isn it its itself just let me more most much must mustn my myself no nor not now of off on once only or " +
    "other ought our ours ourselves out over own same shall shan she should shouldn so some such than that the " +
    "their theirs them themselves then there these they this those through to too under until up upon us very " +
    "was wasn we were weren what when where which while who whom why will with won would wouldn you your yours " +
    "yourself yourselves ll re ve"
  ).split(" "),
);

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
// Han and Kana runs have no spaces between words, so keywords take them as overlapping bigrams;
// one pass matches either such a run or a word of other letters and digits.
const TERM =
  /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+)|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}\p{M}])+/gu;
const MAX_QUERY_TERMS = 32;

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Words of lower-cased text, in order; Han/Kana runs become bigrams (or the single char). */
function terms(lower: string): string[] {
  // Without Han or Kana, TERM's words are plain WORD matches: the simpler expression is faster.
  if (!UNSPACED.test(lower)) return lower.match(WORD) ?? [];
  const out: string[] = [];
  for (const [term, unspaced] of lower.matchAll(TERM)) {
    if (!unspaced || term.length === 1) out.push(term);
    else for (let i = 0; i + 1 < term.length; i++) out.push(term.slice(i, i + 2));
  }
  return out;
}

/**
 * Whether segments get keywords extracted for them: as in Dify, only economy datasets keep a keyword
 * index (and not for parent-child documents); high-quality ones match by vector and full text, and
 * their segments carry only the keywords a user gives them.
 */
export const extractsKeywords = (indexingTechnique: string | null, docForm: string) =>
  indexingTechnique === "economy" && docForm !== "hierarchical_model";

/** The most frequent non-stopword terms of at least two characters, ties broken by first appearance. */
export function extractKeywords(text: string, max = 10): string[] {
  const counts = new Map<string, number>();
  const count = (term: string) => {
    if (term.length < 2 || STOPWORDS.has(term)) return;
    counts.set(term, (counts.get(term) ?? 0) + 1);
  };
  const lower = text.toLowerCase();
  // ASCII text (most documents) is scanned without the Unicode regex; the words are the same.
  if (isAscii(lower)) forEachAsciiWord(lower, (start, end) => end - start >= 2 && count(lower.slice(start, end)));
  else for (const term of terms(lower)) count(term);
  // Map iteration follows insertion order and sort is stable, so equal counts keep text order.
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Math.max(0, max))
    .map(([term]) => term);
}

/**
 * A MATCH expression for FTS5 from free text, or null when nothing in it is searchable. Each term is
 * an FTS5 string ("…"), so operators (AND, NEAR, *, -, :, ^) typed by the user are only words.
 */
export function ftsMatchQuery(query: string): string | null {
  const words = [...new Set(Array.from(query.toLowerCase().matchAll(WORD), (m) => m[0]))];
  const meaningful = words.filter((w) => !STOPWORDS.has(w));
  const chosen = (meaningful.length > 0 ? meaningful : words).slice(0, MAX_QUERY_TERMS);
  if (chosen.length === 0) return null;
  return chosen.map((w) => `"${w.replaceAll('"', '""')}"`).join(" OR ");
}
