// What Kiln keeps per custom API tool to be able to call it: the tool as agents see it, plus the
// HTTP operation behind it (method, path, where each parameter goes). Stored in the provider row's
// `tools` JSON; the operation is internal and stripped from every API answer.
import type { ToolDefinition } from "../types";

export const PARAM_LOCATIONS = ["path", "query", "header", "cookie", "body"] as const;
export type ParamLocation = (typeof PARAM_LOCATIONS)[number];

export const API_SCHEMA_TYPES = ["openapi", "swagger", "single"] as const;
export type ApiSchemaType = (typeof API_SCHEMA_TYPES)[number];

export interface ApiOperation {
  method: string;
  /** Path template relative to the server URL, e.g. `/pets/{petId}`. */
  path: string;
  /** An operation-level `servers` entry, when it differs from the document's. */
  serverUrl?: string;
  params: Record<string, ParamLocation>;
  /** How body parameters are sent. */
  bodyType?: "json" | "form";
  /** Set when the whole body is one parameter (a non-object request body). */
  rawBody?: string;
}

export interface StoredApiTool extends ToolDefinition {
  operation: ApiOperation;
}

export interface ParsedApiSchema {
  schemaType: ApiSchemaType;
  serverUrl: string;
  tools: StoredApiTool[];
  warnings: string[];
}

/** The tool as the API shows it: without the internal operation. */
export function toolView({ operation: _operation, ...tool }: StoredApiTool): ToolDefinition {
  return tool;
}

/** Names a model can call: OpenAI's function-name rule. */
export const TOOL_NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;
