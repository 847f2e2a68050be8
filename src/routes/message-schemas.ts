// The message shape both public surfaces return (Service API /v1 and the WebApp /api), as Dify's
// `message_fields`: one schema, so the two cannot drift apart.
import { z } from "@hono/zod-openapi";

export const messageSchema = z
  .object({
    id: z.string(),
    conversation_id: z.string(),
    parent_message_id: z.string().nullable(),
    inputs: z.record(z.string(), z.unknown()),
    query: z.string(),
    answer: z.string(),
    message_files: z.array(z.any()),
    feedback: z.object({ rating: z.enum(["like", "dislike"]) }).nullable(),
    retriever_resources: z.array(z.any()),
    created_at: z.number().int(),
    agent_thoughts: z.array(z.any()),
    status: z.string(),
    error: z.string().nullable(),
  })
  .openapi("Message");

export const messagePageSchema = z.object({ limit: z.number().int(), has_more: z.boolean(), data: z.array(messageSchema) });

export const messageParam = z.object({ message_id: z.string().min(1).max(64) });
