// The console's logs of an app: every message with who asked, what it cost, how long it took and
// how it was rated, and the conversations they form. Read-only: apps/messages.ts writes the rows.
import { and, asc, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { getApp } from "../apps/apps";
import type { WorkspaceCtx } from "../context";
import { accounts, conversations, endUsers, type MessageSource, messages } from "../db/schema";
import { KilnError } from "../lib/errors";
import { containsPattern, likeEscaped } from "../lib/like";
import { offsetOf, type Page, pageOf } from "../lib/pagination";
import { messageExtraContents } from "../workflow/human-input-contents";

export interface LogFilters {
  /** Epoch ms, inclusive. */
  start?: number;
  /** Epoch ms, exclusive. */
  end?: number;
  keyword?: string;
  source?: MessageSource;
}

export interface MessageLogFilters extends LogFilters {
  status?: "normal" | "error" | "stopped";
  /** A message rated so by its user or by a console member. */
  feedback?: "like" | "dislike";
}

/** The most messages a conversation's detail carries (the latest ones). */
export const CONVERSATION_DETAIL_LIMIT = 1000;

const sec = (ms: number) => Math.floor(ms / 1000);
// Prices are decimal strings in Dify's JSON; D1 stores them as REAL.
const decimal = (n: number) => (Number.isInteger(n) ? n.toFixed(0) : n.toFixed(7).replace(/0+$/, "").replace(/\.$/, ""));


// A message has at most one feedback per source (unique index), so these are point lookups.
const feedbackOf = (source: "user" | "admin", field: "rating" | "content") =>
  sql<string | null>`(SELECT f.${sql.raw(field)} FROM message_feedbacks f WHERE f.message_id = ${messages.id} AND f.from_source = ${source})`;

/** The columns of a message log row: the message, who sent it and its feedback. */
export const messageColumns = {
  message: messages,
  sessionId: endUsers.sessionId,
  accountName: accounts.name,
  userRating: feedbackOf("user", "rating"),
  userComment: feedbackOf("user", "content"),
  adminRating: feedbackOf("admin", "rating"),
  adminComment: feedbackOf("admin", "content"),
};

type MessageJoinRow = {
  message: typeof messages.$inferSelect;
  sessionId: string | null;
  accountName: string | null;
  userRating: string | null;
  userComment: string | null;
  adminRating: string | null;
  adminComment: string | null;
};

function messageWhere(ctx: WorkspaceCtx, appId: string, f: MessageLogFilters) {
  return and(eq(messages.workspaceId, ctx.workspace.id), eq(messages.appId, appId), ...messageFilterConditions(f));
}

/** The log list's filters as conditions (the live tail applies the same ones). */
export function messageFilterConditions(f: MessageLogFilters): SQL[] {
  const conditions: SQL[] = [];
  if (f.start !== undefined) conditions.push(gte(messages.createdAt, f.start));
  if (f.end !== undefined) conditions.push(lt(messages.createdAt, f.end));
  if (f.source) conditions.push(eq(messages.fromSource, f.source));
  if (f.status) conditions.push(eq(messages.status, f.status));
  if (f.feedback) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM message_feedbacks f WHERE f.message_id = ${messages.id} AND f.rating = ${f.feedback})`,
    );
  }
  if (f.keyword) {
    const p = containsPattern(f.keyword);
    conditions.push(sql`(${likeEscaped(messages.query, p)} OR ${likeEscaped(messages.answer, p)} OR ${likeEscaped(endUsers.sessionId, p)})`);
  }
  return conditions;
}

const feedbackView = (rating: string | null, content: string | null) =>
  rating ? { rating: rating as "like" | "dislike", content } : null;

/** A message log row as the console API shows it. */
export function messageLogView(r: MessageJoinRow) {
  const m = r.message;
  return {
    id: m.id,
    conversation_id: m.conversationId,
    from_source: m.fromSource,
    from_end_user_id: m.endUserId,
    from_end_user_session_id: r.sessionId,
    from_account_id: m.accountId,
    from_account_name: r.accountName,
    inputs: JSON.parse(m.inputs) as Record<string, unknown>,
    query: m.query,
    answer: m.answer,
    status: m.status,
    error: m.error,
    reply_source: m.replySource,
    config_version: m.configVersion,
    model_provider: m.provider,
    model_id: m.model,
    message_tokens: m.messageTokens,
    answer_tokens: m.answerTokens,
    total_tokens: m.messageTokens + m.answerTokens,
    message_price: decimal(m.messagePrice),
    answer_price: decimal(m.answerPrice),
    total_price: decimal(m.totalPrice),
    currency: m.currency,
    provider_response_latency: m.providerLatency,
    latency: m.latency,
    time_to_first_token: m.timeToFirstToken,
    feedback: feedbackView(r.userRating, r.userComment),
    admin_feedback: feedbackView(r.adminRating, r.adminComment),
    retriever_resources: JSON.parse(m.retrieverResources) as unknown[],
    agent_thoughts: JSON.parse(m.agentThoughts) as unknown[],
    created_at: sec(m.createdAt),
  };
}

export type MessageLogView = ReturnType<typeof messageLogView>;

/** Log rows with their Human Input forms (Dify's `extra_contents`), read for the whole page at once. */
async function withExtraContents(ctx: WorkspaceCtx, appId: string, rows: MessageJoinRow[]) {
  const contents = await messageExtraContents(ctx, appId, rows.map((r) => r.message.id));
  return rows.map((r) => ({ ...messageLogView(r), extra_contents: contents.get(r.message.id) ?? [] }));
}

function selectMessages(ctx: WorkspaceCtx) {
  return ctx.db
    .select(messageColumns)
    .from(messages)
    .leftJoin(endUsers, eq(endUsers.id, messages.endUserId))
    .leftJoin(accounts, eq(accounts.id, messages.accountId));
}

/** One page of an app's message log, newest first. */
export async function listMessageLogs(ctx: WorkspaceCtx, appId: string, filters: MessageLogFilters, page: Page) {
  await getApp(ctx, appId);
  const where = messageWhere(ctx, appId, filters);
  const [rows, total] = await Promise.all([
    selectMessages(ctx)
      .where(where)
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(page.limit)
      .offset(offsetOf(page))
      .all(),
    ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(messages)
      .leftJoin(endUsers, eq(endUsers.id, messages.endUserId))
      .where(where)
      .get(),
  ]);
  return pageOf(page, total?.n ?? 0, await withExtraContents(ctx, appId, rows));
}

/** One message of the log with the prompt exactly as the model received it. */
export async function getMessageLog(ctx: WorkspaceCtx, appId: string, messageId: string) {
  await getApp(ctx, appId);
  const row = await selectMessages(ctx)
    .where(and(eq(messages.workspaceId, ctx.workspace.id), eq(messages.appId, appId), eq(messages.id, messageId)))
    .get();
  if (!row) throw new KilnError("not_found", 404, "Message Not Exists.");
  const [view] = await withExtraContents(ctx, appId, [row]);
  return {
    ...view,
    prompt_messages: JSON.parse(row.message.promptMessages) as unknown[],
  };
}

const feedbackCount = (source: "user" | "admin", rating: "like" | "dislike") =>
  sql<number>`(SELECT count(*) FROM message_feedbacks f WHERE f.conversation_id = ${conversations.id} AND f.from_source = ${source} AND f.rating = ${rating})`;

const conversationColumns = {
  conversation: conversations,
  sessionId: endUsers.sessionId,
  accountName: accounts.name,
  userLikes: feedbackCount("user", "like"),
  userDislikes: feedbackCount("user", "dislike"),
  adminLikes: feedbackCount("admin", "like"),
  adminDislikes: feedbackCount("admin", "dislike"),
};

type ConversationJoinRow = {
  conversation: typeof conversations.$inferSelect;
  sessionId: string | null;
  accountName: string | null;
  userLikes: number;
  userDislikes: number;
  adminLikes: number;
  adminDislikes: number;
};

function conversationLogView(r: ConversationJoinRow) {
  const c = r.conversation;
  return {
    id: c.id,
    name: c.name,
    mode: c.mode,
    status: c.status,
    from_source: c.fromSource,
    from_end_user_id: c.endUserId,
    from_end_user_session_id: r.sessionId,
    from_account_id: c.accountId,
    from_account_name: r.accountName,
    inputs: JSON.parse(c.inputs) as Record<string, unknown>,
    introduction: c.introduction,
    message_count: c.messageCount,
    user_feedback_stats: { like: r.userLikes, dislike: r.userDislikes },
    admin_feedback_stats: { like: r.adminLikes, dislike: r.adminDislikes },
    created_at: sec(c.createdAt),
    updated_at: sec(c.updatedAt),
  };
}

function selectConversations(ctx: WorkspaceCtx) {
  return ctx.db
    .select(conversationColumns)
    .from(conversations)
    .leftJoin(endUsers, eq(endUsers.id, conversations.endUserId))
    .leftJoin(accounts, eq(accounts.id, conversations.accountId));
}

type SortBy = "created_at" | "-created_at" | "updated_at" | "-updated_at";

/** One page of an app's conversations; the time range applies to the column sorted by, as in Dify. */
export async function listConversationLogs(
  ctx: WorkspaceCtx,
  appId: string,
  filters: LogFilters & { sortBy: SortBy },
  page: Page,
) {
  await getApp(ctx, appId);
  const column = filters.sortBy.endsWith("created_at") ? conversations.createdAt : conversations.updatedAt;
  const conditions: SQL[] = [
    eq(conversations.workspaceId, ctx.workspace.id),
    eq(conversations.appId, appId),
    eq(conversations.isDeleted, false),
  ];
  if (filters.start !== undefined) conditions.push(gte(column, filters.start));
  if (filters.end !== undefined) conditions.push(lt(column, filters.end));
  if (filters.source) conditions.push(eq(conversations.fromSource, filters.source));
  if (filters.keyword) {
    const p = containsPattern(filters.keyword);
    conditions.push(sql`(${likeEscaped(conversations.name, p)} OR ${likeEscaped(endUsers.sessionId, p)} OR EXISTS (
      SELECT 1 FROM messages m WHERE m.conversation_id = ${conversations.id}
        AND (${likeEscaped(sql`m.query`, p)} OR ${likeEscaped(sql`m.answer`, p)})))`);
  }
  const where = and(...conditions);
  const [rows, total] = await Promise.all([
    selectConversations(ctx)
      .where(where)
      .orderBy(filters.sortBy.startsWith("-") ? desc(column) : asc(column), desc(conversations.id))
      .limit(page.limit)
      .offset(offsetOf(page))
      .all(),
    ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(conversations)
      .leftJoin(endUsers, eq(endUsers.id, conversations.endUserId))
      .where(where)
      .get(),
  ]);
  return pageOf(page, total?.n ?? 0, rows.map(conversationLogView));
}

/** A conversation with its messages, oldest first (the latest CONVERSATION_DETAIL_LIMIT of them). */
export async function getConversationLog(ctx: WorkspaceCtx, appId: string, conversationId: string) {
  await getApp(ctx, appId);
  const row = await selectConversations(ctx)
    .where(
      and(
        eq(conversations.workspaceId, ctx.workspace.id),
        eq(conversations.appId, appId),
        eq(conversations.id, conversationId),
      ),
    )
    .get();
  if (!row) throw new KilnError("not_found", 404, "Conversation Not Exists.");
  const rows = await selectMessages(ctx)
    .where(and(eq(messages.workspaceId, ctx.workspace.id), eq(messages.conversationId, conversationId)))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(CONVERSATION_DETAIL_LIMIT + 1)
    .all();
  const page = rows.slice(0, CONVERSATION_DETAIL_LIMIT).reverse();
  return {
    ...conversationLogView(row),
    is_deleted: row.conversation.isDeleted,
    has_more_messages: rows.length > CONVERSATION_DETAIL_LIMIT,
    messages: await withExtraContents(ctx, appId, page),
  };
}
