// POST /v1/chat-messages for chatflow (advanced-chat) apps: the published workflow answers,
// streamed as Dify's chatflow frames or collected into its blocking answer.
import type { Context } from "hono";
import type { HonoEnv } from "../../hono-env";
import { sseResponse } from "../../lib/sse";
import { startChatflow } from "../../workflow/chatflow";
import { pythonJsonResponse } from "../run-transport";
import { arrivalOf, endUserOf } from "./access";

export interface ChatflowInput {
  user: string | number;
  query: string;
  inputs: Record<string, unknown>;
  conversationId?: string | null;
  files?: unknown[] | null;
  streaming: boolean;
}

export async function chatflowResponse(c: Context<HonoEnv>, input: ChatflowInput): Promise<Response> {
  const { app, version, tctx } = c.var.service;
  const endUser = await endUserOf(c, input.user);
  const flow = await startChatflow(tctx, {
    app,
    endUser,
    query: input.query,
    inputs: input.inputs,
    conversationId: input.conversationId ?? null,
    files: input.files ?? [],
    configVersion: version,
    receivedAt: arrivalOf(c),
  });
  if (input.streaming) return sseResponse(flow.frames, { onCancel: () => flow.run.abort() });
  return pythonJsonResponse(await flow.collect(c.req.raw.signal));
}
