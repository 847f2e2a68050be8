// The Service API (Dify-compatible, app keys), mounted at /v1. Every route but the welcome
// authenticates its own app key (see access.ts), so unknown paths stay 404.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { VERSION } from "../../env";
import type { HonoEnv } from "../../hono-env";
import { json } from "../access";
import { annotationServiceRoutes } from "./annotations";
import { appInfoRoutes } from "./app-info";
import { audioRoutes } from "./audio";
import { chatMessageRoutes } from "./chat-messages";
import { conversationRoutes } from "./conversations";
import { knowledgeRoutes } from "./datasets";
import { fileRoutes } from "./files";
import { humanInputServiceRoutes } from "./human-input";
import { messageRoutes } from "./messages";
import { openAIRoutes } from "./openai";
import { workflowServiceRoutes } from "./workflows";
import { workspaceModelRoutes } from "./workspace-models";

const welcome = { welcome: "Kiln OpenAPI", api_version: "v1", server_version: VERSION };

export function serviceRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  // Dify's welcome is at /v1/ (with the slash), but Hono joins the mount point and "/" into
  // "/v1": answer the slashed form here; the route below documents and answers /v1.
  app.use("/*", async (c, next) => {
    if (/^\/[^/]+\/$/.test(c.req.path) && c.req.method === "GET") return c.json(welcome, 200);
    await next();
  });

  app.openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["service"],
      summary: "Welcome (no key needed)",
      responses: {
        200: json(z.object({ welcome: z.string(), api_version: z.string(), server_version: z.string() })),
      },
    }),
    (c) => c.json(welcome, 200),
  );

  app.route("/", chatMessageRoutes());
  app.route("/", messageRoutes());
  app.route("/", conversationRoutes());
  app.route("/", appInfoRoutes());
  app.route("/", annotationServiceRoutes());
  app.route("/", fileRoutes());
  app.route("/", audioRoutes());
  app.route("/", openAIRoutes());
  app.route("/", knowledgeRoutes());
  app.route("/", workflowServiceRoutes());
  app.route("/", humanInputServiceRoutes());
  app.route("/", workspaceModelRoutes());
  return app;
}
