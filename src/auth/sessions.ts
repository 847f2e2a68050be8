// Sign-in sessions: opaque random access and refresh tokens whose SHA-256 is stored, so a
// session can be listed, revoked and expired, and a leaked database row cannot be replayed.
import { and, asc, eq, gt, lt, or, sql } from "drizzle-orm";
import type { Ctx } from "../context";
import { accounts, loginFailures, members, sessions } from "../db/schema";
import type { Role } from "../db/workspaces";
import { sha256Hex } from "../lib/crypto";
import { Forbidden, NotFound, RateLimited, Unauthorized } from "../lib/errors";
import { randomString } from "../lib/ids";
import { passwordMatches } from "./passwords";
import { cacheSession, forgetSessions, getCachedSession } from "./session-cache";

export const ACCESS_TTL_MS = 60 * 60 * 1000;
export const REFRESH_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const REFRESH_GRACE_MS = 20 * 1000;
const FAILURE_WINDOW_MS = 10 * 60 * 1000;
const MAX_FAILURES = 5;

export interface IssuedTokens {
  sessionId: string;
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
  refreshExpiresAt: number;
}

export interface SessionMeta {
  userAgent?: string | null;
  ip?: string | null;
}

export interface AuthenticatedSession {
  sessionId: string;
  accountId: string;
  email: string;
  name: string;
  workspace: { id: string; role: Role } | null;
  /** The account as of authentication, so reads of one's own profile need no query. */
  account: typeof accounts.$inferSelect;
}

const authFailed = () => Unauthorized("Invalid email or password.", "authentication_failed");

async function newTokens(ctx: Ctx) {
  const accessToken = `kat-${randomString(40)}`;
  const refreshToken = `krt-${randomString(40)}`;
  const now = ctx.now();
  return {
    accessToken,
    refreshToken,
    accessHash: await sha256Hex(accessToken),
    refreshHash: await sha256Hex(refreshToken),
    accessExpiresAt: now + ACCESS_TTL_MS,
    refreshExpiresAt: now + REFRESH_TTL_MS,
  };
}

async function firstWorkspaceOf(ctx: Ctx, accountId: string): Promise<string | null> {
  const row = await ctx.db
    .select({ workspaceId: members.workspaceId })
    .from(members)
    .where(eq(members.accountId, accountId))
    .orderBy(asc(members.createdAt))
    .get();
  return row?.workspaceId ?? null;
}

export async function startSession(
  ctx: Ctx,
  accountId: string,
  workspaceId: string | null,
  meta: SessionMeta,
): Promise<IssuedTokens> {
  const t = await newTokens(ctx);
  const id = ctx.newId();
  const now = ctx.now();
  await ctx.db.batch([
    ctx.db.insert(sessions).values({
      id,
      accountId,
      workspaceId: workspaceId ?? (await firstWorkspaceOf(ctx, accountId)),
      accessHash: t.accessHash,
      refreshHash: t.refreshHash,
      accessExpiresAt: t.accessExpiresAt,
      refreshExpiresAt: t.refreshExpiresAt,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip ?? null,
      lastSeenAt: now,
      createdAt: now,
    }),
    ctx.db.update(accounts).set({ lastLoginAt: now, lastActiveAt: now }).where(eq(accounts.id, accountId)),
  ]);
  return { sessionId: id, ...t };
}

export async function login(
  ctx: Ctx,
  input: { email: string; password: string },
  meta: SessionMeta,
): Promise<IssuedTokens> {
  const email = input.email.toLowerCase();
  const now = ctx.now();
  const recent = await ctx.db
    .select({ createdAt: loginFailures.createdAt })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email), gt(loginFailures.createdAt, now - FAILURE_WINDOW_MS)))
    .orderBy(asc(loginFailures.createdAt))
    .all();
  if (recent.length >= MAX_FAILURES) {
    const retryAfter = (recent[0].createdAt + FAILURE_WINDOW_MS - now) / 1000;
    throw RateLimited(retryAfter, "Too many failed sign-in attempts. Please try again later.");
  }
  const account = await ctx.db.select().from(accounts).where(eq(accounts.email, email)).get();
  const ok = account ? await passwordMatches(input.password, account.passwordHash, account.passwordSalt) : false;
  if (!account || !ok) {
    await ctx.db.insert(loginFailures).values({ id: ctx.newId(), email, createdAt: now });
    throw authFailed();
  }
  if (account.status !== "active") throw Forbidden("This account has been disabled.");
  const workspaceId = await firstWorkspaceOf(ctx, account.id);
  if (!workspaceId) throw Forbidden("You are not a member of any workspace. Ask an admin to invite you.");
  await ctx.db.delete(loginFailures).where(eq(loginFailures.email, email));
  return startSession(ctx, account.id, workspaceId, meta);
}

export async function authenticate(ctx: Ctx, accessToken: string): Promise<AuthenticatedSession> {
  const hash = await sha256Hex(accessToken);
  const now = ctx.now();
  const cached = getCachedSession(hash, now);
  if (cached) return cached;
  const row = await ctx.db
    .select({
      sessionId: sessions.id,
      workspaceId: sessions.workspaceId,
      accessExpiresAt: sessions.accessExpiresAt,
      lastSeenAt: sessions.lastSeenAt,
      account: accounts,
      role: members.role,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .leftJoin(members, and(eq(members.workspaceId, sessions.workspaceId), eq(members.accountId, sessions.accountId)))
    .where(eq(sessions.accessHash, hash))
    .get();
  if (!row || row.accessExpiresAt <= now || row.account.status !== "active") {
    throw Unauthorized("Your session has expired or was revoked. Please sign in again.");
  }
  const accountId = row.account.id;
  let workspace = row.workspaceId && row.role ? { id: row.workspaceId, role: row.role } : null;
  if (!workspace) {
    // Removed from the session's workspace: fall back to another membership, if any.
    const fallback = await ctx.db
      .select({ id: members.workspaceId, role: members.role })
      .from(members)
      .where(eq(members.accountId, accountId))
      .orderBy(asc(members.createdAt))
      .get();
    workspace = fallback ?? null;
    await ctx.db
      .update(sessions)
      .set({ workspaceId: workspace?.id ?? null })
      .where(eq(sessions.id, row.sessionId));
  }
  if (now - row.lastSeenAt > 60_000) {
    ctx.waitUntil(
      ctx.db.batch([
        ctx.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId)),
        ctx.db.update(accounts).set({ lastActiveAt: now }).where(eq(accounts.id, accountId)),
      ]),
    );
  }
  const session: AuthenticatedSession = {
    sessionId: row.sessionId,
    accountId,
    email: row.account.email,
    name: row.account.name,
    workspace,
    account: row.account,
  };
  cacheSession(hash, session, row.accessExpiresAt, now);
  return session;
}

/**
 * Exchanges a refresh token for new tokens; the old pair stops working (rotation). The token just
 * replaced stays good for REFRESH_GRACE_MS so a refresh whose answer never reached the browser (a
 * navigation aborted it, two tabs raced) does not sign the user out; it rotates again.
 */
export async function refreshSession(ctx: Ctx, refreshToken: string): Promise<IssuedTokens> {
  const hash = await sha256Hex(refreshToken);
  const now = ctx.now();
  const row = await ctx.db
    .select()
    .from(sessions)
    .where(
      or(
        eq(sessions.refreshHash, hash),
        and(eq(sessions.previousRefreshHash, hash), gt(sessions.rotatedAt, now - REFRESH_GRACE_MS)),
      ),
    )
    .get();
  if (!row || row.refreshExpiresAt <= now) throw Unauthorized("Your session has expired. Please sign in again.");
  const t = await newTokens(ctx);
  const updated = await ctx.db
    .update(sessions)
    .set({
      accessHash: t.accessHash,
      refreshHash: t.refreshHash,
      previousRefreshHash: row.refreshHash,
      rotatedAt: now,
      accessExpiresAt: t.accessExpiresAt,
      refreshExpiresAt: t.refreshExpiresAt,
      lastSeenAt: now,
    })
    .where(and(eq(sessions.id, row.id), eq(sessions.refreshHash, row.refreshHash)))
    .returning({ id: sessions.id })
    .all();
  if (updated.length !== 1) throw Unauthorized("Your session has expired. Please sign in again.");
  forgetSessions({ sessionId: row.id });
  return { sessionId: row.id, ...t };
}

export async function listSessions(ctx: Ctx, accountId: string) {
  return ctx.db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(and(eq(sessions.accountId, accountId), gt(sessions.refreshExpiresAt, ctx.now())))
    .orderBy(sql`${sessions.lastSeenAt} desc`)
    .all();
}

/** Revokes one of the account's own sessions; another account's session id is "not found". */
export async function revokeSession(ctx: Ctx, accountId: string, sessionId: string): Promise<void> {
  const deleted = await ctx.db
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.accountId, accountId)))
    .returning({ id: sessions.id })
    .all();
  if (deleted.length === 0) throw NotFound("Session");
  forgetSessions({ sessionId });
}

export async function setSessionWorkspace(ctx: Ctx, sessionId: string, workspaceId: string): Promise<void> {
  await ctx.db.update(sessions).set({ workspaceId }).where(eq(sessions.id, sessionId));
  forgetSessions({ sessionId });
}

/** Cron housekeeping: drop expired sessions and stale failure records. */
export async function purgeExpiredAuthRecords(ctx: Ctx): Promise<void> {
  const now = ctx.now();
  await ctx.db.batch([
    ctx.db.delete(sessions).where(lt(sessions.refreshExpiresAt, now)),
    ctx.db.delete(loginFailures).where(lt(loginFailures.createdAt, now - FAILURE_WINDOW_MS)),
  ]);
}
