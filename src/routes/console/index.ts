// The console API (the dashboard's), mounted at /console/api.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { accountRoutes } from "./account";
import { authRoutes } from "./auth";
import { datasetApiKeyRoutes } from "./dataset-api-keys";
import { memberRoutes } from "./members";
import { modelProviderRoutes } from "./model-providers";
import { workspaceRoutes } from "./workspaces";

export function consoleRoutes() {
  const app = new OpenAPIHono<HonoEnv>();
  app.route("/", authRoutes());
  app.route("/", accountRoutes());
  app.route("/", workspaceRoutes());
  app.route("/", memberRoutes());
  app.route("/", modelProviderRoutes());
  app.route("/", datasetApiKeyRoutes());
  return app;
}
