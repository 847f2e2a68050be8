// Turns a model provider's failure into Dify's error codes, so clients see the same `code`s
// Dify sends: missing/invalid credentials, quota, rate limit, unsupported model, request error.
// Each is also named as Dify's model runtime names it (InvokeAuthorizationError, …), which is a
// failed workflow node's `error_type`.
import { APICallError, RetryError } from "ai";
import { KilnError, withErrorType } from "../lib/errors";

function bodyText(err: APICallError): string {
  return (err.responseBody ?? "").slice(0, 2000);
}

export function providerFailure(err: unknown): KilnError {
  if (err instanceof KilnError) return err;
  if (RetryError.isInstance(err)) return providerFailure(err.lastError);
  if (APICallError.isInstance(err)) {
    const status = err.statusCode ?? 0;
    const body = bodyText(err);
    if (status === 401 || status === 403) {
      return withErrorType(
        new KilnError("provider_not_initialize", 400, "The model provider rejected the credentials. Check the API key in Settings → Model providers."),
        "InvokeAuthorizationError",
      );
    }
    if (status === 429 && /insufficient_quota|quota/i.test(body)) {
      return withErrorType(new KilnError("provider_quota_exceeded", 400, "Your quota for the model provider has been exhausted."), "InvokeRateLimitError");
    }
    if (status === 429) {
      return withErrorType(new KilnError("rate_limit_error", 429, "The model provider is rate limiting requests. Please retry later."), "InvokeRateLimitError");
    }
    if (status === 404 || /model_not_found|does not exist/i.test(body)) {
      return withErrorType(new KilnError("model_currently_not_support", 400, `The model is not available from the provider: ${err.message}`), "InvokeBadRequestError");
    }
    const type = !status ? "InvokeConnectionError" : status >= 500 ? "InvokeServerUnavailableError" : "InvokeBadRequestError";
    return withErrorType(new KilnError("completion_request_error", 400, `[${status || "network"}] ${err.message}`), type);
  }
  const e = err as { name?: string; message?: string };
  if (e?.name === "TimeoutError") {
    return withErrorType(new KilnError("completion_request_error", 400, "The model provider did not answer in time."), "InvokeConnectionError");
  }
  return new KilnError("completion_request_error", 400, e?.message ? `Model invocation failed: ${e.message}` : "Model invocation failed.");
}
