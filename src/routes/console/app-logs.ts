// An app's logs for the console: messages (filterable by time, status, feedback, keyword and
// source), conversations with their messages, and a member's own rating of an answer.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { getApp } from "../../apps/apps";
import { setFeedback } from "../../apps/messages";
import { MESSAGE_SOURCES } from "../../db/conversations";
import type { HonoEnv } from "../../hono-env";
import { getConversationLog, getMessageLog, listConversationLogs, listMessageLogs } from "../../observability/logs";
import { guard, json, resultSchema } from "../access";
import { humanInputContentSchema } from "../message-schemas";
import { appParam, jsonBody } from "./apps";

const DIFY_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

/**
 * A time bound: Unix seconds, or Dify's `YYYY-MM-DD HH:MM` (UTC) meaning the whole minute —
 * from its first second for `start`, through its last for `end`. Answers epoch ms, with `end`
 * exclusive.
 */
const timeBound = (edge: "start" | "end") =>
  z
    .string()
    .trim()
    .transform((raw, ctx) => {
      if (/^\d{1,12}$/.test(raw)) return (Number(raw) + (edge === "end" ? 1 : 0)) * 1000;
      const m = raw.match(DIFY_TIME);
      const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) : Number.NaN;
      if (Number.isNaN(ms) || new Date(ms).getUTCDate() !== Number(m?.[3])) {
        ctx.addIssue({ code: "custom", message: "a Unix time in seconds or YYYY-MM-DD HH:MM" });
        return z.NEVER;
      }
      return ms + (edge === "end" ? 60_000 : 0);
    })
    .optional();

const pageFields = {
  page: z.coerce.number().int().min(1).max(99999).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
};
const filterFields = {
  start: timeBound("start"),
  end: timeBound("end"),
  keyword: z.string().trim().max(200).optional(),
  source: z.enum(MESSAGE_SOURCES).optional(),
};

const feedbackSchema = z.object({ rating: z.enum(["like", "dislike"]), content: z.string().nullable() }).nullable();
const messageLogSchema = z
  .object({
    id: z.string(),
    conversation_id: z.string(),
    from_source: z.enum(MESSAGE_SOURCES),
    from_end_user_id: z.string().nullable(),
    from_end_user_session_id: z.string().nullable(),
    from_account_id: z.string().nullable(),
    from_account_name: z.string().nullable(),
    inputs: z.record(z.string(), z.unknown()),
    query: z.string(),
    answer: z.string(),
    status: z.enum(["normal", "error", "stopped", "paused"]),
    error: z.string().nullable(),
    reply_source: z.string(),
    config_version: z.number().int(),
    model_provider: z.string(),
    model_id: z.string(),
    message_tokens: z.number().int(),
    answer_tokens: z.number().int(),
    total_tokens: z.number().int(),
    message_price: z.string(),
    answer_price: z.string(),
    total_price: z.string(),
    currency: z.string(),
    provider_response_latency: z.number(),
    latency: z.number(),
    time_to_first_token: z.number().nullable(),
    retriever_resources: z.array(z.unknown()),
    /** Agent apps: each step (thought, tool, tool_input, observation), Dify's agent_thoughts. */
    agent_thoughts: z.array(z.unknown()),
    feedback: feedbackSchema,
    admin_feedback: feedbackSchema,
    created_at: z.number().int(),
    /** Chatflow apps: the turn's Human Input forms, open or answered (Dify's extra_contents). */
    extra_contents: z.array(humanInputContentSchema),
  })
  .openapi("MessageLog");

const conversationLogSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    mode: z.string(),
    status: z.string(),
    from_source: z.enum(MESSAGE_SOURCES),
    from_end_user_id: z.string().nullable(),
    from_end_user_session_id: z.string().nullable(),
    from_account_id: z.string().nullable(),
    from_account_name: z.string().nullable(),
    inputs: z.record(z.string(), z.unknown()),
    introduction: z.string(),
    message_count: z.number().int(),
    user_feedback_stats: z.object({ like: z.number().int(), dislike: z.number().int() }),
    admin_feedback_stats: z.object({ like: z.number().int(), dislike: z.number().int() }),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("ConversationLog");

const paginated = <T extends z.ZodType>(item: T) =>
  z.object({ page: z.number().int(), limit: z.number().int(), total: z.number().int(), has_more: z.boolean(), data: z.array(item) });

export function appLogRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/messages",
      tags: ["logs"],
      summary: "The app's message log, newest first",
      ...guard("member"),
      request: {
        params: appParam,
        query: z.object({
          ...pageFields,
          ...filterFields,
          status: z.enum(["normal", "error", "stopped"]).optional(),
          feedback: z.enum(["like", "dislike"]).optional(),
        }),
      },
      responses: { 200: json(paginated(messageLogSchema)) },
    }),
    async (c) => {
      const { page, limit, ...filters } = c.req.valid("query");
      return c.json(await listMessageLogs(c.var.wctx, c.req.valid("param").app_id, filters, { page, limit }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/messages/{message_id}",
      tags: ["logs"],
      summary: "One logged message with the prompt exactly as sent to the model",
      ...guard("member"),
      request: { params: appParam.extend({ message_id: z.string().min(1).max(64) }) },
      responses: { 200: json(messageLogSchema.extend({ prompt_messages: z.array(z.unknown()) })) },
    }),
    async (c) => {
      const { app_id, message_id } = c.req.valid("param");
      return c.json(await getMessageLog(c.var.wctx, app_id, message_id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/conversations",
      tags: ["logs"],
      summary: "The app's conversations with message counts and feedback totals",
      ...guard("member"),
      request: {
        params: appParam,
        query: z.object({
          ...pageFields,
          ...filterFields,
          sort_by: z.enum(["created_at", "-created_at", "updated_at", "-updated_at"]).default("-updated_at"),
        }),
      },
      responses: { 200: json(paginated(conversationLogSchema)) },
    }),
    async (c) => {
      const { page, limit, sort_by, ...filters } = c.req.valid("query");
      const result = await listConversationLogs(c.var.wctx, c.req.valid("param").app_id, { ...filters, sortBy: sort_by }, { page, limit });
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/conversations/{conversation_id}",
      tags: ["logs"],
      summary: "A conversation with its messages, oldest first",
      ...guard("member"),
      request: { params: appParam.extend({ conversation_id: z.string().min(1).max(64) }) },
      responses: {
        200: json(
          conversationLogSchema.extend({
            is_deleted: z.boolean(),
            has_more_messages: z.boolean(),
            messages: z.array(messageLogSchema),
          }),
        ),
      },
    }),
    async (c) => {
      const { app_id, conversation_id } = c.req.valid("param");
      return c.json(await getConversationLog(c.var.wctx, app_id, conversation_id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/feedbacks",
      tags: ["logs"],
      summary: "Rate an answer as a member (`from_source: admin`); `rating: null` withdraws it",
      ...guard("app_edit"),
      request: {
        params: appParam,
        ...jsonBody(
          z.object({
            message_id: z.string().min(1).max(64),
            rating: z.enum(["like", "dislike"]).nullable(),
            content: z.string().max(1000).nullish(),
          }),
        ),
      },
      responses: { 200: json(resultSchema) },
    }),
    async (c) => {
      const { message_id, rating, content } = c.req.valid("json");
      const found = await getApp(c.var.wctx, c.req.valid("param").app_id);
      const owner = { endUserId: null, accountId: c.var.wctx.actor.accountId };
      await setFeedback(c.var.wctx, found.id, message_id, owner, { rating, content }, "admin");
      return c.json({ result: "success" as const }, 200);
    },
  );

  return app;
}
