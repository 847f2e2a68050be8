// Unauthenticated platform routes: health and the API docs entry point.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { HonoEnv } from "../hono-env";
import { checkHealth } from "../observability/health";
import { json } from "./access";

const healthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    version: z.string(),
    storage: z.object({
      d1: z.boolean(),
      r2: z.boolean(),
      queues: z.boolean(),
      vectors: z.union([z.enum(["local", "vectorize"]), z.literal(false)]),
    }),
  })
  .openapi("Health");

export function systemRoutes() {
  const app = new OpenAPIHono<HonoEnv>();
  app.openapi(
    createRoute({
      method: "get",
      path: "/health",
      tags: ["system"],
      summary: "Touch every binding and report",
      responses: { 200: json(healthSchema), 503: json(healthSchema, "A binding failed") },
    }),
    async (c) => {
      const health = await checkHealth(c.var.ctx);
      return c.json(health, health.status === "ok" ? 200 : 503);
    },
  );
  // The docs page is part of the dashboard; it renders /openapi.json.
  app.get("/docs", (c) => c.redirect("/api-docs", 302));
  return app;
}
