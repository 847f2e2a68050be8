// Fine-tune jobs as members see and start them. Starting validates the file before anything is
// dispatched, records the job (`pending`, with its idempotency key) and hands it to
// FINETUNE_QUEUE; dispatch.ts and poll.ts take it from there.
import { and, desc, eq, sql } from "drizzle-orm";
import type { TenantCtx, WorkspaceCtx } from "../context";
import { finetuneJobEvents, finetuneJobs, finetuneSets } from "../db/schema";
import { NotFound } from "../lib/errors";
import { loadSetLines } from "./examples";
import { getExport, readExportFile, writeExport } from "./exports";
import { assertTrainable, parseJsonl } from "./jsonl";
import { assertFineTunable } from "./providers";
import { getSet } from "./sets";

export type JobRow = typeof finetuneJobs.$inferSelect;

export const TERMINAL = new Set<JobRow["status"]>(["succeeded", "failed", "cancelled"]);

const sec = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));

export function jobView(j: JobRow, setName: string | null = null) {
  return {
    id: j.id,
    set_id: j.setId,
    set_name: setName,
    export_version: j.exportVersion,
    provider: j.provider,
    base_model: j.baseModel,
    n_epochs: j.nEpochs,
    suffix: j.suffix,
    status: j.status,
    provider_job_id: j.providerJobId,
    fine_tuned_model: j.fineTunedModel,
    /** The `provider:model` name apps use, once registered. */
    model_name: j.fineTunedModel && j.isModelRegistered ? `${j.provider}:${j.fineTunedModel}` : null,
    is_model_registered: j.isModelRegistered,
    trained_tokens: j.trainedTokens,
    step: j.step,
    total_steps: j.totalSteps,
    error: j.error,
    attempts: j.attempts,
    created_at: sec(j.createdAt) ?? 0,
    updated_at: sec(j.updatedAt) ?? 0,
    finished_at: sec(j.finishedAt),
  };
}

export async function getJobRow(ctx: TenantCtx, jobId: string): Promise<JobRow> {
  const row = await ctx.db
    .select()
    .from(finetuneJobs)
    .where(and(eq(finetuneJobs.id, jobId), eq(finetuneJobs.workspaceId, ctx.workspace.id)))
    .get();
  if (!row) throw NotFound("Fine-tune job");
  return row;
}

export interface StartJobInput {
  set_id: string;
  version?: number | null;
  provider: string;
  base_model: string;
  n_epochs?: number | null;
  suffix?: string | null;
}

export async function startJob(ctx: WorkspaceCtx, input: StartJobInput) {
  const set = await getSet(ctx, input.set_id);
  await assertFineTunable(ctx, input.provider, input.base_model);
  let exported = input.version ? await getExport(ctx, set.id, input.version) : null;
  if (exported) {
    const validation = await readExportFile(ctx, exported, "validation");
    assertTrainable(
      parseJsonl((await readExportFile(ctx, exported, "train")) ?? "", "training"),
      validation ? parseJsonl(validation, "validation") : [],
      input.base_model,
    );
  } else {
    const lines = await loadSetLines(ctx, set);
    assertTrainable(lines.train, lines.validation, input.base_model);
    exported = await writeExport(ctx, set, lines);
  }
  const id = ctx.newId();
  const now = ctx.now();
  const [row] = await ctx.db
    .insert(finetuneJobs)
    .values({
      id,
      workspaceId: ctx.workspace.id,
      setId: set.id,
      exportId: exported.id,
      exportVersion: exported.version,
      provider: input.provider,
      baseModel: input.base_model,
      nEpochs: input.n_epochs ?? null,
      suffix: input.suffix || null,
      idempotencyKey: `kiln-ft-${id}`,
      createdBy: ctx.actor.accountId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  // If the send fails the job stays `pending` and the cron trigger dispatches it later.
  await ctx.env.FINETUNE_QUEUE.send({ type: "finetune.dispatch", workspaceId: ctx.workspace.id, jobId: id }).catch((e) =>
    ctx.log.error("fine-tune dispatch not queued; the cron trigger will retry", { jobId: id, error: String(e) }),
  );
  return jobView(row, set.name);
}

export async function listJobs(ctx: WorkspaceCtx, filter: { setId?: string }) {
  const rows = await ctx.db
    .select({ job: finetuneJobs, setName: finetuneSets.name })
    .from(finetuneJobs)
    .leftJoin(finetuneSets, eq(finetuneSets.id, finetuneJobs.setId))
    .where(and(eq(finetuneJobs.workspaceId, ctx.workspace.id), filter.setId ? eq(finetuneJobs.setId, filter.setId) : undefined))
    .orderBy(desc(finetuneJobs.createdAt))
    .limit(100)
    .all();
  return rows.map((r) => jobView(r.job, r.setName));
}

export async function jobDetail(ctx: WorkspaceCtx, jobId: string) {
  const job = await getJobRow(ctx, jobId);
  const [set, events] = await Promise.all([
    ctx.db.select({ name: finetuneSets.name }).from(finetuneSets).where(eq(finetuneSets.id, job.setId)).get(),
    ctx.db
      .select()
      .from(finetuneJobEvents)
      .where(eq(finetuneJobEvents.jobId, job.id))
      // The newest 1,000; events of one second keep the provider's order (inserted oldest first).
      .orderBy(desc(finetuneJobEvents.createdAt), sql`rowid DESC`)
      .limit(1000)
      .all()
      .then((rows) => rows.reverse()),
  ]);
  return {
    ...jobView(job, set?.name ?? null),
    events: events.map((e) => ({
      id: e.providerEventId,
      created_at: Math.floor(e.createdAt / 1000),
      level: e.level,
      type: e.type,
      message: e.message,
      data: e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null,
    })),
  };
}
