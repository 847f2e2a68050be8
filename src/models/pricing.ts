// Token prices (USD per million tokens) for known models, and Dify's `usage` block. Unknown and
// offline models cost 0. Prices in JSON are decimal strings, as Dify sends them.
const PER_MILLION: Record<string, [input: number, output: number]> = {
  "gpt-4o-mini": [0.15, 0.6],
  "gpt-4o": [2.5, 10],
  "gpt-4.1": [2, 8],
  "gpt-4.1-mini": [0.4, 1.6],
  "gpt-4.1-nano": [0.1, 0.4],
  "gpt-3.5-turbo": [0.5, 1.5],
  "o4-mini": [1.1, 4.4],
  "text-embedding-3-small": [0.02, 0],
  "text-embedding-3-large": [0.13, 0],
};

export function unitPrices(provider: string, model: string): [number, number] {
  if (provider === "offline") return [0, 0];
  return PER_MILLION[model] ?? [0, 0];
}

export interface Usage {
  prompt_tokens: number;
  prompt_unit_price: string;
  prompt_price_unit: string;
  prompt_price: string;
  completion_tokens: number;
  completion_unit_price: string;
  completion_price_unit: string;
  completion_price: string;
  total_tokens: number;
  total_price: string;
  currency: "USD";
  latency: number;
  time_to_first_token: number | null;
  time_to_generate: number | null;
}

const decimal = (n: number) => (Number.isInteger(n) ? n.toFixed(0) : n.toFixed(7).replace(/0+$/, "").replace(/\.$/, ""));

export function costOf(provider: string, model: string, promptTokens: number, completionTokens: number) {
  const [inPrice, outPrice] = unitPrices(provider, model);
  const prompt = (promptTokens * inPrice) / 1e6;
  const completion = (completionTokens * outPrice) / 1e6;
  return { inPrice, outPrice, prompt, completion, total: prompt + completion };
}

export function usageBlock(
  provider: string,
  model: string,
  promptTokens: number,
  completionTokens: number,
  timing: { latency: number; ttft: number | null; generate: number | null },
): Usage {
  return combinedUsageBlock([{ provider, model, promptTokens, completionTokens }], timing);
}

/**
 * Dify's `usage` block for tokens spent across several model calls, possibly of several models
 * (a chatflow's LLM nodes): tokens and prices are summed, each call priced at its own model's
 * rates; the unit prices shown are the last model's, as Dify's LLMUsage.plus keeps them.
 */
export function combinedUsageBlock(
  spent: Iterable<{ provider: string; model: string; promptTokens: number; completionTokens: number }>,
  timing: { latency: number; ttft: number | null; generate: number | null },
): Usage {
  let promptTokens = 0;
  let completionTokens = 0;
  let prompt = 0;
  let completion = 0;
  let last: [number, number] = [0, 0];
  for (const s of spent) {
    const c = costOf(s.provider, s.model, s.promptTokens, s.completionTokens);
    promptTokens += s.promptTokens;
    completionTokens += s.completionTokens;
    prompt += c.prompt;
    completion += c.completion;
    last = [c.inPrice, c.outPrice];
  }
  const round = (s: number | null) => (s == null ? null : Math.round(s * 1000) / 1000);
  return {
    prompt_tokens: promptTokens,
    prompt_unit_price: decimal(last[0]),
    prompt_price_unit: "0.000001",
    prompt_price: decimal(prompt),
    completion_tokens: completionTokens,
    completion_unit_price: decimal(last[1]),
    completion_price_unit: "0.000001",
    completion_price: decimal(completion),
    total_tokens: promptTokens + completionTokens,
    total_price: decimal(prompt + completion),
    currency: "USD",
    latency: round(timing.latency) ?? 0,
    time_to_first_token: round(timing.ttft),
    time_to_generate: round(timing.generate),
  };
}
