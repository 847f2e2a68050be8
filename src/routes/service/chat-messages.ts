// Running an app through the Service API: POST /chat-messages and /completion-messages in
// blocking or streaming mode, and stopping a running task.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { startRun } from "../../apps/generate";
import { assertAgentStreaming } from "../../apps/runners/agent";
import { stopTask } from "../../apps/tasks";
import { resolveRunFiles } from "../../apps/upload-files";
import type { HonoEnv } from "../../hono-env";
import { KilnError } from "../../lib/errors";
import { errorSchema, json, resultSchema } from "../access";
import { arrivalOf, endUserOf, requiredUser, serviceAccess, serviceErrorResponses } from "./access";
import { collectRun, pythonJsonResponse, streamRun } from "../run-transport";
import { chatflowResponse } from "./chatflow";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const required = { error: "Field required" };

export const fileRef = z
  .object({
    type: z.enum(["image", "document", "audio", "video", "custom"]),
    transfer_method: z.enum(["remote_url", "local_file"]),
    url: z.string().max(4096).nullish(),
    upload_file_id: z.string().max(64).nullish(),
  })
  .openapi("FileRef");

// Dify's payloads are lenient pydantic models: unknown fields are ignored, so these are not strict.
const runFields = {
  inputs: z.record(z.string(), z.unknown(), required),
  response_mode: z.enum(["blocking", "streaming"]).nullish().openapi({ description: "absent means blocking" }),
  user: requiredUser,
  files: z.array(fileRef).max(50).nullish(),
};

const chatBody = z
  .object({
    ...runFields,
    query: z.string(required),
    conversation_id: z
      .string()
      .nullish()
      .transform((v) => v?.trim() || null)
      .refine((v) => v === null || UUID.test(v), "conversation_id must be a valid UUID"),
    auto_generate_name: z.boolean().optional(),
  })
  .openapi("ChatMessageRequest");

const completionBody = z.object({ ...runFields, query: z.string().default("") }).openapi("CompletionMessageRequest");

const usageSchema = z.record(z.string(), z.unknown()).openapi("Usage");
const blockingSchema = z
  .object({
    event: z.literal("message"),
    task_id: z.string(),
    id: z.string(),
    message_id: z.string(),
    conversation_id: z.string().optional(),
    mode: z.string(),
    answer: z.string(),
    metadata: z.object({
      annotation_reply: z.object({ id: z.string(), account: z.object({ id: z.string().nullable(), name: z.string() }) }).nullable(),
      retriever_resources: z.array(z.unknown()), usage: usageSchema }),
    created_at: z.number().int(),
  })
  .openapi("MessageResponse");

const runResponses = {
  200: {
    description: "Blocking: the answer as JSON. Streaming: Dify's SSE frames (`data: {…}`, `event: ping`).",
    content: {
      "application/json": { schema: blockingSchema },
      "text/event-stream": { schema: z.string() },
    },
  },
  ...serviceErrorResponses,
  404: json(errorSchema, "Conversation Not Exists."),
};

const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });

interface RunInput {
  user: string | number;
  query: string;
  inputs: Record<string, unknown>;
  conversationId?: string | null;
  files?: z.infer<typeof fileRef>[] | null;
  streaming: boolean;
}

async function run(c: Context<HonoEnv>, input: RunInput) {
  const { app, config, version, tctx } = c.var.service;
  if (app.mode === "advanced-chat") return chatflowResponse(c, input);
  assertAgentStreaming(app.mode, input.streaming);
  if (app.mode !== "chat" && app.mode !== "completion" && app.mode !== "agent-chat") {
    throw new KilnError("app_unavailable", 400, `App unavailable: ${app.mode} apps cannot run through this API yet.`);
  }
  const endUser = await endUserOf(c, input.user);
  const { files, images } = await resolveRunFiles(tctx, config, input.files);
  const started = await startRun(tctx, {
    app,
    config,
    configVersion: version,
    source: "api",
    endUser,
    accountId: null,
    query: input.query,
    inputs: input.inputs,
    conversationId: input.conversationId,
    files,
    images,
    receivedAt: arrivalOf(c),
    blocking: !input.streaming,
  });
  if (input.streaming) return streamRun(started);
  return pythonJsonResponse(await collectRun(started, app, c.req.raw.signal));
}

const stopBody = z.object({ user: requiredUser }).openapi("StopRequest");
const taskParam = z.object({ task_id: z.string().min(1).max(64) });

export function chatMessageRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "post",
      path: "/chat-messages",
      summary: "Send a chat message (chat apps)",
      ...serviceAccess({ modes: "chat", runs: true }),
      request: body(chatBody),
      responses: runResponses,
    }),
    async (c) => {
      const b = c.req.valid("json");
      return run(c, {
        user: b.user,
        query: b.query,
        inputs: b.inputs,
        conversationId: b.conversation_id,
        files: b.files,
        streaming: b.response_mode === "streaming",
      });
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/completion-messages",
      summary: "Send a completion request (completion apps)",
      ...serviceAccess({ modes: "completion", runs: true }),
      request: body(completionBody),
      responses: runResponses,
    }),
    async (c) => {
      const b = c.req.valid("json");
      return run(c, { user: b.user, query: b.query, inputs: b.inputs, files: b.files, streaming: b.response_mode === "streaming" });
    },
  );

  for (const [kind, modes] of [
    ["chat", "chat"],
    ["completion", "completion"],
  ] as const) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/${kind}-messages/{task_id}/stop`,
        summary: `Stop a running ${kind} generation (only its own user's; unknown tasks are ignored)`,
        ...serviceAccess({ modes }),
        request: { params: taskParam, ...body(stopBody) },
        responses: { 200: json(resultSchema), ...serviceErrorResponses },
      }),
      async (c) => {
        const endUser = await endUserOf(c, c.req.valid("json").user);
        await stopTask(c.var.service.tctx, c.req.valid("param").task_id, endUser.id);
        return c.json({ result: "success" as const }, 200);
      },
    );
  }

  return app;
}
