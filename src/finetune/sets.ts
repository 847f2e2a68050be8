// Training sets: a name, the filters that pick logged messages, and the validation share. The
// examples themselves are built by build.ts and curated in examples.ts.
import { and, desc, eq, sql } from "drizzle-orm";
import { getApp } from "../apps/apps";
import type { TenantCtx, WorkspaceCtx } from "../context";
import { finetuneExamples, finetuneSets } from "../db/schema";
import { NotFound } from "../lib/errors";
import { parseFilters, type SetFilters } from "./filters";

export type SetRow = typeof finetuneSets.$inferSelect;

const sec = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));

export function setView(row: SetRow, counts: { examples: number; dropped: number }) {
  return {
    id: row.id,
    name: row.name,
    filters: parseFilters(row.filters),
    validation_percent: row.validationPercent,
    examples: counts.examples,
    dropped: counts.dropped,
    built_at: sec(row.builtAt),
    created_at: sec(row.createdAt) ?? 0,
    updated_at: sec(row.updatedAt) ?? 0,
  };
}

export async function getSet(ctx: TenantCtx, setId: string): Promise<SetRow> {
  const row = await ctx.db
    .select()
    .from(finetuneSets)
    .where(and(eq(finetuneSets.id, setId), eq(finetuneSets.workspaceId, ctx.workspace.id)))
    .get();
  if (!row) throw NotFound("Training set");
  return row;
}

const counted = {
  examples: sql<number>`(SELECT count(*) FROM finetune_examples e WHERE e.set_id = ${finetuneSets.id} AND e.is_dropped = 0)`,
  dropped: sql<number>`(SELECT count(*) FROM finetune_examples e WHERE e.set_id = ${finetuneSets.id} AND e.is_dropped = 1)`,
};

export async function listSets(ctx: WorkspaceCtx) {
  const rows = await ctx.db
    .select({ set: finetuneSets, ...counted })
    .from(finetuneSets)
    .where(eq(finetuneSets.workspaceId, ctx.workspace.id))
    .orderBy(desc(finetuneSets.updatedAt))
    .limit(200)
    .all();
  return rows.map((r) => setView(r.set, r));
}

export async function setDetail(ctx: WorkspaceCtx, setId: string) {
  const row = await getSet(ctx, setId);
  const counts = await ctx.db
    .select({
      examples: sql<number>`coalesce(sum(${finetuneExamples.isDropped} = 0), 0)`,
      dropped: sql<number>`coalesce(sum(${finetuneExamples.isDropped} = 1), 0)`,
    })
    .from(finetuneExamples)
    .where(eq(finetuneExamples.setId, row.id))
    .get();
  return setView(row, counts ?? { examples: 0, dropped: 0 });
}

async function assertFilterTargets(ctx: WorkspaceCtx, filters: SetFilters) {
  // An app of another workspace is "not found", never silently an empty set.
  if (filters.app_id) await getApp(ctx, filters.app_id);
}

export interface SetInput {
  name: string;
  filters?: SetFilters;
  validation_percent?: number;
}

export async function createSet(ctx: WorkspaceCtx, input: SetInput) {
  const filters = input.filters ?? {};
  await assertFilterTargets(ctx, filters);
  const now = ctx.now();
  const [row] = await ctx.db
    .insert(finetuneSets)
    .values({
      id: ctx.newId(),
      workspaceId: ctx.workspace.id,
      name: input.name,
      filters: JSON.stringify(filters),
      validationPercent: input.validation_percent ?? 10,
      createdBy: ctx.actor.accountId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return setView(row, { examples: 0, dropped: 0 });
}

export async function updateSet(ctx: WorkspaceCtx, setId: string, input: Partial<SetInput>) {
  const row = await getSet(ctx, setId);
  if (input.filters) await assertFilterTargets(ctx, input.filters);
  await ctx.db
    .update(finetuneSets)
    .set({
      name: input.name ?? row.name,
      filters: input.filters ? JSON.stringify(input.filters) : row.filters,
      validationPercent: input.validation_percent ?? row.validationPercent,
      updatedAt: ctx.now(),
    })
    .where(eq(finetuneSets.id, row.id));
  return setDetail(ctx, row.id);
}

/** Deletes the set, its examples and its export versions (rows and R2 files). Jobs stay. */
export async function deleteSet(ctx: WorkspaceCtx, setId: string) {
  const row = await getSet(ctx, setId);
  await ctx.db.delete(finetuneSets).where(eq(finetuneSets.id, row.id));
  const prefix = `ws/${ctx.workspace.id}/finetune/${row.id}/`;
  for (let cursor: string | undefined, more = true; more; ) {
    const page = await ctx.env.FILES.list({ prefix, cursor });
    if (page.objects.length) await ctx.env.FILES.delete(page.objects.map((o) => o.key));
    more = page.truncated;
    cursor = page.truncated ? page.cursor : undefined;
  }
}
