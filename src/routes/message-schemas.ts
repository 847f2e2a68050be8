// The message shape both public surfaces return (Service API /v1 and the WebApp /api), as Dify's
// `message_fields`: one schema, so the two cannot drift apart.
import { z } from "@hono/zod-openapi";

/**
 * A Human Input form of a chatflow message (Dify's `extra_contents` item): open (with its token when
 * the web app may answer it) or answered (with the action and values).
 */
export const humanInputContentSchema = z
  .object({
    workflow_run_id: z.string(),
    submitted: z.boolean(),
    form_definition: z.object({
      form_id: z.string(),
      node_id: z.string(),
      node_title: z.string(),
      form_content: z.string(),
      inputs: z.array(z.any()),
      actions: z.array(z.any()),
      display_in_ui: z.boolean(),
      form_token: z.string().optional(),
      resolved_default_values: z.record(z.string(), z.unknown()),
      expiration_time: z.number().int(),
    }),
    form_submission_data: z
      .object({
        node_id: z.string(),
        node_title: z.string(),
        rendered_content: z.string(),
        action_id: z.string(),
        action_text: z.string(),
        submitted_data: z.record(z.string(), z.unknown()),
      })
      .optional(),
    type: z.literal("human_input"),
  })
  .openapi("HumanInputContent");

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
    extra_contents: z.array(humanInputContentSchema),
  })
  .openapi("Message");

export const messagePageSchema = z.object({ limit: z.number().int(), has_more: z.boolean(), data: z.array(messageSchema) });

export const messageParam = z.object({ message_id: z.string().min(1).max(64) });
