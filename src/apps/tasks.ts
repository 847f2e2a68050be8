// Running generations by task id, so `/…/:task_id/stop` can abort one. A stop that reaches the
// isolate running the task aborts at once; a stop that lands elsewhere is written to D1 and the
// running task notices it on its next check.
import { eq, lt } from "drizzle-orm";
import type { Ctx } from "../context";
import { taskStops } from "../db/schema";

interface RunningTask {
  controller: AbortController;
  ownerId: string;
}

const running = new Map<string, RunningTask>();

export function registerTask(taskId: string, ownerId: string): AbortController {
  const controller = new AbortController();
  running.set(taskId, { controller, ownerId });
  return controller;
}

export function unregisterTask(taskId: string) {
  running.delete(taskId);
}

/** Stops a task if `ownerId` started it; unknown tasks are ignored, as in Dify. */
export async function stopTask(ctx: Ctx, taskId: string, ownerId: string): Promise<void> {
  const local = running.get(taskId);
  if (local) {
    if (local.ownerId === ownerId) local.controller.abort(new DOMException("stopped by user", "AbortError"));
    return;
  }
  await ctx.db.insert(taskStops).values({ taskId: `${taskId}:${ownerId}`, createdAt: ctx.now() }).onConflictDoNothing();
}

export async function isStopRequested(ctx: Ctx, taskId: string, ownerId: string): Promise<boolean> {
  const row = await ctx.db.select().from(taskStops).where(eq(taskStops.taskId, `${taskId}:${ownerId}`)).get();
  return Boolean(row);
}

export async function purgeOldStops(ctx: Ctx) {
  await ctx.db.delete(taskStops).where(lt(taskStops.createdAt, ctx.now() - 60 * 60 * 1000));
}
