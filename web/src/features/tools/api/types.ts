// The tools console API's shapes (src/routes/tool-schemas.ts and src/routes/console/tool-*.ts).

export type ToolProviderType = "builtin" | "api" | "mcp" | "workflow";

export type ToolParameterType = "string" | "number" | "boolean" | "select" | "object" | "array" | "secret-input" | "file";

export interface ToolParameter {
  name: string;
  label: string;
  description: string;
  type: ToolParameterType;
  /** `llm`: the agent fills it in on each call; `form`: set once in the tool's settings. */
  form: "llm" | "form";
  required: boolean;
  default?: unknown;
  options?: string[];
}

export interface ToolDefinition {
  name: string;
  label: string;
  description: string;
  parameters: ToolParameter[];
  inputSchema?: Record<string, unknown>;
}

export interface ToolIcon {
  type: "emoji" | "image";
  content?: string;
  url?: string;
  background?: string;
}

export interface ToolProvider {
  id: string;
  name: string;
  type: ToolProviderType;
  label: string;
  description: string;
  icon: ToolIcon;
  author: string;
  /** Usable as configured (credentials set, server reachable at the last refresh). */
  is_team_authorization: boolean;
  allow_delete: boolean;
  tools: ToolDefinition[];
  /** The last failure talking to the provider (an MCP refresh). */
  error: string | null;
  /** Built-in providers that need credentials (an API key): the fields to fill in. */
  credentials_schema?: ToolCredentialField[];
}

/** One credential a built-in provider asks for (Dify's credentials_for_provider field). */
export interface ToolCredentialField {
  name: string;
  label: string;
  type: "secret-input" | "text-input";
  required: boolean;
  help?: string;
  url?: string;
  placeholder?: string;
}

export interface ToolResult {
  text: string;
  json?: unknown[];
  files?: { url: string; mime_type: string; filename?: string }[];
  isError?: boolean;
}

export interface ToolTestResult {
  result: ToolResult;
  elapsed_ms: number;
}

// ---- Custom API tools ----

export type SchemaType = "openapi" | "swagger" | "single";
export type AuthType = "none" | "api_key_header" | "api_key_query" | "bearer" | "basic";

export interface ApiCredentials {
  auth_type: AuthType;
  api_key_header?: string;
  api_key_value?: string;
  /** What goes before the key in the header (Dify's api_key_header_prefix; custom = nothing). */
  api_key_header_prefix?: "none" | "bearer" | "basic" | "custom";
  api_key_query_param?: string;
  username?: string;
  password?: string;
}

/** The answer of api/schema: the document's operations as tools. */
export interface ParsedSchema {
  schema_type: SchemaType;
  parameters_schema: ToolDefinition[];
  server_url: string | null;
  warning: string[];
}

export interface ApiProviderInput {
  provider: string;
  icon: ToolIcon;
  description?: string;
  credentials: ApiCredentials;
  schema_type: SchemaType;
  schema: string;
  privacy_policy?: string;
}

export interface ApiProviderDetail extends ToolProvider {
  schema_type: SchemaType;
  schema: string;
  /** Secrets come back as "[__HIDDEN__]"; sending that back keeps the stored value. */
  credentials: ApiCredentials;
  privacy_policy?: string;
}

export interface TestBeforeSaveInput {
  provider_name?: string;
  tool_name: string;
  credentials: ApiCredentials;
  schema_type: SchemaType;
  schema: string;
  parameters: Record<string, unknown>;
}

// ---- MCP servers used as tools ----

export type McpTransport = "auto" | "streamable_http" | "sse";

export interface McpProviderInput {
  name: string;
  server_url: string;
  headers?: Record<string, string>;
  transport?: McpTransport;
  icon?: ToolIcon;
}
