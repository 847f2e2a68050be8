// How a custom API tool authenticates (Dify's credentials shape plus bearer and basic), stored
// encrypted with APP_SECRET like model provider keys. Secrets never leave the server: answers show
// "[__HIDDEN__]" in their place, and an update sending "[__HIDDEN__]" keeps the stored value.
import { z } from "@hono/zod-openapi";
import type { TenantCtx } from "../../context";
import { decryptSecret, encryptSecret, toBase64 } from "../../lib/crypto";
import { Invalid } from "../../lib/errors";

export const HIDDEN = "[__HIDDEN__]";
export const AUTH_TYPES = ["none", "api_key_header", "api_key_query", "bearer", "basic"] as const;
const SECRET_FIELDS = ["api_key_value", "password"] as const;

const HEADER_NAME_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

export const apiCredentialsSchema = z
  .object({
    // Dify's older "api_key" means a key in a header.
    auth_type: z.enum([...AUTH_TYPES, "api_key"]),
    api_key_header: z.string().max(100).optional(),
    api_key_value: z.string().max(8_000).optional(),
    api_key_header_prefix: z.enum(["none", "bearer", "basic", "custom"]).optional(),
    api_key_query_param: z.string().max(100).optional(),
    username: z.string().max(500).optional(),
    password: z.string().max(8_000).optional(),
  })
  .openapi("ApiToolCredentials");

export type ApiCredentialsInput = z.infer<typeof apiCredentialsSchema>;

export interface ApiCredentials {
  auth_type: (typeof AUTH_TYPES)[number];
  api_key_header?: string;
  api_key_value?: string;
  api_key_header_prefix?: "none" | "bearer" | "basic" | "custom";
  api_key_query_param?: string;
  username?: string;
  password?: string;
}

/**
 * Checks the fields the auth type needs and keeps only those. `stored` fills in secrets sent as
 * "[__HIDDEN__]" (an edit form that never saw them).
 */
export function normalizeCredentials(input: ApiCredentialsInput, stored?: ApiCredentials | null): ApiCredentials {
  const problems: string[] = [];
  const secret = (field: (typeof SECRET_FIELDS)[number]) => {
    const v = input[field];
    if (v === HIDDEN) {
      const kept = stored?.[field];
      if (kept === undefined) problems.push(`credentials.${field}: no stored value to keep; enter it again`);
      return kept;
    }
    return v;
  };
  let out: ApiCredentials;
  switch (input.auth_type === "api_key" ? "api_key_header" : input.auth_type) {
    case "none":
      out = { auth_type: "none" };
      break;
    case "api_key_header": {
      const header = input.api_key_header?.trim() || "Authorization";
      if (!HEADER_NAME_RE.test(header)) problems.push(`credentials.api_key_header: "${header}" is not a valid header name`);
      out = { auth_type: "api_key_header", api_key_header: header, api_key_value: secret("api_key_value"), api_key_header_prefix: input.api_key_header_prefix ?? "none" };
      break;
    }
    case "api_key_query": {
      const param = input.api_key_query_param?.trim() ?? "";
      if (!param) problems.push("credentials.api_key_query_param: name the query parameter that carries the key");
      out = { auth_type: "api_key_query", api_key_query_param: param, api_key_value: secret("api_key_value") };
      break;
    }
    case "bearer":
      out = { auth_type: "bearer", api_key_value: secret("api_key_value") };
      break;
    case "basic":
      out = { auth_type: "basic", username: input.username ?? "", password: secret("password") ?? "" };
      if (!out.username) problems.push("credentials.username: required for basic auth");
      break;
  }
  if (out.auth_type !== "none" && out.auth_type !== "basic" && !out.api_key_value) {
    if (!problems.some((p) => p.startsWith("credentials.api_key_value"))) problems.push("credentials.api_key_value: required for this auth type");
  }
  if (problems.length) throw Invalid(problems.join("; "), ["credentials"]);
  return out;
}

/** The credentials as an answer may show them. */
export function maskCredentials(c: ApiCredentials): ApiCredentials {
  const out = { ...c };
  for (const f of SECRET_FIELDS) if (out[f] !== undefined && out[f] !== "") out[f] = HIDDEN;
  return out;
}

export async function sealCredentials(ctx: TenantCtx, c: ApiCredentials): Promise<string | null> {
  return c.auth_type === "none" ? null : encryptSecret(ctx.config.APP_SECRET, JSON.stringify(c));
}

export async function openCredentials(ctx: TenantCtx, sealed: string | null): Promise<ApiCredentials> {
  if (!sealed) return { auth_type: "none" };
  return JSON.parse(await decryptSecret(ctx.config.APP_SECRET, sealed)) as ApiCredentials;
}

/** Puts the credentials on an outgoing request. */
export function applyCredentials(c: ApiCredentials, url: URL, headers: Headers): void {
  switch (c.auth_type) {
    case "api_key_header": {
      const prefix = { bearer: "Bearer ", basic: "Basic ", custom: "", none: "" }[c.api_key_header_prefix ?? "none"];
      headers.set(c.api_key_header || "Authorization", `${prefix}${c.api_key_value ?? ""}`);
      break;
    }
    case "api_key_query":
      url.searchParams.set(c.api_key_query_param ?? "key", c.api_key_value ?? "");
      break;
    case "bearer":
      headers.set("authorization", `Bearer ${c.api_key_value ?? ""}`);
      break;
    case "basic":
      headers.set("authorization", `Basic ${toBase64(new TextEncoder().encode(`${c.username ?? ""}:${c.password ?? ""}`))}`);
      break;
  }
}
