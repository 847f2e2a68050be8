// The MCP server endpoints of apps (Dify's path): POST /mcp/server/:server_code/mcp speaks MCP's
// Streamable HTTP, stateless with JSON responses, behind the server's own `mcp-…` bearer key.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import type { HonoEnv } from "../../hono-env";
import { handleAppMcpRequest } from "../../tools/mcp/server";
import { errorSchema, json, publicAccess } from "../access";
import { jsonBodyLimit } from "../service/access";

const PATH = "/server/{server_code}/mcp";
const params = z.object({ server_code: z.string().min(1).max(64) });

export function mcpRoutes() {
  const app = new OpenAPIHono<HonoEnv>();
  // Browser-based MCP clients (inspectors, web agents) call from other origins.
  app.use(
    "*",
    cors({
      origin: "*",
      allowHeaders: ["Authorization", "Content-Type", "Mcp-Protocol-Version", "Mcp-Session-Id", "Last-Event-ID"],
      exposeHeaders: ["Mcp-Session-Id"],
      maxAge: 86400,
    }),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: PATH,
      tags: ["mcp"],
      summary: "An app's MCP server (Streamable HTTP, stateless, JSON responses): initialize, tools/list, tools/call",
      ...publicAccess,
      security: [{ bearer: [] }],
      middleware: [jsonBodyLimit],
      // The body (a JSON-RPC message) is read by the MCP transport itself, not validated here.
      request: { params },
      responses: {
        200: json(z.looseObject({ jsonrpc: z.literal("2.0") }), "The JSON-RPC response"),
        202: { description: "A notification was accepted" },
        401: json(errorSchema, "Missing or wrong MCP server key"),
        403: json(errorSchema, "The server is inactive or the app's API is disabled"),
        404: json(errorSchema, "No MCP server with this code"),
        429: json(errorSchema, "Over the server key's requests per minute (Retry-After says when to try again)"),
      },
    }),
    async (c) => handleAppMcpRequest(c.var.ctx, c.req.valid("param").server_code, c.req.raw),
  );

  // Stateless: there is no server-initiated stream to open and no session to end.
  for (const method of ["get", "delete"] as const) {
    app.on(method.toUpperCase(), "/server/:server_code/mcp", (c) =>
      c.json({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed: this server is stateless; POST JSON-RPC messages." }, id: null }, 405, {
        Allow: "POST",
      }),
    );
  }

  return app;
}
