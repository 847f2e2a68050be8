// The Worker's entry points: fetch (the Hono app), queue (dispatch by message type) and
// scheduled (workflow schedules; housekeeping: expired sessions, fine-tune jobs, abandoned runs).
// Thin by design: everything lives in src/.
import { createApp } from "../src/app";
import { purgeExpiredAuthRecords } from "../src/auth/sessions";
import { createCtx } from "../src/context";
import type { Bindings } from "../src/env";
import { sweepFinetuneJobs } from "../src/finetune/poll";
import { consumeBatch } from "../src/queues/consume";
import { expireForms } from "../src/workflow/human-input-forms";
import { sweepAbandonedRuns } from "../src/workflow/runs";
import { runDueSchedules } from "../src/workflow/triggers";

const app = createApp();

export default {
  fetch: app.fetch,

  async queue(batch: MessageBatch<unknown>, env: Bindings, execCtx: ExecutionContext): Promise<void> {
    await consumeBatch(createCtx(env, { waitUntil: (p) => execCtx.waitUntil(p) }), batch);
  },

  async scheduled(controller: ScheduledController, env: Bindings, execCtx: ExecutionContext): Promise<void> {
    const ctx = createCtx(env, { waitUntil: (p) => execCtx.waitUntil(p) });
    await runDueSchedules(ctx);
    // Human Input forms past their time: their runs go on by the timeout branch (or, a week
    // after the form was made, are stopped: Dify's global timeout).
    await expireForms(ctx);
    // Housekeeping every fifth minute (the cron fires every minute for workflow schedules).
    if (new Date(controller.scheduledTime).getUTCMinutes() % 5 === 0) {
      await purgeExpiredAuthRecords(ctx);
      await sweepFinetuneJobs(ctx);
      await sweepAbandonedRuns(ctx);
    }
  },
} satisfies ExportedHandler<Bindings>;
