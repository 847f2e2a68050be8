import type { BuiltinHandler } from "../define";
import { boundedText } from "./limits";

const wordSegmenter = new Intl.Segmenter(undefined, { granularity: "word" });
const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Words by Unicode word boundaries (so Chinese and Japanese count words, not whole sentences). */
export function countText(text: string) {
  let words = 0;
  for (const s of wordSegmenter.segment(text)) if (s.isWordLike) words++;
  let characters = 0;
  for (const _ of graphemeSegmenter.segment(text)) characters++;
  const lines = text === "" ? 0 : text.split(/\r\n|\r|\n/).length;
  return { words, characters, characters_no_spaces: characters - (text.match(/\s/gu)?.length ?? 0), lines };
}

export const wordCount: BuiltinHandler = (_ctx, args) => {
  const counts = countText(boundedText(args.string("text")));
  return {
    text: `${counts.words} words, ${counts.characters} characters (${counts.characters_no_spaces} without spaces), ${counts.lines} lines`,
    json: [counts],
  };
};
