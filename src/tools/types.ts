// The tool-provider seam: what a tool looks like to an agent or a workflow node, whichever kind of
// provider it comes from (built-in code, an OpenAPI document, an MCP server, a published app).
import type { TenantCtx } from "../context";

/** Dify's provider_type values; `workflow` is "apps as tools" (Dify's name for it). */
export const TOOL_PROVIDER_TYPES = ["builtin", "api", "mcp", "workflow"] as const;
export type ToolProviderType = (typeof TOOL_PROVIDER_TYPES)[number];

export const TOOL_PARAMETER_TYPES = ["string", "number", "boolean", "select", "object", "array", "secret-input", "file"] as const;
export type ToolParameterType = (typeof TOOL_PARAMETER_TYPES)[number];

export interface ToolParameter {
  name: string;
  label: string;
  /** What the parameter means, for people and for the model choosing a value. */
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
  /** The JSON Schema the model sees; derived from `parameters` when absent (MCP tools bring theirs). */
  inputSchema?: Record<string, unknown>;
}

export interface ToolIcon {
  type: "emoji" | "image";
  content?: string;
  url?: string;
  background?: string;
}

/** A provider as the Tools page, the agent tool picker and the workflow tool node list it. */
export interface ToolProviderView {
  id: string;
  name: string;
  type: ToolProviderType;
  label: string;
  description: string;
  icon: ToolIcon;
  author: string;
  /** Usable as configured (credentials set, server reachable at last refresh). */
  is_team_authorization: boolean;
  allow_delete: boolean;
  tools: ToolDefinition[];
  /** The last failure talking to the provider (MCP refresh), for the Tools page. */
  error: string | null;
  /** Built-in providers that need credentials (an API key): the fields, as Dify's
   * credentials_for_provider. Absent when none are needed. */
  credentials_schema?: ToolCredentialField[];
}

/** One credential a built-in provider asks for (Dify's provider credential form field). */
export interface ToolCredentialField {
  name: string;
  label: string;
  type: "secret-input" | "text-input";
  required: boolean;
  help?: string;
  /** Where to get it. */
  url?: string;
  placeholder?: string;
}

/** What a tool call produced. `text` is what an agent sees as the observation. */
export interface ToolResult {
  text: string;
  /** Structured results (Dify's `json` output of tool nodes). */
  json?: unknown[];
  /** Links, or files the tool stored (then Dify's whole file object, with its upload `id`). */
  files?: { url: string; mime_type: string; filename?: string; id?: string }[];
  /** Named outputs (Dify's variable messages): a workflow tool node exposes each as [node, name]. */
  variables?: Record<string, unknown>;
  /** The call failed in a way the caller should report (an HTTP 500 from an API, an MCP isError). */
  isError?: boolean;
}

/** Who a file a tool makes is stored for (Dify's tool file): the run's app and user. */
export interface ToolFileOwner {
  appId: string | null;
  role: "end_user" | "account";
  createdBy: string;
}

export interface ToolCallOptions {
  signal: AbortSignal;
  /** Where a tool that makes files (text to speech) stores them; without one it cannot. */
  owner?: ToolFileOwner;
}

/** A tool found by reference, ready to call. Credentials stay inside `invoke`. */
export interface ResolvedTool {
  provider: ToolProviderView;
  tool: ToolDefinition;
  invoke(args: Record<string, unknown>, options: ToolCallOptions): Promise<ToolResult>;
}

/** One kind of provider. The registry asks each kind in turn; a kind owns its storage. */
export interface ToolProviderSource {
  type: ToolProviderType;
  list(ctx: TenantCtx): Promise<ToolProviderView[]>;
  /** `providerId` is the provider's id or, for references from other Dify installs, its name. */
  resolve(ctx: TenantCtx, providerId: string, toolName: string): Promise<ResolvedTool | null>;
}

/** How agents (model_config.agent_mode.tools) and tool nodes name a tool, in Dify's fields. */
export interface ToolRef {
  provider_type: ToolProviderType;
  provider_id: string;
  provider_name?: string | null;
  tool_name: string;
}

/** Built-in providers: one folder each under src/tools/builtin, exporting one of these. */
export interface BuiltinTool {
  definition: ToolDefinition;
  invoke(ctx: TenantCtx, args: Record<string, unknown>, options: BuiltinCallOptions): Promise<ToolResult>;
}

/** A built-in tool call's options: the signal, and the workspace's credentials for its provider. */
export interface BuiltinCallOptions extends ToolCallOptions {
  credentials: Readonly<Record<string, string>>;
}

export interface BuiltinProvider {
  name: string;
  label: string;
  description: string;
  icon: ToolIcon;
  tools: BuiltinTool[];
  /** What the workspace must give before the tools run (Dify's credentials_for_provider). */
  credentials?: ToolCredentialField[];
  /** Proves a set of credentials with a real call before it is saved; throws otherwise. */
  validateCredentials?(ctx: TenantCtx, credentials: Readonly<Record<string, string>>, signal: AbortSignal): Promise<void>;
}
