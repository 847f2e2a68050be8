// The closed list of error codes Kiln answers with. Services throw these; the one handler in
// app.ts renders them as Dify's `{"code","message","status"}` body. Codes follow Dify's names.

export type ErrorCode =
  | "invalid_param"
  | "bad_request"
  | "unauthorized"
  | "authentication_failed"
  | "forbidden"
  | "not_found"
  | "human_input_form_submitted"
  | "human_input_form_expired"
  | "invalid_form_data"
  | "invalid_upload_token"
  | "conflict"
  | "already_setup"
  | "not_setup"
  | "too_many_requests"
  | "payload_too_large"
  | "provider_not_initialize"
  | "invalid_credentials"
  | "provider_unreachable"
  | "model_not_found"
  | "completion_request_error"
  | "provider_quota_exceeded"
  | "rate_limit_error"
  | "model_currently_not_support"
  | "app_unavailable"
  | "not_chat_app"
  | "not_completion_app"
  | "not_workflow_app"
  | "draft_workflow_not_sync"
  | "file_too_large"
  | "unsupported_file_type"
  | "no_file_uploaded"
  | "too_many_files"
  | "remote_file_upload_failed"
  | "no_audio_uploaded"
  | "audio_too_large"
  | "unsupported_audio_type"
  | "provider_not_support_speech_to_text"
  | "file_not_found"
  | "end_user_not_found"
  | "file_access_denied"
  | "dataset_name_duplicate"
  | "dataset_in_use"
  | "dataset_not_initialized"
  | "document_indexing"
  | "document_already_finished"
  | "archived_document_immutable"
  | "invalid_action"
  | "invalid_metadata"
  | "tool_error"
  | "internal_server_error";

export class KilnError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly extra: { params?: string[]; retryAfter?: number } = {},
  ) {
    super(message);
    this.name = "KilnError";
  }
}

export const Invalid = (message: string, params?: string[]) =>
  new KilnError("invalid_param", 400, message, { params });
export const Unauthorized = (message = "Unauthorized.", code: ErrorCode = "unauthorized") =>
  new KilnError(code, 401, message);
export const Forbidden = (message = "You do not have permission to do this.") =>
  new KilnError("forbidden", 403, message);
export const NotFound = (what = "Resource") => new KilnError("not_found", 404, `${what} not found.`);
export const Conflict = (message: string, code: ErrorCode = "conflict") =>
  new KilnError(code, 409, message);
export const RateLimited = (retryAfterSeconds: number, message = "Too many requests. Please try again later.") =>
  new KilnError("too_many_requests", 429, message, { retryAfter: Math.max(1, Math.ceil(retryAfterSeconds)) });
export const ProviderError = (code: ErrorCode, message: string, status = 400) =>
  new KilnError(code, status, message);
export const TooLarge = (message: string) => new KilnError("payload_too_large", 413, message);

/**
 * Names a failure as Dify names it by its exception's class (`error_type` of a workflow node that
 * failed: `OutputValidationError`, `HTTPResponseCodeError`, `InvokeRateLimitError`…); a failure
 * not named is `WorkflowNodeError`, Dify's name for an unexpected one.
 */
export function withErrorType<E extends Error>(err: E, errorType: string): E {
  return Object.assign(err, { errorType });
}

export function errorTypeOf(err: unknown): string {
  const named = (err as { errorType?: unknown } | null)?.errorType;
  return typeof named === "string" ? named : "WorkflowNodeError";
}
