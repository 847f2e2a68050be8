// The Tools page's list of every provider the workspace can use, and "Test" on any tool.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { builtinCredentialHints, deleteBuiltinCredentials, saveBuiltinCredentials } from "../../tools/builtin/credentials";
import { findBuiltinProvider } from "../../tools/builtin/source";
import { NotFound } from "../../lib/errors";
import { listToolProviders } from "../../tools/registry";
import { tryTool } from "../../tools/try-tool";
import { TOOL_PROVIDER_TYPES } from "../../tools/types";
import { errorSchema, guard, json, resultSchema } from "../access";
import { toolCredentialFieldSchema, toolProviderSchema, toolTestResponseSchema } from "../tool-schemas";
import { jsonBody } from "./apps";

const providerType = z.enum(TOOL_PROVIDER_TYPES);

export function toolProviderRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/workspaces/current/tool-providers",
      tags: ["tools"],
      summary: "Every tool provider of the workspace: built-in, custom API, MCP and apps as tools",
      ...guard("member"),
      request: { query: z.object({ type: providerType.optional() }) },
      responses: { 200: json(z.array(toolProviderSchema)) },
    }),
    async (c) => c.json(await listToolProviders(c.var.wctx, c.req.valid("query").type), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/workspaces/current/tool-providers/{provider_type}/{provider_id}/tools/{tool_name}/test",
      tags: ["tools"],
      summary: "Call one tool with sample inputs and see its result",
      ...guard("app_edit"),
      request: {
        params: z.object({ provider_type: providerType, provider_id: z.string().min(1).max(200), tool_name: z.string().min(1).max(200) }),
        ...jsonBody(z.object({ parameters: z.record(z.string(), z.unknown()).default({}) })),
      },
      responses: {
        200: json(toolTestResponseSchema),
        400: json(errorSchema, "The tool failed or timed out (tool_error), or the inputs are invalid"),
        404: json(errorSchema, "No such provider or tool in this workspace"),
      },
    }),
    async (c) => {
      const { provider_type, provider_id, tool_name } = c.req.valid("param");
      const { parameters } = c.req.valid("json");
      return c.json(await tryTool(c.var.wctx, { provider_type, provider_id, tool_name }, parameters), 200);
    },
  );

  // ---- credentials of built-in providers that need them (Dify's paths) ----

  const builtinParam = { params: z.object({ provider: z.string().min(1).max(200) }) };
  /** A built-in provider that takes credentials; 404 for any other name. */
  const credentialed = (name: string) => {
    const provider = findBuiltinProvider(name);
    if (!provider?.credentials?.length) throw NotFound("Tool provider");
    return provider;
  };

  app.openapi(
    createRoute({
      method: "get",
      path: "/workspaces/current/tool-provider/builtin/{provider}/credentials_schema",
      tags: ["tools"],
      summary: "The credentials a built-in provider asks for (Tavily's API key…)",
      ...guard("member"),
      request: builtinParam,
      responses: { 200: json(z.array(toolCredentialFieldSchema)), 404: json(errorSchema, "No built-in provider of that name takes credentials") },
    }),
    async (c) => c.json(credentialed(c.req.valid("param").provider).credentials ?? [], 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/workspaces/current/tool-provider/builtin/{provider}/credentials",
      tags: ["tools"],
      summary: "The workspace's credentials for a built-in provider, masked ({} when none are set)",
      ...guard("member"),
      request: builtinParam,
      responses: { 200: json(z.record(z.string(), z.string())), 404: json(errorSchema) },
    }),
    async (c) => c.json(await builtinCredentialHints(c.var.wctx, credentialed(c.req.valid("param").provider)), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/workspaces/current/tool-provider/builtin/{provider}/update",
      tags: ["tools"],
      summary: "Set a built-in provider's credentials; checked with a real call first (a masked value sent back keeps the stored one)",
      ...guard("admin"),
      request: { ...builtinParam, ...jsonBody(z.strictObject({ credentials: z.record(z.string(), z.unknown()) })) },
      responses: { 200: json(resultSchema), 400: json(errorSchema, "Missing or unknown fields (invalid_param), or the provider refused them (invalid_credentials)") },
    }),
    async (c) => {
      const provider = credentialed(c.req.valid("param").provider);
      await saveBuiltinCredentials(c.var.wctx, provider, c.req.valid("json").credentials);
      return c.json({ result: "success" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/workspaces/current/tool-provider/builtin/{provider}/delete",
      tags: ["tools"],
      summary: "Remove a built-in provider's credentials; its tools stop until new ones are set",
      ...guard("admin"),
      request: builtinParam,
      responses: { 200: json(resultSchema), 404: json(errorSchema) },
    }),
    async (c) => {
      await deleteBuiltinCredentials(c.var.wctx, credentialed(c.req.valid("param").provider));
      return c.json({ result: "success" as const }, 200);
    },
  );

  return app;
}
