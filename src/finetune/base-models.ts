// What Kiln knows about fine-tuning base models: OpenAI's published training price per million
// tokens and the longest training example each accepts. These are ESTIMATES from OpenAI's pricing
// and fine-tuning guides (mid-2025); the provider's own bill and validation are authoritative.
// Snapshot names (`gpt-4o-mini-2024-07-18`) match their family by prefix.

interface BaseModelFacts {
  /** USD per 1M training tokens (tokens × epochs). */
  trainingPricePerMillion: number;
  /** Tokens one training example may hold. */
  contextTokens: number;
}

const KNOWN: [prefix: string, facts: BaseModelFacts][] = [
  ["gpt-4.1-nano", { trainingPricePerMillion: 1.5, contextTokens: 65_536 }],
  ["gpt-4.1-mini", { trainingPricePerMillion: 5, contextTokens: 65_536 }],
  ["gpt-4.1", { trainingPricePerMillion: 25, contextTokens: 65_536 }],
  ["gpt-4o-mini", { trainingPricePerMillion: 3, contextTokens: 65_536 }],
  ["gpt-4o", { trainingPricePerMillion: 25, contextTokens: 65_536 }],
  ["gpt-3.5-turbo", { trainingPricePerMillion: 8, contextTokens: 16_385 }],
];

/** OpenAI's fine-tunable snapshots, offered in the picker next to a provider's own models. */
export const OPENAI_FINE_TUNABLE = [
  "gpt-4.1-2025-04-14",
  "gpt-4.1-mini-2025-04-14",
  "gpt-4.1-nano-2025-04-14",
  "gpt-4o-2024-08-06",
  "gpt-4o-mini-2024-07-18",
  "gpt-3.5-turbo-0125",
];

/** Models the cost table prices, shown in the training set's cost estimate. */
export const PRICED_BASE_MODELS = ["gpt-4.1-nano", "gpt-4o-mini", "gpt-4.1-mini", "gpt-3.5-turbo", "gpt-4o", "gpt-4.1"];

/** Epochs assumed for an estimate when none is chosen (OpenAI's `auto` picks 3 for most sets). */
export const DEFAULT_EPOCHS = 3;

/** Unknown models (OpenAI-compatible servers) are assumed to take examples this long. */
const DEFAULT_CONTEXT_TOKENS = 16_385;

function factsOf(model: string): BaseModelFacts | null {
  // A fine-tuned model (`ft:gpt-4o-mini:org::id`) trains like its base.
  const base = model.startsWith("ft:") ? model.split(":")[1] : model;
  return KNOWN.find(([prefix]) => base.startsWith(prefix))?.[1] ?? null;
}

export function contextLimit(model: string): number {
  return factsOf(model)?.contextTokens ?? DEFAULT_CONTEXT_TOKENS;
}

/** Estimated training cost in USD, or null for a model without a published price. */
export function estimateTrainingCost(model: string, trainTokens: number, epochs = DEFAULT_EPOCHS): number | null {
  const facts = factsOf(model);
  return facts ? (trainTokens * epochs * facts.trainingPricePerMillion) / 1e6 : null;
}
