// Queue consumption: every message of a batch is parsed against the one message union and handled
// concurrently; a failure retries that message alone with exponential backoff, and a message on a
// dead-letter queue records the final failure.
import type { Ctx } from "../context";
import { dispatchJob, failDispatch } from "../finetune/dispatch";
import { notePollFailure, pollFromQueue } from "../finetune/poll";
import { failDocuments, indexMessage } from "../knowledge/ingest";
import { runResumeMessage } from "../workflow/human-input-forms";
import { noteTriggerFailure, runTriggerMessage } from "../workflow/triggers";
import { type QueueMessage, queueMessage } from "./messages";

/** Exponential retry delay: 2 s, 4 s, 8 s… capped at 5 minutes. */
export const retryDelay = (attempts: number) => Math.min(300, 2 ** Math.max(1, attempts));

async function handle(ctx: Ctx, queue: string, message: Message<unknown>, body: QueueMessage): Promise<void> {
  const deadLetter = queue.endsWith("-dlq");
  switch (body.type) {
    case "health.ping":
      return;
    case "knowledge.index":
      if (deadLetter) {
        await failDocuments(ctx, body);
        return;
      }
      for (const { documentId, outcome } of await indexMessage(ctx, body)) {
        ctx.log.info("document indexed", { documentId, outcome, attempts: message.attempts });
      }
      return;
    case "finetune.dispatch":
      if (deadLetter) {
        await failDispatch(ctx, body);
        return;
      }
      ctx.log.info("fine-tune dispatched", { jobId: body.jobId, outcome: await dispatchJob(ctx, body), attempts: message.attempts });
      return;
    case "finetune.poll":
      if (deadLetter) {
        await notePollFailure(ctx, body);
        return;
      }
      await pollFromQueue(ctx, body);
      return;
    case "workflow.trigger":
      if (deadLetter) {
        await noteTriggerFailure(ctx, body);
        return;
      }
      ctx.log.info("trigger run", { appId: body.appId, source: body.source, runId: body.runId, outcome: await runTriggerMessage(ctx, body) });
      return;
    case "workflow.resume":
      // After the last retry the run stays paused; its form can time out or be answered again.
      if (deadLetter) {
        ctx.log.error("paused run could not be resumed", { appId: body.appId, runId: body.runId });
        return;
      }
      ctx.log.info("resumed run", { appId: body.appId, runId: body.runId, outcome: await runResumeMessage(ctx, body) });
      return;
  }
}

export async function consumeBatch(ctx: Ctx, batch: MessageBatch<unknown>): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = queueMessage.safeParse(message.body);
      if (!parsed.success) {
        // A message no version of Kiln can read would only loop: record it and drop it.
        ctx.log.error("unreadable queue message", { queue: batch.queue, id: message.id });
        message.ack();
        return;
      }
      try {
        await handle(ctx, batch.queue, message, parsed.data);
        message.ack();
      } catch (e) {
        ctx.log.warn("queue message failed; will retry", {
          queue: batch.queue,
          type: parsed.data.type,
          attempts: message.attempts,
          error: e instanceof Error ? e.message : String(e),
        });
        message.retry({ delaySeconds: retryDelay(message.attempts) });
      }
    }),
  );
}
