// The FINETUNE_QUEUE consumer's first step: upload the exported files and create the provider job.
// Every step records what it obtained (file ids, provider job id) before the next, and a job the
// provider already has is found by its metadata, so a retried or crashed consumer never creates
// a second one. Failures are retried by the queue; the dead-letter queue marks the job failed.
import { and, eq } from "drizzle-orm";
import { type Ctx, forTenant, type TenantCtx } from "../context";
import { finetuneExports, finetuneJobs } from "../db/schema";
import { KilnError } from "../lib/errors";
import type { FinetuneDispatchMessage } from "../queues/messages";
import { readExportFile } from "./exports";
import type { JobRow } from "./jobs";
import { recordProviderJob, schedulePoll } from "./poll";
import { cancelProviderJob, createProviderJob, findProviderJob, openEndpoint, uploadTrainingFile } from "./provider-client";

type Fault = (jobId: string) => void | Promise<void>;
/** Test hooks: a crash right after the provider created the job, before Kiln recorded it. */
export const finetuneFaults: { afterProviderJob?: Fault } = {};

async function findJob(ctx: TenantCtx, jobId: string): Promise<JobRow | undefined> {
  return ctx.db
    .select()
    .from(finetuneJobs)
    .where(and(eq(finetuneJobs.id, jobId), eq(finetuneJobs.workspaceId, ctx.workspace.id)))
    .get();
}

async function update(ctx: TenantCtx, jobId: string, fields: Partial<JobRow>) {
  await ctx.db
    .update(finetuneJobs)
    .set({ ...fields, updatedAt: ctx.now() })
    .where(eq(finetuneJobs.id, jobId));
}

async function fail(ctx: TenantCtx, jobId: string, error: string) {
  await update(ctx, jobId, { status: "failed", error, finishedAt: ctx.now() });
}

/** Failures no retry can fix: the provider or the exported files are gone. */
const isPermanent = (e: unknown) => e instanceof KilnError && (e.code === "provider_not_initialize" || e.code === "not_found");

export async function dispatchJob(ctx: Ctx, msg: FinetuneDispatchMessage): Promise<"dispatched" | "skipped" | "failed"> {
  const tctx = forTenant(ctx, msg.workspaceId);
  const job = await findJob(tctx, msg.jobId);
  if (job?.status !== "pending") return "skipped";
  await update(tctx, job.id, { attempts: job.attempts + 1 });
  try {
    const ep = await openEndpoint(tctx, job.provider);
    const exported = await tctx.db.select().from(finetuneExports).where(eq(finetuneExports.id, job.exportId)).get();
    if (!exported) throw new KilnError("not_found", 404, "The exported training file was deleted with its training set.");
    let { trainingFileId, validationFileId, providerJobId } = job;
    const upload = async (split: "train" | "validation") => {
      const text = await readExportFile(tctx, exported, split);
      return text === null ? null : uploadTrainingFile(ep, `kiln-${job.id}${split === "train" ? "" : "-validation"}.jsonl`, text);
    };
    if (!trainingFileId) {
      trainingFileId = await upload("train");
      await update(tctx, job.id, { trainingFileId });
    }
    if (!validationFileId && exported.validationKey) {
      validationFileId = await upload("validation");
      await update(tctx, job.id, { validationFileId });
    }
    if (!providerJobId) {
      // A server without the metadata filter answers with an error or other jobs: then create.
      const earlier = await findProviderJob(ep, job.id).catch(() => null);
      const created =
        earlier ??
        (await createProviderJob(ep, {
          model: job.baseModel,
          training_file: trainingFileId ?? "",
          validation_file: validationFileId,
          suffix: job.suffix,
          n_epochs: job.nEpochs,
          kilnJobId: job.id,
          idempotencyKey: job.idempotencyKey,
        }));
      await finetuneFaults.afterProviderJob?.(job.id);
      providerJobId = created.id;
      // Only a still-pending job takes the provider's status: a cancel may have landed meanwhile.
      await tctx.db
        .update(finetuneJobs)
        .set({ providerJobId, error: null, updatedAt: ctx.now() })
        .where(eq(finetuneJobs.id, job.id));
      await recordProviderJob(tctx, { ...job, providerJobId }, created, [], { onlyIfPending: true });
    }
    const now = await findJob(tctx, job.id);
    if (now?.status === "cancelled") {
      await cancelProviderJob(ep, providerJobId).catch((e) => ctx.log.warn("provider cancel after dispatch failed", { jobId: job.id, error: String(e) }));
      return "dispatched";
    }
    await schedulePoll(ctx, msg.workspaceId, job.id, 0);
    return "dispatched";
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    if (isPermanent(e)) {
      await fail(tctx, job.id, reason);
      return "failed";
    }
    // Recorded while the queue retries, so the job page shows why it is not started yet (unless
    // the dead-letter queue or a cancel settled the job meanwhile).
    await tctx.db
      .update(finetuneJobs)
      .set({ error: reason, updatedAt: ctx.now() })
      .where(and(eq(finetuneJobs.id, job.id), eq(finetuneJobs.status, "pending")));
    throw e;
  }
}

/** The dead-letter queue's verdict: the job could not be started; keep the provider's message. */
export async function failDispatch(ctx: Ctx, msg: FinetuneDispatchMessage): Promise<void> {
  const tctx = forTenant(ctx, msg.workspaceId);
  const job = await findJob(tctx, msg.jobId);
  if (job?.status !== "pending") return;
  await fail(tctx, job.id, `Could not start the fine-tune after ${job.attempts} attempt${job.attempts === 1 ? "" : "s"}: ${job.error ?? "unknown error"}`);
}
