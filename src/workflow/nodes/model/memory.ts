// Conversation memory for LLM-backed nodes in a chatflow: the last turns of the run's
// conversation (sys.conversation_id), read from the messages chat apps and chatflows log.
// Workflow apps have no conversation, so their nodes run without memory.
import { and, desc, eq, sql } from "drizzle-orm";
import type { ModelMessage } from "ai";
import { z } from "zod";
import { messages } from "../../../db/schema";
import type { NodeRunContext } from "../types";

/** Dify's `memory` block. */
export const memorySchema = z
  .looseObject({
    role_prefix: z.looseObject({ user: z.string().default("Human"), assistant: z.string().default("Assistant") }).nullish(),
    window: z.looseObject({ enabled: z.boolean().default(false), size: z.coerce.number().int().min(1).max(100).nullish() }).nullish(),
    query_prompt_template: z.string().nullish(),
  })
  .nullish();
export type MemorySettings = z.infer<typeof memorySchema>;

export interface Turn {
  query: string;
  answer: string;
}

/** Without a window Dify sends as much history as fits; Kiln bounds it by turns. */
const MAX_TURNS = 50;

/** The conversation this run continues, or null (workflow apps, first message of a chatflow). */
export function conversationIdOf(ctx: NodeRunContext): string | null {
  const fromPool = ctx.pool.get(["sys", "conversation_id"]);
  return (typeof fromPool === "string" && fromPool) || ctx.run.conversationId || null;
}

/** The conversation's last turns, oldest first; only this workspace's and app's messages. */
export async function loadTurns(ctx: NodeRunContext, memory: MemorySettings): Promise<Turn[]> {
  const conversationId = conversationIdOf(ctx);
  if (!memory || !conversationId) return [];
  const size = memory.window?.enabled ? (memory.window.size ?? MAX_TURNS) : MAX_TURNS;
  const rows = await ctx.tctx.db
    .select({ query: messages.query, answer: messages.answer })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, ctx.tctx.workspace.id),
        eq(messages.appId, ctx.run.appId),
        eq(messages.conversationId, conversationId),
        sql`${messages.status} != 'error'`,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(size)
    .all();
  return rows.reverse();
}

export function turnsAsMessages(turns: Turn[]): ModelMessage[] {
  return turns.flatMap((t): ModelMessage[] => [
    { role: "user", content: t.query },
    ...(t.answer ? [{ role: "assistant" as const, content: t.answer }] : []),
  ]);
}

/** Completion-mode history (`{{#histories#}}`): one "Prefix: text" line per message. */
export function turnsAsText(turns: Turn[], memory: MemorySettings): string {
  const user = memory?.role_prefix?.user || "Human";
  const assistant = memory?.role_prefix?.assistant || "Assistant";
  return turns.flatMap((t) => [`${user}: ${t.query}`, ...(t.answer ? [`${assistant}: ${t.answer}`] : [])]).join("\n");
}
