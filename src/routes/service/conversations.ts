// An end user's conversations through the Service API: list, delete, rename, and a chatflow
// conversation's variables (list, set one).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { deleteConversation, listConversations, renameConversation } from "../../apps/conversations";
import type { HonoEnv } from "../../hono-env";
import { listConversationVariables, updateConversationVariable } from "../../workflow/conversation-variables";
import { errorSchema, json, noContent } from "../access";
import { endUserOf, serviceAccess, serviceErrorResponses, userField } from "./access";

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
  .openapi("Conversation");

const conversationParam = z.object({ conversation_id: z.string().min(1).max(64) });
const notFound = json(errorSchema, "Conversation Not Exists.");
const owner = (endUserId: string) => ({ endUserId, accountId: null });

export function conversationRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/conversations",
      summary: "The end user's conversations; last_id pages on",
      ...serviceAccess({ modes: "chat" }),
      request: {
        query: z.object({
          user: userField.optional(),
          last_id: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          sort_by: z.enum(["created_at", "-created_at", "updated_at", "-updated_at"]).default("-updated_at"),
        }),
      },
      responses: {
        200: json(z.object({ limit: z.number().int(), has_more: z.boolean(), data: z.array(conversationSchema) })),
        ...serviceErrorResponses,
        404: json(errorSchema, "Last Conversation Not Exists."),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const endUser = await endUserOf(c, q.user);
      const { app: a, tctx } = c.var.service;
      const page = await listConversations(tctx, a.id, owner(endUser.id), {
        lastId: q.last_id || undefined,
        limit: q.limit,
        sortBy: q.sort_by,
      });
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/conversations/{conversation_id}",
      summary: "Delete a conversation (204, empty body)",
      ...serviceAccess({ modes: "chat" }),
      request: {
        params: conversationParam,
        body: { required: false, content: { "application/json": { schema: z.object({ user: userField.optional() }) } } },
      },
      responses: { 204: noContent, ...serviceErrorResponses, 404: notFound },
    }),
    async (c) => {
      const endUser = await endUserOf(c, c.req.valid("json").user);
      const { app: a, tctx } = c.var.service;
      await deleteConversation(tctx, a.id, c.req.valid("param").conversation_id, owner(endUser.id));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversation_id}/name",
      summary: "Rename a conversation, or name it after its first question",
      ...serviceAccess({ modes: "chat" }),
      request: {
        params: conversationParam,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z
                .object({
                  name: z.string().max(255).nullish(),
                  auto_generate: z.boolean().default(false),
                  user: userField.optional(),
                })
                .openapi("ConversationRenameRequest"),
            },
          },
        },
      },
      responses: { 200: json(conversationSchema), ...serviceErrorResponses, 404: notFound },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const endUser = await endUserOf(c, b.user);
      const { app: a, tctx } = c.var.service;
      const renamed = await renameConversation(tctx, a.id, c.req.valid("param").conversation_id, owner(endUser.id), {
        name: b.name ?? undefined,
        auto_generate: b.auto_generate,
      });
      return c.json(renamed, 200);
    },
  );

  const variableSchema = z
    .object({
      id: z.string(),
      name: z.string(),
      value_type: z.string(),
      value: z.string().nullable().openapi({ description: "The value as text (Python's str() of it, as Dify prints it)" }),
      description: z.string(),
      created_at: z.number().int(),
      updated_at: z.number().int(),
    })
    .openapi("ConversationVariable");

  app.openapi(
    createRoute({
      method: "get",
      path: "/conversations/{conversation_id}/variables",
      summary: "A chatflow conversation's variables, in creation order; last_id pages on",
      ...serviceAccess({ modes: "chat" }),
      request: {
        params: conversationParam,
        query: z.object({
          user: userField.optional(),
          last_id: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          variable_name: z
            .string()
            .min(1)
            .max(255)
            .regex(/^[A-Za-z0-9._-]+$/, "Variable name can only contain letters, numbers, hyphens (-), underscores (_), and periods (.)")
            .optional(),
        }),
      },
      responses: {
        200: json(z.object({ limit: z.number().int(), has_more: z.boolean(), data: z.array(variableSchema) })),
        ...serviceErrorResponses,
        404: json(errorSchema, "Conversation Not Exists. / Conversation Variable Not Exists. (last_id)"),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const endUser = await endUserOf(c, q.user);
      const { app: a, tctx } = c.var.service;
      const page = await listConversationVariables(tctx, a.id, c.req.valid("param").conversation_id, owner(endUser.id), {
        lastId: q.last_id || undefined,
        limit: q.limit,
        variableName: q.variable_name,
      });
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/conversations/{conversation_id}/variables/{variable_id}",
      summary: "Set a conversation variable's value (it must match the variable's type)",
      ...serviceAccess({ modes: "chat" }),
      request: {
        params: conversationParam.extend({ variable_id: z.string().min(1).max(64) }),
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z
                .object({ value: z.unknown().refine((v) => v !== undefined, "Field required"), user: userField.optional() })
                .openapi("ConversationVariableUpdateRequest"),
            },
          },
        },
      },
      responses: {
        200: json(variableSchema),
        ...serviceErrorResponses,
        404: json(errorSchema, "Conversation Not Exists. / Conversation Variable Not Exists."),
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const p = c.req.valid("param");
      const endUser = await endUserOf(c, b.user);
      const { app: a, tctx } = c.var.service;
      return c.json(await updateConversationVariable(tctx, a.id, p.conversation_id, p.variable_id, owner(endUser.id), b.value), 200);
    },
  );

  return app;
}
