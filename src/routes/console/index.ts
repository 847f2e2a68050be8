// The console API (the dashboard's), mounted at /console/api.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { accountRoutes } from "./account";
import { appConfigRoutes } from "./app-config";
import { appDebugRoutes } from "./app-debug";
import { appKeyRoutes } from "./app-keys";
import { appLogRoutes } from "./app-logs";
import { appRoutes } from "./apps";
import { appDslRoutes } from "./app-dsl";
import { authRoutes } from "./auth";
import { datasetApiKeyRoutes } from "./dataset-api-keys";
import { datasetDocumentRoutes } from "./dataset-documents";
import { datasetMetadataRoutes } from "./dataset-metadata";
import { datasetRetrievalRoutes } from "./dataset-retrieval";
import { datasetSegmentRoutes } from "./dataset-segments";
import { datasetSourceRoutes } from "./dataset-sources";
import { datasetTagRoutes } from "./dataset-tags";
import { datasetRoutes } from "./datasets";
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
  app.route("/", datasetTagRoutes());
  app.route("/", datasetRoutes());
  app.route("/", datasetDocumentRoutes());
  app.route("/", datasetSegmentRoutes());
  app.route("/", datasetRetrievalRoutes());
  app.route("/", datasetMetadataRoutes());
  app.route("/", datasetSourceRoutes());
  app.route("/", appRoutes());
  app.route("/", appConfigRoutes());
  app.route("/", appKeyRoutes());
  app.route("/", appDebugRoutes());
  app.route("/", appLogRoutes());
  app.route("/", appDslRoutes());
  return app;
}
