// The Worker's entry points: fetch (the Hono app), queue (dispatch by message type) and
// scheduled (housekeeping). Thin by design: everything lives in src/.
import { createApp } from "../src/app";
import { purgeExpiredAuthRecords } from "../src/auth/sessions";
import { createCtx } from "../src/context";
import type { Bindings } from "../src/env";
import { failDocument, indexDocument } from "../src/knowledge/ingest";
import { queueMessage } from "../src/queues/messages";

/** Exponential retry delay: 2 s, 4 s, 8 s… capped at 5 minutes. */
const retryDelay = (attempts: number) => Math.min(300, 2 ** Math.max(1, attempts));

const app = createApp();

export default {
  fetch: app.fetch,

  async queue(batch: MessageBatch<unknown>, env: Bindings, execCtx: ExecutionContext): Promise<void> {
    const ctx = createCtx(env, { waitUntil: (p) => execCtx.waitUntil(p) });
    for (const message of batch.messages) {
      const parsed = queueMessage.safeParse(message.body);
      if (!parsed.success) {
        // A message no version of Kiln can read would only loop: record it and drop it.
        ctx.log.error("unreadable queue message", { queue: batch.queue, id: message.id });
        message.ack();
        continue;
      }
      const body = parsed.data;
      switch (body.type) {
        case "health.ping":
          message.ack();
          break;
        case "knowledge.index":
          if (batch.queue.endsWith("-dlq")) {
            await failDocument(ctx, body);
            message.ack();
            break;
          }
          try {
            const outcome = await indexDocument(ctx, body);
            ctx.log.info("document indexed", { documentId: body.documentId, outcome, attempts: message.attempts });
            message.ack();
          } catch (e) {
            ctx.log.warn("indexing failed; will retry", { stack: e instanceof Error ? e.stack : undefined,
              documentId: body.documentId,
              attempts: message.attempts,
              error: e instanceof Error ? e.message : String(e),
            });
            message.retry({ delaySeconds: retryDelay(message.attempts) });
          }
          break;
      }
    }
  },

  async scheduled(_controller: ScheduledController, env: Bindings, execCtx: ExecutionContext): Promise<void> {
    const ctx = createCtx(env, { waitUntil: (p) => execCtx.waitUntil(p) });
    await purgeExpiredAuthRecords(ctx);
  },
} satisfies ExportedHandler<Bindings>;
