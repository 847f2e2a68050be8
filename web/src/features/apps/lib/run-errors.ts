// A failed debugger run in words a builder can act on: the server's sentence, plus the next step
// for the failures that have an obvious one.
import { ApiError, errorMessage } from "../../../lib/api";

const HINTS: Record<string, string> = {
  provider_not_initialize: "Choose another model, or add this provider in Settings → Model providers.",
  provider_quota_exceeded: "The provider's quota is used up; top it up or pick another model.",
  model_currently_not_support: "Pick another model for this app.",
  invalid_credentials: "The provider refused its API key; replace the key in Settings → Model providers.",
  provider_unreachable: "Kiln couldn't reach the provider; check its base URL in Settings → Model providers.",
  completion_request_error: "The provider refused the request; check the model parameters and try again.",
  rate_limit_error: "Wait a moment and send again.",
  too_many_requests: "Wait a moment and send again.",
};

export function describeRunError(code: string | undefined, message: string): string {
  // Some server messages already name the next step; don't say it twice.
  const hint = code && !/Settings/.test(message) ? HINTS[code] : undefined;
  const sentence = message.trim().replace(/([^.!?])$/, "$1.");
  return hint ? `${sentence} ${hint}` : sentence;
}

export function describeRunFailure(error: unknown): string {
  if (error instanceof ApiError) return describeRunError(error.code, error.message);
  return errorMessage(error);
}
