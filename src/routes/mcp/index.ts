// (being written for issue 8) The MCP server endpoints of apps: /mcp/server/:server_code/mcp.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";

export function mcpRoutes() {
  const app = new OpenAPIHono<HonoEnv>();
  return app;
}
