// The prompt IDE's debugger: runs the app's DRAFT config (or a config sent with the request, so
// the IDE can compare up to four side by side) as the signed-in member, streaming Dify's SSE
// events or answering in one JSON body; and stops a running answer.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { type AppRow, getApp, getDraftConfig } from "../../apps/apps";
import { type Run, startRun } from "../../apps/generate";
import { resolveRunFiles } from "../../apps/upload-files";
import { fileRef } from "../service/chat-messages";
import { assertAgentStreaming } from "../../apps/runners/agent";
import { type ModelConfig, modelConfigSchema } from "../../apps/model-config";
import { suggestQuestions } from "../../apps/suggested-questions";
import { stopTask } from "../../apps/tasks";
import type { WorkspaceCtx } from "../../context";
import type { HonoEnv } from "../../hono-env";
import { KilnError } from "../../lib/errors";
import { guard, json, resultSchema } from "../access";
import { collectRun, streamRun } from "../run-transport";
import { appParam, jsonBody } from "./apps";

type Mode = "chat" | "completion";

const runFields = {
  inputs: z.record(z.string(), z.unknown()),
  response_mode: z.enum(["streaming", "blocking"]).default("streaming"),
  /** Runs this config instead of the saved draft (for the IDE's side-by-side compare). */
  model_config: modelConfigSchema.optional(),
  files: z.array(fileRef).max(10).optional(),
};
const chatBody = z.object({ ...runFields, query: z.string(), conversation_id: z.string().max(64).nullish() });
const completionBody = z.object({ ...runFields, query: z.string().default("") });
type RunBody = {
  inputs: Record<string, unknown>;
  query: string;
  conversation_id?: string | null;
  model_config?: ModelConfig;
  files?: z.infer<typeof fileRef>[];
  response_mode: "streaming" | "blocking";
};

const blockingSchema = z
  .object({
    event: z.literal("message"),
    task_id: z.string(),
    id: z.string(),
    message_id: z.string(),
    conversation_id: z.string().optional(),
    mode: z.string(),
    answer: z.string(),
    metadata: z.record(z.string(), z.unknown()),
    created_at: z.number().int(),
  })
  .openapi("DebugMessage");

const runResponses = {
  200: {
    description: "Dify SSE events (`response_mode: streaming`) or the whole answer (`blocking`)",
    content: { "text/event-stream": { schema: z.string() }, "application/json": { schema: blockingSchema } },
  },
};

async function startDebugRun(ctx: WorkspaceCtx, appId: string, mode: Mode, body: RunBody): Promise<{ app: AppRow; run: Run }> {
  const app = await getApp(ctx, appId);
  assertAgentStreaming(app.mode, body.response_mode === "streaming");
  if (mode === "chat" && app.mode === "completion") throw new KilnError("not_chat_app", 400, "Please check if your app mode matches the right API route.");
  if (mode === "completion" && app.mode !== "completion") {
    throw new KilnError("not_completion_app", 400, "Please check if your app mode matches the right API route.");
  }
  const config = body.model_config ?? (await getDraftConfig(ctx, app.id)).config;
  // Checked and loaded as the Service API does: the workspace's own uploads, images for vision.
  const { files, images } = await resolveRunFiles(ctx, config, body.files);
  const run = await startRun(ctx, {
    app,
    config,
    configVersion: 0,
    source: "debugger",
    endUser: null,
    accountId: ctx.actor.accountId,
    query: body.query,
    inputs: body.inputs,
    conversationId: body.conversation_id || null,
    files,
    images,
  });
  return { app, run };
}

export function appDebugRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  for (const mode of ["chat", "completion"] as const) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/apps/{app_id}/${mode}-messages`,
        tags: ["apps"],
        summary:
          mode === "chat"
            ? "Debug a chat app: run the draft (or `model_config`) as the signed-in member"
            : "Debug a completion app: run the draft (or `model_config`) as the signed-in member",
        ...guard("app_edit"),
        request: { params: appParam, ...jsonBody(mode === "chat" ? chatBody : completionBody) },
        responses: runResponses,
      }),
      async (c) => {
        const body = c.req.valid("json");
        const { app: found, run } = await startDebugRun(c.var.wctx, c.req.valid("param").app_id, mode, body);
        // The debugger gets Dify's full converter, like the Service API (usage in message_end).
        if (body.response_mode === "blocking") return c.json(await collectRun(run, found, c.req.raw.signal), 200);
        return streamRun(run);
      },
    );

    app.openapi(
      createRoute({
        method: "post",
        path: `/apps/{app_id}/${mode}-messages/{task_id}/stop`,
        tags: ["apps"],
        summary: "Stop a debugger answer you started; unknown tasks are ignored, as in Dify",
        ...guard("app_edit"),
        request: { params: appParam.extend({ task_id: z.string().min(1).max(64) }) },
        responses: { 200: json(resultSchema) },
      }),
      async (c) => {
        const { app_id, task_id } = c.req.valid("param");
        await getApp(c.var.wctx, app_id);
        await stopTask(c.var.wctx, task_id, c.var.wctx.actor.accountId);
        return c.json({ result: "success" as const }, 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/messages/{message_id}/suggested-questions",
      tags: ["apps"],
      summary: "Follow-up questions for one of your debugger answers (the draft's model proposes them)",
      ...guard("app_edit"),
      request: { params: appParam.extend({ message_id: z.string().min(1).max(64) }) },
      responses: { 200: json(z.object({ result: z.literal("success"), data: z.array(z.string()) })) },
    }),
    async (c) => {
      const { app_id, message_id } = c.req.valid("param");
      const ctx = c.var.wctx;
      const found = await getApp(ctx, app_id);
      const draft = await getDraftConfig(ctx, found.id);
      const owner = { endUserId: null, accountId: ctx.actor.accountId };
      return c.json({ result: "success" as const, data: await suggestQuestions(ctx, found, draft.config, message_id, owner) }, 200);
    },
  );

  return app;
}
