// Sending a message from the WebApp: chat and completion runs (streaming SSE or blocking JSON),
// and stopping a running one. The run is logged with source `webapp` and the browser's end user.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { startRun } from "../../apps/generate";
import { assertAgentStreaming } from "../../apps/runners/agent";
import { stopTask } from "../../apps/tasks";
import { resolveRunFiles } from "../../apps/upload-files";
import type { WebAppCaller, WebAppEnv } from "../../middleware/end-user";
import { startChatflow } from "../../workflow/chatflow";
import { errorSchema, json, resultSchema } from "../access";
import { fileRef } from "../service/chat-messages";
import { webappAccess } from "./access";
import { collectSimpleRun, streamResponse } from "./stream";
import { streamSimpleFrames } from "./workflow-stream";

// Files the visitor uploaded (POST /api/files/upload) or links, as the Service API takes them;
// an app without file upload ignores them, as in Dify.
const files = z.array(fileRef).max(50).nullish();

const responseMode = z.enum(["blocking", "streaming"]).nullish().openapi({ description: "Absent means blocking, as in Dify" });

const chatBody = z
  .object({
    inputs: z.record(z.string(), z.unknown()),
    query: z.string(),
    files,
    response_mode: responseMode,
    conversation_id: z.string().max(64).nullish(),
    parent_message_id: z.string().nullish(),
    retriever_from: z.string().optional(),
    auto_generate_name: z.boolean().optional(),
  })
  .openapi("WebAppChatRequest");

const completionBody = z
  .object({
    inputs: z.record(z.string(), z.unknown()),
    query: z.string().default(""),
    files,
    response_mode: responseMode,
    retriever_from: z.string().optional(),
  })
  .openapi("WebAppCompletionRequest");

const blockingSchema = z
  .object({
    event: z.literal("message"),
    task_id: z.string(),
    id: z.string(),
    message_id: z.string(),
    conversation_id: z.string().optional(),
    mode: z.string(),
    answer: z.string(),
    metadata: z.object({ retriever_resources: z.array(z.record(z.string(), z.unknown())) }),
    created_at: z.number().int(),
  })
  .openapi("WebAppMessage");

const runResponses = {
  200: {
    description: "Blocking: the answer as JSON. Streaming: `text/event-stream` of Dify's `message`, `message_replace`, `message_end` (no usage) and `error` events, with `event: ping` keep-alives.",
    content: {
      "application/json": { schema: blockingSchema },
      "text/event-stream": { schema: z.string() },
    },
  },
  400: json(errorSchema, "Invalid inputs, wrong app mode or a model error before the stream started"),
  401: json(errorSchema, "Missing, forged or expired passport"),
  404: json(errorSchema, "Conversation not found (or not this browser's)"),
  429: json(errorSchema, "Too many messages from this browser"),
};

async function run(w: WebAppCaller, body: { query: string; inputs: Record<string, unknown>; conversation_id?: string | null; files?: z.infer<typeof files> }) {
  const resolved = await resolveRunFiles(w.tctx, w.config, body.files);
  return startRun(w.tctx, {
    app: w.app,
    config: w.config,
    configVersion: w.version,
    source: "webapp",
    endUser: w.endUser,
    accountId: null,
    query: body.query,
    inputs: body.inputs,
    conversationId: body.conversation_id || null,
    files: resolved.files,
    images: resolved.images,
  });
}

/** A chatflow app answers with its published workflow (the runs' chatflow runner), simple frames. */
async function chatflow(w: WebAppCaller, body: z.infer<typeof chatBody>, signal: AbortSignal) {
  const flow = await startChatflow(w.tctx, {
    app: w.app,
    endUser: w.endUser,
    query: body.query,
    inputs: body.inputs,
    conversationId: body.conversation_id || null,
    files: body.files ?? [],
    configVersion: w.version,
    source: "webapp",
  });
  if (body.response_mode === "streaming") return streamSimpleFrames(flow.frames, flow.run.abort);
  const answer = await flow.collect(signal);
  // The simple form of the answer: no usage or annotation reply in the metadata.
  const { retriever_resources } = answer.metadata as { retriever_resources?: unknown[] };
  return Response.json({ ...answer, metadata: { retriever_resources: retriever_resources ?? [] } });
}

export function generateRoutes() {
  const app = new OpenAPIHono<WebAppEnv>();

  app.openapi(
    createRoute({
      method: "post",
      path: "/chat-messages",
      tags: ["webapp"],
      summary: "Send a chat message (new conversation, or continue one of this browser's)",
      ...webappAccess({ mode: "chat", generation: true }),
      request: { body: { content: { "application/json": { schema: chatBody } }, required: true } },
      responses: runResponses,
    }),
    async (c) => {
      const w = c.var.webapp;
      const body = c.req.valid("json");
      if (w.app.mode === "advanced-chat") return chatflow(w, body, c.req.raw.signal);
      assertAgentStreaming(w.app.mode, body.response_mode === "streaming");
      const r = await run(w, body);
      if (body.response_mode === "streaming") return streamResponse(r);
      return c.json(await collectSimpleRun(r, w.app), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/completion-messages",
      tags: ["webapp"],
      summary: "Generate a completion from the form inputs",
      ...webappAccess({ mode: "completion", generation: true }),
      request: { body: { content: { "application/json": { schema: completionBody } }, required: true } },
      responses: runResponses,
    }),
    async (c) => {
      const w = c.var.webapp;
      const body = c.req.valid("json");
      const r = await run(w, body);
      if (body.response_mode === "streaming") return streamResponse(r);
      return c.json(await collectSimpleRun(r, w.app), 200);
    },
  );

  for (const kind of ["chat", "completion"] as const) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/${kind}-messages/{task_id}/stop`,
        tags: ["webapp"],
        summary: `Stop a running ${kind} generation of this browser (unknown tasks are ignored, as in Dify)`,
        ...webappAccess({ mode: kind }),
        request: { params: z.object({ task_id: z.string().min(1).max(64) }) },
        responses: { 200: json(resultSchema) },
      }),
      async (c) => {
        const w = c.var.webapp;
        // Workflow runs (a chatflow's answer) take the app as their stop owner.
        const owner = w.app.mode === "advanced-chat" ? w.app.id : w.endUser.id;
        await stopTask(w.tctx, c.req.valid("param").task_id, owner);
        return c.json({ result: "success" as const }, 200);
      },
    );
  }

  return app;
}
