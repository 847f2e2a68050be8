// (being written for issue 8)
import { OpenAPIHono } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";

export function toolMcpProviderRoutes() {
  const app = new OpenAPIHono<HonoEnv>();
  return app;
}
