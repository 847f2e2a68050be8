// The console API (the dashboard's), mounted at /console/api.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { accountRoutes } from "./account";
import { authRoutes } from "./auth";
import { memberRoutes } from "./members";
import { workspaceRoutes } from "./workspaces";

export function consoleRoutes() {
  const app = new OpenAPIHono<HonoEnv>();
  app.route("/", authRoutes());
  app.route("/", accountRoutes());
  app.route("/", workspaceRoutes());
  app.route("/", memberRoutes());
  return app;
}
