// Workspaces of the signed-in account: list, create, rename, switch.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  createWorkspace,
  getCurrentWorkspace,
  listWorkspaces,
  renameWorkspace,
  switchWorkspace,
} from "../../auth/workspaces";
import { ROLES } from "../../db/workspaces";
import type { HonoEnv } from "../../hono-env";
import { guard, json } from "../access";

const workspaceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    plan: z.string(),
    status: z.string(),
    created_at: z.number().int(),
    role: z.enum(ROLES),
  })
  .openapi("Workspace");

const nameBody = {
  body: {
    required: true,
    content: { "application/json": { schema: z.strictObject({ name: z.string().trim().min(1).max(60) }) } },
  },
};

export function workspaceRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/workspaces",
      tags: ["workspaces"],
      summary: "Workspaces the account belongs to",
      ...guard("account"),
      responses: {
        200: json(z.object({ workspaces: z.array(workspaceSchema.extend({ current: z.boolean() })) })),
      },
    }),
    async (c) => {
      const s = c.var.session;
      return c.json({ workspaces: await listWorkspaces(c.var.ctx, s.accountId, s.workspace?.id ?? null) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/workspaces",
      tags: ["workspaces"],
      summary: "Create a workspace owned by the caller",
      ...guard("account"),
      request: nameBody,
      responses: { 201: json(workspaceSchema) },
    }),
    async (c) => c.json(await createWorkspace(c.var.ctx, c.var.session.accountId, c.req.valid("json").name), 201),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/workspaces/current",
      tags: ["workspaces"],
      summary: "The current workspace and the caller's role in it",
      ...guard("member"),
      responses: { 200: json(workspaceSchema) },
    }),
    async (c) => c.json(await getCurrentWorkspace(c.var.wctx), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/workspaces/info",
      tags: ["workspaces"],
      summary: "Rename the current workspace",
      ...guard("admin"),
      request: nameBody,
      responses: { 200: json(workspaceSchema) },
    }),
    async (c) => c.json(await renameWorkspace(c.var.wctx, c.req.valid("json").name), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/workspaces/switch",
      tags: ["workspaces"],
      summary: "Make another of your workspaces current",
      ...guard("account"),
      request: {
        body: {
          required: true,
          content: { "application/json": { schema: z.strictObject({ tenant_id: z.string().min(1).max(64) }) } },
        },
      },
      responses: { 200: json(z.object({ result: z.literal("success"), new_tenant: workspaceSchema })) },
    }),
    async (c) => {
      const s = c.var.session;
      const w = await switchWorkspace(c.var.ctx, s.accountId, s.sessionId, c.req.valid("json").tenant_id);
      return c.json({ result: "success" as const, new_tenant: w }, 200);
    },
  );

  return app;
}
