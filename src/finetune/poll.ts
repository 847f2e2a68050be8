// Following a job at the provider: status, trained tokens, progress and events (loss), until it
// ends. Polled by delayed FINETUNE_QUEUE messages (1 s, 2 s, 4 s… up to a minute apart) and by
// the cron trigger as a safety net. On success the fine-tuned model joins the provider's model
// list, so it can be picked in any app.
import { and, eq, inArray, sql } from "drizzle-orm";
import { type Ctx, forTenant, type TenantCtx } from "../context";
import { FINETUNE_JOB_STATUSES, type FinetuneJobStatus, finetuneJobEvents, finetuneJobs } from "../db/schema";
import { addProviderModel } from "../models/credentials";
import type { FinetunePollMessage } from "../queues/messages";
import { type JobRow, TERMINAL } from "./jobs";
import { getProviderJob, listProviderEvents, openEndpoint, type ProviderEvent, type ProviderJob } from "./provider-client";

export const pollDelaySeconds = (round: number) => Math.min(60, 2 ** round);

export async function schedulePoll(ctx: Ctx, workspaceId: string, jobId: string, round: number): Promise<void> {
  await ctx.env.FINETUNE_QUEUE.send({ type: "finetune.poll", workspaceId, jobId, round }, { delaySeconds: pollDelaySeconds(round) });
}

/** The provider's status in Kiln's words; a status Kiln does not know (e.g. `paused`) reads as running. */
function statusOf(p: ProviderJob): FinetuneJobStatus {
  const s = p.status as FinetuneJobStatus;
  return FINETUNE_JOB_STATUSES.includes(s) && s !== "pending" ? s : "running";
}

async function saveEvents(ctx: TenantCtx, jobId: string, events: ProviderEvent[]) {
  const rows = [...events].reverse().map((e) => ({
    id: ctx.newId(),
    workspaceId: ctx.workspace.id,
    jobId,
    providerEventId: String(e.id),
    level: e.level ?? "info",
    type: e.type ?? "message",
    message: String(e.message ?? ""),
    data: e.data && Object.keys(e.data).length ? JSON.stringify(e.data) : null,
    createdAt: Number(e.created_at) * 1000,
  }));
  // 9 columns a row: 10 rows stay under D1's 100 bound parameters.
  const inserts = [];
  for (let i = 0; i < rows.length; i += 10) inserts.push(ctx.db.insert(finetuneJobEvents).values(rows.slice(i, i + 10)).onConflictDoNothing());
  if (inserts.length) await ctx.db.batch([inserts[0], ...inserts.slice(1)]);
}

/** Records what the provider says about the job; answers the updated row. */
export async function recordProviderJob(
  ctx: TenantCtx,
  job: JobRow,
  p: ProviderJob,
  events: ProviderEvent[],
  options: { onlyIfPending?: boolean } = {},
): Promise<JobRow | undefined> {
  await saveEvents(ctx, job.id, events);
  const metrics = events.find((e) => e.type === "metrics" && typeof e.data?.step === "number");
  const status = statusOf(p);
  const [row] = await ctx.db
    .update(finetuneJobs)
    .set({
      status,
      fineTunedModel: p.fine_tuned_model ?? job.fineTunedModel,
      trainedTokens: p.trained_tokens ?? job.trainedTokens,
      step: metrics ? Number(metrics.data?.step) : job.step,
      totalSteps: metrics && typeof metrics.data?.total_steps === "number" ? Number(metrics.data.total_steps) : job.totalSteps,
      error: status === "failed" ? (p.error?.message ?? "The provider reported the job failed.") : null,
      finishedAt: TERMINAL.has(status) ? (p.finished_at ? p.finished_at * 1000 : ctx.now()) : null,
      lastPolledAt: ctx.now(),
      updatedAt: ctx.now(),
    })
    .where(
      and(
        eq(finetuneJobs.id, job.id),
        // A job cancelled or finished in Kiln keeps its verdict.
        options.onlyIfPending ? eq(finetuneJobs.status, "pending") : sql`${finetuneJobs.status} NOT IN ('succeeded', 'failed', 'cancelled')`,
      ),
    )
    .returning();
  if (row?.status === "succeeded") return registerModel(ctx, row);
  return row;
}

/** Adds the fine-tuned model to its provider's models, once. */
export async function registerModel(ctx: TenantCtx, job: JobRow): Promise<JobRow> {
  if (job.isModelRegistered || !job.fineTunedModel) return job;
  const added = await addProviderModel(ctx, job.provider, { model: job.fineTunedModel, model_type: "llm" });
  if (!added) {
    ctx.log.warn("fine-tuned model not registered: its provider was removed", { jobId: job.id });
    return job;
  }
  const [row] = await ctx.db.update(finetuneJobs).set({ isModelRegistered: true, updatedAt: ctx.now() }).where(eq(finetuneJobs.id, job.id)).returning();
  return row;
}

/** Reads the job and its newest events from the provider and records them. */
export async function pollJob(ctx: TenantCtx, job: JobRow): Promise<JobRow> {
  if (!job.providerJobId) return job;
  const ep = await openEndpoint(ctx, job.provider);
  const [p, events] = await Promise.all([
    getProviderJob(ep, job.providerJobId),
    // Events are a nicety: a server without them still reports status.
    listProviderEvents(ep, job.providerJobId).catch(() => []),
  ]);
  return (await recordProviderJob(ctx, job, p, events)) ?? job;
}

async function activeJob(ctx: TenantCtx, jobId: string) {
  return ctx.db
    .select()
    .from(finetuneJobs)
    .where(and(eq(finetuneJobs.id, jobId), eq(finetuneJobs.workspaceId, ctx.workspace.id)))
    .get();
}

export async function pollFromQueue(ctx: Ctx, msg: FinetunePollMessage): Promise<void> {
  const tctx = forTenant(ctx, msg.workspaceId);
  const job = await activeJob(tctx, msg.jobId);
  if (!job?.providerJobId || TERMINAL.has(job.status)) return;
  const after = await pollJob(tctx, job);
  if (!TERMINAL.has(after.status)) await schedulePoll(ctx, msg.workspaceId, job.id, msg.round + 1);
}

/** Polling failed through every retry: keep the job (it still trains at the provider); cron polls on. */
export async function notePollFailure(ctx: Ctx, msg: FinetunePollMessage): Promise<void> {
  ctx.log.error("fine-tune polling reached the dead-letter queue; the cron trigger keeps polling", { jobId: msg.jobId });
}

const STALE_POLL_MS = 60_000;
const STALE_PENDING_MS = 10 * 60_000;
const SWEEP_LIMIT = 25;

/** The cron trigger's safety net: poll jobs nobody polled lately, re-dispatch stuck pending jobs, register missed models. */
export async function sweepFinetuneJobs(ctx: Ctx): Promise<void> {
  const now = ctx.now();
  const running = await ctx.db
    .select()
    .from(finetuneJobs)
    .where(
      and(
        inArray(finetuneJobs.status, ["pending", "validating_files", "queued", "running"]),
        sql`${finetuneJobs.providerJobId} IS NOT NULL`,
        sql`coalesce(${finetuneJobs.lastPolledAt}, 0) < ${now - STALE_POLL_MS}`,
      ),
    )
    .limit(SWEEP_LIMIT)
    .all();
  const stuck = await ctx.db
    .select()
    .from(finetuneJobs)
    .where(and(eq(finetuneJobs.status, "pending"), sql`${finetuneJobs.providerJobId} IS NULL`, sql`${finetuneJobs.updatedAt} < ${now - STALE_PENDING_MS}`))
    .limit(SWEEP_LIMIT)
    .all();
  const unregistered = await ctx.db
    .select()
    .from(finetuneJobs)
    .where(and(eq(finetuneJobs.status, "succeeded"), eq(finetuneJobs.isModelRegistered, false)))
    .limit(SWEEP_LIMIT)
    .all();
  const each = async (job: JobRow, work: (tctx: TenantCtx) => Promise<unknown>) => {
    try {
      await work(forTenant(ctx, job.workspaceId));
    } catch (e) {
      ctx.log.warn("fine-tune sweep failed for a job", { jobId: job.id, error: String(e) });
    }
  };
  await Promise.all([
    ...running.map((job) => each(job, (t) => pollJob(t, job))),
    ...stuck.map((job) =>
      each(job, async (t) => {
        await t.db.update(finetuneJobs).set({ updatedAt: now }).where(eq(finetuneJobs.id, job.id));
        await ctx.env.FINETUNE_QUEUE.send({ type: "finetune.dispatch", workspaceId: job.workspaceId, jobId: job.id });
      }),
    ),
    ...unregistered.map((job) => each(job, (t) => registerModel(t, job))),
  ]);
}
