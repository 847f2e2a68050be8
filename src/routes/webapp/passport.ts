// GET /api/passport: the anonymous token a browser needs before anything else on a public site.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { issuePassport } from "../../apps/passport";
import { Unauthorized } from "../../lib/errors";
import type { WebAppEnv } from "../../middleware/end-user";
import { errorSchema, json, publicAccess } from "../access";
import { rateLimit } from "./rate-limit";

// Each passport is a new end user: cap how fast one address can mint them.
const passportLimit = rateLimit<WebAppEnv>({
  name: "passports",
  limit: 60,
  key: (c) => c.req.header("cf-connecting-ip") ?? "unknown",
});

export function passportRoutes() {
  const app = new OpenAPIHono<WebAppEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/passport",
      tags: ["webapp"],
      summary: "Get a passport (anonymous end-user token) for a public WebApp",
      description:
        "Send the site code in `X-App-Code`. Sending a still-valid passport of the same app as `Authorization: Bearer …` keeps the browser's session (and so its conversations).",
      ...publicAccess,
      middleware: [passportLimit],
      request: {
        headers: z.object({
          "x-app-code": z.string().optional().openapi({ description: "The site code from the WebApp URL" }),
          authorization: z.string().optional().openapi({ description: "An earlier passport, to keep its session" }),
        }),
      },
      responses: {
        200: json(z.object({ access_token: z.string() }).openapi("Passport")),
        400: json(errorSchema, "The app has not been published"),
        401: json(errorSchema, "X-App-Code is missing"),
        403: json(errorSchema, "The site is disabled"),
        404: json(errorSchema, "No site has this code"),
      },
    }),
    async (c) => {
      const code = c.req.header("x-app-code")?.trim();
      if (!code) throw Unauthorized("X-App-Code header is missing.");
      const existing = c.req.header("authorization")?.match(/^bearer\s+(\S+)$/i)?.[1];
      return c.json(await issuePassport(c.var.ctx, code, existing), 200);
    },
  );

  return app;
}
