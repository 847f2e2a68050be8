// An app exposed as an MCP server (Dify's paths): read it, create it, change its status,
// description and parameter descriptions, and rotate its URL and key. The key is shown only in
// the responses that create or rotate it.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { HonoEnv } from "../../hono-env";
import {
  appMcpServerView,
  createAppMcpServer,
  getAppMcpServer,
  rotateAppMcpServer,
  updateAppMcpServer,
} from "../../tools/app-mcp-servers";
import { errorSchema, guard, json } from "../access";
import { appParam, jsonBody } from "./apps";

const PATH = "/apps/{app_id}/server";

const serverSchema = z
  .object({
    id: z.string(),
    app_id: z.string(),
    server_code: z.string(),
    server_url: z.string(),
    status: z.enum(["active", "inactive"]),
    description: z.string(),
    parameters: z.record(z.string(), z.string()),
    key_hint: z.string(),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("AppMcpServer");

const withKey = serverSchema.extend({ api_key: z.string().openapi({ description: "Shown only in this response" }) }).openapi("AppMcpServerWithKey");

const parameters = z
  .record(z.string().max(100), z.string().max(1000))
  .refine((p) => Object.keys(p).length <= 100, "at most 100 parameters")
  .openapi({ description: "{input variable: description} shown to MCP clients" });
const description = z.string().max(2000);
const notFound = json(errorSchema, "No such app in this workspace, or it has no MCP server");

const originOf = (c: Context<HonoEnv>) => new URL(c.req.url).origin;

export function appMcpServerRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: PATH,
      tags: ["mcp"],
      summary: "The app's MCP server (404 until created)",
      ...guard("app_edit"),
      request: { params: appParam },
      responses: { 200: json(serverSchema), 404: notFound },
    }),
    async (c) => c.json(appMcpServerView(await getAppMcpServer(c.var.wctx, c.req.valid("param").app_id), originOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: PATH,
      tags: ["mcp"],
      summary: "Expose the app as an MCP server; the key is shown only in this response",
      ...guard("app_edit"),
      request: { params: appParam, ...jsonBody(z.object({ description: description.optional(), parameters: parameters.optional() }), false) },
      responses: { 201: json(withKey, "Created"), 404: notFound, 409: json(errorSchema, "The app already has an MCP server") },
    }),
    async (c) => {
      const body = c.req.valid("json") ?? {};
      const { row, apiKey } = await createAppMcpServer(c.var.wctx, c.req.valid("param").app_id, body);
      return c.json({ ...appMcpServerView(row, originOf(c)), api_key: apiKey }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: PATH,
      tags: ["mcp"],
      summary: "Switch the server on or off, or change its description and parameter descriptions",
      ...guard("app_edit"),
      request: {
        params: appParam,
        ...jsonBody(z.object({ status: z.enum(["active", "inactive"]).optional(), description: description.optional(), parameters: parameters.optional() })),
      },
      responses: { 200: json(serverSchema), 404: notFound },
    }),
    async (c) => c.json(appMcpServerView(await updateAppMcpServer(c.var.wctx, c.req.valid("param").app_id, c.req.valid("json")), originOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${PATH}/refresh`,
      tags: ["mcp"],
      summary: "A new server URL and key (shown only in this response); the old ones stop working",
      ...guard("app_edit"),
      request: { params: appParam },
      responses: { 200: json(withKey), 404: notFound },
    }),
    async (c) => {
      const { row, apiKey } = await rotateAppMcpServer(c.var.wctx, c.req.valid("param").app_id);
      return c.json({ ...appMcpServerView(row, originOf(c)), api_key: apiKey }, 200);
    },
  );

  return app;
}
