// What every WebApp route behind a passport shares, spread into createRoute: the end-user
// middleware, the per-browser request limits (see rate-limit.ts for why they are per isolate),
// the app mode the route serves, a body cap, and the OpenAPI security.
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { KilnError, TooLarge } from "../../lib/errors";
import { requireEndUser, type WebAppEnv } from "../../middleware/end-user";
import { rateLimit } from "./rate-limit";

/** Any call behind a passport: generous, it only stops a runaway page or script. */
const requestLimit = rateLimit<WebAppEnv>({ name: "requests", limit: 300, key: (c) => c.var.webapp.endUser.id });

/** Calls that run the app's model: what costs the workspace money. */
const generationLimit = rateLimit<WebAppEnv>({ name: "messages", limit: 60, key: (c) => c.var.webapp.endUser.id });

const maxBody = bodyLimit({
  maxSize: 1024 * 1024,
  onError: () => {
    throw TooLarge("The request body is larger than 1 MB.");
  },
});

// Dify checks the app's mode before it reads the body, so a wrong route wins over bad fields.
// Chatflow (advanced-chat) apps talk through the same chat routes; their answers come from the workflow.
// Agent apps too (streaming only).
const CHAT_ROUTE_MODES = new Set(["chat", "agent-chat", "advanced-chat"]);
const chatOnly = createMiddleware<WebAppEnv>(async (c, next) => {
  if (!CHAT_ROUTE_MODES.has(c.var.webapp.app.mode)) {
    throw new KilnError("not_chat_app", 400, "Please check if your Chat app mode matches the right API route.");
  }
  await next();
});

const completionOnly = createMiddleware<WebAppEnv>(async (c, next) => {
  if (c.var.webapp.app.mode !== "completion") {
    throw new KilnError("not_completion_app", 400, "Please check if your Completion app mode matches the right API route.");
  }
  await next();
});

const workflowOnly = createMiddleware<WebAppEnv>(async (c, next) => {
  if (c.var.webapp.app.mode !== "workflow") {
    throw new KilnError("not_workflow_app", 400, "Only support workflow app.");
  }
  await next();
});

export function webappAccess(
  options: { mode?: "chat" | "completion" | "workflow"; generation?: boolean; maxBody?: MiddlewareHandler<WebAppEnv> } = {},
) {
  const middleware: MiddlewareHandler<WebAppEnv>[] = [requireEndUser, requestLimit];
  if (options.generation) middleware.push(generationLimit);
  if (options.mode === "chat") middleware.push(chatOnly);
  if (options.mode === "completion") middleware.push(completionOnly);
  if (options.mode === "workflow") middleware.push(workflowOnly);
  middleware.push(options.maxBody ?? maxBody);
  return {
    middleware,
    security: [{ bearer: [] }] as Record<string, string[]>[],
    "x-kiln-access": "webapp",
  };
}
