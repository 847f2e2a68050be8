// Workspaces an account belongs to: list, create, rename, switch.
import { and, asc, eq } from "drizzle-orm";
import type { Ctx, WorkspaceCtx } from "../context";
import { members, workspaces } from "../db/schema";
import type { Role } from "../db/workspaces";
import { NotFound } from "../lib/errors";
import { assertCan } from "./roles";
import { setSessionWorkspace } from "./sessions";

type WorkspaceRow = typeof workspaces.$inferSelect;

export function workspaceView(w: WorkspaceRow, role: Role) {
  return {
    id: w.id,
    name: w.name,
    plan: w.plan,
    status: w.status,
    created_at: Math.floor(w.createdAt / 1000),
    role,
  };
}

export async function listWorkspaces(ctx: Ctx, accountId: string, currentId: string | null) {
  const rows = await ctx.db
    .select({ w: workspaces, role: members.role })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(eq(members.accountId, accountId))
    .orderBy(asc(members.createdAt))
    .all();
  return rows.map(({ w, role }) => ({ ...workspaceView(w, role), current: w.id === currentId }));
}

export async function getCurrentWorkspace(ctx: WorkspaceCtx) {
  const w = await ctx.db.select().from(workspaces).where(eq(workspaces.id, ctx.workspace.id)).get();
  if (!w) throw NotFound("Workspace");
  return workspaceView(w, ctx.workspace.role);
}

export async function createWorkspace(ctx: Ctx, accountId: string, name: string) {
  const now = ctx.now();
  const id = ctx.newId();
  await ctx.db.batch([
    ctx.db.insert(workspaces).values({ id, name, createdAt: now }),
    ctx.db.insert(members).values({ id: ctx.newId(), workspaceId: id, accountId, role: "owner", createdAt: now }),
  ]);
  const w = await ctx.db.select().from(workspaces).where(eq(workspaces.id, id)).get();
  return workspaceView(w!, "owner");
}

export async function renameWorkspace(ctx: WorkspaceCtx, name: string) {
  assertCan(ctx.workspace.role, "admin");
  await ctx.db.update(workspaces).set({ name }).where(eq(workspaces.id, ctx.workspace.id));
  return getCurrentWorkspace(ctx);
}

/** Points the session at another workspace the account belongs to; others are "not found". */
export async function switchWorkspace(ctx: Ctx, accountId: string, sessionId: string, workspaceId: string) {
  const row = await ctx.db
    .select({ w: workspaces, role: members.role })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(and(eq(members.accountId, accountId), eq(members.workspaceId, workspaceId)))
    .get();
  if (!row) throw NotFound("Workspace");
  await setSessionWorkspace(ctx, sessionId, workspaceId);
  return workspaceView(row.w, row.role);
}
