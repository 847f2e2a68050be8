// Before saving: show the tools a document yields (api/schema), and call one of them with sample
// inputs and credentials (api/test/pre) — the same request a saved provider would send.
import type { TenantCtx } from "../../context";
import { Invalid } from "../../lib/errors";
import { assertFetchableUrl } from "../../lib/ssrf";
import { callTool } from "../registry";
import type { ToolDefinition, ToolResult } from "../types";
import { callApiTool } from "./call";
import { type ApiCredentialsInput, normalizeCredentials } from "./credentials";
import { type ApiSchemaType, toolView } from "./operation";
import { parseApiSchema } from "./parse-schema";
import { apiCredentialsOf, checkedSchema, findApiProvider } from "./providers";

export interface SchemaPreview {
  schema_type: ApiSchemaType;
  parameters_schema: ToolDefinition[];
  server_url: string;
  warning: string[];
}

/** The tools of a document; a server Kiln may not call is a warning here, an error on save. */
export function previewSchema(ctx: TenantCtx, schema: string, schemaType?: ApiSchemaType): SchemaPreview {
  const parsed = parseApiSchema(schema, schemaType === "single" ? "single" : undefined);
  const warning = [...parsed.warnings];
  try {
    assertFetchableUrl(parsed.serverUrl, ctx.config.SSRF_ALLOW_HOSTS, "server_url");
  } catch (err) {
    warning.push((err as Error).message);
  }
  return { schema_type: parsed.schemaType, parameters_schema: parsed.tools.map(toolView), server_url: parsed.serverUrl, warning };
}

export interface TestPreInput {
  provider_name?: string;
  tool_name: string;
  credentials: ApiCredentialsInput;
  schema_type?: ApiSchemaType;
  schema: string;
  parameters: Record<string, unknown>;
}

/** Calls a tool of an unsaved document. Hidden secrets come from the named saved provider. */
export async function testUnsavedTool(ctx: TenantCtx, input: TestPreInput): Promise<{ result: ToolResult; elapsed_ms: number }> {
  const parsed = checkedSchema(ctx, input.schema, input.schema_type);
  const tool = parsed.tools.find((t) => t.name === input.tool_name);
  if (!tool) throw Invalid(`tool_name: the schema has no operation named "${input.tool_name}"`, ["tool_name"]);
  const saved = input.provider_name ? await findApiProvider(ctx, input.provider_name) : null;
  const credentials = normalizeCredentials(input.credentials, saved ? await apiCredentialsOf(ctx, saved) : null);
  const target = { serverUrl: parsed.serverUrl, tool, credentials };
  const resolved = {
    provider: { id: "", name: input.provider_name || "unsaved", type: "api" as const, label: "", description: "", icon: { type: "emoji" as const }, author: "", is_team_authorization: true, allow_delete: true, tools: [], error: null },
    tool: toolView(tool),
    invoke: (args: Record<string, unknown>, options: { signal: AbortSignal }) => callApiTool(ctx, target, args, options),
  };
  const started = performance.now();
  const result = await callTool(resolved, input.parameters);
  return { result, elapsed_ms: Math.round((performance.now() - started) * 10) / 10 };
}
