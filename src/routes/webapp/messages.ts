// Messages of the browser's conversations: the history, like/dislike, and follow-up suggestions.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { listMessages, setFeedback } from "../../apps/messages";
import { suggestQuestions } from "../../apps/suggested-questions";
import type { WebAppEnv } from "../../middleware/end-user";
import { errorSchema, json, resultSchema } from "../access";
import { messagePageSchema, messageParam } from "../message-schemas";
import { webappAccess } from "./access";
import { ownerOf } from "./conversations";

export function messageRoutes() {
  const app = new OpenAPIHono<WebAppEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/messages",
      tags: ["webapp"],
      summary: "The latest messages of one of this browser's conversations, oldest first; first_id pages back",
      ...webappAccess({ mode: "chat" }),
      request: {
        query: z.object({
          conversation_id: z.string().min(1).max(64),
          first_id: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
      responses: {
        200: json(messagePageSchema),
        404: json(errorSchema, "Conversation Not Exists."),
      },
    }),
    async (c) => {
      const w = c.var.webapp;
      const q = c.req.valid("query");
      const page: z.infer<typeof messagePageSchema> = await listMessages(w.tctx, w.app.id, q.conversation_id, ownerOf(w), {
        firstId: q.first_id,
        limit: q.limit,
      });
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/messages/{message_id}/feedbacks",
      tags: ["webapp"],
      summary: "Like or dislike an answer; a null rating withdraws it",
      ...webappAccess(),
      request: {
        params: messageParam,
        body: {
          content: {
            "application/json": {
              schema: z.object({
                rating: z.enum(["like", "dislike"]).nullable(),
                content: z.string().max(10_000).nullish(),
              }),
            },
          },
          required: true,
        },
      },
      responses: { 200: json(resultSchema), 404: json(errorSchema, "Message Not Exists.") },
    }),
    async (c) => {
      const w = c.var.webapp;
      const body = c.req.valid("json");
      // Completion apps take feedback too.
      await setFeedback(w.tctx, w.app.id, c.req.valid("param").message_id, ownerOf(w), body);
      return c.json({ result: "success" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/messages/{message_id}/suggested-questions",
      tags: ["webapp"],
      summary: "Follow-up questions for an answer, when the app enables them",
      ...webappAccess({ mode: "chat", generation: true }),
      request: { params: messageParam },
      responses: {
        200: json(z.object({ data: z.array(z.string()) })),
        400: json(errorSchema, "Suggested questions after answer are disabled"),
        404: json(errorSchema, "Message Not Exists."),
      },
    }),
    async (c) => {
      const w = c.var.webapp;
      return c.json({ data: await suggestQuestions(w.tctx, w.app, w.config, c.req.valid("param").message_id, ownerOf(w)) }, 200);
    },
  );

  return app;
}
