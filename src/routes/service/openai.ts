// POST /v1/chat/completions: the app behind the key, called like OpenAI's Chat Completions, so
// OpenAI SDKs and tools can use a Kiln app unchanged. The last user message is the query, `user`
// the end user; `model` is accepted and ignored (the app's model answers). History lives in Kiln:
// pass `conversation_id` (body) or `X-Conversation-Id` (header) to continue a conversation.
// Errors on this route, including authentication, use OpenAI's error body.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { startRun } from "../../apps/generate";
import { type FileRef, resolveRunFiles } from "../../apps/upload-files";
import type { HonoEnv } from "../../hono-env";
import { Invalid, KilnError } from "../../lib/errors";
import { arrivalOf, endUserOf, serviceAccess } from "./access";
import { collectCompletion, openAIError, streamCompletion } from "./openai-format";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const contentPart = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  image_url: z.union([z.string(), z.looseObject({ url: z.string() })]).optional(),
});

const chatMessage = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: z.union([z.string(), z.array(contentPart)]).nullish(),
});

const completionRequest = z
  .looseObject({
    model: z.string().max(200).optional().openapi({ description: "Ignored: the app's configured model answers" }),
    messages: z.array(chatMessage).min(1).max(1000),
    stream: z.boolean().nullish(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
    user: z.string().max(255).optional(),
    conversation_id: z.string().max(64).nullish().openapi({ description: "Kiln: the conversation to continue" }),
    inputs: z.record(z.string(), z.unknown()).optional().openapi({ description: "Kiln: the app's input variables" }),
  })
  .openapi("ChatCompletionRequest");

const errorBody = z.object({
  error: z.object({ message: z.string(), type: z.string(), param: z.string().nullable(), code: z.string() }),
});

type ChatMessage = z.infer<typeof chatMessage>;

/** The text and images of the last user message. */
function lastUserTurn(messages: ChatMessage[]): { query: string; files: FileRef[] } {
  const last = messages.findLast((m) => m.role === "user");
  if (!last) throw Invalid("messages: the conversation has no user message", ["messages"]);
  if (typeof last.content === "string") return { query: last.content, files: [] };
  const parts = last.content ?? [];
  const query = parts
    .filter((p) => p.type === "text" && typeof p.text === "string")
    .map((p) => p.text)
    .join("\n");
  const files = parts
    .filter((p) => p.type === "image_url" && p.image_url)
    .map((p) => ({
      type: "image",
      transfer_method: "remote_url",
      url: typeof p.image_url === "string" ? p.image_url : p.image_url?.url,
    }));
  return { query, files };
}

export function openAIRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  // This route speaks OpenAI's dialect for every failure: authentication, validation (the app's
  // hook throws Invalid), limits and generation errors.
  app.onError((err, c) => {
    const e =
      err instanceof KilnError
        ? err
        : new KilnError("internal_server_error", 500, "The server encountered an internal error.");
    if (!(err instanceof KilnError)) c.var.ctx?.log.error("unhandled error", { error: String(err), stack: (err as Error)?.stack });
    if (e.status === 401) c.header("WWW-Authenticate", 'Bearer realm="api"');
    if (e.extra.retryAfter) c.header("Retry-After", String(e.extra.retryAfter));
    return c.json(openAIError(e), e.status as 400);
  });

  app.openapi(
    createRoute({
      method: "post",
      path: "/chat/completions",
      summary: "Run the app with OpenAI's Chat Completions format (streaming or not)",
      ...serviceAccess({ runs: true }),
      request: {
        headers: z.object({ "x-conversation-id": z.string().max(64).optional() }),
        body: { required: true, content: { "application/json": { schema: completionRequest } } },
      },
      responses: {
        200: {
          description: "`chat.completion`, or `chat.completion.chunk` SSE ending in `data: [DONE]`",
          content: { "application/json": { schema: z.looseObject({}) }, "text/event-stream": { schema: z.string() } },
        },
        400: { content: { "application/json": { schema: errorBody } }, description: "OpenAI-style error" },
        401: { content: { "application/json": { schema: errorBody } }, description: "Invalid API key" },
        429: { content: { "application/json": { schema: errorBody } }, description: "Rate limited" },
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const { app: a, config, version, tctx } = c.var.service;
      if (a.mode !== "chat" && a.mode !== "completion" && a.mode !== "agent-chat") {
        throw new KilnError("app_unavailable", 400, `App unavailable: ${a.mode} apps cannot run through this API yet.`);
      }
      const conversationId = (body.conversation_id ?? c.req.valid("header")["x-conversation-id"] ?? "").trim() || null;
      if (conversationId && !UUID.test(conversationId)) throw Invalid("conversation_id must be a valid UUID", ["conversation_id"]);
      const turn = lastUserTurn(body.messages);
      const endUser = await endUserOf(c, body.user);
      const { files, images } = await resolveRunFiles(tctx, config, turn.files);
      const run = await startRun(tctx, {
        app: a,
        config,
        configVersion: version,
        source: "api",
        endUser,
        accountId: null,
        query: turn.query,
        inputs: body.inputs ?? {},
        conversationId: a.mode === "completion" ? null : conversationId,
        files,
        images,
        receivedAt: arrivalOf(c),
        blocking: !body.stream,
      });
      const model = body.model || config.model.name;
      if (body.stream) return streamCompletion(run, model, body.stream_options?.include_usage === true);
      const completion = await collectCompletion(run, model, c.req.raw.signal);
      if (completion.conversation_id) c.header("X-Conversation-Id", completion.conversation_id);
      return c.json(completion, 200);
    },
  );

  return app;
}
