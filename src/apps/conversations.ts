// Conversations of a chat app, always seen through their owner: an end user (API or WebApp) or
// the debugging account. Another owner's conversation is "not found", never "forbidden".
import { and, asc, desc, eq, gt, lt, sql } from "drizzle-orm";
import type { Ctx, TenantCtx } from "../context";
import { conversations, messages } from "../db/schema";
import { Invalid, KilnError } from "../lib/errors";
import type { Inputs } from "./inputs";
import type { Turn } from "./prompt";

export interface ConversationOwner {
  endUserId: string | null;
  accountId: string | null;
}

const notFound = () => new KilnError("not_found", 404, "Conversation Not Exists.");
const sec = (ms: number) => Math.floor(ms / 1000);

function ownedBy(appId: string, owner: ConversationOwner) {
  return and(
    eq(conversations.appId, appId),
    eq(conversations.isDeleted, false),
    owner.endUserId ? eq(conversations.endUserId, owner.endUserId) : eq(conversations.accountId, owner.accountId ?? ""),
  );
}

export async function getOwnedConversation(ctx: Ctx, appId: string, id: string, owner: ConversationOwner) {
  const row = await ctx.db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, id), ownedBy(appId, owner)))
    .get();
  if (!row) throw notFound();
  return row;
}

/** The conversation a new message continues, with its inputs and the last `window` turns. */
export async function loadConversationForRun(
  ctx: TenantCtx,
  appId: string,
  id: string,
  options: ConversationOwner & { window: number },
): Promise<{ id: string; inputs: Inputs; history: Turn[] }> {
  const conversation = await getOwnedConversation(ctx, appId, id, options);
  const rows =
    options.window > 0
      ? await ctx.db
          .select({ query: messages.query, answer: messages.answer })
          .from(messages)
          .where(and(eq(messages.conversationId, id), sql`${messages.status} != 'error'`))
          .orderBy(desc(messages.createdAt), desc(messages.id))
          .limit(options.window)
          .all()
      : [];
  return { id, inputs: JSON.parse(conversation.inputs) as Inputs, history: rows.reverse() };
}

export function conversationView(c: typeof conversations.$inferSelect) {
  return {
    id: c.id,
    name: c.name,
    inputs: JSON.parse(c.inputs) as Record<string, unknown>,
    status: c.status,
    introduction: c.introduction,
    created_at: sec(c.createdAt),
    updated_at: sec(c.updatedAt),
  };
}

export async function listConversations(
  ctx: Ctx,
  appId: string,
  owner: ConversationOwner,
  opts: { lastId?: string; limit: number; sortBy: "created_at" | "-created_at" | "updated_at" | "-updated_at" },
) {
  const column = opts.sortBy.endsWith("created_at") ? conversations.createdAt : conversations.updatedAt;
  const descending = opts.sortBy.startsWith("-");
  const conditions = [ownedBy(appId, owner)];
  if (opts.lastId) {
    const last = await ctx.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, opts.lastId), ownedBy(appId, owner)))
      .get();
    if (!last) throw new KilnError("not_found", 404, "Last Conversation Not Exists.");
    const pivot = opts.sortBy.endsWith("created_at") ? last.createdAt : last.updatedAt;
    conditions.push(descending ? lt(column, pivot) : gt(column, pivot));
  }
  const rows = await ctx.db
    .select()
    .from(conversations)
    .where(and(...conditions))
    .orderBy(descending ? desc(column) : asc(column))
    .limit(opts.limit + 1)
    .all();
  return { limit: opts.limit, has_more: rows.length > opts.limit, data: rows.slice(0, opts.limit).map(conversationView) };
}

export async function deleteConversation(ctx: Ctx, appId: string, id: string, owner: ConversationOwner) {
  await getOwnedConversation(ctx, appId, id, owner);
  await ctx.db.update(conversations).set({ isDeleted: true, updatedAt: ctx.now() }).where(eq(conversations.id, id));
}

export async function renameConversation(
  ctx: Ctx,
  appId: string,
  id: string,
  owner: ConversationOwner,
  input: { name?: string; auto_generate?: boolean },
) {
  const c = await getOwnedConversation(ctx, appId, id, owner);
  let name = input.name?.trim();
  if (input.auto_generate) {
    // The first question, shortened, names the conversation (no extra model call).
    const first = await ctx.db
      .select({ query: messages.query })
      .from(messages)
      .where(eq(messages.conversationId, id))
      .orderBy(asc(messages.createdAt))
      .get();
    name = (first?.query ?? c.name).replace(/\s+/g, " ").trim().slice(0, 40) || "New conversation";
  }
  if (!name) throw Invalid("name is required unless auto_generate is true", ["name"]);
  await ctx.db.update(conversations).set({ name, updatedAt: ctx.now() }).where(eq(conversations.id, id));
  return conversationView({ ...c, name, updatedAt: ctx.now() });
}
