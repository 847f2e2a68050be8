// Messages through the Service API: a conversation's history, feedback on an answer, and
// suggested follow-up questions.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { listAppFeedbacks, listMessages, setFeedback } from "../../apps/messages";
import { suggestQuestions } from "../../apps/suggested-questions";
import type { HonoEnv } from "../../hono-env";
import { errorSchema, json, resultSchema } from "../access";
import { messagePageSchema, messageParam } from "../message-schemas";
import { endUserOf, requiredUser, serviceAccess, serviceErrorResponses, userField } from "./access";

export function messageRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/messages",
      summary: "The latest messages of a conversation, oldest first; first_id pages back",
      ...serviceAccess({ modes: "chat" }),
      request: {
        query: z.object({
          conversation_id: z.string({ error: "Field required" }).min(1).max(64),
          user: userField.optional(),
          first_id: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
      responses: {
        200: json(messagePageSchema),
        ...serviceErrorResponses,
        404: json(errorSchema, "Conversation Not Exists. / First Message Not Exists."),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const endUser = await endUserOf(c, q.user);
      const { app: a, tctx } = c.var.service;
      const page = await listMessages(tctx, a.id, q.conversation_id, { endUserId: endUser.id, accountId: null }, {
        firstId: q.first_id || undefined,
        limit: q.limit,
      });
      return c.json(page as z.infer<typeof messagePageSchema>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/messages/{message_id}/feedbacks",
      summary: "Like or dislike an answer; a null rating withdraws it",
      ...serviceAccess(),
      request: {
        params: messageParam,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z
                .object({
                  rating: z.enum(["like", "dislike"]).nullish(),
                  user: requiredUser,
                  content: z.string().max(10_000).nullish(),
                })
                .openapi("FeedbackRequest"),
            },
          },
        },
      },
      responses: { 200: json(resultSchema), ...serviceErrorResponses, 404: json(errorSchema, "Message Not Exists.") },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const endUser = await endUserOf(c, b.user);
      const { app: a, tctx } = c.var.service;
      await setFeedback(tctx, a.id, c.req.valid("param").message_id, { endUserId: endUser.id, accountId: null }, {
        rating: b.rating ?? null,
        content: b.content,
      });
      return c.json({ result: "success" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/messages/{message_id}/suggested",
      summary: "Three follow-up questions for an answer, when the app enables them",
      ...serviceAccess({ modes: "chat" }),
      request: { params: messageParam, query: z.object({ user: requiredUser }) },
      responses: {
        200: json(z.object({ result: z.literal("success"), data: z.array(z.string()) })),
        ...serviceErrorResponses,
        404: json(errorSchema, "Message Not Exists."),
      },
    }),
    async (c) => {
      const endUser = await endUserOf(c, c.req.valid("query").user);
      const { app: a, config, tctx } = c.var.service;
      const owner = { endUserId: endUser.id, accountId: null };
      const data = await suggestQuestions(tctx, a, config, c.req.valid("param").message_id, owner);
      return c.json({ result: "success" as const, data }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/app/feedbacks",
      summary: "Every like and dislike on the app's answers, newest first",
      ...serviceAccess(),
      request: {
        query: z.object({
          page: z.coerce.number().int().min(1).default(1),
          limit: z.coerce.number().int().min(1).max(101).default(20),
        }),
      },
      responses: {
        200: json(
          z.object({
            data: z.array(
              z.object({
                id: z.string(),
                app_id: z.string(),
                conversation_id: z.string(),
                message_id: z.string(),
                rating: z.string(),
                content: z.string().nullable(),
                from_source: z.string(),
                from_end_user_id: z.string().nullable(),
                from_account_id: z.string().nullable(),
                created_at: z.string().openapi({ description: "ISO 8601, UTC without an offset (as Dify prints it)" }),
                updated_at: z.string(),
              }),
            ),
          }),
        ),
        ...serviceErrorResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const { app: a, tctx } = c.var.service;
      return c.json({ data: await listAppFeedbacks(tctx, a.id, q) }, 200);
    },
  );

  return app;
}
