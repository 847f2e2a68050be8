// Annotation-reply settings as the card edits them: the threshold and the embedding model, one
// string per model for the picker.

export const DEFAULT_THRESHOLD = 0.9;
export const MIN_THRESHOLD = 0.5;

export const modelValue = (provider: string, model: string) => `${provider}::${model}`;

export function parseModelValue(value: string): { provider: string; model: string } {
  const at = value.indexOf("::");
  return { provider: value.slice(0, at), model: value.slice(at + 2) };
}

export const formatScore = (score: number) => score.toFixed(2);

/** What a threshold means to someone who has not read about cosine similarity. */
export function describeThreshold(t: number): string {
  if (t >= 0.95) return "Only questions worded almost exactly like an annotation are answered from it.";
  if (t >= 0.85) return "Close rewordings of an annotated question are answered from it.";
  return "Loose matches are answered from annotations too; check the hit history for wrong answers.";
}
