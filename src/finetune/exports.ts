// Export versions: each export writes the set's kept examples as JSONL to R2 — the training file
// at ws/<workspace>/finetune/<set>/<version>.jsonl and the validation split next to it — and
// records the version. Versions are never rewritten, so a job always trains on what it named.
import { and, desc, eq, sql } from "drizzle-orm";
import type { TenantCtx, WorkspaceCtx } from "../context";
import { finetuneExports } from "../db/schema";
import { Conflict, Invalid, NotFound } from "../lib/errors";
import { loadSetLines, type SetLines } from "./examples";
import { lineTokens, toJsonl } from "./jsonl";
import { getSet, type SetRow } from "./sets";

type ExportRow = typeof finetuneExports.$inferSelect;
export type Split = "train" | "validation";

export function exportView(e: ExportRow) {
  return {
    id: e.id,
    version: e.version,
    train_count: e.trainCount,
    validation_count: e.validationCount,
    train_tokens: e.trainTokens,
    train_file: e.trainKey,
    validation_file: e.validationKey,
    created_at: Math.floor(e.createdAt / 1000),
  };
}

export const exportKey = (workspaceId: string, setId: string, version: number, split: Split) =>
  `ws/${workspaceId}/finetune/${setId}/${version}${split === "train" ? "" : ".validation"}.jsonl`;

/** Writes `lines` as the set's next version. */
export async function writeExport(ctx: WorkspaceCtx, set: SetRow, lines: SetLines): Promise<ExportRow> {
  if (lines.train.length === 0) throw Invalid("The training set has no examples to export: build it from your logs first.", ["examples"]);
  const last = await ctx.db
    .select({ v: sql<number>`coalesce(max(${finetuneExports.version}), 0)` })
    .from(finetuneExports)
    .where(eq(finetuneExports.setId, set.id))
    .get();
  const version = (last?.v ?? 0) + 1;
  const trainKey = exportKey(ctx.workspace.id, set.id, version, "train");
  const validationKey = lines.validation.length ? exportKey(ctx.workspace.id, set.id, version, "validation") : null;
  // The row first: the unique (set, version) index decides a race before any file is written.
  let row: ExportRow;
  try {
    [row] = await ctx.db
      .insert(finetuneExports)
      .values({
        id: ctx.newId(),
        workspaceId: ctx.workspace.id,
        setId: set.id,
        version,
        trainKey,
        validationKey,
        trainCount: lines.train.length,
        validationCount: lines.validation.length,
        trainTokens: lines.train.reduce((n, l) => n + lineTokens(l.line), 0),
        createdBy: ctx.actor.accountId,
        createdAt: ctx.now(),
      })
      .returning();
  } catch (e) {
    if (String(e).includes("UNIQUE")) throw Conflict("Another export of this set is running; try again.");
    throw e;
  }
  try {
    const meta = { httpMetadata: { contentType: "application/jsonl" } };
    await ctx.env.FILES.put(trainKey, toJsonl(lines.train.map((l) => l.line)), meta);
    if (validationKey) await ctx.env.FILES.put(validationKey, toJsonl(lines.validation.map((l) => l.line)), meta);
  } catch (e) {
    await ctx.db.delete(finetuneExports).where(eq(finetuneExports.id, row.id));
    throw e;
  }
  return row;
}

export async function exportSet(ctx: WorkspaceCtx, setId: string) {
  const set = await getSet(ctx, setId);
  return exportView(await writeExport(ctx, set, await loadSetLines(ctx, set)));
}

export async function listExports(ctx: WorkspaceCtx, setId: string) {
  const set = await getSet(ctx, setId);
  const rows = await ctx.db
    .select()
    .from(finetuneExports)
    .where(eq(finetuneExports.setId, set.id))
    .orderBy(desc(finetuneExports.version))
    .all();
  return rows.map(exportView);
}

export async function getExport(ctx: TenantCtx, setId: string, version: number): Promise<ExportRow> {
  const row = await ctx.db
    .select()
    .from(finetuneExports)
    .where(and(eq(finetuneExports.setId, setId), eq(finetuneExports.workspaceId, ctx.workspace.id), eq(finetuneExports.version, version)))
    .get();
  if (!row) throw NotFound("Export version");
  return row;
}

/** The text of one exported file; null for a version without a validation split. */
export async function readExportFile(ctx: TenantCtx, row: ExportRow, split: Split): Promise<string | null> {
  const key = split === "train" ? row.trainKey : row.validationKey;
  if (!key) return null;
  const object = await ctx.env.FILES.get(key);
  if (!object) throw NotFound("Export file");
  return object.text();
}

export async function downloadExport(ctx: WorkspaceCtx, setId: string, version: number, split: Split) {
  const set = await getSet(ctx, setId);
  const text = await readExportFile(ctx, await getExport(ctx, set.id, version), split);
  if (text === null) throw NotFound("Validation file");
  return { text, filename: `${set.name.replace(/[^\w.-]+/g, "-")}-v${version}${split === "train" ? "" : "-validation"}.jsonl` };
}
