// Custom API tools at Dify's paths: parse a document into tools, fetch one from a URL, test a tool
// before saving, and add / read / update / delete providers. Secrets are never in an answer.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { apiCredentialsSchema } from "../../tools/api/credentials";
import { API_SCHEMA_TYPES } from "../../tools/api/operation";
import { previewSchema, testUnsavedTool } from "../../tools/api/preview";
import { addApiProvider, apiProviderDetail, apiProviderTools, deleteApiProvider, updateApiProvider } from "../../tools/api/providers";
import { fetchRemoteSchema } from "../../tools/api/remote";
import { errorSchema, guard, json, resultSchema } from "../access";
import { toolDefinitionSchema, toolProviderSchema, toolTestResponseSchema } from "../tool-schemas";
import { jsonBody } from "./apps";

const BASE = "/workspaces/current/tool-provider/api";
const schemaText = z.string().min(1).max(2 * 1024 * 1024);
const schemaType = z.enum(API_SCHEMA_TYPES);
const providerName = z.string().trim().min(1).max(60);
const invalid = json(errorSchema, "The schema or the input is invalid (the message lists every problem)");
const notFound = json(errorSchema, "No custom API tool provider with that name in this workspace");

const iconSchema = z.object({
  type: z.enum(["emoji", "image"]).optional(),
  content: z.string().max(255).optional(),
  url: z.string().max(2_000).optional(),
  background: z.string().max(32).optional(),
});

const providerInput = z.object({
  provider: providerName,
  icon: iconSchema.optional(),
  description: z.string().max(2_000).optional(),
  credentials: apiCredentialsSchema.default({ auth_type: "none" }),
  schema_type: schemaType.optional(),
  schema: schemaText,
  privacy_policy: z.string().max(2_000).optional(),
});

const previewSchemaOut = z
  .object({ schema_type: schemaType, parameters_schema: z.array(toolDefinitionSchema), server_url: z.string(), warning: z.array(z.string()) })
  .openapi("ApiToolSchemaPreview");

const detailSchema = toolProviderSchema
  .extend({ schema_type: schemaType, schema: z.string(), server_url: z.string(), credentials: apiCredentialsSchema, privacy_policy: z.string() })
  .openapi("ApiToolProviderDetail");

export function toolApiProviderRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "post",
      path: `${BASE}/schema`,
      tags: ["tools"],
      summary: "Parse an OpenAPI 3 / Swagger 2 document (JSON or YAML) or a single-call form into tools",
      ...guard("app_edit"),
      request: jsonBody(z.object({ schema: schemaText, schema_type: schemaType.optional() })),
      responses: { 200: json(previewSchemaOut), 400: invalid },
    }),
    async (c) => {
      const { schema, schema_type } = c.req.valid("json");
      return c.json(previewSchema(c.var.wctx, schema, schema_type), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: `${BASE}/remote`,
      tags: ["tools"],
      summary: "Fetch an OpenAPI document from a public URL (at most 2 MB)",
      ...guard("app_edit"),
      request: { query: z.object({ url: z.string().min(1).max(2_000) }) },
      responses: { 200: json(z.object({ schema: z.string() })), 400: json(errorSchema, "The URL is not allowed or did not answer"), 413: json(errorSchema, "The document is too large") },
    }),
    async (c) => c.json(await fetchRemoteSchema(c.var.wctx, c.req.valid("query").url), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${BASE}/test/pre`,
      tags: ["tools"],
      summary: "Call one tool of an unsaved document with sample inputs and credentials",
      ...guard("app_edit"),
      request: jsonBody(
        z.object({
          provider_name: z.string().max(60).optional(),
          tool_name: z.string().min(1).max(200),
          credentials: apiCredentialsSchema.default({ auth_type: "none" }),
          schema_type: schemaType.optional(),
          schema: schemaText,
          parameters: z.record(z.string(), z.unknown()).default({}),
        }),
      ),
      responses: { 200: json(toolTestResponseSchema), 400: json(errorSchema, "Invalid schema or input, or the call failed (tool_error)") },
    }),
    async (c) => c.json(await testUnsavedTool(c.var.wctx, c.req.valid("json")), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${BASE}/add`,
      tags: ["tools"],
      summary: "Save a custom API tool provider",
      ...guard("app_edit"),
      request: jsonBody(providerInput),
      responses: { 200: json(toolProviderSchema), 400: invalid, 409: json(errorSchema, "A tool provider with that name exists") },
    }),
    async (c) => c.json(await addApiProvider(c.var.wctx, c.req.valid("json")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: `${BASE}/get`,
      tags: ["tools"],
      summary: "A custom API tool provider with its schema and masked credentials",
      ...guard("member"),
      request: { query: z.object({ provider: providerName }) },
      responses: { 200: json(detailSchema), 404: notFound },
    }),
    async (c) => c.json(await apiProviderDetail(c.var.wctx, c.req.valid("query").provider), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: `${BASE}/tools`,
      tags: ["tools"],
      summary: "The tools of a custom API tool provider",
      ...guard("member"),
      request: { query: z.object({ provider: providerName }) },
      responses: { 200: json(z.array(toolDefinitionSchema)), 404: notFound },
    }),
    async (c) => c.json(await apiProviderTools(c.var.wctx, c.req.valid("query").provider), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${BASE}/update`,
      tags: ["tools"],
      summary: "Change a custom API tool provider; a secret sent as [__HIDDEN__] keeps its stored value",
      ...guard("app_edit"),
      request: jsonBody(providerInput.extend({ original_provider: providerName })),
      responses: { 200: json(toolProviderSchema), 400: invalid, 404: notFound, 409: json(errorSchema, "A tool provider with that name exists") },
    }),
    async (c) => {
      const { original_provider, ...input } = c.req.valid("json");
      return c.json(await updateApiProvider(c.var.wctx, original_provider, input), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${BASE}/delete`,
      tags: ["tools"],
      summary: "Delete a custom API tool provider",
      ...guard("app_edit"),
      request: jsonBody(z.object({ provider: providerName })),
      responses: { 200: json(resultSchema), 404: notFound },
    }),
    async (c) => {
      await deleteApiProvider(c.var.wctx, c.req.valid("json").provider);
      return c.json({ result: "success" as const }, 200);
    },
  );

  return app;
}
