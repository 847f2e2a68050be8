// The custom tool's auth choice as a form, and the `credentials` object the API stores (encrypted).
import type { ApiCredentials, AuthType } from "../api/types";

/** What the API answers in place of a stored secret; sending it back keeps the secret. */
export const HIDDEN_SECRET = "[__HIDDEN__]";

export const AUTH_LABELS: Record<AuthType, string> = {
  none: "None",
  api_key_header: "API key in a header",
  api_key_query: "API key in the query string",
  bearer: "Bearer token",
  basic: "Basic auth (user and password)",
};

export type HeaderPrefix = "none" | "bearer" | "basic";

export const PREFIX_LABELS: Record<HeaderPrefix, string> = { none: "No prefix", bearer: "Bearer", basic: "Basic" };

export interface AuthForm {
  auth_type: AuthType;
  header: string;
  prefix: HeaderPrefix;
  query_param: string;
  /** The API key or bearer token. */
  value: string;
  username: string;
  password: string;
}

export const EMPTY_AUTH: AuthForm = { auth_type: "none", header: "Authorization", prefix: "none", query_param: "api_key", value: "", username: "", password: "" };

export function toCredentials(f: AuthForm): ApiCredentials {
  switch (f.auth_type) {
    case "api_key_header":
      return {
        auth_type: f.auth_type,
        api_key_header: f.header.trim(),
        api_key_value: f.value,
        api_key_header_prefix: f.prefix,
      };
    case "api_key_query":
      return { auth_type: f.auth_type, api_key_query_param: f.query_param.trim(), api_key_value: f.value };
    case "bearer":
      return { auth_type: f.auth_type, api_key_value: f.value };
    case "basic":
      return { auth_type: f.auth_type, username: f.username, password: f.password };
    default:
      return { auth_type: "none" };
  }
}

export function fromCredentials(c: ApiCredentials | null | undefined): AuthForm {
  if (!c) return EMPTY_AUTH;
  return {
    auth_type: c.auth_type ?? "none",
    header: c.api_key_header ?? EMPTY_AUTH.header,
    prefix: c.api_key_header_prefix === "bearer" || c.api_key_header_prefix === "basic" ? c.api_key_header_prefix : "none",
    query_param: c.api_key_query_param ?? EMPTY_AUTH.query_param,
    value: c.api_key_value ?? "",
    username: c.username ?? "",
    password: c.password ?? "",
  };
}

/** What must be filled in before the auth can be used, or null. */
export function authProblem(f: AuthForm): string | null {
  switch (f.auth_type) {
    case "api_key_header":
      if (!f.header.trim()) return "Name the header the key goes in.";
      return f.value ? null : "Enter the API key.";
    case "api_key_query":
      if (!f.query_param.trim()) return "Name the query parameter the key goes in.";
      return f.value ? null : "Enter the API key.";
    case "bearer":
      return f.value ? null : "Enter the token.";
    case "basic":
      return f.username ? null : "Enter the user name.";
    default:
      return null;
  }
}
