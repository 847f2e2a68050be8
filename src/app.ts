// Builds the Hono app: request id and context, CORS for the public API, the one error handler,
// then one router per surface.
import { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { ZodError } from "zod";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { createCtx } from "./context";
import { VERSION } from "./env";
import type { HonoEnv } from "./hono-env";
import { Invalid, KilnError } from "./lib/errors";
import { newId } from "./lib/ids";
import { consoleRoutes } from "./routes/console";
import { serviceRoutes } from "./routes/service";
import { webhookRoutes } from "./routes/webhooks";
import { signedFileRoutes } from "./routes/files";
import { systemRoutes } from "./routes/system";
import { webappRoutes } from "./routes/webapp";
import { mcpRoutes } from "./routes/mcp";
import { triggerRoutes } from "./routes/triggers";

function validationHook(result: { success: boolean; error?: unknown; target?: string }) {
  if (result.success) return;
  const issues = (result.error as { issues?: { path: PropertyKey[]; message: string }[] })?.issues ?? [];
  const params = issues.map((i) => i.path.map(String).join(".") || String(result.target ?? "body"));
  const message = issues.map((i, n) => `${params[n]}: ${i.message}`).join("; ") || "Invalid request.";
  throw Invalid(message, [...new Set(params)]);
}

/** Paths the API owns: an unknown one is a JSON 404, never a dashboard page. */
const API_PREFIXES = ["/console/api", "/v1", "/api", "/webhooks", "/triggers", "/mcp", "/files"];
const isApiPath = (path: string) => API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));

export function createApp() {
  const app = new OpenAPIHono<HonoEnv>({ defaultHook: validationHook });

  app.use("*", async (c, next) => {
    const requestId = c.req.header("x-request-id") ?? newId();
    c.set(
      "ctx",
      createCtx(c.env, {
        requestId,
        waitUntil: (p) => {
          try {
            c.executionCtx.waitUntil(p);
          } catch {
            void p.catch(() => {});
          }
        },
      }),
    );
    await next();
    c.header("X-Request-Id", requestId);
  });

  // The Service API is called from browsers on other origins (WebApp embeds, SDKs).
  app.use("/v1/*", cors({ origin: "*", allowHeaders: ["Authorization", "Content-Type"], maxAge: 86400 }));

  app.onError((err, c) => {
    let e: KilnError;
    if (err instanceof KilnError) e = err;
    else if (err instanceof ZodError) {
      const params = err.issues.map((i) => i.path.map(String).join(".") || "body");
      e = Invalid(err.issues.map((i, n) => `${params[n]}: ${i.message}`).join("; "), params);
    }
    else if (err instanceof HTTPException && err.status < 500) {
      e = new KilnError(err.status === 400 ? "invalid_param" : "bad_request", err.status, err.message || "Bad request.");
    } else {
      c.var.ctx?.log.error("unhandled error", { error: String(err), stack: (err as Error)?.stack });
      e = new KilnError("internal_server_error", 500, "The server encountered an internal error.");
    }
    if (e.status === 401) c.header("WWW-Authenticate", 'Bearer realm="api"');
    if (e.extra.retryAfter) c.header("Retry-After", String(e.extra.retryAfter));
    const body: Record<string, unknown> = { code: e.code, message: e.message, status: e.status };
    if (e.extra.params?.length) body.params = e.extra.params;
    return c.json(body, e.status as ContentfulStatusCode);
  });

  app.notFound((c) => {
    // Pages of the dashboard and WebApp: every GET outside the API goes to the dashboard Worker.
    const dashboard = c.env?.DASHBOARD;
    if (dashboard && (c.req.method === "GET" || c.req.method === "HEAD") && !isApiPath(c.req.path)) return dashboard.fetch(c.req.raw);
    return c.json({ code: "not_found", message: "The requested URL was not found.", status: 404 }, 404);
  });

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  app.openAPIRegistry.registerComponent("securitySchemes", "cookie", { type: "apiKey", in: "cookie", name: "access_token" });

  app.route("/", systemRoutes());
  app.route("/console/api", consoleRoutes());
  app.route("/v1", serviceRoutes());
  app.route("/api", webappRoutes());
  app.route("/mcp", mcpRoutes());
  app.route("/webhooks", webhookRoutes());
  app.route("/triggers", triggerRoutes());
  app.route("/", signedFileRoutes());

  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Kiln API",
      version: VERSION,
      description: "Console API (dashboard) and the Dify-compatible Service API.",
    },
  });
  return app;
}
