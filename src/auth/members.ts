// Members of the caller's workspace: list, change role, remove. Owners cannot be demoted or
// removed here, and nobody changes their own role (Dify's rules).
import { and, asc, eq } from "drizzle-orm";
import type { WorkspaceCtx } from "../context";
import { accounts, members } from "../db/schema";
import type { Role } from "../db/workspaces";
import { Forbidden, Invalid, NotFound } from "../lib/errors";
import { assertCan } from "./roles";
import { forgetSessions } from "./session-cache";

const seconds = (ms: number | null) => (ms == null ? null : Math.floor(ms / 1000));

export async function listMembers(ctx: WorkspaceCtx) {
  const rows = await ctx.db
    .select({ a: accounts, role: members.role, joinedAt: members.createdAt })
    .from(members)
    .innerJoin(accounts, eq(accounts.id, members.accountId))
    .where(eq(members.workspaceId, ctx.workspace.id))
    .orderBy(asc(members.createdAt))
    .all();
  return rows.map(({ a, role, joinedAt }) => ({
    id: a.id,
    name: a.name,
    email: a.email,
    avatar: null,
    role,
    status: a.status === "active" ? "active" : "banned",
    last_login_at: seconds(a.lastLoginAt),
    last_active_at: seconds(a.lastActiveAt),
    created_at: seconds(joinedAt)!,
  }));
}

async function targetMember(ctx: WorkspaceCtx, accountId: string) {
  assertCan(ctx.workspace.role, "admin");
  const m = await ctx.db
    .select()
    .from(members)
    .where(and(eq(members.workspaceId, ctx.workspace.id), eq(members.accountId, accountId)))
    .get();
  if (!m) throw NotFound("Member");
  if (m.accountId === ctx.actor.accountId) throw Forbidden("You cannot change your own membership.");
  if (m.role === "owner") throw Forbidden("The workspace owner cannot be changed or removed.");
  return m;
}

export async function updateMemberRole(ctx: WorkspaceCtx, accountId: string, role: Role) {
  if (role === "owner") throw Invalid("role: ownership cannot be granted by a role change", ["role"]);
  const m = await targetMember(ctx, accountId);
  await ctx.db.update(members).set({ role }).where(eq(members.id, m.id));
  forgetSessions({ accountId });
}

export async function removeMember(ctx: WorkspaceCtx, accountId: string) {
  const m = await targetMember(ctx, accountId);
  await ctx.db.delete(members).where(eq(members.id, m.id));
  forgetSessions({ accountId });
}
