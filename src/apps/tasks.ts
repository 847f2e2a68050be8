// Running generations by task id, so `/…/:task_id/stop` can abort one. A stop that reaches the
// isolate running the task aborts it within STOP_POLL_MS; a stop that lands elsewhere is written
// to D1 and the running task notices it on its next check.
import { eq, lt } from "drizzle-orm";
import type { Ctx } from "../context";
import { taskStops } from "../db/schema";

interface RunningTask {
  controller: AbortController;
  ownerId: string;
  stopRequested: boolean;
  poll: ReturnType<typeof setInterval> | null;
}

const running = new Map<string, RunningTask>();

// Workers refuse to touch one request's I/O from another request's handler, and aborting a
// provider call cancels its response stream. So a stop request only raises a flag; a timer
// created here, in the running request's own context, does the abort.
const STOP_POLL_MS = 100;

export function registerTask(taskId: string, ownerId: string): AbortController {
  const controller = new AbortController();
  const task: RunningTask = { controller, ownerId, stopRequested: false, poll: null };
  task.poll = setInterval(() => {
    if (task.stopRequested && !controller.signal.aborted) controller.abort(new DOMException("stopped by user", "AbortError"));
    if (controller.signal.aborted) clearInterval(task.poll);
  }, STOP_POLL_MS);
  running.set(taskId, task);
  return controller;
}

export function unregisterTask(taskId: string) {
  clearInterval(running.get(taskId)?.poll ?? null);
  running.delete(taskId);
}

/** Stops a task if `ownerId` started it; unknown tasks are ignored, as in Dify. */
export async function stopTask(ctx: Ctx, taskId: string, ownerId: string): Promise<void> {
  const local = running.get(taskId);
  if (local) {
    if (local.ownerId === ownerId) local.stopRequested = true;
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
