// Tools' console API: the provider list (tool-providers.ts), custom API tools (tool-api-providers.ts),
// MCP servers used as tools (tool-mcp-providers.ts) and apps exposed as MCP servers (app-mcp-server.ts).
import { OpenAPIHono } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { appMcpServerRoutes } from "./app-mcp-server";
import { toolApiProviderRoutes } from "./tool-api-providers";
import { toolMcpProviderRoutes } from "./tool-mcp-providers";
import { toolProviderRoutes } from "./tool-providers";

export function toolRoutes() {
  const app = new OpenAPIHono<HonoEnv>();
  app.route("/", toolProviderRoutes());
  app.route("/", toolApiProviderRoutes());
  app.route("/", toolMcpProviderRoutes());
  app.route("/", appMcpServerRoutes());
  return app;
}
