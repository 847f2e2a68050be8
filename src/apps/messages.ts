// Messages: the log row every run writes (through group commit, so logging is never the
// bottleneck and never lost), the message list of a conversation, and feedback.
import type { ModelMessage } from "ai";
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Ctx } from "../context";
import { type apps, conversations, messageFeedbacks, messages } from "../db/schema";
import type { MessageSource } from "../db/conversations";
import { commitSoon, type Statement } from "../lib/group-commit";
import { insertRows } from "../lib/insert-rows";
import { feedbackRollup, messageRollups } from "../observability/rollups";
import { KilnError } from "../lib/errors";
import type { Usage } from "../models/pricing";
import { type ConversationOwner, getOwnedConversation } from "./conversations";
import { type EndUser, upsertEndUser } from "./end-users";
import { type HumanInputContent, messageExtraContents } from "../workflow/human-input-contents";
import { messageFilesViews } from "./upload-files";
import type { Inputs } from "./inputs";

export interface MessageLog {
  app: typeof apps.$inferSelect;
  mode: "chat" | "completion";
  messageId: string;
  taskId: string;
  conversationId: string;
  isNewConversation: boolean;
  conversationName: string;
  source: MessageSource;
  endUser: EndUser | null;
  accountId: string | null;
  configVersion: number;
  inputs: Inputs;
  query: string;
  promptMessages: ModelMessage[];
  answer: string;
  usage: Usage;
  provider: string;
  model: string;
  status: "normal" | "error" | "stopped" | "paused";
  error: string | null;
  replySource: "model" | "moderation" | "annotation";
  files: unknown[];
  retrieverResources?: unknown[];
  /** Agent apps: each step of the agent, in Dify's agent_thoughts shape. */
  agentThoughts?: unknown[];
  createdAt: number;
}

/** A follow-up message's conversation: one more message, updated now. */
const COUNT_FOLLOW_UP = "UPDATE conversations SET updated_at = ?, message_count = message_count + 1 WHERE id = ?";

export function logMessage(ctx: Ctx, m: MessageLog): Promise<void> {
  const now = ctx.now();
  const ws = m.app.workspaceId;
  const statements: Statement[] = [];
  if (m.endUser) statements.push(upsertEndUser(ctx, ws, m.app.id, m.endUser));
  if (m.isNewConversation) {
    statements.push(
      insertRows(ctx.db.$client, conversations, [{
        id: m.conversationId,
        workspaceId: ws,
        appId: m.app.id,
        mode: m.mode,
        fromSource: m.source,
        endUserId: m.endUser?.id ?? null,
        accountId: m.endUser ? null : m.accountId,
        name: m.conversationName || "New conversation",
        inputs: JSON.stringify(m.inputs),
        messageCount: 1,
        createdAt: m.createdAt,
        updatedAt: now,
      }]),
    );
  } else {
    statements.push(ctx.db.$client.prepare(COUNT_FOLLOW_UP).bind(now, m.conversationId));
  }
  const u = m.usage;
  const row: typeof messages.$inferInsert = {
    id: m.messageId,
    workspaceId: ws,
    appId: m.app.id,
    conversationId: m.conversationId,
    taskId: m.taskId,
    fromSource: m.source,
    endUserId: m.endUser?.id ?? null,
    accountId: m.accountId,
    configVersion: m.configVersion,
    inputs: JSON.stringify(m.inputs),
    query: m.query,
    promptMessages: JSON.stringify(m.promptMessages),
    answer: m.answer,
    provider: m.provider,
    model: m.model,
    messageTokens: u.prompt_tokens,
    answerTokens: u.completion_tokens,
    messagePrice: Number(u.prompt_price),
    answerPrice: Number(u.completion_price),
    totalPrice: Number(u.total_price),
    currency: u.currency,
    timeToFirstToken: u.time_to_first_token,
    providerLatency: (u.time_to_first_token ?? 0) + (u.time_to_generate ?? 0),
    latency: u.latency,
    status: m.status,
    error: m.error,
    replySource: m.replySource,
    files: JSON.stringify(m.files),
    retrieverResources: JSON.stringify(m.retrieverResources ?? []),
    agentThoughts: JSON.stringify(m.agentThoughts ?? []),
    createdAt: m.createdAt,
    updatedAt: now,
  };
  // The monitoring roll-ups ride in the same group-commit batch: no extra round trip.
  statements.push(insertRows(ctx.db.$client, messages, [row]), ...messageRollups(ctx, row, m.isNewConversation));
  return commitSoon(ctx.db, statements);
}

const sec = (ms: number) => Math.floor(ms / 1000);
type MessageRow = typeof messages.$inferSelect;

export function messageView(m: MessageRow, rating: "like" | "dislike" | null, messageFiles: unknown[], extraContents: HumanInputContent[]) {
  return {
    id: m.id,
    conversation_id: m.conversationId,
    parent_message_id: null,
    inputs: JSON.parse(m.inputs) as Record<string, unknown>,
    query: m.query,
    answer: m.answer,
    message_files: messageFiles,
    feedback: rating ? { rating } : null,
    retriever_resources: JSON.parse(m.retrieverResources) as unknown[],
    created_at: sec(m.createdAt),
    agent_thoughts: JSON.parse(m.agentThoughts) as unknown[],
    status: m.status,
    error: m.error,
    extra_contents: extraContents,
  };
}

/** The latest `limit` messages of a conversation in ascending order; `firstId` pages back. */
export async function listMessages(
  ctx: Ctx,
  appId: string,
  conversationId: string,
  owner: ConversationOwner,
  opts: { firstId?: string; limit: number },
) {
  await getOwnedConversation(ctx, appId, conversationId, owner);
  const conditions = [eq(messages.conversationId, conversationId)];
  if (opts.firstId) {
    const first = await ctx.db
      .select({ createdAt: messages.createdAt })
      .from(messages)
      .where(and(eq(messages.id, opts.firstId), eq(messages.conversationId, conversationId)))
      .get();
    if (!first) throw new KilnError("not_found", 404, "First Message Not Exists.");
    conditions.push(lt(messages.createdAt, first.createdAt));
  }
  const rows = await ctx.db
    .select()
    .from(messages)
    .where(and(...conditions))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(opts.limit + 1)
    .all();
  const page = rows.slice(0, opts.limit).reverse();
  const ratings = page.length
    ? await ctx.db
        .select({ messageId: messageFeedbacks.messageId, rating: messageFeedbacks.rating })
        .from(messageFeedbacks)
        .where(and(inArray(messageFeedbacks.messageId, page.map((m) => m.id)), eq(messageFeedbacks.fromSource, "user")))
        .all()
    : [];
  const byId = new Map(ratings.map((r) => [r.messageId, r.rating]));
  const [files, contents] = await Promise.all([messageFilesViews(ctx, page), messageExtraContents(ctx, appId, page.map((m) => m.id))]);
  const data = page.map((m) => messageView(m, byId.get(m.id) ?? null, files.get(m.id) ?? [], contents.get(m.id) ?? []));
  return { limit: opts.limit, has_more: rows.length > opts.limit, data };
}

type Batch = [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];

/** An end user's (or the console's) like/dislike; `null` withdraws it. */
export async function setFeedback(
  ctx: Ctx,
  appId: string,
  messageId: string,
  owner: ConversationOwner,
  input: { rating: "like" | "dislike" | null; content?: string | null },
  fromSource: "user" | "admin" = "user",
) {
  const m = await ctx.db
    .select()
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.appId, appId)))
    .get();
  const mine =
    m && (fromSource === "admin" || (owner.endUserId ? m.endUserId === owner.endUserId : m.accountId === owner.accountId));
  if (!m || !mine) throw new KilnError("not_found", 404, "Message Not Exists.");
  const where = and(eq(messageFeedbacks.messageId, messageId), eq(messageFeedbacks.fromSource, fromSource));
  // The roll-up adjustment reads the rating being replaced, so it goes first in the same batch.
  const rollup = feedbackRollup(ctx, m, fromSource, input.rating);
  if (input.rating === null) {
    await ctx.db.batch([...rollup, ctx.db.delete(messageFeedbacks).where(where)] as unknown as Batch);
    return;
  }
  const now = ctx.now();
  const write = ctx.db
    .insert(messageFeedbacks)
    .values({
      id: ctx.newId(),
      workspaceId: m.workspaceId,
      appId,
      conversationId: m.conversationId,
      messageId,
      rating: input.rating,
      content: input.content ?? null,
      fromSource,
      endUserId: fromSource === "user" ? (owner.endUserId ?? null) : null,
      accountId: owner.accountId,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [messageFeedbacks.messageId, messageFeedbacks.fromSource],
      set: { rating: input.rating, content: input.content ?? null, updatedAt: now },
    });
  await ctx.db.batch([...rollup, write] as unknown as Batch);
}

/** Python's naive-UTC isoformat, as Dify's MessageFeedback.to_dict prints its times. */
function isoNaive(ms: number): string {
  const iso = new Date(ms).toISOString().slice(0, -1);
  return iso.endsWith(".000") ? iso.slice(0, -4) : `${iso}000`;
}

/** Every feedback on the app's answers, newest first (Dify's get_all_messages_feedbacks). */
export async function listAppFeedbacks(ctx: Ctx, appId: string, opts: { page: number; limit: number }) {
  const rows = await ctx.db
    .select()
    .from(messageFeedbacks)
    .where(eq(messageFeedbacks.appId, appId))
    .orderBy(desc(messageFeedbacks.createdAt), desc(messageFeedbacks.id))
    .limit(opts.limit)
    .offset((opts.page - 1) * opts.limit)
    .all();
  return rows.map((f) => ({
    id: f.id,
    app_id: f.appId,
    conversation_id: f.conversationId,
    message_id: f.messageId,
    rating: f.rating,
    content: f.content,
    from_source: f.fromSource,
    from_end_user_id: f.endUserId,
    from_account_id: f.accountId,
    created_at: isoNaive(f.createdAt),
    updated_at: isoNaive(f.updatedAt),
  }));
}

/** A message of the app, whoever sent it (for callers that speak for the whole app). */
export async function getAppMessage(ctx: Ctx, appId: string, messageId: string) {
  const m = await ctx.db
    .select()
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.appId, appId)))
    .get();
  if (!m) throw new KilnError("not_found", 404, "Message Not Exists.");
  return m;
}

export async function getOwnedMessage(ctx: Ctx, appId: string, messageId: string, owner: ConversationOwner) {
  const m = await getAppMessage(ctx, appId, messageId);
  const mine = owner.endUserId ? m.endUserId === owner.endUserId : m.accountId === owner.accountId;
  if (!mine) throw new KilnError("not_found", 404, "Message Not Exists.");
  return m;
}

