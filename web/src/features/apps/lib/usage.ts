// Tokens, cost and latency in the words the debugger and the logs show them.
import type { Usage } from "../api/types";

const count = new Intl.NumberFormat(undefined);

export function formatTokens(n: number): string {
  return count.format(n);
}

/** "$0.000123", "$0", or "¥0.12" for another currency. */
export function formatPrice(price: string | number, currency = "USD"): string {
  const n = typeof price === "number" ? price : Number.parseFloat(price);
  if (!Number.isFinite(n) || n === 0) return currency === "USD" ? "$0" : `0 ${currency}`;
  const digits = n < 0.01 ? 6 : 4;
  const text = n.toFixed(digits).replace(/0+$/, "").replace(/\.$/, "");
  return currency === "USD" ? `$${text}` : `${text} ${currency}`;
}

/** Seconds as "0.09 s" or "1.2 s". */
export function formatLatency(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return "—";
  if (seconds < 0.01) return "<0.01 s";
  return seconds < 1 ? `${seconds.toFixed(2)} s` : `${seconds.toFixed(1)} s`;
}

export interface UsageLine {
  promptTokens: string;
  answerTokens: string;
  cost: string;
  latency: string;
  firstToken: string | null;
}

export function describeUsage(u: Usage): UsageLine {
  return {
    promptTokens: formatTokens(u.prompt_tokens),
    answerTokens: formatTokens(u.completion_tokens),
    cost: formatPrice(u.total_price, u.currency),
    latency: formatLatency(u.latency),
    firstToken: u.time_to_first_token == null ? null : formatLatency(u.time_to_first_token),
  };
}
