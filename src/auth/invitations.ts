// Invitations: an admin invites an e-mail with a role and gets a link to share (no mail server).
// A link is single-use and expires; accepting it creates the account or adds the existing one.
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Ctx, WorkspaceCtx } from "../context";
import { accounts, invitations, members, workspaces } from "../db/schema";
import type { Role } from "../db/workspaces";
import { hashPassword, sha256Hex } from "../lib/crypto";
import { Invalid, NotFound, Unauthorized } from "../lib/errors";
import { randomString } from "../lib/ids";
import { passwordMatches } from "./passwords";
import { assertCan } from "./roles";
import { type SessionMeta, startSession } from "./sessions";

export const INVITATION_TTL_MS = 72 * 60 * 60 * 1000;

type InviteResult = { status: "success" | "failed"; email: string; url?: string; message?: string };

export async function inviteMembers(
  ctx: WorkspaceCtx,
  emails: string[],
  role: Exclude<Role, "owner">,
  origin: string,
): Promise<InviteResult[]> {
  assertCan(ctx.workspace.role, "admin");
  const results: InviteResult[] = [];
  const now = ctx.now();
  for (const raw of [...new Set(emails.map((e) => e.toLowerCase()))]) {
    const existing = await ctx.db
      .select({ id: members.id })
      .from(members)
      .innerJoin(accounts, eq(accounts.id, members.accountId))
      .where(and(eq(members.workspaceId, ctx.workspace.id), eq(accounts.email, raw)))
      .get();
    if (existing) {
      results.push({ status: "failed", email: raw, message: "Already a member of this workspace." });
      continue;
    }
    const token = randomString(40);
    await ctx.db.insert(invitations).values({
      id: ctx.newId(),
      workspaceId: ctx.workspace.id,
      email: raw,
      role,
      tokenHash: await sha256Hex(token),
      invitedBy: ctx.actor.accountId,
      expiresAt: now + INVITATION_TTL_MS,
      createdAt: now,
    });
    results.push({ status: "success", email: raw, url: `${origin}/activate?token=${token}` });
  }
  return results;
}

export async function listInvitations(ctx: WorkspaceCtx) {
  assertCan(ctx.workspace.role, "admin");
  const rows = await ctx.db
    .select()
    .from(invitations)
    .where(
      and(eq(invitations.workspaceId, ctx.workspace.id), isNull(invitations.usedAt), gt(invitations.expiresAt, ctx.now())),
    )
    .orderBy(desc(invitations.createdAt))
    .all();
  return rows.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    expires_at: Math.floor(i.expiresAt / 1000),
    created_at: Math.floor(i.createdAt / 1000),
  }));
}

export async function revokeInvitation(ctx: WorkspaceCtx, invitationId: string) {
  assertCan(ctx.workspace.role, "admin");
  const deleted = await ctx.db
    .delete(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.workspaceId, ctx.workspace.id)))
    .returning({ id: invitations.id })
    .all();
  if (deleted.length === 0) throw NotFound("Invitation");
}

async function usableInvitation(ctx: Ctx, token: string) {
  const row = await ctx.db
    .select({ i: invitations, workspaceName: workspaces.name })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, await sha256Hex(token)))
    .get();
  if (!row || row.i.usedAt !== null || row.i.expiresAt <= ctx.now()) return null;
  return row;
}

export async function checkInvitation(ctx: Ctx, token: string) {
  const row = await usableInvitation(ctx, token);
  if (!row) return { is_valid: false, data: null };
  const account = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, row.i.email)).get();
  return {
    is_valid: true,
    data: {
      workspace_id: row.i.workspaceId,
      workspace_name: row.workspaceName,
      email: row.i.email,
      role: row.i.role,
      account_exists: Boolean(account),
    },
  };
}

/** Accepts an invitation: new e-mails get an account; existing accounts prove their password. */
export async function acceptInvitation(
  ctx: Ctx,
  input: { token: string; name?: string; password: string },
  meta: SessionMeta,
) {
  const row = await usableInvitation(ctx, input.token);
  if (!row) throw Invalid("token: this invitation link is invalid, expired or already used", ["token"]);
  const { i } = row;
  const now = ctx.now();
  const existing = await ctx.db.select().from(accounts).where(eq(accounts.email, i.email)).get();
  let accountId: string;
  const markUsed = ctx.db
    .update(invitations)
    .set({ usedAt: now })
    .where(and(eq(invitations.id, i.id), isNull(invitations.usedAt)));
  if (existing) {
    if (!(await passwordMatches(input.password, existing.passwordHash, existing.passwordSalt))) {
      throw Unauthorized("The password does not match the existing account for this e-mail.", "authentication_failed");
    }
    accountId = existing.id;
    await ctx.db.batch([
      markUsed,
      ctx.db
        .insert(members)
        .values({ id: ctx.newId(), workspaceId: i.workspaceId, accountId, role: i.role, invitedBy: i.invitedBy, createdAt: now })
        .onConflictDoNothing(),
    ]);
  } else {
    if (!input.name) throw Invalid("name: required for a new account", ["name"]);
    const { hash, salt } = await hashPassword(input.password);
    accountId = ctx.newId();
    await ctx.db.batch([
      markUsed,
      ctx.db.insert(accounts).values({
        id: accountId,
        email: i.email,
        name: input.name,
        passwordHash: hash,
        passwordSalt: salt,
        createdAt: now,
        updatedAt: now,
      }),
      ctx.db
        .insert(members)
        .values({ id: ctx.newId(), workspaceId: i.workspaceId, accountId, role: i.role, invitedBy: i.invitedBy, createdAt: now }),
    ]);
  }
  return startSession(ctx, accountId, i.workspaceId, meta);
}
