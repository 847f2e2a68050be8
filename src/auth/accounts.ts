// The signed-in account's own profile.
import { eq } from "drizzle-orm";
import type { Ctx } from "../context";
import { accounts } from "../db/schema";
import { NotFound } from "../lib/errors";
import { forgetSessions } from "./session-cache";

const seconds = (ms: number | null) => (ms == null ? null : Math.floor(ms / 1000));

type AccountRow = typeof accounts.$inferSelect;

export function profileView(a: AccountRow) {
  return {
    id: a.id,
    name: a.name,
    email: a.email,
    avatar: null,
    interface_language: a.interfaceLanguage,
    timezone: a.timezone,
    last_login_at: seconds(a.lastLoginAt),
    created_at: seconds(a.createdAt)!,
  };
}

export async function getProfile(ctx: Ctx, accountId: string) {
  const a = await ctx.db.select().from(accounts).where(eq(accounts.id, accountId)).get();
  if (!a) throw NotFound("Account");
  return profileView(a);
}

export async function updateProfile(ctx: Ctx, accountId: string, patch: { name?: string; timezone?: string; interface_language?: string }) {
  await ctx.db
    .update(accounts)
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.timezone !== undefined && { timezone: patch.timezone }),
      ...(patch.interface_language !== undefined && { interfaceLanguage: patch.interface_language }),
      updatedAt: ctx.now(),
    })
    .where(eq(accounts.id, accountId));
  forgetSessions({ accountId });
  return getProfile(ctx, accountId);
}
