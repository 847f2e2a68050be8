// Placeholder until the Knowledge API lands.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";

export function knowledgeRoutes() {
  return new OpenAPIHono<HonoEnv>();
}
