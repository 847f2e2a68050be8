// Placeholder until the knowledge console routes land.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";

export function datasetDocumentRoutes() {
  return new OpenAPIHono<HonoEnv>();
}
