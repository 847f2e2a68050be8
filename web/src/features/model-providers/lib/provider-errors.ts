// What a failed provider check means and what to do about it. The server's message says what
// happened; the hint adds the next step.
import { ApiError, errorMessage } from "../../../lib/api";

export interface ProviderProblem {
  title: string;
  /** The server's explanation, unless it only repeats the title. */
  message: string | null;
  hint?: string;
}

const same = (a: string, b: string) =>
  a.trim().replace(/\.$/, "").toLowerCase() === b.trim().replace(/\.$/, "").toLowerCase();

const HINTS: Record<string, { title: string; hint: string }> = {
  invalid_credentials: {
    title: "Invalid API key",
    hint: "Check that the key is complete and still active, then paste it again.",
  },
  provider_unreachable: {
    title: "Provider unreachable",
    hint: "Check the base URL (it usually ends in /v1) and that the server is reachable from Kiln.",
  },
  model_not_found: {
    title: "Model not found",
    hint: "Model names must match the provider's model ids exactly, e.g. gpt-4o-mini.",
  },
};

export function describeProviderError(error: unknown): ProviderProblem {
  if (error instanceof ApiError && HINTS[error.code]) {
    const known = HINTS[error.code]!;
    return { ...known, message: same(known.title, error.message) ? null : error.message };
  }
  return { title: "Couldn't save the provider", message: errorMessage(error) };
}
