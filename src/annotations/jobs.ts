// Enabling and disabling annotation reply as Dify's async jobs ({job_id, job_status} and a status
// endpoint), kept as rows instead of Redis keys. The work runs in the request: a small app's job
// answers `completed` at once; one that takes longer answers `processing` and finishes under
// waitUntil, and its status endpoint tells when.
import { and, desc, eq, gt, inArray } from "drizzle-orm";
import { kilnProviderName } from "../apps/dsl";
import type { TenantCtx } from "../context";
import { type AnnotationJobAction, type AnnotationJobStatus, appAnnotationJobs, appAnnotationSettings, messageAnnotations } from "../db/schema";
import { Invalid } from "../lib/errors";
import { assertModelExists, type ModelRef, resolveDefaultModel } from "../models/registry";
import { forgetSetting, loadSetting } from "./settings";
import { embedAnnotations, storeAnnotationVectors, unindexAnnotations } from "./vectors";

const INLINE_WAIT_MS = 15_000;
/** Dify's job keys live 600 s; a job still "processing" after that was lost with its isolate. */
const STALE_MS = 600_000;

export interface JobStarted {
  job_id: string;
  job_status: AnnotationJobStatus;
  /** Only when the job failed before answering (Kiln: Dify tells it through the status endpoint only). */
  error_msg?: string;
}

async function setStatus(ctx: TenantCtx, jobId: string, status: AnnotationJobStatus, errorMsg = "") {
  await ctx.db.update(appAnnotationJobs).set({ status, errorMsg, updatedAt: ctx.now() }).where(eq(appAnnotationJobs.id, jobId));
}

/** Records a job and runs `work`; waits for it up to INLINE_WAIT_MS, then lets it finish in the background. */
export async function runJob(ctx: TenantCtx, appId: string, action: AnnotationJobAction, work: () => Promise<void>): Promise<JobStarted> {
  const now = ctx.now();
  // As Dify: while one enable (or disable) of this app runs, asking again answers that job.
  const running =
    action !== "import" &&
    (await ctx.db
    .select({ id: appAnnotationJobs.id })
    .from(appAnnotationJobs)
    .where(
      and(
        eq(appAnnotationJobs.appId, appId),
        eq(appAnnotationJobs.action, action),
        inArray(appAnnotationJobs.status, ["waiting", "processing"]),
        gt(appAnnotationJobs.updatedAt, now - STALE_MS),
      ),
    )
    .get());
  if (running) return { job_id: running.id, job_status: "processing" };
  const jobId = ctx.newId();
  await ctx.db
    .insert(appAnnotationJobs)
    .values({ id: jobId, workspaceId: ctx.workspace.id, appId, action, status: "processing", createdAt: now, updatedAt: now });
  const done = work().then(
    async (): Promise<JobStarted> => {
      await setStatus(ctx, jobId, "completed");
      return { job_id: jobId, job_status: "completed" };
    },
    async (err: unknown): Promise<JobStarted> => {
      const message = err instanceof Error ? err.message : String(err);
      ctx.log.warn("annotation job failed", { appId, action, jobId, error: message });
      await setStatus(ctx, jobId, "error", message);
      return { job_id: jobId, job_status: "error", error_msg: message };
    },
  );
  let timer: ReturnType<typeof setTimeout> = 0;
  const waited = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), INLINE_WAIT_MS);
  });
  const finished = await Promise.race([done, waited]);
  clearTimeout(timer);
  if (finished) return finished;
  ctx.waitUntil(done);
  return { job_id: jobId, job_status: "processing" };
}

/** Dify's job status answer; an unknown job is its ValueError (400). */
export async function getJob(ctx: TenantCtx, appId: string, action: string, jobId: string) {
  const job = await ctx.db
    .select()
    .from(appAnnotationJobs)
    .where(and(eq(appAnnotationJobs.id, jobId), eq(appAnnotationJobs.appId, appId), eq(appAnnotationJobs.workspaceId, ctx.workspace.id)))
    .orderBy(desc(appAnnotationJobs.createdAt))
    .get();
  if (!job || job.action !== action) throw Invalid("The job does not exist.");
  return { job_id: job.id, job_status: job.status, error_msg: job.status === "error" ? job.errorMsg : "" };
}

export interface EnableInput {
  score_threshold: number;
  embedding_provider_name?: string | null;
  embedding_model_name?: string | null;
}

/** The embedding model named, or the workspace default; refused (400) unless the workspace has it. */
async function embeddingModelOf(ctx: TenantCtx, input: EnableInput): Promise<ModelRef> {
  const ref =
    input.embedding_provider_name && input.embedding_model_name
      ? { provider: kilnProviderName(input.embedding_provider_name), model: input.embedding_model_name }
      : await resolveDefaultModel(ctx, "text-embedding");
  await assertModelExists(ctx, { provider: ref.provider, model: ref.model }, "text-embedding");
  return { provider: ref.provider, model: ref.model };
}

/** Dify's enable_annotation_reply_task: embeds every annotation, then saves the setting. */
export async function enableAnnotationReply(ctx: TenantCtx, appId: string, input: EnableInput, accountId: string | null) {
  const ref = await embeddingModelOf(ctx, input);
  return runJob(ctx, appId, "enable", async () => {
    const rows = await ctx.db
      .select({
        id: messageAnnotations.id,
        question: messageAnnotations.question,
        content: messageAnnotations.content,
        accountId: messageAnnotations.accountId,
      })
      .from(messageAnnotations)
      .where(and(eq(messageAnnotations.appId, appId), eq(messageAnnotations.workspaceId, ctx.workspace.id)))
      .all();
    // Vectors are written by annotation id, so re-enabling with another model replaces them all.
    if (rows.length) await storeAnnotationVectors(ctx, appId, rows, await embedAnnotations(ctx, ref, rows));
    const now = ctx.now();
    const existing = await loadSetting(ctx, appId);
    await ctx.db
      .insert(appAnnotationSettings)
      .values({
        id: existing?.id ?? ctx.newId(),
        workspaceId: ctx.workspace.id,
        appId,
        scoreThreshold: input.score_threshold,
        embeddingProvider: ref.provider,
        embeddingModel: ref.model,
        createdBy: accountId,
        updatedBy: accountId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: appAnnotationSettings.appId,
        set: { scoreThreshold: input.score_threshold, embeddingProvider: ref.provider, embeddingModel: ref.model, updatedBy: accountId, updatedAt: now },
      });
    forgetSetting(appId);
  });
}

/** Dify's disable_annotation_reply_task: the setting goes first (runs stop matching), then the index. */
export async function disableAnnotationReply(ctx: TenantCtx, appId: string) {
  return runJob(ctx, appId, "disable", async () => {
    await ctx.db
      .delete(appAnnotationSettings)
      .where(and(eq(appAnnotationSettings.appId, appId), eq(appAnnotationSettings.workspaceId, ctx.workspace.id)));
    forgetSetting(appId);
    const rows = await ctx.db.select({ id: messageAnnotations.id }).from(messageAnnotations).where(eq(messageAnnotations.appId, appId)).all();
    await unindexAnnotations(
      ctx,
      rows.map((r) => r.id),
    );
  });
}

/** Dify's POST annotation-reply/{action}: `enable` or `disable`, anything else its ValueError. */
export function annotationReplyAction(ctx: TenantCtx, appId: string, action: string, input: EnableInput, accountId: string | null) {
  if (action === "enable") return enableAnnotationReply(ctx, appId, input, accountId);
  if (action === "disable") return disableAnnotationReply(ctx, appId);
  throw Invalid("Unsupported annotation reply action", ["action"]);
}
