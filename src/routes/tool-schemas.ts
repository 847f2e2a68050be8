// Response shapes of the tools console API, shared by its route files.
import { z } from "@hono/zod-openapi";
import { TOOL_PARAMETER_TYPES, TOOL_PROVIDER_TYPES } from "../tools/types";

export const toolParameterSchema = z
  .object({
    name: z.string(),
    label: z.string(),
    description: z.string(),
    type: z.enum(TOOL_PARAMETER_TYPES),
    form: z.enum(["llm", "form"]),
    required: z.boolean(),
    default: z.unknown().optional(),
    options: z.array(z.string()).optional(),
  })
  .openapi("ToolParameter");

export const toolDefinitionSchema = z
  .object({
    name: z.string(),
    label: z.string(),
    description: z.string(),
    parameters: z.array(toolParameterSchema),
    inputSchema: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi("ToolDefinition");

/** One credential a built-in provider asks for (Dify's credentials_for_provider field). */
export const toolCredentialFieldSchema = z
  .object({
    name: z.string(),
    label: z.string(),
    type: z.enum(["secret-input", "text-input"]),
    required: z.boolean(),
    help: z.string().optional(),
    url: z.string().optional(),
    placeholder: z.string().optional(),
  })
  .openapi("ToolCredentialField");

export const toolProviderSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(TOOL_PROVIDER_TYPES),
    label: z.string(),
    description: z.string(),
    icon: z.object({
      type: z.enum(["emoji", "image"]),
      content: z.string().optional(),
      url: z.string().optional(),
      background: z.string().optional(),
    }),
    author: z.string(),
    is_team_authorization: z.boolean(),
    allow_delete: z.boolean(),
    tools: z.array(toolDefinitionSchema),
    error: z.string().nullable(),
    /** Built-in providers that need credentials: the fields to fill in. */
    credentials_schema: z.array(toolCredentialFieldSchema).optional(),
  })
  .openapi("ToolProvider");

export const toolResultSchema = z
  .object({
    text: z.string(),
    json: z.array(z.unknown()).optional(),
    files: z.array(z.object({ url: z.string(), mime_type: z.string(), filename: z.string().optional() })).optional(),
    isError: z.boolean().optional(),
  })
  .openapi("ToolResult");

export const toolTestResponseSchema = z.object({ result: toolResultSchema, elapsed_ms: z.number() }).openapi("ToolTestResult");
