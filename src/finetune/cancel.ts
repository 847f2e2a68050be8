// Cancelling a fine-tune: the provider is told first (when it has the job), then the job is
// marked cancelled. A job still waiting in the queue is cancelled here alone; the consumer sees it
// and cancels at the provider if it created the job meanwhile.
import { and, eq, sql } from "drizzle-orm";
import type { WorkspaceCtx } from "../context";
import { finetuneJobs, finetuneSets } from "../db/schema";
import { Conflict } from "../lib/errors";
import { getJobRow, jobView, TERMINAL } from "./jobs";
import { pollJob } from "./poll";
import { cancelProviderJob, openEndpoint } from "./provider-client";

const alreadyOver = (status: string) => Conflict(`The job has already ${status === "cancelled" ? "been cancelled" : status}.`);

export async function cancelJob(ctx: WorkspaceCtx, jobId: string) {
  const job = await getJobRow(ctx, jobId);
  if (TERMINAL.has(job.status)) throw alreadyOver(job.status);
  if (job.providerJobId) {
    const ep = await openEndpoint(ctx, job.provider);
    try {
      await cancelProviderJob(ep, job.providerJobId);
    } catch (e) {
      // The provider refuses to cancel a job that just ended: record how it ended instead.
      const now = await pollJob(ctx, job).catch(() => job);
      if (TERMINAL.has(now.status)) throw alreadyOver(now.status);
      throw e;
    }
    // Its final events ("cancelled") are worth keeping; the verdict below stands either way.
    await pollJob(ctx, job).catch(() => job);
  }
  const [row] = await ctx.db
    .update(finetuneJobs)
    .set({ status: "cancelled", finishedAt: ctx.now(), updatedAt: ctx.now() })
    .where(and(eq(finetuneJobs.id, job.id), sql`${finetuneJobs.status} NOT IN ('succeeded', 'failed')`))
    .returning();
  if (!row) throw alreadyOver((await getJobRow(ctx, jobId)).status);
  const set = await ctx.db.select({ name: finetuneSets.name }).from(finetuneSets).where(eq(finetuneSets.id, row.setId)).get();
  return jobView(row, set?.name ?? null);
}
