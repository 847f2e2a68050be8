// Members and invitations of the current workspace.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { inviteMembers, listInvitations, revokeInvitation } from "../../auth/invitations";
import { listMembers, removeMember, updateMemberRole } from "../../auth/members";
import { ROLES } from "../../db/workspaces";
import type { HonoEnv } from "../../hono-env";
import { guard, json, noContent, resultSchema } from "../access";

const invitableRole = z.enum(["admin", "editor", "normal", "dataset_operator"]);
const memberParam = z.object({ member_id: z.string().min(1).max(64) });

const memberSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    avatar: z.string().nullable(),
    role: z.enum(ROLES),
    status: z.string(),
    last_login_at: z.number().int().nullable(),
    last_active_at: z.number().int().nullable(),
    created_at: z.number().int(),
  })
  .openapi("Member");

export function memberRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/workspaces/current/members",
      tags: ["members"],
      summary: "Members of the current workspace",
      ...guard("member"),
      responses: { 200: json(z.object({ result: z.literal("success"), accounts: z.array(memberSchema) })) },
    }),
    async (c) => c.json({ result: "success" as const, accounts: await listMembers(c.var.wctx) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/workspaces/current/members/invite-email",
      tags: ["members"],
      summary: "Invite people by e-mail; answers the invitation links to share",
      ...guard("admin"),
      request: {
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.strictObject({
                emails: z.array(z.email().max(255)).min(1).max(50),
                role: invitableRole,
                language: z.string().optional(),
              }),
            },
          },
        },
      },
      responses: {
        201: json(
          z.object({
            result: z.literal("success"),
            invitation_results: z.array(
              z.object({
                status: z.enum(["success", "failed"]),
                email: z.string(),
                url: z.string().optional(),
                message: z.string().optional(),
              }),
            ),
            tenant_id: z.string(),
          }),
        ),
      },
    }),
    async (c) => {
      const { emails, role } = c.req.valid("json");
      const origin = new URL(c.req.url).origin;
      const results = await inviteMembers(c.var.wctx, emails, role, origin);
      return c.json({ result: "success" as const, invitation_results: results, tenant_id: c.var.wctx.workspace.id }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/workspaces/current/members/{member_id}/update-role",
      tags: ["members"],
      summary: "Change a member's role",
      ...guard("admin"),
      request: {
        params: memberParam,
        body: { required: true, content: { "application/json": { schema: z.strictObject({ role: z.enum(ROLES) }) } } },
      },
      responses: { 200: json(resultSchema) },
    }),
    async (c) => {
      await updateMemberRole(c.var.wctx, c.req.valid("param").member_id, c.req.valid("json").role);
      return c.json({ result: "success" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/workspaces/current/members/{member_id}",
      tags: ["members"],
      summary: "Remove a member from the workspace",
      ...guard("admin"),
      request: { params: memberParam },
      responses: { 200: json(resultSchema) },
    }),
    async (c) => {
      await removeMember(c.var.wctx, c.req.valid("param").member_id);
      return c.json({ result: "success" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/workspaces/current/invitations",
      tags: ["members"],
      summary: "Pending invitations",
      ...guard("admin"),
      responses: {
        200: json(
          z.object({
            data: z.array(
              z.object({
                id: z.string(),
                email: z.string(),
                role: z.enum(ROLES),
                expires_at: z.number().int(),
                created_at: z.number().int(),
              }),
            ),
          }),
        ),
      },
    }),
    async (c) => c.json({ data: await listInvitations(c.var.wctx) }, 200),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/workspaces/current/invitations/{invitation_id}",
      tags: ["members"],
      summary: "Revoke a pending invitation",
      ...guard("admin"),
      request: { params: z.object({ invitation_id: z.string().min(1).max(64) }) },
      responses: { 204: noContent },
    }),
    async (c) => {
      await revokeInvitation(c.var.wctx, c.req.valid("param").invitation_id);
      return c.body(null, 204);
    },
  );

  return app;
}
