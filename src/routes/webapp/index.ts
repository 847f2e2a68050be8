// The WebApp API (Dify's `/api/*`): what the hosted chat and completion pages, and anyone's own
// front end, call with a passport. Mounted at /api.
import { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import type { WebAppEnv } from "../../middleware/end-user";
import { audioRoutes } from "./audio";
import { conversationRoutes } from "./conversations";
import { fileRoutes } from "./files";
import { generateRoutes } from "./generate";
import { humanInputWebRoutes } from "./human-input";
import { messageRoutes } from "./messages";
import { passportRoutes } from "./passport";
import { siteRoutes } from "./site";
import { workflowRoutes } from "./workflows";

export function webappRoutes() {
  const app = new OpenAPIHono<WebAppEnv>();
  // Custom front ends on other origins call this API too. Passports travel in a header, never in
  // cookies, so allowing any origin gives a page nothing it could not already do itself.
  app.use(
    "*",
    cors({
      origin: "*",
      allowHeaders: ["Authorization", "Content-Type", "X-App-Code"],
      allowMethods: ["GET", "POST", "DELETE", "OPTIONS"],
      maxAge: 86400,
    }),
  );
  app.route("/", passportRoutes());
  app.route("/", siteRoutes());
  app.route("/", generateRoutes());
  app.route("/", conversationRoutes());
  app.route("/", messageRoutes());
  app.route("/", workflowRoutes());
  app.route("/", humanInputWebRoutes());
  app.route("/", audioRoutes());
  app.route("/", fileRoutes());
  return app;
}
