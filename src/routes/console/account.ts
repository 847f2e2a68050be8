// The signed-in account: profile and its sessions.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { profileView, updateProfile } from "../../auth/accounts";
import { listSessions, revokeSession } from "../../auth/sessions";
import type { HonoEnv } from "../../hono-env";
import { guard, json, noContent } from "../access";

const profileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    avatar: z.string().nullable(),
    interface_language: z.string(),
    timezone: z.string(),
    last_login_at: z.number().int().nullable(),
    created_at: z.number().int(),
  })
  .openapi("Profile");

const sec = (ms: number) => Math.floor(ms / 1000);

export function accountRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/account/profile",
      tags: ["account"],
      summary: "The signed-in account",
      ...guard("account"),
      responses: { 200: json(profileSchema) },
    }),
    (c) => c.json(profileView(c.var.session.account), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/account/profile",
      tags: ["account"],
      summary: "Update name, time zone or language",
      ...guard("account"),
      request: {
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.strictObject({
                name: z.string().trim().min(1).max(30).optional(),
                timezone: z.string().min(1).max(64).optional(),
                interface_language: z.string().min(2).max(16).optional(),
              }),
            },
          },
        },
      },
      responses: { 200: json(profileSchema) },
    }),
    async (c) => c.json(await updateProfile(c.var.ctx, c.var.session.accountId, c.req.valid("json")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/account/sessions",
      tags: ["account"],
      summary: "Active sessions of the signed-in account",
      ...guard("account"),
      responses: {
        200: json(
          z.object({
            data: z.array(
              z.object({
                id: z.string(),
                user_agent: z.string().nullable(),
                ip: z.string().nullable(),
                created_at: z.number().int(),
                last_seen_at: z.number().int(),
                current: z.boolean(),
              }),
            ),
          }),
        ),
      },
    }),
    async (c) => {
      const rows = await listSessions(c.var.ctx, c.var.session.accountId);
      return c.json(
        {
          data: rows.map((s) => ({
            id: s.id,
            user_agent: s.userAgent,
            ip: s.ip,
            created_at: sec(s.createdAt),
            last_seen_at: sec(s.lastSeenAt),
            current: s.id === c.var.session.sessionId,
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/account/sessions/{session_id}",
      tags: ["account"],
      summary: "Revoke one of your sessions",
      ...guard("account"),
      request: { params: z.object({ session_id: z.string().min(1).max(64) }) },
      responses: { 204: noContent },
    }),
    async (c) => {
      await revokeSession(c.var.ctx, c.var.session.accountId, c.req.valid("param").session_id);
      return c.body(null, 204);
    },
  );

  return app;
}
