// Placeholder until the signed data-source webhooks land.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";

export function webhookRoutes() {
  return new OpenAPIHono<HonoEnv>();
}
