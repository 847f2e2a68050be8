// Splits a cleaned document into segments (and, in parent-child mode, child chunks), in the spirit
// of Dify's FixedRecursiveCharacterTextSplitter: the user's separator first, then fallbacks, then
// adjacent small pieces merged up to the limit with an overlap carried over. Every chunk is a
// contiguous slice of the cleaned text, so nothing is lost but whitespace at chunk edges and the
// user's separator where a chunk starts or ends on it (Dify drops that separator too).
import { cleanText } from "./clean";
import type { ResolvedRule } from "./process-rule";
import { allNarrow, charUnits, estimateTokens, tokenUnits } from "./tokens";

export interface Chunk {
  content: string;
  tokens: number;
  children: { content: string; tokens: number }[] | null;
}

export interface SplitOptions {
  separator: string;
  maxTokens: number;
  overlap: number;
}

// Dify's list (core/indexing_runner.py) plus "\n", tried in order on a piece still over the limit;
// "" cuts between characters, so every piece can be brought under the limit.
const FALLBACK_SEPARATORS = ["\n\n", "\n", "。", ". ", " ", ""];
// Dify caps a full-doc parent at 10,000 tokens; a longer document gets several parents instead.
const FULL_DOC_MAX_TOKENS = 10_000;

/** A half-open range [start, end) of the text and its size in quarter tokens (see tokenUnits). */
interface Span {
  start: number;
  end: number;
  units: number;
}

/**
 * One split: the text, the size limit of a chunk in quarter tokens, and the chunks found so far.
 * `narrow`: the text has no wide character, so a range weighs its length (most documents).
 */
interface Pass {
  text: string;
  narrow: boolean;
  cap: number;
  out: Span[];
}

/** tokenUnits of a range of the pass's text. */
const unitsIn = (pass: Pass, start: number, end: number) => (pass.narrow ? end - start : tokenUnits(pass.text, start, end));
const spanOf = (pass: Pass, start: number, end: number): Span => ({ start, end, units: unitsIn(pass, start, end) });
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 0x3000 || c === 0xa0;

/**
 * Cuts [start, end) at every `sep` and greedily merges adjacent pieces up to `cap` units; a piece
 * over the limit is split on the remaining separators on its own. Fallback separators stay at the
 * end of their piece (a sentence keeps its full stop); the user's separator falls between pieces.
 * Pieces are merged as they are found, so a megabyte of one-word lines allocates no piece list.
 */
function splitOn(pass: Pass, start: number, end: number, sep: string, keepSep: boolean, seps: readonly string[]) {
  const { text, cap, out } = pass;
  // Searching a slice (cheap in V8) bounds indexOf to this range instead of the rest of the document.
  const sub = text.slice(start, end);
  let current: Span | null = null;
  for (let pos = 0; pos < sub.length; ) {
    const i = sub.indexOf(sep, pos);
    const next = i === -1 ? sub.length : i + sep.length;
    const pieceStart = start + pos;
    const pieceEnd = start + (i === -1 || keepSep ? next : i);
    pos = next;
    if (pieceEnd === pieceStart) continue;
    const units = unitsIn(pass, pieceStart, pieceEnd);
    if (units > cap) {
      if (current) out.push(current);
      current = null;
      splitLarge(pass, { start: pieceStart, end: pieceEnd, units }, seps);
      continue;
    }
    if (current) {
      const joined = current.units + unitsIn(pass, current.end, pieceStart) + units;
      if (joined <= cap) {
        current.end = pieceEnd;
        current.units = joined;
        continue;
      }
      out.push(current);
    }
    current = { start: pieceStart, end: pieceEnd, units };
  }
  if (current) out.push(current);
}

/** Splits a piece over the limit on the first fallback separator it contains. */
function splitLarge(pass: Pass, span: Span, seps: readonly string[]) {
  const sub = pass.text.slice(span.start, span.end);
  const i = seps.findIndex((sep) => sep === "" || sub.includes(sep));
  if (i === -1 || seps[i] === "") cutCharacters(pass, span);
  else splitOn(pass, span.start, span.end, seps[i], true, seps.slice(i + 1));
}

/** Cuts between characters (never inside a surrogate pair) into pieces of at most `cap` units. */
function cutCharacters(pass: Pass, span: Span) {
  const { text, cap, out } = pass;
  let start = span.start;
  let units = 0;
  for (let i = span.start; i < span.end; i++) {
    const u = charUnits(text.charCodeAt(i));
    if (units + u > cap && i > start) {
      const end = isLowSurrogate(text.charCodeAt(i)) && i - 1 > start ? i - 1 : i;
      out.push(spanOf(pass, start, end));
      start = end;
      units = unitsIn(pass, start, i);
    }
    units += u;
  }
  if (span.end > start) out.push(spanOf(pass, start, span.end));
}

/**
 * Moves each chunk's start back into the end of the previous chunk by up to `overlapUnits`, as far
 * as the chunk's own room allows, starting at a word boundary when the overlap contains one.
 */
function addOverlap(text: string, spans: Span[], overlapUnits: number, maxUnits: number): Span[] {
  return spans.map((span, k) => {
    if (k === 0) return span;
    const prev = spans[k - 1];
    const budget = Math.min(overlapUnits, maxUnits - span.units - tokenUnits(text, prev.end, span.start));
    let start = prev.end;
    let used = 0;
    while (start > prev.start) {
      const u = charUnits(text.charCodeAt(start - 1));
      if (used + u > budget) break;
      used += u;
      start--;
    }
    if (start < prev.end && isLowSurrogate(text.charCodeAt(start))) start++;
    if (start > prev.start && !isSpace(text.charCodeAt(start - 1))) {
      for (let j = start; j < prev.end; j++) {
        if (isSpace(text.charCodeAt(j))) {
          start = j + 1;
          break;
        }
      }
    }
    return start < prev.end ? { ...span, start } : span;
  });
}

/**
 * Splits text into chunks of at most `maxTokens` estimated tokens, each starting with about
 * `overlap` tokens from the end of the one before. Chunks are trimmed and never empty.
 */
export function splitText(text: string, opts: SplitOptions): string[] {
  const maxTokens = Math.max(1, Math.floor(opts.maxTokens));
  const overlap = Math.min(Math.max(0, Math.floor(opts.overlap)), maxTokens - 1);
  const maxUnits = maxTokens * 4;
  const overlapUnits = overlap * 4;
  // Pieces are packed leaving room for the overlap the next step prepends.
  const cap = maxUnits - overlapUnits;
  const pass: Pass = { text, narrow: allNarrow(text), cap, out: [] };
  if (opts.separator) splitOn(pass, 0, text.length, opts.separator, false, FALLBACK_SEPARATORS);
  else splitLarge(pass, spanOf(pass, 0, text.length), FALLBACK_SEPARATORS);
  const spans = pass.out;
  const chunks: string[] = [];
  for (const span of overlapUnits > 0 ? addOverlap(text, spans, overlapUnits, maxUnits) : spans) {
    const content = text.slice(span.start, span.end).trim();
    if (content) chunks.push(content);
  }
  return chunks;
}

/** Parent texts in parent-child mode, or the segments themselves in the other modes. */
function splitParents(cleaned: string, rule: ResolvedRule): string[] {
  if (rule.mode === "hierarchical" && rule.parentMode === "full-doc") {
    return splitText(cleaned, { separator: "\n\n", maxTokens: FULL_DOC_MAX_TOKENS, overlap: 0 });
  }
  return splitText(cleaned, rule.segmentation);
}

/** `narrow`: the document has no wide character, so a chunk's estimate is its length over four. */
function toChunk(content: string, rule: ResolvedRule, narrow = false): Chunk {
  const tokens = (t: string) => (narrow ? Math.ceil(t.length / 4) : estimateTokens(t));
  const children =
    rule.mode === "hierarchical" && rule.subchunk ? splitText(content, rule.subchunk).map((c) => ({ content: c, tokens: tokens(c) })) : null;
  return { content, tokens: tokens(content), children };
}

/** Cleans and splits a document; in hierarchical mode each chunk is a parent with its children. */
export function chunkDocument(text: string, rule: ResolvedRule): Chunk[] {
  const cleaned = cleanText(text, rule);
  const narrow = allNarrow(cleaned);
  return splitParents(cleaned, rule).map((p) => toChunk(p, rule, narrow));
}

/** The first `limit` chunks for the live preview, with the totals of the whole document. */
export function previewChunks(
  text: string,
  rule: ResolvedRule,
  limit = 10,
): { chunks: Chunk[]; total: number; totalTokens: number } {
  const parents = splitParents(cleanText(text, rule), rule);
  let totalTokens = 0;
  for (const p of parents) totalTokens += estimateTokens(p);
  return { chunks: parents.slice(0, limit).map((p) => toChunk(p, rule)), total: parents.length, totalTokens };
}
