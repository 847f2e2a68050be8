// MCP servers used as tool providers (Dify's paths): add one by URL, change it, remove it, and
// list its tools again. Adding a server that fails still saves it, with the error shown.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { MCP_TRANSPORTS } from "../../tools/mcp/client";
import { createMcpProvider, deleteMcpProvider, refreshMcpProvider, updateMcpProvider } from "../../tools/mcp/providers";
import { errorSchema, guard, json, resultSchema } from "../access";
import { toolProviderSchema } from "../tool-schemas";
import { jsonBody } from "./apps";

const PATH = "/workspaces/current/tool-provider/mcp";
const providerId = z.string().min(1).max(64);

const iconSchema = z.object({
  type: z.enum(["emoji", "image"]),
  content: z.string().max(255).optional(),
  url: z.string().max(2048).optional(),
  background: z.string().max(32).optional(),
});

const fields = {
  name: z.string().trim().min(1).max(100),
  server_url: z.string().trim().min(1).max(2048),
  headers: z.record(z.string(), z.string()).optional().openapi({ description: "Sent with every request (e.g. Authorization); shown masked" }),
  transport: z.enum(MCP_TRANSPORTS).optional().openapi({ description: "auto tries Streamable HTTP, then SSE" }),
  icon: iconSchema.optional(),
  description: z.string().max(2000).optional(),
};

const mcpProviderSchema = toolProviderSchema
  .extend({
    server_url: z.string(),
    transport: z.enum(MCP_TRANSPORTS),
    masked_headers: z.record(z.string(), z.string()),
    refreshed_at: z.number().int().nullable(),
  })
  .openapi("McpToolProvider");

const errors = {
  400: json(errorSchema, "Invalid fields, or a private / loopback server URL"),
  404: json(errorSchema, "No such MCP provider in this workspace"),
  409: json(errorSchema, "A tool provider with this name exists"),
};

export function toolMcpProviderRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "post",
      path: PATH,
      tags: ["tools"],
      summary: "Add an MCP server as a tool provider (connects and lists its tools; saved with the error if that fails)",
      ...guard("app_edit"),
      request: jsonBody(z.object(fields)),
      responses: { 200: json(mcpProviderSchema), ...errors },
    }),
    async (c) => c.json(await createMcpProvider(c.var.wctx, c.req.valid("json")), 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: PATH,
      tags: ["tools"],
      summary: "Change an MCP provider; headers sent back masked keep their stored values",
      ...guard("app_edit"),
      request: jsonBody(
        z.object({
          provider_id: providerId,
          name: fields.name.optional(),
          server_url: fields.server_url.optional(),
          headers: fields.headers,
          transport: fields.transport,
          icon: fields.icon,
          description: fields.description,
        }),
      ),
      responses: { 200: json(mcpProviderSchema), ...errors },
    }),
    async (c) => {
      const { provider_id, ...changes } = c.req.valid("json");
      return c.json(await updateMcpProvider(c.var.wctx, provider_id, changes), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: PATH,
      tags: ["tools"],
      summary: "Remove an MCP provider",
      ...guard("app_edit"),
      request: jsonBody(z.object({ provider_id: providerId })),
      responses: { 200: json(resultSchema), 404: errors[404] },
    }),
    async (c) => {
      await deleteMcpProvider(c.var.wctx, c.req.valid("json").provider_id);
      return c.json({ result: "success" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${PATH}/{provider_id}/refresh`,
      tags: ["tools"],
      summary: "List the server's tools again (the error is shown when it fails)",
      ...guard("app_edit"),
      request: { params: z.object({ provider_id: providerId }) },
      responses: { 200: json(mcpProviderSchema), 404: errors[404] },
    }),
    async (c) => c.json(await refreshMcpProvider(c.var.wctx, c.req.valid("param").provider_id), 200),
  );

  return app;
}
