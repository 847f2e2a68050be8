// What every Service API route shares: app-key authentication, the per-key rate limit, the app
// mode the route serves and the body size cap (as createRoute middleware, so they also document
// the route), the `user` field that names the end user, and the error responses.
import { z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { type EndUser, endUserFor } from "../../apps/end-users";
import { nextMessageTime } from "../../apps/generate";
import type { HonoEnv } from "../../hono-env";
import { KilnError, TooLarge } from "../../lib/errors";
import { requireAppKey } from "../../middleware/app-key";
import { limitApiKey, limitEndUser } from "../../middleware/rate-limit";
import { errorSchema, json } from "../access";

export const MAX_BODY_BYTES = 1024 * 1024;

export const limitBody = (maxSize: number, error: () => KilnError) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw error();
    },
  });

export const jsonBodyLimit = limitBody(MAX_BODY_BYTES, () => TooLarge("The request body is larger than 1 MB."));

export const CHAT_MODES = new Set(["chat", "agent-chat", "advanced-chat"]);

// Dify checks the app's mode before it reads the body, so a wrong route wins over bad fields.
const chatAppOnly = createMiddleware<HonoEnv>(async (c, next) => {
  if (!CHAT_MODES.has(c.var.service.app.mode)) {
    throw new KilnError("not_chat_app", 400, "Please check if your Chat app mode matches the right API route.");
  }
  await next();
});

const completionAppOnly = createMiddleware<HonoEnv>(async (c, next) => {
  if (c.var.service.app.mode !== "completion") {
    throw new KilnError("app_unavailable", 400, "App unavailable, please check your app configurations.");
  }
  await next();
});

// A run's message time is taken before the first await, so turns sent together on one
// conversation are stored (and listed) in the order they arrived, whatever finishes first.
const arrivals = new WeakMap<Context, number>();
const stampArrival = createMiddleware<HonoEnv>(async (c, next) => {
  arrivals.set(c, nextMessageTime(c.var.ctx.now()));
  await next();
});

/** The message time stamped when a run request arrived. */
export function arrivalOf(c: Context<HonoEnv>): number | undefined {
  return arrivals.get(c);
}

/**
 * Spread into createRoute: app key, rate limit, the app mode the route serves, body cap,
 * OpenAPI tag and security. `runs: true` for routes that start a run.
 */
export function serviceAccess(
  options: { modes?: "chat" | "completion"; maxBody?: MiddlewareHandler<HonoEnv>; runs?: boolean } = {},
) {
  const mode = options.modes === "chat" ? [chatAppOnly] : options.modes === "completion" ? [completionAppOnly] : [];
  const middleware: MiddlewareHandler<HonoEnv>[] = [requireAppKey, limitApiKey, ...mode, options.maxBody ?? jsonBodyLimit];
  return {
    tags: ["service"],
    middleware: options.runs ? [stampArrival, ...middleware] : middleware,
    security: [{ bearer: [] }] as Record<string, string[]>[],
  };
}

/**
 * The end user a request speaks for: Dify's `user` string, scoped to the app and the Service
 * API (the WebApp's users are others). Counts against that user's rate limit; calls without a
 * user share Dify's anonymous end user, which only the key's limit bounds (OpenAI clients
 * rarely send `user`, so one shared budget would throttle the whole integration).
 */
export async function endUserOf(c: Context<HonoEnv>, user: string | number | null | undefined): Promise<EndUser> {
  const endUser = await endUserFor(c.var.service.app.id, "service_api", user == null ? undefined : String(user));
  if (!endUser.isAnonymous) limitEndUser(c.var.ctx, endUser.id);
  return endUser;
}

/** Dify's `user`: any string (numbers are taken as their text). */
export const userField = z.union([z.string().max(255), z.number()]).openapi({ type: "string", example: "abc-123" });

/** A `user` Dify requires (`Arg user must be provided.`). */
export const requiredUser = z
  .union([z.string().trim().min(1, "Arg user must be provided.").max(255), z.number()], {
    error: "Arg user must be provided.",
  })
  .openapi({ type: "string", example: "abc-123" });

export const serviceErrorResponses = {
  400: json(errorSchema, "Invalid parameters or app state (`invalid_param`, `app_unavailable`, …)"),
  401: json(errorSchema, "Missing, unknown or revoked app key (with WWW-Authenticate)"),
  403: json(errorSchema, "The app's API is disabled"),
  413: json(errorSchema, "Request body too large"),
  429: json(errorSchema, "Rate limited (`too_many_requests`, with Retry-After)"),
};
