// The browser's own conversations of a chat app: list, rename, delete. Another browser's
// conversation is "not found", never "forbidden".
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { deleteConversation, listConversations, renameConversation } from "../../apps/conversations";
import type { WebAppCaller, WebAppEnv } from "../../middleware/end-user";
import { errorSchema, json, noContent } from "../access";
import { webappAccess } from "./access";

const conversationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    inputs: z.record(z.string(), z.unknown()),
    status: z.string(),
    introduction: z.string(),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("WebAppConversation");

const conversationId = z.object({ c_id: z.string().min(1).max(64) });

/** The browser's end user as the owner of conversations and messages. */
export const ownerOf = (w: WebAppCaller) => ({ endUserId: w.endUser.id, accountId: null });

export function conversationRoutes() {
  const app = new OpenAPIHono<WebAppEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/conversations",
      tags: ["webapp"],
      summary: "This browser's conversations, most recently active first",
      ...webappAccess({ mode: "chat" }),
      request: {
        query: z.object({
          last_id: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          sort_by: z.enum(["created_at", "-created_at", "updated_at", "-updated_at"]).default("-updated_at"),
          pinned: z.enum(["true", "false"]).optional(),
        }),
      },
      responses: {
        200: json(z.object({ limit: z.number().int(), has_more: z.boolean(), data: z.array(conversationSchema) })),
        404: json(errorSchema, "last_id is not one of this browser's conversations"),
      },
    }),
    async (c) => {
      const w = c.var.webapp;
      const owner = ownerOf(w);
      const q = c.req.valid("query");
      // Kiln has no pinned conversations: Dify's WebApp asks for the pinned ones and the rest
      // separately, so the pinned list is empty and the other holds everything.
      if (q.pinned === "true") return c.json({ limit: q.limit, has_more: false, data: [] }, 200);
      return c.json(await listConversations(w.tctx, w.app.id, owner, { lastId: q.last_id, limit: q.limit, sortBy: q.sort_by }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/conversations/{c_id}",
      tags: ["webapp"],
      summary: "Delete one of this browser's conversations",
      ...webappAccess({ mode: "chat" }),
      request: { params: conversationId },
      responses: { 204: noContent, 404: json(errorSchema, "Conversation Not Exists.") },
    }),
    async (c) => {
      const w = c.var.webapp;
      await deleteConversation(w.tctx, w.app.id, c.req.valid("param").c_id, ownerOf(w));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{c_id}/name",
      tags: ["webapp"],
      summary: "Rename a conversation, or name it after its first question",
      ...webappAccess({ mode: "chat" }),
      request: {
        params: conversationId,
        body: {
          content: {
            "application/json": {
              schema: z.object({ name: z.string().max(255).nullish(), auto_generate: z.boolean().default(false) }),
            },
          },
          required: true,
        },
      },
      responses: { 200: json(conversationSchema), 404: json(errorSchema, "Conversation Not Exists.") },
    }),
    async (c) => {
      const w = c.var.webapp;
      const body = c.req.valid("json");
      const renamed = await renameConversation(w.tctx, w.app.id, c.req.valid("param").c_id, ownerOf(w), {
        name: body.name ?? undefined,
        auto_generate: body.auto_generate,
      });
      return c.json(renamed, 200);
    },
  );

  return app;
}
